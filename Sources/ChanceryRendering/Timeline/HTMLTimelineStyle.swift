/// The report's only stylesheet, inlined so the file stands alone: system fonts (no web fonts
/// to fetch), and a print sheet that drops screen-only touches, keeps colours for the chart
/// marks, repeats table headers on each page and avoids splitting rows and the chart.
enum HTMLTimelineStyle {
    static let css = """
        :root { color-scheme: light; }
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Khmer", sans-serif;
               color: #1b1b1b; background: #fff; max-width: 1100px; margin: 0 auto; padding: 1.5rem; }
        h1 { font-size: 1.6rem; margin: 0 0 0.25rem; }
        h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; padding-bottom: 0.2rem; border-bottom: 1px solid #ccc; }
        header p { margin: 0.25rem 0; color: #444; }
        .note { font-style: italic; }
        .chart { margin: 1.5rem 0; overflow-x: auto; }
        .chart svg { display: block; width: 100%; height: auto; }
        .chart text { font: 11px ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; fill: #222; }
        .chart .legend text { font: 11px system-ui, sans-serif; fill: #333; }
        .chart .axis-line { stroke: #555; stroke-width: 1; }
        .chart .grid { stroke: #ddd; stroke-width: 1; }
        .chart .tick-label { fill: #444; }
        .chart .shape { stroke: #fff; stroke-width: 1; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
        caption { caption-side: top; text-align: left; color: #555; padding: 0.25rem 0; }
        th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.5rem; border-bottom: 1px solid #ddd; }
        thead th { background: #f3f3f3; border-bottom: 2px solid #bbb; }
        td.date, td.kind, td.ref { white-space: nowrap; }
        code { font: 0.85em ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
        .glyph { display: inline-block; width: 1.1em; }
        tr.letter .glyph { color: #0072B2; }
        tr.invitation .glyph { color: #E69F00; }
        tr.response .glyph { color: #009E73; }
        tr.event .glyph { color: #D55E00; }
        footer { margin-top: 2rem; padding-top: 0.5rem; border-top: 1px solid #ddd; color: #666; font-size: 0.8rem; }
        @page { margin: 15mm; }
        @media print {
          body { font: 10pt/1.35 Georgia, "Times New Roman", serif; color: #000; max-width: none; margin: 0; padding: 0; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          h2 { break-after: avoid; }
          .chart { overflow: visible; break-inside: avoid; }
          thead { display: table-header-group; }
          tr { break-inside: avoid; }
          thead th { background: none; }
          th, td { border-bottom: 1px solid #999; }
          footer { color: #000; }
        }
        """
}
