/**
 * `podsim timeline`: one self-contained HTML page (inline SVG, CSS and a few lines of script; no
 * network). A Content-Security-Policy allows only the page's own script, by hash, as a second
 * guard behind the escaping of every name and message taken from the trace.
 */
import { createHash } from 'node:crypto';
import type { TimelineModel } from './timelineModel.js';
import { escapeXml, SPAN_COLOURS, timelineSvg } from './timelineSvg.js';
import { fmtAt } from './ruleText.js';

const CSS = `body{font:13px/1.4 system-ui,sans-serif;margin:16px;color:#222;background:#fff}
h1{font-size:17px;margin:0 0 4px}p.meta{margin:0 0 10px;color:#555}
.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-2px;border-radius:2px}
svg{display:block;border:1px solid #ddd}text{font-size:12px;fill:#222}text.axis{text-anchor:middle;fill:#666;font-size:11px}
text.label{fill:#fff;font-size:11px;pointer-events:none}.line{stroke:#ccc}line.grid{stroke:#eee}
g.lane rect.row{fill:#fff}g.lane.pod rect.row,g.lane.node rect.row,g.lane.cluster rect.row{fill:#f6f8fa}g.lane.pod text.name,g.lane.node text.name,g.lane.cluster text.name{font-weight:600}g.side-b{opacity:.75}
g.tick.ok rect{fill:#2e7d32}g.tick.fail rect{fill:#c62828}g.marker path{fill:#337ab7;stroke:#fff}g.marker.warning path{fill:#c62828}
g.marker:hover path,g.marker:focus path{stroke:#000}g.overlay rect{fill-opacity:.8}
pre#detail{background:#f6f8fa;border:1px solid #ddd;padding:8px;min-height:3em;white-space:pre-wrap}`;

/** Clicking a marker copies its title into the detail box (as text, never as markup). */
const SCRIPT = `document.querySelectorAll('g.marker,g.span,g.overlay,g.tick').forEach(function(g){g.addEventListener('click',function(){var t=g.querySelector('title');document.getElementById('detail').textContent=t?t.textContent:'';});});`;

const PATTERNS = `<svg width="0" height="0" style="position:absolute"><defs>
<pattern id="backoff" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="3" height="6" fill="${SPAN_COLOURS.backoff}"/></pattern>
<pattern id="grace" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="3" height="6" fill="${SPAN_COLOURS.grace}"/></pattern>
</defs></svg>`;

const LEGEND: Array<[string, string]> = [
  ['Waiting', SPAN_COLOURS.waiting],
  ['Running', SPAN_COLOURS.running],
  ['Terminated (exit 0)', SPAN_COLOURS.terminated],
  ['Terminated (error) / Failed', SPAN_COLOURS.failed],
  ['Pending', SPAN_COLOURS.pending],
  ['Terminating / grace period (band)', SPAN_COLOURS.grace],
  ['restart back-off (hatched band)', SPAN_COLOURS.backoff],
];

export function timelineHtml(a: TimelineModel, b?: TimelineModel): string {
  const hash = createHash('sha256').update(SCRIPT).digest('base64');
  const what = b ? `${a.file} (A) and ${b.file} (B)` : a.file;
  const end = Math.max(a.endMs, b?.endMs ?? 0);
  const legend = LEGEND.map(([n, c]) => `<span><i style="background:${c}"></i>${n}</span>`).join(
    '',
  );
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${hash}'">
<title>podsim timeline: ${escapeXml(what)}</title>
<style>${CSS}</style></head><body>
<h1>podsim timeline</h1>
<p class="meta">${escapeXml(what)} · 0s to ${fmtAt(end)} · hover a shape for details, click to copy them below</p>
<p class="legend">${legend}<span><i style="background:#2e7d32"></i>probe ok</span><span><i style="background:#c62828"></i>probe failed / warning</span><span><i style="background:#337ab7"></i>event</span></p>
${PATTERNS}
${timelineSvg(a, b)}
<pre id="detail"></pre>
<script>${SCRIPT}</script>
</body></html>
`;
}
