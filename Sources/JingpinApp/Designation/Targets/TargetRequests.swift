import Foundation
import JingpinCore

/// `POST /api/v1/targets`: live designations aimed at by a day, for all or one sector or city.
struct TargetRequest: RequestBody {
    var labelZh: String
    var labelEn: String
    /// How many (1–100,000; the service checks), as a number or digits.
    var count: ValueText
    /// `YYYY-MM-DD` (the service checks).
    var deadline: String
    /// A sector, or absent for all.
    var sector: Sector?
    /// A city's code, or absent for the province.
    var city: String?

    /// The service's input, the same the page's form gives.
    var input: TargetService.Input {
        TargetService.Input(labelZh: labelZh, labelEn: labelEn, count: count.text, deadline: deadline, sector: sector?.rawValue ?? "", city: city ?? "")
    }
}
