/** `podsim when TRACE QUERY`: the virtual times at which something happened in a run. */
import { parseArgs } from 'node:util';
import { answerWhen, reasonsIn } from '../trace/when.js';
import { parseWhen, QueryError } from '../trace/whenQuery.js';
import { formatTable } from '../views/index.js';
import { formatAge } from './format.js';
import { EXIT, UsageError } from './io.js';
import type { CliIO } from './io.js';
import { requireTrace } from './traceInput.js';

/** `default/foo` → `pod/foo`; other namespaces keep theirs (`pod/web/foo`). */
export function podLabel(key: string): string {
  if (!/^[^/]+\/[^/]+$/.test(key)) return key;
  return key.startsWith('default/') ? `pod/${key.slice(8)}` : `pod/${key}`;
}

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
  if (query.kind === 'endpoints')
    throw new UsageError(
      `when: endpoints svc/${query.service}: podsim does not model endpoints yet (Services have no EndpointSlices), so this cannot be answered`,
    );
  const answers = answerWhen(trace, query);
  if (answers.length === 0) {
    io.out(
      `never: nothing matches "${words.join(' ')}" in ${file} (0s to ${formatAge(trace.header.untilMs)})\n`,
    );
    return EXIT.different;
  }
  io.out(
    formatTable(
      ['TIME', 'MS', 'OBJECT', 'WHAT'],
      answers.map((a) => [formatAge(a.at), String(a.at), podLabel(a.object), a.what]),
    ),
  );
  return EXIT.ok;
}
