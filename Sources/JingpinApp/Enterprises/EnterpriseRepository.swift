import FluentKit
import FluentSQL
import Foundation
import JingpinCore
import SQLKit

/// Reads and writes enterprises and their products. Returns domain records, never models;
/// every write is validated first and audited in the same transaction.
public struct EnterpriseRepository: Sendable {
    let database: DatabaseService
    let reference: ReferenceData

    // MARK: Enterprises

    /// A page of the enterprises the caller may see, filtered and sorted.
    public func list(_ query: EnterpriseQuery, visibility: EnterpriseVisibility) async throws -> Page<EnterpriseRecord> {
        let builder = filtered(query, visibility: visibility)
        let total = try await builder.count()
        let sorted = builder.copy()
        switch query.sort {
        case .name: sorted.sort(\.$name, query.descending ? .descending : .ascending)
        case .creditCode: sorted.sort(\.$creditCode, query.descending ? .descending : .ascending)
        case .regionCode: sorted.sort(\.$regionCode, query.descending ? .descending : .ascending)
        case .createdAt: sorted.sort(\.$createdAt, query.descending ? .descending : .ascending)
        }
        // A unique tie-break keeps pages stable when many rows share a sort value.
        sorted.sort(\.$creditCode)
        let rows = try await sorted.offset(query.page.offset).limit(query.page.perPage).all()
        return Page(items: rows.map(EnterpriseRecord.init), page: query.page.page, perPage: query.page.perPage, total: total)
    }

    /// Every matching enterprise, for exports (in batches, so memory stays flat).
    public func forEach(_ query: EnterpriseQuery, visibility: EnterpriseVisibility,
                        _ body: (EnterpriseRecord) throws -> Void) async throws {
        var offset = 0
        while true {
            let rows = try await filtered(query, visibility: visibility).sort(\.$creditCode).offset(offset).limit(1000).all()
            for r in rows { try body(EnterpriseRecord(r)) }
            if rows.count < 1000 { break }
            offset += rows.count
        }
    }

    func filtered(_ query: EnterpriseQuery, visibility: EnterpriseVisibility) -> QueryBuilder<EnterpriseModel> {
        let b = EnterpriseModel.query(on: database.db)
        switch visibility {
        case .all: break
        case .city(let c): b.filter(\.$cityCode == c.value)
        case .county(let c): b.filter(\.$regionCode == c.value)
        case .enterprise(let id): b.filter(\.$id == id)
        case .nothing: b.filter(\.$id == UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
        }
        if let text = query.text {
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            let contains = "%" + escaped + "%", prefix = escaped.uppercased() + "%"
            b.group(.or) { g in
                g.filter(.sql(embed: "\(ident: "name") LIKE \(bind: contains) ESCAPE '\\'"))
                g.filter(.sql(embed: "\(ident: "credit_code") LIKE \(bind: prefix) ESCAPE '\\'"))
            }
        }
        if let city = query.cityCode { b.filter(\.$cityCode == city) }
        if let county = query.countyCode { b.filter(\.$regionCode == county) }
        if let sector = query.sector { b.filter(\.$sector == sector.rawValue) }
        if let industry = query.industryCode { b.filter(\.$industryCode == industry.uppercased()) }
        return b
    }

    /// One enterprise by id (no scope check: callers check permission on the record).
    public func find(_ id: UUID) async throws -> EnterpriseRecord? {
        try await EnterpriseModel.find(id, on: database.db).map(EnterpriseRecord.init)
    }

    /// Creates an enterprise; a duplicate credit code is a field error and nothing is stored.
    public func create(_ fields: EnterpriseFields, actor: AuditActor, requestID: String) async throws -> EnterpriseRecord {
        try await ensureUnique(fields.creditCode, except: nil)
        let m = EnterpriseModel()
        m.id = UUID()
        apply(fields, to: m)
        m.createdAt = Date()
        m.updatedAt = m.createdAt
        let record = EnterpriseRecord(m)
        try await write {
            try await audited(AuditRecord(actor: actor, action: "enterprise.create", entityType: "enterprise",
                                          entityID: record.id.uuidString, new: record.auditSnapshot, requestID: requestID)) { try await m.create(on: $0) }
        }
        return record
    }

    /// Replaces an enterprise's fields; audited with old and new values.
    public func update(_ id: UUID, _ fields: EnterpriseFields, actor: AuditActor, requestID: String) async throws -> EnterpriseRecord {
        guard let m = try await EnterpriseModel.find(id, on: database.db) else { throw AppError.notFound }
        try await ensureUnique(fields.creditCode, except: id)
        let old = EnterpriseRecord(m)
        apply(fields, to: m)
        m.updatedAt = Date()
        let new = EnterpriseRecord(m)
        guard old.auditSnapshot != new.auditSnapshot else { return old }
        try await write {
            try await audited(AuditRecord(actor: actor, action: "enterprise.update", entityType: "enterprise", entityID: id.uuidString,
                                          old: old.auditSnapshot, new: new.auditSnapshot, requestID: requestID)) { try await m.update(on: $0) }
        }
        return new
    }

    func apply(_ f: EnterpriseFields, to m: EnterpriseModel) {
        m.creditCode = f.creditCode.value
        m.name = f.name
        m.regionCode = f.regionCode.value
        m.cityCode = f.regionCode.cityCode?.value ?? f.regionCode.value
        m.industryCode = f.industryCode
        m.sector = f.sector.rawValue
        m.address = f.address
        m.legalRepresentative = f.legalRepresentative
        m.contactPhone = f.contactPhone
        m.isAboveScale = f.isAboveScale
    }

    static let duplicateCode = FieldError(field: "creditCode", code: "duplicate_credit_code",
                                          "enterprises.error.duplicate_credit_code")

    func ensureUnique(_ code: CreditCode, except id: UUID?) async throws {
        let b = EnterpriseModel.query(on: database.db).filter(\.$creditCode == code.value)
        if let id { b.filter(\.$id != id) }
        if try await b.count() > 0 { throw AppError.validation([Self.duplicateCode]) }
    }

    /// Runs one write and its audit entry in a single transaction: both commit or neither.
    func audited(_ record: AuditRecord, _ write: @escaping @Sendable (any Database) async throws -> Void) async throws {
        try await database.db.transaction { tx in
            try await write(tx)
            try await AuditLog.append(record, on: tx)
        }
    }

    /// Runs a write; a unique-constraint race (two creates at once) reads as the duplicate error.
    func write(_ body: () async throws -> Void) async throws {
        do { try await body() } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.validation([Self.duplicateCode])
        }
    }

    // MARK: Products

    /// The enterprise's products, by name.
    public func products(of enterpriseID: UUID) async throws -> [ProductRecord] {
        try await ProductModel.query(on: database.db).filter(\.$enterpriseID == enterpriseID).sort(\.$name).all().map(ProductRecord.init)
    }

    /// One product by id.
    public func product(_ id: UUID) async throws -> ProductRecord? {
        try await ProductModel.find(id, on: database.db).map(ProductRecord.init)
    }

    /// Adds a product to an enterprise.
    public func createProduct(_ fields: ProductFields, enterpriseID: UUID, actor: AuditActor, requestID: String) async throws -> ProductRecord {
        let m = ProductModel()
        m.id = UUID()
        m.enterpriseID = enterpriseID
        apply(fields, to: m)
        m.createdAt = Date()
        m.updatedAt = m.createdAt
        let record = ProductRecord(m)
        try await audited(AuditRecord(actor: actor, action: "product.create", entityType: "product",
                                      entityID: record.id.uuidString, new: record.auditSnapshot, requestID: requestID)) { try await m.create(on: $0) }
        return record
    }

    /// Replaces a product's fields.
    public func updateProduct(_ id: UUID, _ fields: ProductFields, actor: AuditActor, requestID: String) async throws -> ProductRecord {
        guard let m = try await ProductModel.find(id, on: database.db) else { throw AppError.notFound }
        let old = ProductRecord(m)
        apply(fields, to: m)
        m.updatedAt = Date()
        let new = ProductRecord(m)
        guard old.auditSnapshot != new.auditSnapshot else { return old }
        try await audited(AuditRecord(actor: actor, action: "product.update", entityType: "product", entityID: id.uuidString,
                                      old: old.auditSnapshot, new: new.auditSnapshot, requestID: requestID)) { try await m.update(on: $0) }
        return new
    }

    func apply(_ f: ProductFields, to m: ProductModel) {
        m.name = f.name
        m.category = f.category.rawValue
        m.sector = f.sector.rawValue
        m.industryCode = f.industryCode
        m.description = f.description
    }

    // MARK: Counts

    /// Enterprises and products per city, within what the caller may see (for the landing page).
    public func countsByCity(visibility: EnterpriseVisibility) async throws -> [(city: String, enterprises: Int, products: Int)] {
        let sql = database.sql
        let whereClause: SQLQueryString = visibility.sqlCondition.map { "WHERE " + $0 } ?? ""
        let query: SQLQueryString = "SELECT e.city_code AS city, COUNT(DISTINCT e.id) AS enterprises, COUNT(p.id) AS products "
            + "FROM enterprises e LEFT JOIN products p ON p.enterprise_id = e.id "
            + whereClause + " GROUP BY e.city_code ORDER BY e.city_code"
        let rows = try await sql.raw(query).all()
        return try rows.map { (try $0.decode(column: "city", as: String.self), try $0.decode(column: "enterprises", as: Int.self),
                               try $0.decode(column: "products", as: Int.self)) }
    }
}
