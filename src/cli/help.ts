/** Help texts: `podsim --help` and `podsim help COMMAND`. */
import { WHEN_FORMS } from '../trace/parseWhen.js';

export const MAIN_HELP = `podsim — a deterministic simulator of the Kubernetes Pod lifecycle

Usage:
  podsim run FILE... [--until T] [--seed N] [--trace OUT] [--time] [--events]
  podsim get pods|nodes|deploy|rs|rc|svc|endpoints SOURCE... [--at T] [-o wide|yaml|json]
  podsim describe pod|node NAME SOURCE... [--at T]
  podsim replay TRACE [--at T] [-o wide] | --verify
  podsim when TRACE QUERY...
  podsim explain TRACE SEQ | --at T
  podsim diff A B
  podsim timeline TRACE -o FILE.html [--diff B]
  podsim export TRACE --format perfetto -o OUT.json
  podsim help [COMMAND]
  podsim --version

FILE is a Kubernetes manifest (Pod, Deployment, ReplicaSet, ReplicationController, Service,
ConfigMap, Secret, Namespace; multi-document YAML) or a podsim scenario (kind: Scenario).
SOURCE is the same files (the run is simulated up to --at) or one trace written by --trace.
TRACE is a trace in either form: JSON Lines (.jsonl) or YAML (--trace OUT.yaml); docs/traces.md.
Times are durations from the start of the run: 30s, 1m30s, 500ms, 2h.

Exit codes: 0 success, 1 difference or failed assertion, 2 usage or input error.
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
  --events       also print each Kubernetes Event as it is recorded (like 'kubectl get events -w')`,
  get: `podsim get pods SOURCE... [--at T] [-o wide|yaml|json]

Prints 'kubectl get pods' at virtual time T (default: the end of the run).
  -o wide   adds IP, NODE, NOMINATED NODE and READINESS GATES
  -o yaml   the Pod objects as the API server would return them
  -o json   the same as JSON (a List)
'podsim get nodes|deploy|rs|rc|svc|endpoints SOURCE... [--at T]' prints those tables as kubectl
does (nodes: STATUS Ready/NotReady from the Ready condition, ROLES, AGE, VERSION).`,
  describe: `podsim describe pod NAME SOURCE... [--at T]

Prints 'kubectl describe pod NAME' at virtual time T (default: the end of the run): conditions,
container states, and the Events table with kubectl's ages and counts.
'podsim describe node NAME SOURCE... [--at T]' prints 'kubectl describe node NAME': taints,
lease, conditions, capacity, the node's non-terminated pods with their requests and limits, the
allocated resources and the node's Events.`,
  replay: `podsim replay TRACE [--at T] [-o wide] | podsim replay TRACE --verify

Prints 'kubectl get pods' at virtual time T (default: the end) from the recorded events alone:
no decider runs.
  --verify   simulate the run again from the inputs and seed stored in the header and compare it
             event by event: prints 'identical (…)' and exits 0, or the first event that differs
             (recorded and simulated lines, and the first differing field) and exits 1`,
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
(scheduled, started, Ready, restarts, first Unhealthy, SIGTERM, SIGKILL, deleted) with the time
in A, in B and the difference. Exits 0 when the runs are equivalent, 1 when not.`,
  timeline: `podsim timeline TRACE -o FILE.html [--diff B]

Writes one self-contained HTML page (inline SVG, no network): a lane per pod and per container
with Waiting / Running / Terminated spans, restart back-off and grace periods as bands, probe
results as ticks, and events as markers; hover any shape for details. TRACE may also be an
input file (simulated first). The file is written to a temporary name and renamed.
  --diff B   draw the lanes of a second run (trace or input file) under those of the first`,
  export: `podsim export TRACE --format perfetto -o OUT.json

Writes the run as Chrome trace-event JSON for ui.perfetto.dev or chrome://tracing: a process per
pod, a thread per pod and container (and one for its back-off and grace periods), complete
events for spans and instants for probe results and Kubernetes Events, in microseconds.`,
};
