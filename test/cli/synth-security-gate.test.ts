import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../lib/checks';
import { run } from '../../lib/cli';
import { copyOfExample } from './run-cli';

// Valid requests cannot produce output that breaks a rule of the pack, so the gate is exercised
// with the pack reporting one error on the real synthesized output.
const injected: Finding = {
  stack: 'dev.orders.topics',
  address: 'aws_sns_topic_policy.topic_order-events_policy',
  ruleId: 'EB-SNS-TLS',
  severity: 'error',
  message: 'injected finding',
  fix: 'none',
};

vi.mock('../../lib/checks', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../lib/checks')>();
  return {
    ...original,
    // synth runs the pack on each stack as it writes it.
    reportTerraformStack: (stack: string, document: unknown) => {
      const report = original.reportTerraformStack(stack, document);
      return stack === injected.stack ? { ...report, findings: [...report.findings, injected] } : report;
    },
  };
});

describe('eventbus synth and the rule pack', () => {
  it('writes nothing and exits 1 when the Terraform output has an error finding', async () => {
    const root = copyOfExample();
    const out = path.join(root, 'out');
    const stderr: string[] = [];
    const code = await run(
      [
        'synth',
        '--requests',
        path.join(root, 'requests'),
        '--config',
        path.join(root, 'eventbus.config.yaml'),
        '--out',
        out,
      ],
      { stdout: () => undefined, stderr: (text) => stderr.push(text) },
    );
    expect(code).toBe(1);
    expect(stderr.join('')).toContain('EB-SNS-TLS injected finding');
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(root).sort()).toEqual(['eventbus.config.yaml', 'requests']);
  });
});
