/** `podsim get pods` and `podsim describe pod` at an instant of a run or a trace. */
import { podsOnNode } from '../state/selectors.js';
import { parseArgs } from 'node:util';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { sortKeys } from '../trace/canonical.js';
import { kubectlYaml } from '../views/kubectlYaml.js';
import { findPod, nowRfc, podEvents, podList } from '../state/selectors.js';
import {
  POD_COLUMNS,
  POD_WIDE_COLUMNS,
  describePod,
  eventsForPod,
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
import { describeWorkload, isDescribableWorkload } from './describeWorkload.js';
import {
  NODE_COLUMNS,
  NODE_WIDE_COLUMNS,
  describeNode,
  printNodeRow,
  printNodeWideColumns,
} from '../views/nodes.js';
import { nodeEvents, nodeLease, nodeObject } from '../state/nodeObject.js';

export function getCommand(args: readonly string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { at: { type: 'string' }, output: { type: 'string', short: 'o' } },
  });
  const [resource, ...files] = positionals;
  if (isWorkloadResource(resource)) {
    if (values.output !== undefined)
      throw new UsageError(
        `get ${resource}: -o ${values.output} is not supported (the table only)`,
      );
    requireFiles(files, `get ${resource}`);
    const { state, at } = stateAt(files, io, durationOption('at', values.at));
    const table = workloadTable(resource!, state, at);
    if (table === '') io.err('No resources found in default namespace.\n');
    else io.out(table);
    return EXIT.ok;
  }
  if (resource === 'nodes' || resource === 'node' || resource === 'no') {
    const output = outputOption(values.output);
    requireFiles(files, `get ${resource}`);
    const { state, at } = stateAt(files, io, durationOption('at', values.at));
    const now = nowRfc(state, at);
    const nodes = [...state.nodes.values()]
      .sort((a, b) => (a.spec.name < b.spec.name ? -1 : a.spec.name > b.spec.name ? 1 : 0))
      .map((n) => nodeObject(state, n, at));
    return printObjects(io, output, nodes, 'No resources found\n', (wide) =>
      formatTable(
        wide ? NODE_WIDE_COLUMNS : NODE_COLUMNS,
        nodes.map((n) => [...printNodeRow(n, now), ...(wide ? printNodeWideColumns(n) : [])]),
      ),
    );
  }
  if (resource !== 'pods' && resource !== 'pod' && resource !== 'po') {
    throw new UsageError(
      `get: only pods, nodes, deploy, rs, rc, svc, endpoints and endpointslices can be listed (got ${JSON.stringify(resource ?? '')})`,
    );
  }
  const output = outputOption(values.output);
  requireFiles(files, 'get pods');
  const { state, at } = stateAt(files, io, durationOption('at', values.at));
  const pods = podList(state);
  const now = nowRfc(state, at);
  return printObjects(io, output, pods, 'No resources found in default namespace.\n', (wide) =>
    formatTable(
      wide ? POD_WIDE_COLUMNS : POD_COLUMNS,
      pods.map((p: Pod) =>
        podRowCells(printPodRow(p, now), wide ? printPodWideColumns(p) : undefined),
      ),
    ),
  );
}

/** `kubectl get`'s output: the objects (-o yaml|json), or `empty` on stderr, or the table. */
function printObjects(
  io: CliIO,
  output: 'wide' | 'yaml' | 'json' | undefined,
  items: readonly unknown[],
  empty: string,
  table: (wide: boolean) => string,
): number {
  if (output === 'json' || output === 'yaml') printList(io, output, items);
  else if (items.length === 0) io.err(empty);
  else io.out(table(output === 'wide'));
  return EXIT.ok;
}

/** `-o`: wide, yaml or json (or none: the table). */
function outputOption(output: string | undefined): 'wide' | 'yaml' | 'json' | undefined {
  if (output === undefined || output === 'wide' || output === 'yaml' || output === 'json')
    return output;
  throw new UsageError(`-o ${output}: expected wide, yaml or json`);
}

/**
 * `kubectl get -o json|yaml` of several objects: a v1 List. JSON has its keys sorted, as
 * encoding/json writes the maps kubectl decoded; YAML is kubectlYaml's.
 */
function printList(io: CliIO, output: 'yaml' | 'json', items: readonly unknown[]): void {
  const list = { apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } };
  io.out(output === 'json' ? `${JSON.stringify(sortKeys(list), null, 4)}\n` : kubectlYaml(list));
}

export function describeCommand(args: readonly string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { at: { type: 'string' } },
  });
  const [resource, name, ...files] = positionals;
  if (resource === 'node' || resource === 'nodes' || resource === 'no') {
    if (!name) throw new UsageError('describe node: give the node NAME');
    requireFiles(files, 'describe node');
    const { state, at } = stateAt(files, io, durationOption('at', values.at));
    const n = state.nodes.get(name);
    if (!n) {
      io.err(`Error from server (NotFound): nodes "${name}" not found\n`);
      return EXIT.different;
    }
    // The field selector of NodeDescriber: pods bound to the node and not Succeeded or Failed, as
    // the API lists them (by namespace, then name).
    const pods = podsOnNode(state, name)
      .map((p) => p.pod as Pod)
      .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
      .sort((a, b) => {
        const ka = `${a.metadata!.namespace}/${a.metadata!.name}`;
        const kb = `${b.metadata!.namespace}/${b.metadata!.name}`;
        return ka < kb ? -1 : ka > kb ? 1 : 0;
      });
    io.out(
      describeNode(
        nodeObject(state, n, at),
        nodeLease(state, n, at),
        pods,
        nodeEvents(state, n),
        nowRfc(state, at),
      ),
    );
    return EXIT.ok;
  }
  if (isDescribableWorkload(resource)) {
    if (!name) throw new UsageError(`describe ${resource}: give the ${resource} NAME`);
    requireFiles(files, `describe ${resource}`);
    const { state, at } = stateAt(files, io, durationOption('at', values.at));
    const r = describeWorkload(state, resource!, name, at);
    if ('error' in r) {
      io.err(r.error);
      return EXIT.different;
    }
    io.out(r.out);
    return EXIT.ok;
  }
  if (resource !== 'pod' && resource !== 'pods' && resource !== 'po') {
    throw new UsageError(
      `describe: only pod, node, deployment, rs and rc NAME can be described (got ${JSON.stringify(resource ?? '')})`,
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
  // kubectl selects the pod's events by uid: events recorded without one are not listed.
  const events = eventsForPod(p.pod as Pod, podEvents(state, p));
  io.out(describePod(p.pod as Pod, events, nowRfc(state, at)));
  return EXIT.ok;
}
