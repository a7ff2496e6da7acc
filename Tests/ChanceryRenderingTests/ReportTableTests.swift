import ChanceryRendering
import Testing

/// The one text table, used by the reports and the CLI's lists.
@Suite("Report table")
struct ReportTableTests {
    @Test("columns after Khmer and CJK names stay aligned (widths in terminal columns)")
    func wideAndCombiningText() {
        let table = ReportTable(header: ["NAME", "N"], rows: [["ហ៊ុន សែន", "1"], ["會議", "22"], ["Kerry", "3"]], numericColumns: [1])
        #expect(table.render() == """
            NAME     N
            ហ៊ុន សែន   1
            會議    22
            Kerry    3
            """)
    }

    @Test("cells longer than the maximum are cut with an ellipsis; the last column is not padded")
    func cutting() {
        let table = ReportTable(header: ["A", "B"], rows: [["abcdefgh", "x"]], maximumWidth: 5)
        #expect(table.render() == "A      B\nabcd…  x")
    }
}
