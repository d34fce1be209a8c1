/**
 * The Events table of `kubectl describe`. Mirrors describe.go DescribeEvents and
 * staging/src/k8s.io/kubectl/pkg/util/event/sorted_event_list.go (SortableEvents).
 */
import type { Event, Pod } from 'kubernetes-types/core/v1.js';
import { translateTimestampSince } from '../duration.js';
import { goSort } from '../goSort.js';
import { goTrimSpace } from '../goText.js';
import { parseApiMicros, parseApiTime } from '../goTime.js';
import type { PrefixWriter } from './prefixWriter.js';
import { LEVEL_0, LEVEL_1 } from './prefixWriter.js';

/**
 * The events `kubectl describe pod` finds: those whose involvedObject has the pod's name,
 * namespace and uid (the field selector of PodDescriber; a mirror pod is matched by the uid in its
 * kubernetes.io/config.mirror annotation). The order of `events` is kept.
 */
export function eventsForPod(pod: Pod, events: readonly Event[]): Event[] {
  const meta = pod.metadata ?? {};
  const uid = meta.annotations?.['kubernetes.io/config.mirror'] ?? meta.uid;
  return events.filter(
    (e) =>
      (e.involvedObject.name ?? '') === (meta.name ?? '') &&
      (e.involvedObject.namespace ?? '') === (meta.namespace ?? '') &&
      (!uid || e.involvedObject.uid === uid),
  );
}

/** SortableEvents' eventTime: series last observation, else lastTimestamp, else eventTime. */
function sortTime(e: Event): number {
  if (e.series != null) return parseApiMicros(e.series.lastObservedTime) ?? -Infinity;
  const last = parseApiMicros(e.lastTimestamp);
  if (last !== undefined) return last;
  return parseApiMicros(e.eventTime) ?? -Infinity;
}

/** translateTimestampSince and translateMicroTimestampSince print alike at second precision. */
const since = translateTimestampSince;

/** The Age cell: `<since last> (x<count> over <since first>)` for repeated events. */
export function eventAge(e: Event, nowMs: number): string {
  const first =
    parseApiTime(e.eventTime) !== undefined
      ? since(e.eventTime, nowMs)
      : since(e.firstTimestamp, nowMs);
  if (e.series != null) {
    return `${since(e.series.lastObservedTime, nowMs)} (x${e.series.count ?? 0} over ${first})`;
  }
  if ((e.count ?? 0) > 1) {
    return `${since(e.lastTimestamp, nowMs)} (x${e.count} over ${first})`;
  }
  return first;
}

/** DescribeEvents: `Events:\t<none>`, or the Type/Reason/Age/From/Message table in time order. */
export function describeEvents(w: PrefixWriter, events: readonly Event[], nowMs: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  // The table is aligned on its own: the writer is flushed before it.
  w.flush();
  const sorted = goSort([...events], (a, b) => sortTime(a) < sortTime(b));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const source = e.source?.component || e.reportingComponent || '';
    const cells = [e.type ?? '', e.reason ?? '', eventAge(e, nowMs), source];
    w.write(LEVEL_1, `${cells.join('\t')}\t${goTrimSpace(e.message ?? '')}\n`);
  }
}
