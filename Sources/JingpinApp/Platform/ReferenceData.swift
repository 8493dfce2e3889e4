import FluentKit
import Foundation
import JingpinCore

/// The CSV files shipped in the product's bundle (copied from the programme's shared data).
struct ReferenceFiles {
    let regions: String
    let industries: String
    let niceClasses: String
    let holidays: String

    /// One CSV file of the bundle's `Resources/reference`.
    static func read(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Resources/reference") else {
            throw Settings.Invalid(description: "reference file \(name).csv is missing from the bundle")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func load() throws -> ReferenceFiles {
        return ReferenceFiles(regions: try read("zj-regions"), industries: try read("industries-gbt4754-2017"),
                              niceClasses: try read("nice-classes"), holidays: try read("cn-public-holidays"))
    }
}

/// The reference data as the running product uses it, read from the database once at start
/// (the database, not the bundle, is the source of truth once migrated).
public struct ReferenceData: Sendable {
    /// Regions of Zhejiang.
    public let regions: RegionDirectory
    /// GB/T 4754 industries with their sectors.
    public let industries: IndustryDirectory
    /// The 45 Nice classes.
    public let niceClasses: [NiceClass]
    /// Holidays and adjusted working days.
    public let holidays: [HolidayEntry]
    /// The working-day calendar built from `holidays`.
    public let calendar: WorkingDayCalendar

    /// Reads every reference table.
    static func load(from db: any Database) async throws -> ReferenceData {
        let regions = try await RegionModel.query(on: db).sort(\.$id).all().map { m in
            Region(code: try RegionCode(m.id!), nameZh: m.nameZh, nameEn: m.nameEn,
                   level: RegionLevel(rawValue: m.level) ?? .county,
                   parentCode: try m.parentCode.map { try RegionCode($0) }, kind: m.kind,
                   isMountain26: m.isMountain26, isIsland: m.isIsland)
        }
        let industries = try await IndustryModel.query(on: db).all().map { m in
            Industry(code: m.id!, level: m.level, nameZh: m.nameZh, nameEn: m.nameEn,
                     sector: Sector(rawValue: m.sector) ?? .manufacturing)
        }
        let nice = try await NiceClassModel.query(on: db).sort(\.$id).all().map {
            NiceClass(number: $0.id!, kind: $0.kind, headingEn: $0.headingEn)
        }
        let days = try await CalendarDayModel.query(on: db).sort(\.$id).all().map { m in
            HolidayEntry(date: try LocalDate(m.id!), kind: DayKind(rawValue: m.kind) ?? .holiday,
                         nameZh: m.nameZh, nameEn: m.nameEn, confidence: m.confidence)
        }
        return ReferenceData(regions: RegionDirectory(regions: regions), industries: IndustryDirectory(industries: industries),
                             niceClasses: nice, holidays: days, calendar: WorkingDayCalendar(entries: days))
    }
}
