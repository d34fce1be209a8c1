/** Help texts: `podsim --help` and `podsim help COMMAND`. */
export const MAIN_HELP = `podsim — a deterministic simulator of the Kubernetes Pod lifecycle

Usage:
  podsim run FILE... [--until T] [--seed N] [--trace OUT] [--time] [--events]
  podsim get pods SOURCE... [--at T] [-o wide|yaml|json]
  podsim describe pod NAME SOURCE... [--at T]
  podsim help [COMMAND]
  podsim --version

FILE is a Kubernetes manifest (Pod, Deployment, ReplicaSet, ReplicationController, Service,
ConfigMap, Secret, Namespace; multi-document YAML) or a podsim scenario (kind: Scenario).
SOURCE is the same files (the run is simulated up to --at) or one trace written by --trace.
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
  --trace OUT    write the run as a trace (JSON Lines) to OUT; refuses to overwrite unless --force
  --force        allow --trace to replace an existing file
  --time         prefix each line with the virtual time at which it was printed
  --events       also print each Kubernetes Event as it is recorded (like 'kubectl get events -w')`,
  get: `podsim get pods SOURCE... [--at T] [-o wide|yaml|json]

Prints 'kubectl get pods' at virtual time T (default: the end of the run).
  -o wide   adds IP, NODE, NOMINATED NODE and READINESS GATES
  -o yaml   the Pod objects as the API server would return them
  -o json   the same as JSON (a List)`,
  describe: `podsim describe pod NAME SOURCE... [--at T]

Prints 'kubectl describe pod NAME' at virtual time T (default: the end of the run): conditions,
container states, and the Events table with kubectl's ages and counts.`,
};
