/**
 * A trace's header keeps every input file as it was read (path and text) but not which of them the
 * user named: a scenario pulls in its manifests itself. The run is rebuilt by naming the shortest
 * prefix of the recorded files whose loading reads exactly the recorded files again.
 */
import { InputErrors } from '../spec/errors.js';
import { loadRun, recordedReader, relativeTo } from '../spec/loadRun.js';
import type { RunInputs } from '../spec/loadRun.js';
import type { TraceHeader } from './format.js';
import { TraceError } from './reader.js';
import { loadForkOverlay } from '../spec/loadFork.js';
import type { LoadedFork } from '../spec/loadFork.js';

const NOT_RECORDED = 'not recorded in the trace header';

export function inputsFromHeader(header: TraceHeader, file: string): RunInputs {
  const readFile = recordedReader(header.inputs, NOT_RECORDED);
  const recorded = header.inputs.map((i) => i.path).join('\n');
  let firstError: InputErrors | undefined;
  for (let k = 1; k <= header.inputs.length; k++) {
    try {
      const named = header.inputs.slice(0, k).map((i) => i.path);
      const inputs = loadRun(named, {
        seed: header.seed,
        untilMs: header.untilMs,
        readFile,
        resolve: relativeTo,
      });
      if (inputs.sources.map((s) => s.path).join('\n') === recorded) return inputs;
    } catch (e) {
      if (!(e instanceof InputErrors)) throw e;
      firstError ??= e;
    }
  }
  if (firstError) throw firstError;
  throw new TraceError(
    file,
    1,
    header.inputs.length === 0
      ? 'the header records no input files, so the run cannot be simulated again'
      : 'the header input files do not load back into the same run',
  );
}

/** The forks a trace records, loaded back from the texts its header keeps. */
export function forksFromHeader(
  header: TraceHeader,
  file: string,
  /** The recorded run's nodes (a fork's nodeDown/nodeUp actions name them). */
  nodeNames: readonly string[],
): LoadedFork[] {
  return (header.forks ?? []).map((f) => {
    try {
      return loadForkOverlay(f.files, f.atMs, {
        readFile: recordedReader(f.inputs, NOT_RECORDED),
        resolve: relativeTo,
        nodeNames,
      });
    } catch (e) {
      if (e instanceof InputErrors)
        throw new TraceError(
          file,
          1,
          `the header's fork at ${f.atMs} ms does not load back: ${e.errors[0]?.message ?? ''}`,
        );
      throw e;
    }
  });
}
