import { describe, expect, it } from 'vitest';
import {
  createWatchPrinter,
  formatTable,
  POD_COLUMNS,
  POD_WIDE_COLUMNS,
} from '../../src/views/index.js';

const web = ['web-7d4b9c-x2x9z', '1/1', 'Running', '0', '5m'];
const db = ['db-0', '0/1', 'CrashLoopBackOff', '3 (12s ago)', '2m'];

describe('formatTable (kubectl get)', () => {
  it('aligns columns three spaces past their widest cell and upper-cases the header', () => {
    expect(formatTable(POD_COLUMNS, [web, db])).toBe(
      'NAME               READY   STATUS             RESTARTS      AGE\n' +
        'web-7d4b9c-x2x9z   1/1     Running            0             5m\n' +
        'db-0               0/1     CrashLoopBackOff   3 (12s ago)   2m\n',
    );
  });

  it('gives short inner columns the minimum width of six', () => {
    expect(
      formatTable(POD_WIDE_COLUMNS, [[...web, '10.244.0.5', 'node-1', '<none>', '<none>']]),
    ).toBe(
      'NAME               READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n' +
        'web-7d4b9c-x2x9z   1/1     Running   0          5m    10.244.0.5   node-1   <none>           <none>\n',
    );
  });

  it('prints nothing, not even the header, when there are no rows', () => {
    expect(formatTable(POD_COLUMNS, [])).toBe('');
  });

  it('escapes terminal control characters and cuts a cell at its first line break', () => {
    expect(formatTable(['Name', 'Status'], [['evil\x1b[31m', 'two\nlines']])).toBe(
      'NAME         STATUS\nevil^[[31m   two...\n',
    );
  });

  it('prints markup in names as-is', () => {
    expect(formatTable(['Name'], [['<script>x</script>']])).toBe('NAME\n<script>x</script>\n');
  });
});

describe('createWatchPrinter (kubectl get -w)', () => {
  it('prints the header with the first rows, then one line per change padded to remembered widths', () => {
    const w = createWatchPrinter(POD_COLUMNS);
    const out = [
      w.list([['web', '0/1', 'Pending', '0', '0s']]),
      w.line(['web', '0/1', 'ContainerCreating', '0', '1s']),
      w.line(['web', '1/1', 'Running', '0', '3s']),
    ];
    expect(out).toEqual([
      'NAME   READY   STATUS    RESTARTS   AGE\nweb    0/1     Pending   0          0s\n',
      'web    0/1     ContainerCreating   0          1s\n',
      'web    1/1     Running             0          3s\n',
    ]);
  });

  it('never re-pads lines already printed when a wider cell arrives later', () => {
    const w = createWatchPrinter(POD_COLUMNS);
    const first = w.list([['a', '1/1', 'Running', '0', '9s']]);
    const wide = w.line(['a-much-longer-pod-name', '1/1', 'Running', '0', '9s']);
    const after = w.line(['a', '0/1', 'Error', '1', '10s']);
    expect(first + wide + after).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE\n' +
        'a      1/1     Running   0          9s\n' +
        'a-much-longer-pod-name   1/1     Running   0          9s\n' +
        'a                        0/1     Error     1          10s\n',
    );
  });

  it('prints the header with the first event when the listing was empty', () => {
    const w = createWatchPrinter(POD_COLUMNS);
    expect([w.list([]), w.line(['web', '0/1', 'Pending', '0', '0s'])]).toEqual([
      '',
      'NAME   READY   STATUS    RESTARTS   AGE\nweb    0/1     Pending   0          0s\n',
    ]);
  });
});
