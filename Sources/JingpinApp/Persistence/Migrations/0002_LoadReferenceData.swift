import FluentKit
import JingpinCore

/// Loads the reference data shipped in `Resources/reference/` (copied from the
/// programme's shared data). Later corrections come as new migrations or admin edits.
struct LoadReferenceData: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let files = try ReferenceFiles.load()
        for r in try RegionDirectory(csv: files.regions).all {
            let m = RegionModel()
            m.id = r.code.value
            m.nameZh = r.nameZh
            m.nameEn = r.nameEn
            m.level = r.level.rawValue
            m.parentCode = r.parentCode?.value
            m.kind = r.kind
            m.isMountain26 = r.isMountain26
            m.isIsland = r.isIsland
            try await m.create(on: database)
        }
        for i in try IndustryDirectory(csv: files.industries).all {
            let m = IndustryModel()
            m.id = i.code
            m.level = i.level
            m.nameZh = i.nameZh
            m.nameEn = i.nameEn
            m.sector = i.sector.rawValue
            try await m.create(on: database)
        }
        for n in try NiceClass.parseAll(csv: files.niceClasses) {
            let m = NiceClassModel()
            m.id = n.number
            m.kind = n.kind
            m.headingEn = n.headingEn
            try await m.create(on: database)
        }
        for h in try HolidayEntry.parseAll(csv: files.holidays) {
            let m = CalendarDayModel()
            m.id = h.date.description
            m.kind = h.kind.rawValue
            m.nameZh = h.nameZh
            m.nameEn = h.nameEn
            m.confidence = h.confidence
            try await m.create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await CalendarDayModel.query(on: database).delete()
        try await NiceClassModel.query(on: database).delete()
        try await IndustryModel.query(on: database).delete()
        try await RegionModel.query(on: database).delete()
    }
}
