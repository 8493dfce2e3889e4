/// A horizontal bar chart drawn on the server as SVG (the `chart` partial): one bar per label,
/// 28 px apart, the largest 300 px long, each with its value beside it and in a `<title>` —
/// and the same numbers go in a table below it, so the chart is never the only way to read them.
struct BarChart {
    let title: String
    let bars: [(label: String, value: Int)]

    /// The data the `chart` partial draws.
    var data: [String: Any] {
        let largest = max(1, bars.map(\.value).max() ?? 1)
        return [
            "chartTitle": title,
            "chartHeight": max(28, bars.count * 28),
            "bars": bars.enumerated().map { i, b -> [String: Any] in
                let width = b.value == 0 ? 0 : max(1, b.value * 300 / largest)
                return ["label": b.label, "y": i * 28, "textY": i * 28 + 16, "width": width, "valueX": 110 + width + 6, "value": b.value]
            },
        ]
    }
}
