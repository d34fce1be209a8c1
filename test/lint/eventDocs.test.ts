/**
 * Every event type a trace can hold is documented: a row of the README's Events table, and the
 * type list of docs/architecture.md (`domain/verb|verb`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../src/events/catalog.js';

const readme = readFileSync('README.md', 'utf8');
const table = readme.slice(readme.indexOf('## Events'), readme.indexOf('## Kubelet rules'));
const architecture = readFileSync('docs/architecture.md', 'utf8');

describe('event types in the docs', () => {
  it.each([...EVENT_TYPES])('%s', (type) => {
    expect(table).toContain(`\`${type}\``);
    const [domain, verb] = type.split('/');
    expect(architecture).toMatch(new RegExp(`\`${domain}/([a-zA-Z]+\\|)*${verb}[|\`]`));
  });
});
