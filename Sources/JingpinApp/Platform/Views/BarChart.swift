/// A horizontal bar chart drawn on the server as SVG (the `chart` partial): one bar per label,
/// 28 px apart, the largest 300 px long, each with its value beside it and in a `<title>` —
/// and the same numbers go in a table below it, so the chart is never the only way to read them.
struct BarChart {
    let title: String
    let bars: [(label: String, value: Int)]

    /// What the `chart` partial draws, laid out.
    var drawing: Drawing {
        let largest = max(1, bars.map(\.value).max() ?? 1)
        return Drawing(chartTitle: title, chartHeight: max(28, bars.count * 28), bars: bars.enumerated().map { i, b in
            let width = b.value == 0 ? 0 : max(1, b.value * 300 / largest)
            return Drawing.Bar(label: b.label, y: i * 28, textY: i * 28 + 16, width: width, valueX: 110 + width + 6, value: b.value)
        })
    }

    /// The chart as the `chart` partial reads it: its title and height, and each bar's place in pixels.
    struct Drawing: Encodable, Sendable {
        let chartTitle: String
        let chartHeight: Int
        let bars: [Bar]

        /// One bar: its top `y`, the baseline of its texts, its length and where its value is written.
        struct Bar: Encodable, Sendable {
            let label: String
            let y: Int
            let textY: Int
            let width: Int
            let valueX: Int
            let value: Int
        }
    }
}
