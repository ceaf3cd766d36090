import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compiledValidatorsSource, VALIDATORS_FILE } from '../../scripts/compile-schemas';

describe('the compiled schema validators', () => {
  it('are compiled from the schemas as they are now (npm run schemas rewrites them)', () => {
    expect(fs.readFileSync(VALIDATORS_FILE, 'utf8')).toBe(compiledValidatorsSource());
  });
});
