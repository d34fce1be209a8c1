/** Filesystem effects of a timed `kubectl exec` action, modelled (never run). */
import { parseShell } from '../spec/behaviour/index.js';

export function execChanges(command: readonly string[]): Array<{ path: string; exists: boolean }> {
  const script =
    command.length >= 3 && /(^|\/)(sh|bash|ash)$/.test(command[0]!) && command[1] === '-c'
      ? command.slice(2).join(' ')
      : command.map((a) => (/[\s;&|]/.test(a) ? `'${a}'` : a)).join(' ');
  const changes: Array<{ path: string; exists: boolean }> = [];
  for (const s of parseShell(script).steps) {
    if (s.kind === 'touch') changes.push({ path: s.path, exists: true });
    if (s.kind === 'rm') changes.push({ path: s.path, exists: false });
  }
  return changes;
}
