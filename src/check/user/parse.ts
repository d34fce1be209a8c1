/** Parsing the `--assert` options of `podsim check` (usage errors list the grammar). */
import type { Assertion } from './assertions.js';
import { ASSERTION_GRAMMAR, parseAssertion } from './assertions.js';

export class AssertionError extends Error {}

export function parseAssertions(texts: readonly string[]): Assertion[] {
  return texts.map((t) => {
    const a = parseAssertion(t);
    if ('error' in a)
      throw new AssertionError(
        `--assert ${JSON.stringify(t)}: ${a.error}; assertions are:\n  ${ASSERTION_GRAMMAR.join('\n  ')}`,
      );
    return a;
  });
}
