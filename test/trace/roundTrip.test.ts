/**
 * Every golden trace survives reading and writing in both forms byte for byte, and folding what
 * the reader returns gives, at every instant of the run, the state the live simulation had.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTrace, readAnyTrace, traceFormOf } from '../../src/trace/loadTrace.js';
import { parseYamlTrace, yamlTraceText, YAML_TRACE_BANNER } from '../../src/trace/yamlTrace.js';
import { stateAt } from '../../src/cli/source.js';
import type { CliIO } from '../../src/cli/io.js';
import { assertReplayEqualsLive, examplePath, runFiles, snapshot } from '../helpers/run.js';
import { GOLDEN, goldenTrace, jsonlText, readJsonl, scratchDir } from './traceHelpers.js';

const fsIO: CliIO = {
  out: () => undefined,
  err: () => undefined,
  readFile: (p) => readFileSync(p, 'utf8'),
  exists: () => true,
  isTTY: false,
};

describe.each(GOLDEN)('golden trace %s', (name) => {
  const file = goldenTrace(name);

  it('is rewritten byte for byte from what the reader returns (header, then eventLine per event)', () => {
    const bytes = readFileSync(file, 'utf8');
    expect(jsonlText(readJsonl(file))).toBe(bytes);
  });

  it('converts to YAML and back to the same JSON Lines bytes', () => {
    const bytes = readFileSync(file, 'utf8');
    const t = readJsonl(file);
    const yaml = yamlTraceText(t.header, t.events);
    const back = parseYamlTrace(yaml, 'x.yaml');
    expect(jsonlText({ header: back.header, events: back.events.map((e) => e.event) })).toBe(bytes);
  });

  it('rewrites its YAML form byte for byte, and the YAML readers agree with the JSON Lines ones', () => {
    const t = readJsonl(file);
    const yaml = yamlTraceText(t.header, t.events);
    const path = join(scratchDir(), `${name}.yaml`);
    writeFileSync(path, yaml);
    const loaded = loadTrace(path);
    expect(loaded.form).toBe('yaml');
    expect(yamlTraceText(loaded.header, loaded.events)).toBe(yaml);
    expect(loaded.events).toEqual(t.events);
    expect([...readAnyTrace(path)].length).toBe(t.events.length + 1);
  });

  it('replays to the live state after every event (events as the reader parsed them)', () => {
    const live = runFiles([examplePath(name)], { snapshots: true });
    expect(readJsonl(file).events).toEqual(live.events);
    assertReplayEqualsLive({ ...live, events: readJsonl(file).events });
  });

  it('gives, at every event time, the state the live run had after its last event at that time', () => {
    const live = runFiles([examplePath(name)], { snapshots: true });
    const t = readJsonl(file);
    const yamlPath = join(scratchDir(), 'trace.yaml');
    writeFileSync(yamlPath, yamlTraceText(t.header, t.events));
    for (const at of new Set(live.events.map((e) => e.at))) {
      const last = live.events.findLastIndex((e) => e.at <= at);
      expect(snapshot(stateAt([file], fsIO, at).state), `JSON Lines at ${at} ms`).toBe(
        live.snapshots[last],
      );
      expect(snapshot(stateAt([yamlPath], fsIO, at).state), `YAML at ${at} ms`).toBe(
        live.snapshots[last],
      );
    }
  });
});

describe('telling the two forms apart', () => {
  it('knows JSON Lines by its header line and YAML by its banner or its format key', () => {
    expect(traceFormOf('{"format":"podsim-trace","inputs":[]}\n{"seq":0}')).toBe('jsonl');
    expect(traceFormOf(`${YAML_TRACE_BANNER}\nformat: podsim-trace\n`)).toBe('yaml');
    expect(traceFormOf('format: podsim-trace\ninputs: []\n')).toBe('yaml');
  });

  it('takes scenarios and manifests for what they are, whatever their extension', () => {
    expect(traceFormOf(readFileSync(examplePath('sleep-exit-always'), 'utf8'))).toBeUndefined();
    expect(traceFormOf('apiVersion: v1\nkind: Pod\nmetadata:\n  name: format\n')).toBeUndefined();
    expect(traceFormOf('{"apiVersion":"v1","kind":"Pod"}')).toBeUndefined();
  });
});
