/**
 * What a lane shows besides its state spans: probe results as ticks, restart back-off and grace
 * periods as overlays, recorded Kubernetes Events and signals as markers; and the hover text of
 * the lane itself (the pod's labels and annotations, the container's image and command).
 */
import type { SimEvent } from '../events/catalog.js';
import type { PodState } from '../state/model.js';
import { containerOf } from './causeChain.js';
import { fmtAt } from './ruleText.js';
import type { Lane } from './timelineModel.js';

export const describeEvent = (ev: SimEvent): string =>
  [
    `#${ev.seq} ${ev.type} at ${fmtAt(ev.at)} (${ev.at} ms)`,
    ...(ev.notes ?? []).map((n) => `${n.type} ${n.reason}: ${n.message}`),
  ].join('\n');

/** Adds what one event shows to its lane. */
export function markLane(l: Lane, ev: SimEvent, events: readonly SimEvent[]): void {
  if (ev.type === 'probe/result')
    l.ticks.push({
      at: ev.at,
      ok: ev.payload.result === 'success',
      detail: `${ev.payload.probe} probe ${ev.payload.result} at ${fmtAt(ev.at)}${ev.payload.tookMs ? ` (attempt began at ${fmtAt(ev.at - ev.payload.tookMs)})` : ''}${ev.payload.output ? `: ${ev.payload.output}` : ''}`,
    });
  if (ev.type === 'container/backOff') {
    const from = ev.payload.retryAt - ev.payload.delayMs;
    if (!l.overlays.some((o) => o.kind === 'backoff' && o.to === ev.payload.retryAt))
      l.overlays.push({
        from,
        to: ev.payload.retryAt,
        kind: 'backoff',
        label: `back-off ${fmtAt(ev.payload.delayMs)}`,
        detail: `restart back-off ${fmtAt(ev.payload.delayMs)}: from ${fmtAt(from)} to ${fmtAt(ev.payload.retryAt)}`,
      });
  }
  if (ev.type === 'container/signalled' && ev.payload.signal === 'SIGTERM') {
    const exit = events.find(
      (e) =>
        e.seq > ev.seq &&
        e.type === 'container/exited' &&
        e.object === ev.object &&
        containerOf(e) === containerOf(ev),
    );
    const to = exit?.at ?? ev.at;
    l.overlays.push({
      from: ev.at,
      to,
      kind: 'grace',
      label: `grace ${fmtAt(to - ev.at)}`,
      detail: `SIGTERM at ${fmtAt(ev.at)}; stopped at ${fmtAt(to)}`,
    });
  }
  const signal = ev.type === 'container/signalled' ? ev.payload.signal : undefined;
  const changed = ev.type === 'pod/inputsChanged';
  if (
    ev.notes ||
    signal ||
    changed ||
    ev.type === 'container/exited' ||
    ev.type === 'pod/deleted'
  ) {
    const warning = ev.notes?.some((n) => n.type === 'Warning') ?? false;
    // A fork that changes the pod's behaviour (podsim fork --set).
    const label = signal ?? ev.notes?.[0]?.reason ?? (changed ? 'inputs changed' : ev.type);
    l.markers.push({
      at: ev.at,
      seq: ev.seq,
      warning: warning || signal === 'SIGKILL',
      label,
      detail: describeEvent(ev),
    });
  }
}

export function podDetail(p: PodState | undefined): string {
  const md = p?.pod.metadata;
  const labels = Object.entries(md?.labels ?? {}).map(([k, v]) => `${k}=${v}`);
  const notes = Object.entries(md?.annotations ?? {}).map(([k, v]) => `${k}: ${v}`);
  return [
    `pod ${md?.namespace}/${md?.name}`,
    ...(labels.length ? [`labels: ${labels.join(', ')}`] : []),
    ...notes.map((a) => `annotation ${a}`),
  ].join('\n');
}

export function containerDetail(p: PodState, name: string): string {
  const spec = [...(p.pod.spec?.initContainers ?? []), ...(p.pod.spec?.containers ?? [])].find(
    (c) => c.name === name,
  );
  return [
    `container ${name}`,
    `image: ${spec?.image ?? ''}`,
    ...(spec?.command ? [`command: ${spec.command.join(' ')}`] : []),
    ...(spec?.args ? [`args: ${spec.args.join(' ')}`] : []),
  ].join('\n');
}
