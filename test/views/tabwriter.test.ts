import { describe, expect, it } from 'vitest';
import { TabWriter } from '../../src/views/index.js';

const format = (text: string, minwidth = 0, padding = 2): string => {
  const w = new TabWriter({ minwidth, padding });
  w.write(text);
  return w.flush();
};

/** Go's tabwriter_test.go cases use '.' as padchar; podsim pads with spaces. */
const dots = (s: string): string => s.replace(/\./g, ' ');

describe('TabWriter (text/tabwriter)', () => {
  // Ported from src/text/tabwriter/tabwriter_test.go (padchar '.' shown as spaces).
  it.each([
    ['empty input', 8, 1, '', ''],
    ['a lone newline', 8, 1, '\n', '\n'],
    ['a cell without a tab', 8, 1, 'a', 'a'],
    ['three cells', 8, 1, 'a\tb\tc', 'a.......b.......c'],
    ['three cells and a newline', 8, 1, 'a\tb\tc\n', 'a.......b.......c\n'],
    ['a last cell that is tab-terminated', 8, 1, '*\t*\t', '*.......*'],
    ['an empty cell', 8, 1, '\t\n', '........\n'],
    [
      'padding wider than minwidth',
      1,
      8,
      '1\t2\t3\t4\n11\t222\t3333\t44444\n',
      '1.........2..........3...........4\n11........222........3333........44444\n',
    ],
  ])('formats %s as Go does', (_name, minwidth, padding, src, want) => {
    expect(format(src, minwidth, padding)).toBe(dots(want));
  });

  it('never pads the text after the last tab of a line', () => {
    expect(format('Name:\tweb\nNamespace:\tdefault\n')).toBe(
      'Name:       web\nNamespace:  default\n',
    );
  });

  it('ends a column block at a line without a tab', () => {
    const out = format('IP:\t10.0.0.5\nIPs:\n  IP:\t10.0.0.5\nControlled By:\tReplicaSet/web\n');
    expect(out).toBe(
      'IP:  10.0.0.5\nIPs:\n' +
        '  IP:' +
        ' '.repeat(11) +
        '10.0.0.5\nControlled By:  ReplicaSet/web\n',
    );
  });

  it('pads a trailing space of a cell like any other text', () => {
    expect(format('  Type\tStatus\n  Initialized \tTrue \n')).toBe(
      '  Type          Status\n  Initialized   True \n',
    );
  });

  it('counts runes, not UTF-16 units, when measuring cells', () => {
    expect(format('名前\tx\nab\ty\n')).toBe('名前  x\nab  y\n');
  });

  it('starts a fresh alignment after a flush', () => {
    const w = new TabWriter({ minwidth: 0, padding: 2 });
    w.write('a-long-key:\t1\n');
    const first = w.flush();
    w.write('k:\t2\n');
    expect(first + w.flush()).toBe('a-long-key:  1\nk:  2\n');
  });

  it('with RememberWidths keeps the widest column seen across flushes', () => {
    const w = new TabWriter({ minwidth: 6, padding: 3, rememberWidths: true });
    w.write('NAME\tSTATUS\nweb-1\tRunning\n');
    const first = w.flush();
    w.write('a\tPending\n');
    const second = w.flush();
    w.write('a-much-longer-name\tPending\n');
    const third = w.flush();
    w.write('b\tRunning\n');
    expect([first, second, third, w.flush()]).toEqual([
      'NAME    STATUS\nweb-1   Running\n',
      'a       Pending\n',
      'a-much-longer-name   Pending\n',
      `b${' '.repeat(20)}Running\n`,
    ]);
  });
});
