import { beforeAll, describe, expect, it } from 'vitest';
import { checkTerraformOutput, type Finding } from '../../lib/checks';
import { synthesizeBundledExample } from './support';

describe('the rule pack on the bundled example organisation', () => {
  let findings: Finding[];

  beforeAll(() => {
    findings = checkTerraformOutput(synthesizeBundledExample());
  });

  it('finds no error', () => {
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
  });

  // The example encrypts its topics and the model adds the caller condition checkov wants, so
  // not even a warning is left.
  it('finds nothing at all', () => {
    expect(findings).toEqual([]);
  });
});
