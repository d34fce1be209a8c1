/** `podsim get pods` and `podsim describe pod` at an instant of a run or a trace. */
import { podsOnNode } from '../state/selectors.js';
import { parseArgs } from 'node:util';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { sortKeys } from '../trace/canonical.js';
import { kubectlYaml } from '../views/kubectlYaml.js';
import {
  byNamespaceAndName,
  findPod,
  listedPods,
  nowRfc,
  podEvents,
  podList,
} from '../state/selectors.js';
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
import { isPodTerminal } from '../controllers/activePods.js';
import { isWorkloadResource, workloadTable } from './workloadGet.js';
import { describedResource, describeWorkload, workloadLookup } from './describeWorkload.js';
import type { Lookup } from './describeWorkload.js';
import type { ClusterState, NodeState, PodState } from '../state/model.js';
import {
  NODE_COLUMNS,
  NODE_WIDE_COLUMNS,
  describeNode,
  printNodeRow,
  printNodeWideColumns,
} from '../views/nodes.js';
import { nodeEvents, nodeLease, nodeObject } from '../state/nodeObject.js';
import { compareText } from '../model/order.js';

export function getCommand(args: readonly string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { at: { type: 'string' }, output: { type: 'string', short: 'o' } },
  });
  const typed = typeSlashName(positionals);
  const [resource, ...files] = typed ? [typed.resource, ...positionals.slice(1)] : positionals;
  const only = typed?.name;
  if (only !== undefined && isWorkloadResource(resource))
    throw new UsageError(
      `get ${positionals[0]}: TYPE/NAME is supported for pods and nodes only; 'get ${resource}' lists them all`,
    );
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
    const nodes = nodesByName(state)
      .filter((n) => only === undefined || n.spec.name === only)
      .map((n) => nodeObject(state, n, at));
    if (only !== undefined && nodes.length === 0) return notFound(io, 'nodes', only);
    return printObjects(io, output, nodes, 'No resources found\n', only !== undefined, (wide) =>
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
  const pods = podList(state).filter((p) => only === undefined || p.metadata?.name === only);
  if (only !== undefined && pods.length === 0) return notFound(io, 'pods', only);
  const now = nowRfc(state, at);
  const empty = 'No resources found in default namespace.\n';
  return printObjects(io, output, pods, empty, only !== undefined, (wide) =>
    formatTable(
      wide ? POD_WIDE_COLUMNS : POD_COLUMNS,
      pods.map((p: Pod) =>
        podRowCells(printPodRow(p, now), wide ? printPodWideColumns(p) : undefined),
      ),
    ),
  );
}

/**
 * kubectl's TYPE/NAME argument (`pod/web-1`, `deploy/web`) as TYPE and NAME; undefined when the
 * first argument is a plain TYPE, or a file path.
 */
function typeSlashName(
  positionals: readonly string[],
): { resource: string; name: string } | undefined {
  const first = positionals[0] ?? '';
  const slash = first.indexOf('/');
  if (slash <= 0 || /\.(ya?ml|jsonl?)$/.test(first)) return undefined;
  return { resource: first.slice(0, slash), name: first.slice(slash + 1) };
}

/** kubectl get TYPE/NAME of an object that does not exist (exit 1, as `describe`). */
function notFound(io: CliIO, plural: string, name: string): number {
  io.err(`Error from server (NotFound): ${plural} "${name}" not found\n`);
  return EXIT.different;
}

/**
 * `kubectl get`'s output: the objects (-o yaml|json; one named object as itself, not a List), or
 * `empty` on stderr, or the table.
 */
function printObjects(
  io: CliIO,
  output: 'wide' | 'yaml' | 'json' | undefined,
  items: readonly unknown[],
  empty: string,
  single: boolean,
  table: (wide: boolean) => string,
): number {
  if ((output === 'json' || output === 'yaml') && single) printOne(io, output, items[0]);
  else if (output === 'json' || output === 'yaml') printList(io, output, items);
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
  printOne(io, output, {
    apiVersion: 'v1',
    kind: 'List',
    items,
    metadata: { resourceVersion: '' },
  });
}

function printOne(io: CliIO, output: 'yaml' | 'json', object: unknown): void {
  io.out(
    output === 'json' ? `${JSON.stringify(sortKeys(object), null, 4)}\n` : kubectlYaml(object),
  );
}

export function describeCommand(args: readonly string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { at: { type: 'string' } },
  });
  const typed = typeSlashName(positionals);
  const [resource, name, ...files] = typed
    ? [typed.resource, typed.name, ...positionals.slice(1)]
    : positionals;
  // `describe svc run.jsonl`: the file was taken for the NAME.
  if (files.length === 0 && name !== undefined && /\.(ya?ml|jsonl?)$/.test(name))
    throw new UsageError(
      `describe ${resource ?? ''}: give the NAME (or a name prefix) before the input files; "${name}" looks like a file`,
    );
  const at = durationOption('at', values.at);
  if (resource === 'node' || resource === 'nodes' || resource === 'no') {
    if (!name) throw new UsageError('describe node: give the node NAME');
    requireFiles(files, 'describe node');
    const s = stateAt(files, io, at);
    const { state } = s;
    const lookup: Lookup<NodeState> = {
      exact: state.nodes.get(name),
      all: () => nodesByName(state),
      nameOf: (n) => n.spec.name,
      notFound: `Error from server (NotFound): nodes "${name}" not found\n`,
    };
    return describeNamed(io, name, lookup, (n, showEvents) => {
      // The field selector of NodeDescriber: pods bound to the node and not Succeeded or Failed,
      // as the API lists them (by namespace, then name).
      const pods = podsOnNode(state, n.spec.name)
        .map((p) => p.pod as Pod)
        .filter((p) => !isPodTerminal(p))
        .sort(byNamespaceAndName);
      return describeNode(
        nodeObject(state, n, s.at),
        nodeLease(state, n, s.at),
        pods,
        showEvents ? nodeEvents(state, n) : null,
        nowRfc(state, s.at),
      );
    });
  }
  const workload = describedResource(resource);
  if (workload) {
    if (!name) throw new UsageError(`describe ${resource}: give the ${resource} NAME`);
    requireFiles(files, `describe ${resource}`);
    const s = stateAt(files, io, at);
    return describeNamed(io, name, workloadLookup(s.state, workload, name), (o, showEvents) =>
      describeWorkload(s.state, o, s.at, showEvents),
    );
  }
  if (resource !== 'pod' && resource !== 'pods' && resource !== 'po') {
    throw new UsageError(
      `describe: only pod, node, deployment, rs, rc and svc NAME can be described (got ${JSON.stringify(resource ?? '')})`,
    );
  }
  if (!name) throw new UsageError('describe pod: give the pod NAME');
  requireFiles(files, 'describe pod');
  const s = stateAt(files, io, at);
  const { state } = s;
  const lookup: Lookup<PodState> = {
    exact: findPod(state, name),
    all: () => listedPods(state),
    nameOf: (p) => p.pod.metadata!.name!,
    notFound: `Error from server (NotFound): pods "${name}" not found\n`,
  };
  return describeNamed(io, name, lookup, (p, showEvents) =>
    describePod(
      p.pod as Pod,
      // kubectl selects the pod's events by uid: events recorded without one are not listed.
      showEvents ? eventsForPod(p.pod as Pod, podEvents(state, p)) : null,
      nowRfc(state, s.at),
    ),
  );
}

/**
 * kubectl describe TYPE NAME (pkg/cmd/describe/describe.go): the object named NAME; when there is
 * none, every one whose name begins with NAME (DescribeMatchingResources), each followed by an
 * empty line and without its Events (Run turns ShowEvents off once the lookup has failed), so
 * `describe pod web` describes a Deployment's pods; NotFound when no name begins with NAME.
 */
function describeNamed<T>(
  io: CliIO,
  name: string,
  lookup: Lookup<T>,
  describe: (item: T, showEvents: boolean) => string,
): number {
  if (lookup.exact !== undefined) {
    io.out(describe(lookup.exact, true));
    return EXIT.ok;
  }
  const matching = lookup.all().filter((item) => lookup.nameOf(item).startsWith(name));
  if (matching.length === 0) {
    io.err(lookup.notFound);
    return EXIT.different;
  }
  for (const item of matching) io.out(`${describe(item, false)}\n`);
  return EXIT.ok;
}

/** The nodes as the API lists them (by name). */
const nodesByName = (state: ClusterState): NodeState[] =>
  [...state.nodes.values()].sort((a, b) => compareText(a.spec.name, b.spec.name));
