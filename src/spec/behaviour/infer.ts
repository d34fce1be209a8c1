/**
 * inferBehaviour: from a container's manifest and the image catalogue to the Behaviour the engine
 * runs. The command line is modelled step by step (see shell/ and commands/); this module turns
 * the result into ports, HTTP answers, exec results, memory and notes.
 *
 * Ports rule: a port listens only when a process serves it. The catalogue server's ports listen
 * when the image's server runs (its entrypoint is not overridden, or a script starts it, e.g.
 * `exec nginx -g 'daemon off;'`); declared containerPorts are informational in Kubernetes, so they
 * are assumed to listen only while some server runs (a mounted configuration may move it) or when
 * podsim does not understand the command. A script that starts no server listens on nothing.
 */
import type { Container } from 'kubernetes-types/core/v1.js';
import type { Behaviour, BehaviourField } from '../../model/behaviour.js';
import { catalogueEntryFor } from './catalogue/index.js';
import type { CatalogueEntry } from './catalogue/index.js';
import { containerEnv, declaredPorts, effectiveArgv, imageName } from './argv.js';
import { runCommand } from './commands/dispatch.js';
import { execOf, httpOf, memoryOf, portsOf, startupOf } from './outcome.js';
import { pid1Sigterm } from './sigterm.js';
import { RunState } from './shell/state.js';
import type { RunContext } from './shell/state.js';

export interface InferContext {
  namespace: string;
  initContainer: boolean;
}

const SMALL_PROCESS = 1024 * 1024;

export function inferBehaviour(container: Container, ctx: InferContext): Behaviour {
  const name = typeof container?.name === 'string' ? container.name : '';
  const prefix = (note: string) => `container "${name}": ${note}`;
  try {
    const b = infer(container, ctx);
    b.notes = b.notes.map(prefix);
    if (b.noteFields)
      b.noteFields = b.noteFields.map((n) => ({ note: prefix(n.note), fields: n.fields }));
    return b;
  } catch (e) {
    // Inference must never stop a run: fall back to the unknown-program assumption.
    const b = unknownProgram([], false, [`podsim could not infer a behaviour (${String(e)})`]);
    b.notes = b.notes.map(prefix);
    return b;
  }
}

function infer(container: Container, ctx: InferContext): Behaviour {
  const image = typeof container.image === 'string' ? container.image : '';
  const entry = catalogueEntryFor(image);
  const env = containerEnv(container, ctx.namespace);
  const declared = declaredPorts(container);
  // A sidecar (an init container with restartPolicy Always) runs alongside the app.
  const initContainer = ctx.initContainer && container.restartPolicy !== 'Always';
  const eff = effectiveArgv(container, entry, env);
  const notes = [...eff.notes];
  // What each note explains (see Behaviour.noteFields).
  const about = new Map<string, BehaviourField[]>(eff.notes.map((n) => [n, ['program']]));
  const imageNote = entry
    ? `podsim assumed image ${imageName(container)} is "${entry.name}": ${entry.description}`
    : undefined;
  if (imageNote) notes.push(imageNote);
  if (eff.argv === undefined) {
    const assumed = initContainer
      ? `podsim knows nothing about image ${imageName(container)}; assumed its entrypoint ` +
        'finishes at once with exit status 0, as an init container must'
      : `podsim knows nothing about image ${imageName(container)} and the container sets no ` +
        'command; assumed its entrypoint runs until stopped (a long-running server) on the ' +
        'declared containerPorts, and exits 143 at once on SIGTERM';
    about.set(assumed, ['program', 'onSigterm', 'ports', 'grpcServing']);
    return withNoteFields(unknownProgram(declared, initContainer, [...notes, assumed]), about);
  }
  if (eff.argv.length === 0) return withNoteFields(noCommand(container, entry, notes), about);
  const runCtx: RunContext = {
    image: entry,
    namespace: ctx.namespace,
    env: env.values,
    envNames: env.names,
    envFrom: env.envFrom,
    initContainer,
  };
  const st = new RunState(runCtx);
  const text = eff.argv.join(' ');
  runCommand(eff.argv, st, { exec: true, tail: true, last: true, text, inShell: false }, true);
  const tagged = (list: readonly string[], fields: BehaviourField[]): void => {
    for (const n of list) {
      notes.push(n);
      about.set(n, fields);
    }
  };
  tagged(st.notes, ['program']);

  const sigterm = pid1Sigterm(st);
  // Only a program that is still running when SIGTERM may come needs the explanation.
  if (
    st.steps.some((s) => s.kind === 'sleep' || s.kind === 'serve' || s.kind === 'waitForService')
  ) {
    tagged([sigterm.note], ['onSigterm']);
  }
  for (const s of st.servers) {
    if (s.entry && s.entry !== entry) {
      tagged(
        [`podsim assumed ${s.name} behaves as in its catalogue entry: ${s.entry.description}`],
        ['program', 'ports', 'http', 'startupMs', 'exec'],
      );
    }
  }
  const portNotes: string[] = [];
  const ports = portsOf(st, declared, portNotes);
  tagged(portNotes, ['ports']);
  const startupNotes: string[] = [];
  const startupMs = startupOf(st, startupNotes);
  tagged(startupNotes, ['startupMs']);
  if (imageNote && entry) {
    // The image's entry gives its entrypoint and files; its server, when that runs, the ports,
    // HTTP answers, start-up time and exec results.
    const fields: BehaviourField[] = ['program', 'onSigterm'];
    if ((entry.files ?? []).length > 0) fields.push('files');
    if (st.servers.some((s) => s.entry === entry))
      fields.push('ports', 'http', 'startupMs', 'exec');
    about.set(imageNote, fields);
  }
  return withNoteFields(
    {
      program: st.steps,
      onSigterm: sigterm.reaction,
      startupMs,
      ports,
      http: httpOf(st),
      grpcServing: st.servers.some((s) => !s.entry),
      files: [...(entry?.files ?? [])],
      exec: execOf(st, entry),
      memory: memoryOf(st, SMALL_PROCESS),
      hooks: {},
      origin: eff.source === 'image' ? 'catalogue' : 'command',
      notes,
    },
    about,
  );
}

/** The behaviour with what each of its notes explains (notes not in `about` explain it all). */
function withNoteFields(b: Behaviour, about: ReadonlyMap<string, BehaviourField[]>): Behaviour {
  const noteFields = b.notes.flatMap((note) => {
    const fields = about.get(note);
    return fields ? [{ note, fields }] : [];
  });
  if (noteFields.length > 0) b.noteFields = noteFields;
  return b;
}

/** Rule for an image podsim does not know and a container without a command. */
function unknownProgram(declared: number[], initContainer: boolean, notes: string[]): Behaviour {
  return {
    program: initContainer ? [] : [{ kind: 'serve' }],
    onSigterm: initContainer ? { action: 'ignore' } : { action: 'exit', afterMs: 0, code: 143 },
    startupMs: 0,
    ports: initContainer ? [] : [...new Set(declared)].sort((a, b) => a - b),
    http: { routes: [] },
    grpcServing: !initContainer,
    files: [],
    exec: [],
    memory: [],
    hooks: {},
    origin: 'default',
    notes,
  };
}

/** The image has neither ENTRYPOINT nor CMD and the container sets no command. */
function noCommand(
  container: Container,
  entry: CatalogueEntry | undefined,
  notes: string[],
): Behaviour {
  const b = unknownProgram([], true, notes);
  b.program = [{ kind: 'exit', code: 128 }];
  b.files = [...(entry?.files ?? [])];
  b.origin = 'catalogue';
  b.notes.push(
    `image ${imageName(container)} has neither ENTRYPOINT nor CMD and the container sets no ` +
      'command, so the runtime cannot start it ("no command specified"); podsim models this ' +
      'as an exit with code 128',
  );
  return b;
}
