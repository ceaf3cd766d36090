import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyOfExample, probeEngineModules, REPO, runCli } from './run-cli';

describe('eventbus validate', () => {
  it('accepts the bundled example organisation', async () => {
    const result = await runCli(['validate'], REPO);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/no problems|0 errors/);
  });

  it('reports every problem of a broken copy, sorted, with positions relative to the working directory', async () => {
    const root = copyOfExample();
    const shipping = path.join(root, 'requests/shipping.yaml');
    fs.writeFileSync(
      shipping,
      fs
        .readFileSync(shipping, 'utf8')
        .replace('visibilityTimeout: 5m', 'visibilityTimeout: 13h')
        .replace('topic: orders/order-events\n        events:', 'topic: orders/order-event\n        events:'),
    );
    const analytics = path.join(root, 'requests/analytics.yaml');
    const appendedLine = nextLine(analytics);
    fs.appendFileSync(analytics, 'colour: blue\n');
    const result = await runCli(['validate', '--format', 'json'], root);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { ok: boolean; diagnostics: Record<string, unknown>[] };
    expect(report.ok).toBe(false);
    expect(report.diagnostics.map(({ code, file, line }) => ({ code, file, line }))).toEqual([
      { code: 'schema-unknown-field', file: 'requests/analytics.yaml', line: appendedLine },
      { code: 'out-of-range', file: 'requests/shipping.yaml', line: 7 },
      { code: 'unknown-topic', file: 'requests/shipping.yaml', line: 12 },
    ]);
    expect(report.diagnostics[0]).toEqual(
      expect.objectContaining({
        severity: 'error',
        column: 1,
        message: expect.any(String),
        hint: expect.any(String),
      }),
    );
  });

  it('prints eslint-like text with hints', async () => {
    const root = copyOfExample();
    const orders = path.join(root, 'requests/orders.yaml');
    const appendedLine = nextLine(orders);
    fs.appendFileSync(orders, 'queus: {}\n');
    const result = await runCli(['validate'], root);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      `requests/orders.yaml:${appendedLine}:1 error schema-unknown-field unknown field "queus" at the top level`,
    );
    expect(result.stdout).toContain('  hint: did you mean "queues"?');
  });

  it('treats bad arguments as usage errors (exit 2)', async () => {
    expect((await runCli(['validate', '--format', 'xml'], REPO)).status).toBe(2);
    expect((await runCli(['validate', '--nope'], REPO)).status).toBe(2);
    expect((await runCli(['frobnicate'], REPO)).status).toBe(2);
  });

  it('reports a missing config or requests directory as a diagnostic, not a crash', async () => {
    const result = await runCli(
      ['validate', '--config', 'missing.yaml', '--requests', 'nowhere'],
      copyOfExample(),
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('missing.yaml:1:1 error file-unreadable');
    expect(result.stderr).toBe('');
  });

  it('loads neither cdktf nor aws-cdk-lib', async () => {
    const { heavy, stderr } = await probeEngineModules(['validate'], REPO);
    expect(stderr).toBe('');
    expect(heavy).toEqual([]);
  });

  it('loads yaml only for a file outside the plain subset of YAML, or for a position', async () => {
    const plain = await probeEngineModules(['validate'], REPO);
    expect({ code: plain.code, yaml: plain.yaml }).toEqual({ code: 0, yaml: false });

    // A folded description is YAML the plain subset does not read: yaml reads that file.
    const folded = copyOfExample();
    const file = path.join(folded, 'requests', 'analytics.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^owner: (.*)$/m, 'owner: >-\n  $1'));
    const outside = await probeEngineModules(['validate'], folded);
    expect({ code: outside.code, yaml: outside.yaml }).toEqual({ code: 0, yaml: true });

    // A diagnostic in a plain file needs the position yaml's line index gives.
    const broken = copyOfExample();
    fs.appendFileSync(path.join(broken, 'requests', 'analytics.yaml'), 'unknownField: 1\n');
    const positioned = await probeEngineModules(['validate'], broken);
    expect({ code: positioned.code, yaml: positioned.yaml }).toEqual({ code: 1, yaml: true });
  });
});

describe('eventbus schema', () => {
  it('prints the request and platform config schemas', async () => {
    const result = await runCli(['schema'], REPO);
    expect(result.status).toBe(0);
    const schemas = JSON.parse(result.stdout) as Record<string, { title: string }>;
    expect(Object.keys(schemas)).toEqual(['request', 'platform-config']);
    expect(JSON.parse((await runCli(['schema', '--kind', 'request'], REPO)).stdout)).toEqual(
      schemas['request'],
    );
  });
});

/** The line number a line appended to the file will have. */
function nextLine(file: string): number {
  return fs.readFileSync(file, 'utf8').split('\n').length;
}
