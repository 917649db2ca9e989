// The report's only stylesheet, inlined: system fonts, no network; fits an 800 px window without
// sideways scrolling and prints on A4 without cut columns or blank pages.
import { colourRules } from './colours';

export const HTML_STYLE = `
:root { --fg:#1d232b; --muted:#5b6675; --line:#d8dde4; --bg:#fff; --band:#f4f6f9; }
* { box-sizing: border-box; }
body { font: 14px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; padding: 24px; max-width: 1100px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
p.meta, .muted { color: var(--muted); }
.summary { font-size: 16px; background: var(--band); border-left: 4px solid var(--fg); padding: 10px 14px; margin: 10px 0; }
.window { background: var(--band); border: 1px dashed var(--fg); padding: 8px 12px; margin: 10px 0; }
.cause { font-weight: 600; }
.facts { display: flex; flex-wrap: wrap; gap: 8px; margin: 4px 0 10px; padding: 0; list-style: none; }
.facts li { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; }
.facts b { display: block; font-size: 11px; text-transform: uppercase; color: var(--muted); font-weight: 600; }
.caption { font-size: 12px; color: var(--muted); margin: 10px 0 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--band); font-weight: 600; overflow-wrap: normal; } /* a heading breaks between words, never inside one ("interru/ption") */
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.ref { white-space: nowrap; overflow-wrap: normal; width: 1%; }
td.word { overflow-wrap: normal; } /* short words (a cause) break between words only */
td.t { white-space: nowrap; font-variant-numeric: tabular-nums; }
code, .log { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
td code { overflow-wrap: anywhere; word-break: break-all; }
.log { white-space: pre-wrap; word-break: break-all; }
.marker { font-weight: 700; color: var(--fg); white-space: nowrap; letter-spacing: .02em; }
.sev-critical, .sev-warning { font-weight: 700; text-transform: uppercase; font-size: 12px; } .sev-info { color: var(--muted); font-weight: 700; font-size: 12px; }
svg.swimlane { width: 100%; max-width: 1000px; height: auto; border: 1px solid var(--line); border-radius: 6px; background: #fff; display: block; }
svg .lane-bg { fill: var(--band); } svg .lane-label { font-size: 12px; fill: var(--fg); }
svg .axis { font-size: 11px; fill: var(--muted); } svg .grid { stroke: var(--line); stroke-width: 1; }
svg .phase-label { font-size: 11px; font-weight: 600; }
svg .ms-line { stroke: var(--fg); stroke-dasharray: 4 3; stroke-width: 1; } svg .ms-label { font-size: 11px; font-weight: 700; fill: var(--fg); }
svg .mark { stroke: #fff; stroke-width: 1; } svg .mark:hover { stroke: var(--fg); stroke-width: 2; }
svg .run { opacity: .8; }
svg .window-band rect { fill: rgba(29,35,43,.07); stroke: var(--fg); stroke-dasharray: 2 3; } svg .window-label { font-size: 10px; fill: var(--fg); font-style: italic; }
${colourRules()}
.legend { display: flex; flex-wrap: wrap; gap: 6px 12px; font-size: 12px; color: var(--muted); margin: 4px 0 10px; }
.legend span::before { content: ""; display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; vertical-align: -1px; background: currentColor; }
.legend .ph::before { border-radius: 2px; width: 16px; } .legend .run-key::before { border-radius: 0; height: 3px; width: 16px; vertical-align: 3px; }
.legend .ph { color: var(--muted); } .legend .ph i { font-style: normal; }
.bar { display: inline-block; height: 10px; border-radius: 2px; vertical-align: middle; }
dl.guide dt { font-weight: 700; } dl.guide dd { margin: 0 0 6px 16px; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 12mm; }
@media print {
  body { padding: 0; max-width: none; font-size: 11px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3 { break-after: avoid; }
  tr, .summary, .window, svg.swimlane, .legend { break-inside: avoid; }
  svg.swimlane { max-width: 100%; }
  table { font-size: 10px; }
}
`;
