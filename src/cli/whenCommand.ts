/** `podsim when TRACE QUERY`: the virtual times at which something happened in a run. */
import { objectLabel, podLabel } from '../views/index.js';
import { parseArgs } from 'node:util';
import { answerEndpointsEmpty, answerWhen, reasonsIn } from '../trace/answerWhen.js';
import { serviceObjectKey } from '../state/endpointIntervals.js';
import { minReadyEndpoints, readyEndpointCounts } from '../state/readyEndpointCounts.js';
import { parseWhen, QueryError } from '../trace/parseWhen.js';
import { formatTable } from '../views/index.js';
import { formatAge } from './format.js';
import { EXIT, UsageError } from './io.js';
import type { CliIO } from './io.js';
import { requireTrace } from './source.js';
import type { LoadedTrace } from '../trace/loadTrace.js';

/** A `when` answer's object: a pod key (`default/foo` → `pod/foo`) or an object key. */
const answerLabel = (key: string): string =>
  /^[^/]+\/[^/]+$/.test(key) && !key.startsWith('Node/') ? podLabel(key) : objectLabel(key);

export function whenCommand(args: readonly string[], io: CliIO): number {
  const { positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {},
  });
  const [file, ...words] = positionals;
  const trace = requireTrace(file, io, 'when');
  let query;
  try {
    query = parseWhen(words, reasonsIn(trace));
  } catch (e) {
    if (e instanceof QueryError) throw new UsageError(e.message);
    throw e;
  }
  if (query.kind === 'endpoints' && query.what === 'min')
    return endpointsMin(file!, trace, query, words, io);
  if (query.kind === 'endpoints') return endpointsEmpty(file!, trace, query.service, words, io);
  const ref = 'pod' in query ? query.pod : undefined;
  const pods = trace.events.filter((e) => e.type === 'pod/created').map((e) => e.object.slice(4));
  if (
    ref &&
    !pods.some(
      (k) =>
        k === `${ref.namespace}/${ref.name}` ||
        (ref.namespace === undefined && k.endsWith(`/${ref.name}`)),
    )
  )
    throw new UsageError(
      `when: no pod ${ref.namespace === undefined ? '' : `${ref.namespace}/`}${ref.name} in ${file} (pods: ${pods.map(podLabel).join(', ') || 'none'})`,
    );
  if (query.kind === 'nodeEvent') {
    const nodes = trace.events
      .filter((e) => e.type === 'node/registered')
      .map((e) => e.object.slice('Node/'.length));
    if (!nodes.includes(query.node))
      throw new UsageError(
        `when: no node ${query.node} in ${file} (nodes: ${nodes.join(', ') || 'none'})`,
      );
  }
  const answers = answerWhen(trace, query);
  if (answers.length === 0) {
    return nothingMatches(io, words, String(file), trace.header.untilMs);
  }
  io.out(
    formatTable(
      ['TIME', 'MS', 'OBJECT', 'WHAT'],
      answers.map((a) => [formatAge(a.at), String(a.at), answerLabel(a.object), a.what]),
    ),
  );
  return EXIT.ok;
}

/** The Service's state key, or a usage error naming the Services the trace has. */
function requireService(file: string, trace: LoadedTrace, service: string): string {
  const key = serviceObjectKey(service);
  const services = [
    ...new Set(
      trace.events
        .filter((e) => e.type === 'object/applied' && e.object.startsWith('Service/'))
        .map((e) => e.object),
    ),
  ];
  if (!services.includes(key))
    throw new UsageError(
      `when: no service ${service} in ${file} (services: ${services.map(objectLabel).join(', ') || 'none'})`,
    );
  return key;
}

/** One row per span with the fewest ready endpoints (within the window), its end and length in WHAT. */
function endpointsMin(
  file: string,
  trace: LoadedTrace,
  q: { service: string; from?: number; until?: number },
  words: readonly string[],
  io: CliIO,
): number {
  const key = requireService(file, trace, q.service);
  const answer = minReadyEndpoints(readyEndpointCounts(trace.events, q.service), q.from, q.until);
  if (!answer) return nothingMatches(io, words, String(file), trace.header.untilMs);
  const window =
    q.from === undefined ? '' : ` between ${formatAge(q.from)} and ${formatAge(q.until!)}`;
  io.out(
    formatTable(
      ['TIME', 'MS', 'OBJECT', 'WHAT'],
      answer.spans.map((s) => [
        formatAge(s.from),
        String(s.from),
        objectLabel(key),
        `${answer.min} ready endpoint${answer.min === 1 ? '' : 's'} (the fewest${window}) until ${
          s.until === null
            ? `the end of the trace (${formatAge(trace.header.untilMs)})`
            : `${formatAge(s.until)} (${s.until} ms), for ${s.until - s.from} ms`
        }`,
      ]),
    ),
  );
  return EXIT.ok;
}

/** One row per interval without a ready endpoint: its start, and its end and length in WHAT. */
function endpointsEmpty(
  file: string,
  trace: LoadedTrace,
  service: string,
  words: readonly string[],
  io: CliIO,
): number {
  const key = requireService(file, trace, service);
  const intervals = answerEndpointsEmpty(trace, service);
  if (intervals.length === 0) {
    return nothingMatches(io, words, String(file), trace.header.untilMs);
  }
  io.out(
    formatTable(
      ['TIME', 'MS', 'OBJECT', 'WHAT'],
      intervals.map((i) => [
        formatAge(i.from),
        String(i.from),
        objectLabel(key),
        i.until === null
          ? `no ready endpoint until the end of the trace (${formatAge(trace.header.untilMs)})`
          : `no ready endpoint until ${formatAge(i.until)} (${i.until} ms), for ${i.until - i.from} ms`,
      ]),
    ),
  );
  return EXIT.ok;
}

/** The answer when a query matches nothing: say so, and exit 1 (a difference for scripts). */
function nothingMatches(
  io: CliIO,
  words: readonly string[],
  file: string,
  untilMs: number,
): number {
  io.out(`never: nothing matches "${words.join(' ')}" in ${file} (0s to ${formatAge(untilMs)})\n`);
  return EXIT.different;
}
