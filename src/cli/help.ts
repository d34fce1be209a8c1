/** Help texts: `podsim --help` and `podsim help COMMAND`. */
import { WHEN_FORMS } from '../trace/parseWhen.js';
import { ASSERTION_GRAMMAR } from '../check/user/assertions.js';

export const MAIN_HELP = `podsim — a deterministic simulator of the Kubernetes Pod lifecycle

Usage:
  podsim run FILE... [--until T] [--seed N] [--trace OUT [--force]] [--time] [--events]
  podsim get pods|nodes|deploy|rs|rc|svc|endpoints|endpointslices SOURCE... [--at T] [-o wide|yaml|json]
  podsim describe pod|node|deploy|rs|rc|svc NAME SOURCE... [--at T]
  podsim replay TRACE [--at T] [-o wide] | --verify
  podsim fork TRACE --at T [--set FILE]... [--until U] [--trace OUT [--force]] [--time] [--events]
  podsim when TRACE QUERY...
  podsim explain TRACE SEQ | --at T
  podsim diff A B
  podsim timeline TRACE -o FILE.html [--diff B] [--force]
  podsim export TRACE --format perfetto -o OUT.json [--force]
  podsim check SCENARIO... --assert A... [--runs N] [--seed S] [--jobs N] [--counterexample F] [--force]
  podsim check SCENARIO... --assert A... [--runs N] [--seed S] [--jobs N] --shard i/N --out F [--force]
  podsim check --merge SHARD.json... [--counterexample F] [--force]
  podsim traffic SOURCE... [-o json]
  podsim rollout status SOURCE... deployment/NAME
  podsim help [COMMAND]
  podsim --version

FILE is a Kubernetes manifest (Pod, Deployment, ReplicaSet, ReplicationController, Service,
ConfigMap, Secret, Namespace; multi-document YAML) or a podsim scenario (kind: Scenario).
SOURCE is the same files (the run is simulated up to --at) or one trace written by --trace.
TRACE is a trace in either form: JSON Lines (.jsonl) or YAML (--trace OUT.yaml); docs/traces.md.
Times are durations from the start of the run: 30s, 1m30s, 500ms, 2h.

Exit codes: 0 success, 1 difference, failed assertion or counterexample, 2 usage or input error.
Run 'podsim help COMMAND' for a command's options.`;

export const COMMAND_HELP: Record<string, string> = {
  run: `podsim run FILE... [options]

Simulates the manifests (and scenario) and prints, as the run proceeds, the lines
'kubectl get pods -w' would print: NAME READY STATUS RESTARTS AGE.

Options:
  --until T      stop the run at virtual time T (default: the scenario's 'until', else 10m)
  --seed N       seed for every random draw (default: the scenario's, else 1)
  --trace OUT    write the run as a trace to OUT: JSON Lines, or the YAML form when OUT ends in
                 .yaml or .yml (small runs); refuses to overwrite unless --force
  --force        allow --trace to replace an existing file
  --time         prefix each line with the virtual time at which it was printed
  --events       also print each Kubernetes Event as its component emits it (every occurrence,
                 before client-go's recorder counts, combines or drops it; 'describe' shows what
                 the API keeps)`,
  get: `podsim get pods SOURCE... [--at T] [-o wide|yaml|json]

Prints 'kubectl get pods' at virtual time T (default: the end of the run).
  -o wide   adds IP, NODE, NOMINATED NODE and READINESS GATES
  -o yaml   the Pod objects as the API server would return them
  -o json   the same as JSON (a List)
'podsim get nodes SOURCE... [--at T] [-o wide|yaml|json]' prints 'kubectl get nodes' (STATUS
Ready/NotReady from the Ready condition, ROLES, AGE, VERSION); -o wide adds INTERNAL-IP,
EXTERNAL-IP, OS-IMAGE, KERNEL-VERSION and CONTAINER-RUNTIME (podsim's nodes report no OS image,
kernel or runtime version: <unknown>), -o yaml|json the Node objects.
'podsim get pod/NAME|node/NAME SOURCE...' prints that one object (NotFound, exit 1, when there is
none; -o yaml|json the object itself, not a List).
'podsim get deploy|rs|rc|svc|endpoints|endpointslices SOURCE... [--at T]' prints those tables as
kubectl does (the table only).`,
  describe: `podsim describe pod NAME SOURCE... [--at T]

Prints 'kubectl describe pod NAME' at virtual time T (default: the end of the run): conditions,
container states, and the Events table with kubectl's ages and counts.
'podsim describe node NAME SOURCE... [--at T]' prints 'kubectl describe node NAME': taints,
lease, conditions, capacity, the node's non-terminated pods with their requests and limits, the
allocated resources and the node's Events.
'podsim describe deploy|rs|rc NAME SOURCE... [--at T]' prints 'kubectl describe' of a Deployment
(replica counts from its stored status, strategy, pod template, conditions, old and new
ReplicaSets, ScalingReplicaSet Events), a ReplicaSet or a ReplicationController (current and
desired replicas, its pods by phase, pod template, SuccessfulCreate and SuccessfulDelete Events).
'podsim describe svc NAME SOURCE... [--at T]' prints 'kubectl describe service': type, addresses,
ports, node ports and each port's ready endpoints from the EndpointSlices (3, then + N more).
TYPE/NAME (pod/web-1, deploy/web) is TYPE NAME, as in kubectl.
As kubectl, when no object has exactly that NAME, every one whose name begins with it is described
(in name order, each followed by an empty line, without Events): 'describe pod web' describes the
pods of Deployment web.`,
  replay: `podsim replay TRACE [--at T] [-o wide] | podsim replay TRACE --verify

Prints 'kubectl get pods' at virtual time T (default: the end) from the recorded events alone:
no decider runs.
  --verify   simulate the run again from the inputs and seed stored in the header and compare it
             event by event: prints 'identical (…)' and exits 0, or the first event that differs
             (recorded and simulated lines, and the first differing field) and exits 1`,
  fork: `podsim fork TRACE --at T [--set FILE]... [options]

What if, from T on, the run had had other inputs? The trace's run is simulated again from the
inputs in its header up to T and checked event by event against the recording; then the files
given with --set apply and the run goes on. Prints 'kubectl get pods -w' from T (every pod at T,
then changes).
  --set FILE     Kubernetes manifests (applied at T, as kubectl apply would) and/or a Scenario
                 document with any of: containers (behaviour rules, added after the recorded
                 ones: later rules win), actions (at T or later, added to the recorded ones),
                 manifests, registry, kubelet, until. nodes, seed, startTime and
                 serviceNodePortRange cannot change mid-run. Repeatable.
  --until U      run until U (default: the fork file's 'until', else the trace's end)
  --trace OUT    write the forked run as a trace: the reproduced events, a cluster/forked event
                 at T, then the rest; 'replay --verify', 'diff' and 'explain' read it
  --force        allow --trace to replace an existing file
  --time, --events   as for 'podsim run'
A new behaviour applies to running containers from T on (offsets still count from each
container's start; an exit it places before T happens at T); a SIGTERM being handled, a running
hook or an image pull keeps the outcome it began with. Probe workers re-plan at their next tick.`,
  when: `podsim when TRACE QUERY...

Prints the virtual times (kubectl age and exact milliseconds) at which something happened.
Exits 1 when nothing matches.

${WHEN_FORMS}

Examples:
  podsim when trace.jsonl pod/web Ready
  podsim when trace.jsonl container web/app restart 1
  podsim when trace.jsonl SIGKILL pod/web`,
  explain: `podsim explain TRACE SEQ | podsim explain TRACE --at T

Follows the event's causes back to the input or timed action it started from, one line per step:
time, seq, type, object, the rule that fired (with the numbers from the pod spec: thresholds,
periods, grace, back-off), and the Kubernetes Event recorded with it; then a one-line summary.
A run of equal probe results is one step; Killing is shown beside the SIGTERM it goes with.
  --at T   explain each pod's latest event at or before T`,
  diff: `podsim diff A B

Compares two runs. A and B are each a trace or an input file (simulated first). Events are
aligned by object, container, type and occurrence (the 2nd start of web/app in both), not by
line; container ids and pod uids are ignored. Prints where the inputs differ, the first
divergence in behaviour with each side's causal chain, and a table of milestones per pod
(scheduled, started, Ready, restarts, first Unhealthy, SIGTERM, SIGKILL, marked NotReady,
evicted, deleted) with the time in A, in B and the difference. Exits 0 when the runs are equivalent, 1 when not.`,
  timeline: `podsim timeline TRACE -o FILE.html [--diff B] [--force]

Writes one self-contained HTML page (inline SVG, no network): a lane per pod and per container
with Waiting / Running / Terminated spans, restart back-off and grace periods as bands, probe
results as ticks, and events as markers; hover any shape for details. A lost node (nodeDown)
gets a lane of its own, and a forked trace a cluster lane marking the fork. TRACE may also be an
input file (simulated first). The file is written to a temporary name and renamed; an existing
file is replaced only with --force.
  --diff B   draw the lanes of a second run (trace or input file) under those of the first`,
  check: `podsim check SCENARIO... --assert A [--assert B …] [options]
podsim check --merge SHARD.json... [--counterexample FILE] [--force]

Explores the behaviour ranges and choices of the scenario's containers rules (startup: 5s..90s,
exit: {oneOf: [0, 1, 137]}, docs/scenario-reference.md): each run draws concrete values with
fast-check and simulates them. Prints 'passed N runs (seed S)' and exits 0, or the first failing
run shrunk to a minimal counterexample — the assertion, the instant it failed, the values drawn as
a scenario fragment, how to reproduce it — and writes its trace (for podsim explain, timeline,
replay --verify); exits 1. Run i draws from (seed, i) alone: the result is the same for any
--jobs and for shards merged.

Assertions:
  ${ASSERTION_GRAMMAR.join('\n  ')}
A pod/NAME or svc/NAME that nothing in the inputs can create is an input error (exit 2).

Options:
  --runs N              runs to explore (default 100)
  --seed S              seed of the exploration (default 1; the simulation keeps the scenario's)
  --jobs N              evaluate runs on N threads (default 1); each thread warms up on its own,
                        so the others start only once the runs left would keep one thread busy
                        for more than 3 s
  --shard i/N --out F   evaluate runs i, i+N, i+2N, … only and write the result to F (JSON);
                        exits 0 once written, whatever the result
  --merge               combine shard files of one check (every i of N, once) and print what a
                        single process would
  --counterexample F    where the counterexample's trace goes (default SCENARIO.counterexample.jsonl
                        in the current directory); an existing file is replaced only with --force
  --force               allow --out and --counterexample to replace existing files

A progress bar is shown on stderr when it is a terminal and CI is not set.`,
  export: `podsim export TRACE --format perfetto -o OUT.json [--force]

Writes the run as Chrome trace-event JSON for ui.perfetto.dev or chrome://tracing: a process per
pod, a thread per pod and container (and one for its back-off and grace periods), complete
events for spans and instants for probe results and Kubernetes Events, in microseconds. An
existing OUT.json is replaced only with --force.`,
  traffic: `podsim traffic SOURCE... [-o json]

Evaluates the scenario's traffic: entries against the run: requests sent at a fixed rate to a
Service, each routed by kube-proxy to one of the ready endpoints it knew propagationDelay
earlier (roundRobin or seeded random), and classified by the chosen pod at that instant:
served, notReady (nothing listening: connection refused), terminating (the app got SIGTERM),
unreachable (the pod's node is down: nodeDown), gone (the pod was deleted) or noEndpoints.
Prints per entry a summary with the counts, then
the spans with failed requests (FROM UNTIL REQUESTS FAILED WHY, by pod and outcome).
SOURCE is a trace (its header holds the scenario) or the input files (simulated first).
  -o json   the reports as JSON: spec, total, counts per outcome, failure windows, notes`,
  rollout: `podsim rollout status SOURCE... deployment/NAME

Prints the lines 'kubectl rollout status deployment/NAME' would print over the run, one per
change, with the virtual time; then one line per rollout: when it started and completed, how
long it took, when the last pod of an older ReplicaSet was gone, and the fewest ready endpoints
each Service selecting the pods had during it. A wait with the same template throughout (a
scale-up, replicas lost with their node and replaced) is listed as 'waiting for replicas'.`,
};
