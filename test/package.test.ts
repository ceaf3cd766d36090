import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from './support/process';

const REPO = path.resolve(__dirname, '..');

/** Runs code in a fresh Node process against the built package, as a consumer would. */
async function inPackage(code: string): Promise<unknown> {
  const result = await runProcess(process.execPath, ['-e', code], { cwd: REPO });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as unknown;
}

describe('the published package entry point', () => {
  it('exports the filter-policy functions without loading cdktf or aws-cdk-lib', async () => {
    const answer = await inPackage(`
      const bus = require('./dist/lib/index.js');
      const policy = { event_type: ['OrderCreated'], amount: [{ numeric: ['>', 100] }] };
      const message = {
        attributes: {
          event_type: { DataType: 'String', StringValue: 'OrderCreated' },
          amount: { DataType: 'Number', StringValue: '250' },
        },
      };
      const heavy = Object.keys(require.cache).filter((file) => /node_modules[\\\\/](cdktf|@cdktf|aws-cdk-lib)[\\\\/]/.test(file));
      process.stdout.write(JSON.stringify({
        valid: bus.validateFilterPolicy(policy, 'MessageAttributes'),
        invalid: bus.validateFilterPolicy({ a: [{ wildcard: 'x*' }] }, 'MessageAttributes').map((d) => d.code),
        matches: bus.evaluateFilterPolicy(policy, message, 'MessageAttributes'),
        heavy,
      }));`);
    expect(answer).toEqual({
      valid: [],
      invalid: ['filter-policy-unsupported-operator'],
      matches: true,
      heavy: [],
    });
  });

  it('validates requests through the library API', async () => {
    const answer = await inPackage(`
      const bus = require('./dist/lib/index.js');
      const result = bus.validateRequests({ requestsDir: 'requests', configFile: 'eventbus.config.yaml' });
      process.stdout.write(JSON.stringify({ teams: result.model.teams.map((team) => team.name), errors: result.diagnostics.length }));`);
    expect(answer).toEqual({ teams: ['analytics', 'orders', 'payments', 'shipping'], errors: 0 });
  });
});
