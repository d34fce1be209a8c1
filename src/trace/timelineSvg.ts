/**
 * The timeline's SVG: a time axis in kubectl's age format, then a row per lane with its state
 * spans, back-off and grace overlays, probe ticks and event markers. Every text that comes from a
 * trace (names, images, messages, annotations) goes through escapeXml: traces are untrusted.
 */
import type { Lane, SpanKind, TimelineModel } from './timelineModel.js';
import { fmtAt } from './ruleText.js';

export const LABEL_W = 300;
export const PLOT_W = 1100;
const ROW_H = 52;
const AXIS_H = 34;

export const SPAN_COLOURS: Record<SpanKind, string> = {
  pending: '#c9c9c9',
  waiting: '#f0ad4e',
  running: '#4cae4c',
  terminated: '#8a8a8a',
  failed: '#d9534f',
  succeeded: '#5b9bd5',
  terminating: '#9b59b6',
  backoff: '#d9534f',
  grace: '#9b59b6',
};

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const title = (text: string): string => `<title>${escapeXml(text)}</title>`;
const STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400,
].map((s) => s * 1000);

/** One row per lane of A; with B, each lane of A is followed by B's lane of the same name. */
export function timelineRows(
  a: TimelineModel,
  b?: TimelineModel,
): Array<{ lane: Lane; side: 'A' | 'B' | undefined }> {
  if (!b) return a.lanes.map((lane) => ({ lane, side: undefined }));
  const id = (l: Lane): string => `${l.pod}|${l.container ?? ''}`;
  const inB = new Map(b.lanes.map((l) => [id(l), l]));
  const rows: Array<{ lane: Lane; side: 'A' | 'B' | undefined }> = [];
  for (const l of a.lanes) {
    rows.push({ lane: l, side: 'A' });
    const other = inB.get(id(l));
    if (other) rows.push({ lane: other, side: 'B' });
  }
  const inA = new Set(a.lanes.map(id));
  for (const l of b.lanes) if (!inA.has(id(l))) rows.push({ lane: l, side: 'B' });
  return rows;
}

export function timelineSvg(a: TimelineModel, b?: TimelineModel): string {
  const end = Math.max(a.endMs, b?.endMs ?? 0, 1);
  const x = (t: number): number =>
    Math.round((LABEL_W + (Math.min(t, end) / end) * PLOT_W) * 10) / 10;
  const rows = timelineRows(a, b);
  const height = AXIS_H * 2 + rows.length * ROW_H;
  const step = STEPS.find((s) => end / s <= 12) ?? STEPS[STEPS.length - 1]!;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${LABEL_W + PLOT_W + 20}" height="${height}" role="img" aria-label="pod timeline">`,
  ];
  for (let t = 0; t <= end; t += step) {
    out.push(
      `<line class="grid" x1="${x(t)}" x2="${x(t)}" y1="${AXIS_H - 6}" y2="${height - AXIS_H + 6}"/>`,
      `<text class="axis" x="${x(t)}" y="${AXIS_H - 12}">${fmtAt(t)}</text>`,
      `<text class="axis" x="${x(t)}" y="${height - 8}">${fmtAt(t)}</text>`,
    );
  }
  rows.forEach(({ lane, side }, i) => out.push(laneSvg(lane, side, AXIS_H + i * ROW_H, x)));
  out.push('</svg>');
  return out.join('\n');
}

function laneSvg(
  l: Lane,
  side: 'A' | 'B' | undefined,
  y: number,
  x: (t: number) => number,
): string {
  const pod = l.container === undefined;
  const cls = `lane${l.kind ? ` ${l.kind}` : pod ? ' pod' : ''}${side === 'B' ? ' side-b' : ''}`;
  const own = l.kind ? l.title : pod ? `pod/${l.pod.replace(/^default\//, '')}` : l.container;
  const name = `${side ? `${side}: ` : ''}${own}`;
  const data = l.kind
    ? `data-${l.kind}="${escapeXml(l.pod)}"`
    : `data-pod="${escapeXml(l.pod)}"${l.container === undefined ? '' : ` data-container="${escapeXml(l.container)}"`}`;
  const out = [
    `<g class="${cls}" ${data}>`,
    `<rect class="row" x="0" y="${y}" width="${LABEL_W + PLOT_W + 20}" height="${ROW_H}"/>`,
    `<text class="name" x="${pod ? 8 : 28}" y="${y + 27}">${escapeXml(name)}${title(l.detail || name)}</text>`,
  ];
  for (const s of l.spans) {
    const w = Math.max(x(s.to) - x(s.from), 1);
    out.push(
      `<g class="span ${s.kind}"><rect x="${x(s.from)}" y="${y + 13}" width="${w}" height="20" rx="2" fill="${SPAN_COLOURS[s.kind]}"/>${title(`${s.detail} to ${fmtAt(s.to)}`)}`,
      w > s.label.length * 6.2 + 6
        ? `<text class="label" x="${x(s.from) + 4}" y="${y + 27}">${escapeXml(s.label)}</text></g>`
        : '</g>',
    );
  }
  for (const o of l.overlays) {
    const w = Math.max(x(o.to) - x(o.from), 2);
    out.push(
      `<g class="overlay ${o.kind}"><rect x="${x(o.from)}" y="${y + 35}" width="${w}" height="7" fill="url(#${o.kind})" stroke="${SPAN_COLOURS[o.kind]}"/>${title(o.detail)}</g>`,
    );
  }
  for (const t of l.ticks) {
    out.push(
      `<g class="tick ${t.ok ? 'ok' : 'fail'}"><rect x="${x(t.at) - 1.5}" y="${y + 43}" width="3" height="8"/>${title(t.detail)}</g>`,
    );
  }
  for (const m of l.markers) {
    const cx = x(m.at);
    out.push(
      `<g class="marker${m.warning ? ' warning' : ''}" data-seq="${m.seq}" tabindex="0"><path d="M${cx} ${y + 12} l-5 -9 h10 z"/>${title(`${m.label}\n${m.detail}`)}</g>`,
    );
  }
  out.push('</g>');
  return out.join('\n');
}
