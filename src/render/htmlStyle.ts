// The report's only stylesheet, inlined: system fonts, no network, readable on screen and paper.
export const HTML_STYLE = `
:root { --fg:#1d232b; --muted:#5b6675; --line:#d8dde4; --bg:#fff; --band:#f4f6f9;
  --detect:#e8a33d; --failover:#3d8be8; --evict:#9b6bd6; --reap:#d64545; --ok:#2e9e5b; }
* { box-sizing: border-box; }
body { font: 14px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; padding: 24px; max-width: 1200px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
p.meta, .muted { color: var(--muted); }
.summary { font-size: 16px; background: var(--band); border-left: 4px solid var(--reap); padding: 10px 14px; margin: 10px 0; }
.facts { display: flex; flex-wrap: wrap; gap: 8px; margin: 10px 0; padding: 0; list-style: none; }
.facts li { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; }
.facts b { display: block; font-size: 11px; text-transform: uppercase; color: var(--muted); font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--band); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.t { white-space: nowrap; font-variant-numeric: tabular-nums; }
code, .log { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.log { white-space: pre-wrap; word-break: break-all; }
.marker { font-weight: 700; color: var(--reap); white-space: nowrap; }
.sev-critical { color: #b00020; font-weight: 700; } .sev-warning { color: #a35b00; font-weight: 700; } .sev-info { color: var(--muted); font-weight: 700; }
svg.swimlane { width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
svg .lane-bg { fill: var(--band); } svg .lane-label { font-size: 12px; fill: var(--fg); }
svg .axis { font-size: 11px; fill: var(--muted); } svg .grid { stroke: var(--line); stroke-width: 1; }
svg .phase-label { font-size: 11px; fill: #fff; font-weight: 600; }
svg .ms-line { stroke: var(--fg); stroke-dasharray: 4 3; stroke-width: 1; } svg .ms-label { font-size: 11px; font-weight: 700; fill: var(--fg); }
svg .mark { stroke: #fff; stroke-width: 1; } svg .mark:hover { stroke: var(--fg); stroke-width: 2; }
.phase-detect { fill: var(--detect); background: var(--detect); } .phase-failover { fill: var(--failover); background: var(--failover); }
.phase-evict { fill: var(--evict); background: var(--evict); } .phase-reap { fill: var(--reap); background: var(--reap); }
.k-tunnel { fill: #d64545; } .k-watch { fill: #e07b39; } .k-lb { fill: #3d8be8; } .k-reaper { fill: #8e44ad; } .k-pod { fill: #9b6bd6; }
.k-node { fill: #2e9e5b; } .k-etcd { fill: #c0392b; } .k-apiserver { fill: #7f8c8d; } .k-other { fill: #555; }
.legend { display: flex; flex-wrap: wrap; gap: 12px; font-size: 12px; color: var(--muted); margin: 4px 0 10px; }
.legend span::before { content: ""; display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; vertical-align: -1px; background: currentColor; }
.legend .k-tunnel { color: #d64545; } .legend .k-watch { color: #e07b39; } .legend .k-lb { color: #3d8be8; } .legend .k-reaper { color: #8e44ad; }
.legend .k-apiserver { color: #7f8c8d; } .legend .k-node { color: #2e9e5b; } .legend .k-etcd { color: #c0392b; } .legend .k-pod { color: #9b6bd6; } .legend .k-other { color: #555; }
.bar { display: inline-block; height: 10px; border-radius: 2px; vertical-align: middle; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@media print {
  body { padding: 0; max-width: none; font-size: 11px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section.incident { break-before: page; } section.incident:first-of-type { break-before: auto; }
  tr, .summary, svg.swimlane { break-inside: avoid; }
  .log { word-break: break-all; }
}
`;
