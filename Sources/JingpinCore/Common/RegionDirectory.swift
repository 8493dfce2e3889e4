import Foundation

/// All regions the product knows, with the lookups pages and permissions need.
public struct RegionDirectory: Sendable {
    /// Every region, in the order given.
    public let all: [Region]
    private let byCode: [RegionCode: Region]

    /// A directory of already-checked regions (e.g. loaded from the database).
    public init(regions: [Region]) {
        all = regions
        byCode = Dictionary(regions.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The columns of `zj-regions.csv`, in order.
    public static let csvHeader = [
        "code", "name_zh", "name_en", "level", "parent_code", "kind", "mountain26", "island",
    ]

    /// Reads `zj-regions.csv` and checks that it hangs together: codes are unique, each
    /// level matches its code's digits, the province has no parent, a city's parent is a
    /// province and a county's a city, and every parent exists and contains the child.
    public init(csv: String) throws(ReferenceDataError) {
        let rows = try ReferenceDataError.rows(of: csv, header: Self.csvHeader)
        var regions: [Region] = []
        var lines: [RegionCode: Int] = [:]
        for row in rows {
            let region = try Self.region(from: row)
            guard lines[region.code] == nil else {
                throw ReferenceDataError(line: row.line, reason: "code \(region.code) is listed twice")
            }
            lines[region.code] = row.line
            regions.append(region)
        }
        // Parents may come after their children in the file, so check in a second pass.
        let byCode = Dictionary(uniqueKeysWithValues: regions.map { ($0.code, $0) })
        for region in regions {
            let line = lines[region.code] ?? 0
            guard let parentCode = region.parentCode else {
                guard region.level == .province else {
                    throw ReferenceDataError(line: line, reason: "\(region.level.rawValue) \(region.code) needs a parent_code")
                }
                continue
            }
            guard region.level != .province else {
                throw ReferenceDataError(line: line, reason: "province \(region.code) cannot have a parent")
            }
            guard let parent = byCode[parentCode] else {
                throw ReferenceDataError(line: line, reason: "parent \(parentCode) of \(region.code) is not in the file")
            }
            let expectedParentLevel: RegionLevel = region.level == .county ? .city : .province
            guard parent.level == expectedParentLevel else {
                throw ReferenceDataError(
                    line: line,
                    reason: "the parent of \(region.level.rawValue) \(region.code) must be a \(expectedParentLevel.rawValue), but \(parentCode) is a \(parent.level.rawValue)"
                )
            }
            guard parentCode.contains(region.code) else {
                throw ReferenceDataError(line: line, reason: "\(region.code) does not lie within its parent \(parentCode)")
            }
        }
        self.init(regions: regions)
    }

    /// One region from one checked CSV record.
    private static func region(from row: CSV.Record) throws(ReferenceDataError) -> Region {
        let fields = row.fields
        func fail(_ reason: String) -> ReferenceDataError {
            ReferenceDataError(line: row.line, reason: reason)
        }
        guard let code = try? RegionCode(fields[0]) else { throw fail("code “\(fields[0])” is not six digits") }
        guard let level = RegionLevel(rawValue: fields[3]) else {
            throw fail("level “\(fields[3])” is not province, city or county")
        }
        guard level == code.level else {
            throw fail("code \(code) is a \(code.level.rawValue) code but the level says \(level.rawValue)")
        }
        var parent: RegionCode?
        if !fields[4].isEmpty {
            guard let parsed = try? RegionCode(fields[4]) else {
                throw fail("parent_code “\(fields[4])” is not six digits")
            }
            parent = parsed
        }
        guard !fields[1].isEmpty, !fields[2].isEmpty else { throw fail("the region needs a name in both languages") }
        guard let mountain = flag(fields[6]) else { throw fail("mountain26 must be 0 or 1, not “\(fields[6])”") }
        guard let island = flag(fields[7]) else { throw fail("island must be 0 or 1, not “\(fields[7])”") }
        return Region(
            code: code, nameZh: fields[1], nameEn: fields[2], level: level, parentCode: parent,
            kind: fields[5], isMountain26: mountain, isIsland: island
        )
    }

    private static func flag(_ text: String) -> Bool? {
        switch text {
        case "0": return false
        case "1": return true
        default: return nil
        }
    }

    /// The region with `code`, if known.
    public func region(_ code: RegionCode) -> Region? { byCode[code] }

    /// The province (the one region without a parent), if present.
    public var province: Region? { all.first { $0.level == .province } }

    /// The cities, by code.
    public var cities: [Region] {
        all.filter { $0.level == .city }.sorted { $0.code < $1.code }
    }

    /// Every county-level division, by code.
    public var counties: [Region] {
        all.filter { $0.level == .county }.sorted { $0.code < $1.code }
    }

    /// The county-level divisions of `city`, by code.
    public func counties(in city: RegionCode) -> [Region] {
        counties.filter { $0.parentCode == city }
    }

    /// The city a county belongs to (by its parent, falling back to the code's digits).
    public func city(of county: RegionCode) -> Region? {
        if let parent = byCode[county]?.parentCode, let region = byCode[parent], region.level == .city {
            return region
        }
        return county.cityCode.flatMap { byCode[$0] }
    }
}
