/**
 * Exec probe commands are modelled, never run. Shell builtins whose exit status is all they do
 * (`exit N`, `false`, `true`, `:`) answer with that status, as pkg/probe/exec reads it; a command
 * podsim cannot answer counts as succeeding, and the run's notes say so, with the text a scenario
 * result names it by.
 */
import { describe, expect, it } from 'vitest';
import { loadInline, runInline } from '../helpers/inline.js';

const pod = (command: string): string => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sh, -c, "sleep 600"]
    livenessProbe:
      exec:
        command: ${command}
      periodSeconds: 5
      failureThreshold: 1
`;

const SCENARIO = `apiVersion: podsim/v1alpha1
kind: Scenario
until: 20s
nodes: [{name: node-1, images: ["busybox:1.36"]}]
`;

const files = (command: string, scenario = SCENARIO): Record<string, string> => ({
  'p.yaml': pod(command),
  's.yaml': scenario,
});

const unhealthy = (command: string): string[] =>
  runInline(files(command))
    .events.flatMap((e) => e.notes ?? [])
    .filter((n) => n.reason === 'Unhealthy')
    .map((n) => n.message);

describe('exec probe commands that are shell builtins', () => {
  it.each([
    ['[sh, -c, "exit 1"]', true],
    ['[sh, -c, "exit 3"]', true],
    ['[/bin/false]', true],
    ['["false"]', true],
    ['[bash, -c, "false"]', true],
    ['[sh, -c, "exit 0"]', false],
    ['["true"]', false],
    ['[sh, -c, ":"]', false],
  ])('%s fails: %s', (command, fails) => {
    // A failure with no output reads "Liveness probe failed: " (exec.go keeps the empty output).
    const got = unhealthy(command);
    if (fails) expect(got[0]).toBe('Liveness probe failed: ');
    else expect(got).toEqual([]);
  });
});

describe('exec probe commands podsim cannot model', () => {
  const note =
    'container "app": podsim cannot model its livenessProbe command ["sh","-c","pg_isready -U postgres"]: every attempt succeeds unless the scenario gives results (containers[].exec, command: "pg_isready -U postgres")';

  it('succeed, and the notes name them with the text a scenario result is keyed by', () => {
    const command = '[sh, -c, "pg_isready -U postgres"]';
    expect(loadInline(files(command)).notes).toContain(note);
    expect(unhealthy(command)).toEqual([]);
  });

  it('are not named once the scenario gives their results, which then apply', () => {
    const command = '[sh, -c, "pg_isready -U postgres"]';
    const scenario = `${SCENARIO}containers:
- container: app
  exec:
  - {command: pg_isready -U postgres, exitCode: [{from: 0s, code: 0}, {from: 4s, code: 2}], output: "no response"}
`;
    expect(loadInline(files(command, scenario)).notes).not.toContain(note);
    const messages = runInline(files(command, scenario))
      .events.flatMap((e) => e.notes ?? [])
      .filter((n) => n.reason === 'Unhealthy')
      .map((n) => n.message);
    expect(messages[0]).toBe('Liveness probe failed: no response');
  });

  it('do not include the file checks podsim answers from the modelled filesystem', () => {
    const notes = loadInline(files('[cat, /tmp/healthy]')).notes;
    expect(notes.filter((n) => n.includes('cannot model'))).toEqual([]);
  });
});
