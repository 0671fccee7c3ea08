/// The page's styles, inline so the report needs no other file: system fonts only, light and
/// dark themes from CSS variables following `prefers-color-scheme`, one column on a phone.
enum Stylesheet {
    /// The CSS.
    static let css = """
        :root {
          --bg: #fdfdfc; --fg: #1d2025; --muted: #5c6370; --border: #dfe2e7; --surface: #f4f5f7;
          --accent: #0b62a4; --ok: #17663a; --ok-bg: #dcf5e3; --cached-bg: #e9ecf0;
          --fail: #a8231b; --fail-bg: #fdecea; --skip: #7a5000; --skip-bg: #fdf2d3;
          --tok-call: #0b5cad; --tok-binding: #7d3c98; --tok-label: #8a5300; --tok-number: #0b7366;
          --tok-string: #a8231b; --tok-comment: #6b7280; --tok-keyword: #a0309a;
          --sans: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
          --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace;
          color-scheme: light dark;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #15171b; --fg: #e3e5e9; --muted: #9aa1ad; --border: #30343c; --surface: #1e2127;
            --accent: #6cb4f0; --ok: #7ad69b; --ok-bg: #173524; --cached-bg: #2a2e35;
            --fail: #ff938a; --fail-bg: #3d1c1a; --skip: #f0c35a; --skip-bg: #3a2f12;
            --tok-call: #75b6f5; --tok-binding: #d2a8ff; --tok-label: #e8b465; --tok-number: #6fd3c4;
            --tok-string: #ff9b8f; --tok-comment: #8b929e; --tok-keyword: #f28bd8;
          }
          /* Figures are drawn with the light page's palette; lift its darkest series colour. */
          .chart g.series.series-0, .chart .legend-entry.series-0 path { stroke: #56a8e6; }
          .chart g.series.series-0, .chart .legend-entry.series-0 circle { fill: #56a8e6; }
          .chart g.series.series-1, .chart .legend-entry.series-1 path { stroke: #f07a2e; }
          .chart g.series.series-1, .chart .legend-entry.series-1 circle { fill: #f07a2e; }
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.6 var(--sans); }
        .page { max-width: 1200px; margin: 0 auto; padding: 1.5rem 1rem 4rem; display: grid;
          grid-template-columns: minmax(0, 1fr); gap: 1.5rem; }
        @media (min-width: 1100px) {
          .page { grid-template-columns: 14rem minmax(0, 1fr); column-gap: 2.5rem;
            grid-template-areas: "header header" "contents main" "contents footer"; }
          .report-header { grid-area: header; }
          .contents { grid-area: contents; position: sticky; top: 1rem; align-self: start;
            max-height: calc(100vh - 2rem); overflow: auto; }
          .notebook { grid-area: main; }
          .report-footer { grid-area: footer; }
        }
        a { color: var(--accent); }
        code, pre { font-family: var(--mono); font-size: 0.88em; }
        :not(pre) > code { background: var(--surface); padding: 0.1em 0.3em; border-radius: 4px; }
        h1, h2, h3 { line-height: 1.25; }
        h1 { font-size: 2rem; margin: 0.2rem 0 0.6rem; }
        h2 { font-size: 1.45rem; margin: 2.2rem 0 0.6rem; padding-top: 0.4rem; border-top: 1px solid var(--border); }
        h3 { font-size: 1.15rem; margin: 1.6rem 0 0.4rem; }
        .prose { max-width: 46rem; }
        .prose blockquote { margin: 1rem 0; padding: 0.2rem 1rem; border-left: 4px solid var(--border); color: var(--muted); }
        .prose table, table.data, table.parameters { border-collapse: collapse; font-size: 0.92rem; }
        .prose th, .prose td, table.data th, table.data td, table.parameters th, table.parameters td {
          padding: 0.3rem 0.7rem; border-bottom: 1px solid var(--border); text-align: left; vertical-align: top; }
        th { font-weight: 600; }
        .number { text-align: right !important; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .table-scroll { overflow-x: auto; max-width: 100%; margin: 0.5rem 0; }
        /* Headers wrap, so a table is as wide as its numbers rather than its longest header. */
        table.data th { white-space: normal; vertical-align: bottom; min-width: 4.5em; line-height: 1.3; }
        table.data td:first-child { white-space: nowrap; }
        table.data.wide th, table.data.wide td { padding: 0.3rem 0.55rem; }
        .math-display { display: block; margin: 0.8rem 0; overflow-x: auto; overflow-y: hidden; text-align: center; }
        .math math { font-size: 1.1em; }
        .math-error { color: var(--fail); }
        .math-error-message { display: block; font-size: 0.85rem; }
        .math-inline.math-error .math-error-message { display: inline; margin-left: 0.5ch; }
        .footnotes { font-size: 0.9rem; color: var(--muted); border-top: 1px solid var(--border); margin-top: 1.5rem; }
        .inline-value { font-variant-numeric: tabular-nums; text-decoration: underline dotted var(--muted);
          text-underline-offset: 0.2em; cursor: help; }
        .inline-failed { color: var(--fail); }
        .eyebrow { margin: 0; color: var(--muted); font-size: 0.9rem; }
        .run-status { display: inline-block; margin: 0 0 0.8rem; padding: 0.15rem 0.7rem; border-radius: 999px; font-weight: 600; }
        .run-ok { background: var(--ok-bg); color: var(--ok); }
        .run-failed { background: var(--fail-bg); color: var(--fail); }
        .run-skipped { background: var(--skip-bg); color: var(--skip); }
        .facts { display: flex; flex-wrap: wrap; gap: 0.4rem 1.8rem; margin: 0 0 1rem; }
        .facts dt { color: var(--muted); font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; }
        .facts dd { margin: 0; }
        table.parameters caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
        table.parameters tr.overridden td { background: var(--skip-bg); }
        .set-mark { font: 600 0.78rem var(--mono); color: var(--skip); border: 1px solid currentColor;
          border-radius: 4px; padding: 0 0.3rem; }
        .run-changes { margin: 0 0 1rem; font-size: 0.92rem; }
        .run-changes summary { cursor: pointer; font-weight: 600; }
        .run-changes ul { margin: 0.3rem 0 0; padding-left: 1.2rem; }
        .run-changes .set-mark, .last-run { margin-left: 0.5ch; }
        .last-run { color: var(--muted); font-size: 0.85rem; }
        /* A value that differs from the last run: the old one on hover, the difference beside it. */
        .changed { cursor: help; }
        /* An inline block, so an inline value's dotted underline does not run under it. */
        .delta { display: inline-block; margin-left: 0.35em; font-size: 0.75em; color: var(--muted);
          white-space: nowrap; font-variant-numeric: tabular-nums; }
        /* Under a table's number, so the column's decimal points stay in line. */
        td > .delta { display: block; margin-left: 0; line-height: 1.2; }
        .contents { font-size: 0.92rem; }
        .contents-title { margin: 0 0 0.3rem; font-weight: 600; color: var(--muted); }
        .contents ol { list-style: none; margin: 0; padding: 0; }
        .contents ol ol { padding-left: 1rem; }
        .contents a { display: block; padding: 0.15rem 0; color: var(--fg); text-decoration: none; }
        .contents a:hover { color: var(--accent); text-decoration: underline; }
        @media (max-width: 1099px) {
          .contents { border: 1px solid var(--border); border-radius: 8px; padding: 0.6rem 1rem; }
          .contents > ol { columns: 2 14rem; }
        }
        .cell { margin: 1.2rem 0 1.8rem; }
        .cell-head { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem;
          font-size: 0.8rem; color: var(--muted); margin-bottom: 0.25rem; }
        .badge { font-weight: 600; padding: 0.05rem 0.55rem; border-radius: 999px; white-space: nowrap; }
        .badge-ran { background: var(--ok-bg); color: var(--ok); }
        .badge-cached, .badge-empty { background: var(--cached-bg); color: var(--muted); }
        .badge-failed { background: var(--fail-bg); color: var(--fail); }
        .badge-skipped { background: var(--skip-bg); color: var(--skip); }
        pre.code { margin: 0; padding: 0.7rem 0; background: var(--surface); border: 1px solid var(--border);
          border-radius: 8px; overflow-x: auto; line-height: 1.5; }
        pre.code .line { display: inline-block; min-width: 100%; padding-right: 1rem; }
        pre.code .line::before { content: attr(data-line); display: inline-block; width: 3.5ch; margin-right: 1.5ch;
          text-align: right; color: var(--muted); opacity: 0.7; user-select: none; }
        pre.code .failed-line { background: var(--fail-bg); box-shadow: inset 3px 0 var(--fail); }
        .tok-call { color: var(--tok-call); } .tok-binding { color: var(--tok-binding); font-weight: 600; }
        .tok-label { color: var(--tok-label); } .tok-number { color: var(--tok-number); }
        .tok-string { color: var(--tok-string); } .tok-comment { color: var(--tok-comment); font-style: italic; }
        .tok-keyword { color: var(--tok-keyword); } .tok-punct { color: var(--muted); }
        .tok-invalid { text-decoration: wavy underline var(--fail); }
        .outputs { border-left: 3px solid var(--border); margin-top: 0.6rem; padding-left: 1rem; }
        .output + .output, .output + .failure, .failure + .output { margin-top: 1.2rem; }
        .output-label { margin: 0; font-size: 0.8rem; color: var(--muted); }
        .output-text { margin: 0.4rem 0; white-space: pre-wrap; }
        .failure, .skipped { border-radius: 8px; padding: 0.5rem 0.8rem; margin: 0.5rem 0; }
        .failure { background: var(--fail-bg); color: var(--fail); }
        .skipped { background: var(--skip-bg); color: var(--skip); }
        .failure-position { margin: 0; font: 600 0.85rem var(--mono); }
        .failure-message { margin: 0.2rem 0 0; white-space: pre-wrap; color: var(--fg); }
        .live-banner { border: 2px solid var(--fail, #c0392b); border-radius: 8px; padding: 0.5rem 0.8rem; margin: 0 0 1rem; }
        .live-banner pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.3rem 0 0; }
        .provenance { margin: 0.2rem 0; font-size: 0.85rem; color: var(--muted, #666); overflow-wrap: anywhere; }
        .figure { margin: 0.8rem 0; }
        .figure figcaption { font-size: 0.88rem; color: var(--muted); margin-top: 0.4rem; max-width: 46rem; }
        .figure figcaption strong { color: var(--fg); font-weight: 600; }
        .download { margin-left: 0.4rem; font-size: 0.78rem; font-weight: 600; }
        .chart svg { display: block; max-width: 52rem; height: auto; color: var(--fg); }
        .chart .legend-entry { cursor: pointer; }
        .chart .legend-entry.is-off { opacity: 0.35; }
        .chart .legend-entry:focus-visible { outline: 2px solid var(--accent); }
        .chart .is-hidden { display: none; }
        .chart .markers circle:hover { r: 5; }
        .grid-scroll { overflow-x: auto; max-width: 100%; }
        .image-grid { display: grid; grid-template-columns: var(--label-width, 0) max-content;
          grid-template-areas: ". columns" "rows image"; width: max-content; font-size: 0.8rem; color: var(--muted); }
        .column-labels { grid-area: columns; position: relative; height: 1.6em; }
        .column-labels span { position: absolute; bottom: 0.2em; transform: translateX(-50%);
          white-space: nowrap; font-variant-numeric: tabular-nums; }
        .row-labels { grid-area: rows; position: relative; }
        .row-labels span { position: absolute; right: 0.8ch; transform: translateY(-50%); white-space: nowrap; }
        .image-grid .zoom { grid-area: image; position: relative; display: block; padding: 0; border: 0;
          background: none; line-height: 0; cursor: zoom-in; }
        .image-grid img, .zoom-view img, .step-view .step { image-rendering: pixelated; image-rendering: crisp-edges; }
        .image-grid img, .zoom-view img { display: block; max-width: none; }
        .column-mark { position: absolute; top: 0; bottom: 0; border: 2px solid var(--accent); border-radius: 3px;
          pointer-events: none; }
        .stepper { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 1rem; margin-top: 0.6rem;
          font-size: 0.88rem; }
        .stepper input { vertical-align: middle; width: 14rem; max-width: 60vw; }
        .stepper output { font-variant-numeric: tabular-nums; min-width: 6ch; }
        .step-view { display: flex; flex-wrap: wrap; gap: 1rem; width: 100%; }
        .step-view figure { margin: 0; font-size: 0.8rem; color: var(--muted); }
        .step-view .step { display: block; border-radius: 4px; }
        dialog.zoom-view { max-width: 100vw; max-height: 100vh; padding: 2.2rem 1rem 1rem; border: 1px solid var(--border);
          border-radius: 10px; background: var(--bg); color: var(--fg); }
        dialog.zoom-view::backdrop { background: rgb(0 0 0 / 0.65); }
        .zoom-scroll { overflow: auto; max-width: calc(100vw - 4rem); max-height: calc(100vh - 6rem); }
        .zoom-view .close { position: absolute; top: 0.3rem; right: 0.5rem; font-size: 1.4rem; line-height: 1;
          border: 0; background: none; color: var(--fg); cursor: pointer; }
        .report-footer { color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--border); padding-top: 1rem; }
        @media (max-width: 600px) {
          body { font-size: 15px; }
          .page { padding: 1rem 0.75rem 3rem; }
          h1 { font-size: 1.6rem; }
          .outputs { padding-left: 0.6rem; }
          /* A wide table becomes one card per row, each value under its column's name. */
          table.data.wide, table.data.wide tbody, table.data.wide tr, table.data.wide td { display: block; }
          table.data.wide thead { display: none; }
          table.data.wide tr { border: 1px solid var(--border); border-radius: 8px; margin: 0 0 0.6rem; padding: 0.3rem 0; }
          table.data.wide td { display: flex; justify-content: space-between; gap: 1rem; border: 0; padding: 0.15rem 0.7rem; }
          table.data.wide td::before { content: attr(data-label); color: var(--muted); text-align: left; }
          table.data.wide td:first-child { font-weight: 600; }
          /* A changed number keeps its difference beside it, at the card's right edge. */
          table.data.wide td.changed { justify-content: flex-end; align-items: baseline; gap: 0.4rem; }
          table.data.wide td.changed::before { margin-right: auto; }
          /* A chart shrunk to a phone's width has unreadable labels: keep it legible and scroll it. */
          .chart { overflow-x: auto; }
          .chart svg { min-width: 34rem; }
        }
        """
}
