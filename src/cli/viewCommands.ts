/** `podsim get pods` and `podsim describe pod` at an instant of a run or a trace. */
import { parseArgs } from 'node:util';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { stringify } from 'yaml';
import { findPod, nowRfc, podEvents, podList } from '../state/selectors.js';
import {
  POD_COLUMNS,
  POD_WIDE_COLUMNS,
  describePod,
  formatTable,
  printPodRow,
  printPodWideColumns,
  podRowCells,
} from '../views/index.js';
import { EXIT, UsageError } from './io.js';
import type { CliIO } from './io.js';
import { durationOption, requireFiles } from './options.js';
import { stateAt } from './source.js';
import { isWorkloadResource, workloadTable } from './workloadGet.js';

export function getCommand(args: readonly string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { at: { type: 'string' }, output: { type: 'string', short: 'o' } },
  });
  const [resource, ...files] = positionals;
  if (isWorkloadResource(resource)) {
    requireFiles(files, `get ${resource}`);
    const { state, at } = stateAt(files, io, durationOption('at', values.at));
    const table = workloadTable(resource!, state, at);
    if (table === '') io.err('No resources found in default namespace.\n');
    else io.out(table);
    return EXIT.ok;
  }
  if (resource !== 'pods' && resource !== 'pod' && resource !== 'po') {
    throw new UsageError(
      `get: only pods, deploy, rs, rc, svc, endpoints and endpointslices can be listed (got ${JSON.stringify(resource ?? '')})`,
    );
  }
  requireFiles(files, 'get pods');
  const output = values.output;
  if (output !== undefined && !['wide', 'yaml', 'json'].includes(output)) {
    throw new UsageError(`-o ${output}: expected wide, yaml or json`);
  }
  const { state, at } = stateAt(files, io, durationOption('at', values.at));
  const pods = podList(state);
  if (output === 'json' || output === 'yaml') {
    const list = { apiVersion: 'v1', kind: 'List', items: pods, metadata: { resourceVersion: '' } };
    io.out(output === 'json' ? `${JSON.stringify(list, null, 4)}\n` : stringify(list));
    return EXIT.ok;
  }
  if (pods.length === 0) {
    io.err('No resources found in default namespace.\n');
    return EXIT.ok;
  }
  const now = nowRfc(state, at);
  const wide = output === 'wide';
  const rows = pods.map((p: Pod) =>
    podRowCells(printPodRow(p, now), wide ? printPodWideColumns(p) : undefined),
  );
  io.out(formatTable(wide ? POD_WIDE_COLUMNS : POD_COLUMNS, rows));
  return EXIT.ok;
}

export function describeCommand(args: readonly string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { at: { type: 'string' } },
  });
  const [resource, name, ...files] = positionals;
  if (resource !== 'pod' && resource !== 'pods' && resource !== 'po') {
    throw new UsageError(
      `describe: only "pod NAME" can be described (got ${JSON.stringify(resource ?? '')})`,
    );
  }
  if (!name) throw new UsageError('describe pod: give the pod NAME');
  requireFiles(files, 'describe pod');
  const { state, at } = stateAt(files, io, durationOption('at', values.at));
  const p = findPod(state, name);
  if (!p) {
    io.err(`Error from server (NotFound): pods "${name}" not found\n`);
    return EXIT.different;
  }
  io.out(describePod(p.pod as Pod, podEvents(state, p), nowRfc(state, at)));
  return EXIT.ok;
}
