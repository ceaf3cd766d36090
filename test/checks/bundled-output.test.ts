import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { checkTerraformOutput, checkTerraformStack, type Finding } from '../../lib/checks';
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

describe('the rule pack reading a stack', () => {
  it('parses each policy once, however many rules read it', () => {
    const outdir = synthesizeBundledExample();
    const stackFile = path.join(outdir, 'stacks', 'dev.orders.queues', 'cdk.tf.json');
    const document = JSON.parse(fs.readFileSync(stackFile, 'utf8')) as {
      resource: Record<string, Record<string, { policy?: unknown }>>;
    };
    const policyTexts = Object.values(document.resource)
      .flatMap((resources) => Object.values(resources))
      .map((resource) => resource.policy)
      .filter((policy): policy is string => typeof policy === 'string');
    const policies = new Set(policyTexts);
    expect(policyTexts.length).toBeGreaterThan(2);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      checkTerraformStack('dev.orders.queues', document);
      const policyParses = parse.mock.calls.filter(
        ([text]) => typeof text === 'string' && policies.has(text),
      );
      expect(policyParses).toHaveLength(policyTexts.length);
    } finally {
      parse.mockRestore();
    }
  });
});
