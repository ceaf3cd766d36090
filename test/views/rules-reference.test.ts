import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../lib/model';
import { renderRulesReference, withRulesReference } from '../../lib/views/rules-reference';

describe('rules reference', () => {
  it('lists every rule code once', () => {
    const reference = renderRulesReference();
    for (const rule of RULES.filter((candidate) => candidate.code !== 'filter-policy')) {
      expect(reference.split(`\`${rule.code}\``).length - 1).toBe(1);
    }
  });

  it('is up to date in the README (npm run docs regenerates it)', () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    expect(withRulesReference(readme)).toBe(readme);
  });
});
