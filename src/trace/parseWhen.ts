/**
 * The `podsim when` query language: a few words naming an object and a moment. Small on purpose;
 * every form is listed in WHEN_FORMS, which the CLI prints for anything it does not understand.
 */

import { parseDuration } from '../model/time.js';

export interface PodRef {
  namespace: string | undefined;
  name: string;
}

export type WhenQuery =
  | { kind: 'condition'; pod: PodRef; condition: string; status: 'True' | 'False' }
  | { kind: 'phase'; pod: PodRef; phase: string }
  | { kind: 'status'; pod: PodRef; status: string }
  | { kind: 'podEvent'; pod: PodRef; type: string }
  | {
      kind: 'container';
      pod: PodRef;
      container: string;
      what: 'started' | 'exited' | 'ready' | 'restart';
      n: number | undefined;
    }
  /** A node's kubelet stopping or starting and the node lifecycle controller's verdicts. */
  | { kind: 'nodeEvent'; node: string; types: string[]; what: string }
  | { kind: 'signal'; signal: 'SIGTERM' | 'SIGKILL'; pod: PodRef | undefined }
  | { kind: 'reason'; reason: string; pod: PodRef | undefined }
  /** `service` is `NAME` or `NAMESPACE/NAME`. */
  | { kind: 'endpoints'; service: string; what: 'empty' }
  /** The fewest ready endpoints, within [from, until) when given. */
  | { kind: 'endpoints'; service: string; what: 'min'; from?: number; until?: number };

export const WHEN_FORMS = `queries:
  pod/NAME CONDITION[=True|False]     when a pod condition became True (or False): Ready,
                                      ContainersReady, Initialized, PodScheduled, PodReadyToStartContainers
  pod/NAME PHASE                      when the phase became Pending, Running, Succeeded or Failed
  pod/NAME status STATUS              when kubectl's STATUS column became STATUS (CrashLoopBackOff, Error, …)
  pod/NAME created|scheduled|unschedulable|deletion-requested|terminated|deleted
  pod/NAME marked-not-ready|evicted|eviction-cancelled
                                      node loss: Ready set False by the node lifecycle controller,
                                      deleted by the taint eviction controller, eviction cancelled
  node/NAME down|up|NotReady|Ready    the node's kubelet stopped / started (nodeDown, nodeUp); the node
                                      became NotReady (Ready Unknown) / Ready (registered, or back)
  container POD/CONTAINER started|exited|ready|restart [N]
                                      every start, exit, readiness, restart; 'restart N' is the Nth restart's start
  SIGTERM|SIGKILL [pod/NAME]          when a container was sent the signal
  REASON [pod/NAME]                   when a Kubernetes Event with that reason was recorded
                                      (Unhealthy, Killing, BackOff, Pulled, Started, FailedScheduling, …)
  endpoints svc/NAME empty            every interval [from, until) during which the Service had no ready
                                      endpoint (serving and not terminating); NAME defaults to namespace default
  endpoints svc/NAME min [T1 T2]      the fewest ready endpoints the Service had (between T1 and T2), and when
NAME may be NAMESPACE/NAME.`;

export const CONDITIONS = [
  'Ready',
  'ContainersReady',
  'Initialized',
  'PodScheduled',
  'PodReadyToStartContainers',
] as const;
export const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;
const POD_EVENTS: Record<string, string> = {
  created: 'pod/created',
  scheduled: 'pod/scheduled',
  unschedulable: 'pod/unschedulable',
  'deletion-requested': 'pod/deletionRequested',
  terminated: 'pod/terminated',
  deleted: 'pod/deleted',
  'marked-not-ready': 'pod/markedNotReady',
  evicted: 'pod/disruptionTargeted',
  'marked-failed': 'pod/markedFailed',
  'eviction-cancelled': 'pod/evictionCancelled',
};
const NODE_EVENTS: Record<string, string[]> = {
  down: ['node/kubeletStopped'],
  up: ['node/kubeletStarted'],
  NotReady: ['node/statusUnknown'],
  Ready: ['node/registered', 'node/kubeletStarted'],
};

/** Reasons the simulator records; a reason outside this list is accepted if the trace has it. */
export const KNOWN_REASONS = [
  'Scheduled',
  'FailedScheduling',
  'Pulling',
  'Pulled',
  'Failed',
  'BackOff',
  'ErrImageNeverPull',
  'InspectFailed',
  'Created',
  'Started',
  'Killing',
  'Unhealthy',
  'FailedPostStartHook',
  'FailedPreStopHook',
  'NodeNotReady',
  'NodeReady',
  'TaintManagerEviction',
];

export class QueryError extends Error {
  constructor(message: string) {
    super(`${message}\n${WHEN_FORMS}`);
    this.name = 'QueryError';
  }
}

function podRef(word: string | undefined): PodRef | undefined {
  const m = /^(?:pod|pods|po)\/(?:([a-z0-9][-a-z0-9.]*)\/)?([a-z0-9][-a-z0-9.]*)$/.exec(word ?? '');
  return m ? { namespace: m[1], name: m[2]! } : undefined;
}

/** Parses the words after the trace; `reasons` are the Event reasons the trace holds. */
export function parseWhen(words: readonly string[], reasons: ReadonlySet<string>): WhenQuery {
  const w = words.flatMap((x) => x.split(/\s+/)).filter(Boolean);
  const [a, b, c, d, e, f] = w;
  const bad = (): never => {
    throw new QueryError(`when: cannot read the query "${w.join(' ')}"`);
  };
  if (a === undefined) throw new QueryError('when: give a query after the trace');
  const pod = podRef(a);
  if (pod) {
    if (b === undefined || d !== undefined) return bad();
    const cond = /^([A-Za-z]+)(?:=(True|False))?$/.exec(b);
    if (c === undefined && cond && (CONDITIONS as readonly string[]).includes(cond[1]!))
      return {
        kind: 'condition',
        pod,
        condition: cond[1]!,
        status: cond[2] === 'False' ? 'False' : 'True',
      };
    if (c === undefined && (PHASES as readonly string[]).includes(b))
      return { kind: 'phase', pod, phase: b };
    if (c === undefined && POD_EVENTS[b]) return { kind: 'podEvent', pod, type: POD_EVENTS[b] };
    if (b === 'status' && c !== undefined) return { kind: 'status', pod, status: c };
    return bad();
  }
  const node = /^(?:node|nodes|no)\/([a-z0-9][-a-z0-9.]*)$/.exec(a);
  if (node) {
    if (b === undefined || c !== undefined || !NODE_EVENTS[b]) return bad();
    return { kind: 'nodeEvent', node: node[1]!, types: NODE_EVENTS[b], what: b };
  }
  if (a === 'container') {
    const m = /^(?:([a-z0-9][-a-z0-9.]*)\/)?([a-z0-9][-a-z0-9.]*)\/([a-z0-9][-a-z0-9]*)$/.exec(
      b ?? '',
    );
    if (!m || (c !== 'started' && c !== 'exited' && c !== 'ready' && c !== 'restart')) return bad();
    if (d !== undefined && (c !== 'restart' || !/^[1-9]\d*$/.test(d))) return bad();
    return {
      kind: 'container',
      pod: { namespace: m[1], name: m[2]! },
      container: m[3]!,
      what: c,
      n: d === undefined ? undefined : Number(d),
    };
  }
  if (a === 'endpoints') {
    const m = /^(?:svc|service|services)\/((?:[a-z0-9][-a-z0-9.]*\/)?[a-z0-9][-a-z0-9.]*)$/.exec(
      b ?? '',
    );
    if (!m) return bad();
    if (c === 'empty' && d === undefined)
      return { kind: 'endpoints', service: m[1]!, what: 'empty' };
    if (c !== 'min' || f !== undefined || (d === undefined) !== (e === undefined)) return bad();
    if (d === undefined) return { kind: 'endpoints', service: m[1]!, what: 'min' };
    const from = parseDuration(d);
    const until = parseDuration(e);
    if (from === undefined || until === undefined || until <= from)
      throw new QueryError(
        `when: endpoints ${b} min ${d} ${e}: give two durations, the second later (e.g. 60s 2m)`,
      );
    return { kind: 'endpoints', service: m[1]!, what: 'min', from, until };
  }
  const scope = b === undefined ? undefined : podRef(b);
  if ((b !== undefined && !scope) || c !== undefined) return bad();
  if (a === 'SIGTERM' || a === 'SIGKILL') return { kind: 'signal', signal: a, pod: scope };
  if (KNOWN_REASONS.includes(a) || reasons.has(a)) return { kind: 'reason', reason: a, pod: scope };
  return bad();
}
