import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, repositoryWith } from '../support/git-repository';
import { runCli } from './run-cli';

const CONFIG = 'environments:\n  dev: { account: "111111111111", region: eu-west-1 }\n';
const ORDERS = 'team: orders\nowner: o@example.com\ntopics:\n  events: {}\n';
const SHIPPING = `team: shipping
owner: s@example.com
queues:
  work:
    subscriptions:
      - topic: orders/events
  audit: {}
`;

/** A repository whose last commit holds the requests; the working tree is then changed by the test. */
function repository(files: Record<string, string> = {}): Promise<string> {
  return repositoryWith({
    'eventbus.config.yaml': CONFIG,
    'requests/orders.yaml': ORDERS,
    'requests/shipping.yaml': SHIPPING,
    ...files,
  });
}

async function validate(root: string, ...args: string[]) {
  const result = await runCli(['validate', '--base', 'HEAD', '--format', 'json', ...args], root);
  const report = JSON.parse(result.stdout || '{"diagnostics": []}') as {
    diagnostics: {
      code: string;
      severity: string;
      file: string;
      line: number;
      column: number;
      message: string;
    }[];
  };
  return { status: result.status, stderr: result.stderr, diagnostics: report.diagnostics };
}

describe('validate --base', () => {
  it('passes an unchanged tree, and reads the base without touching the working tree or the index', async () => {
    const root = await repository();
    fs.writeFileSync(
      path.join(root, 'requests/shipping.yaml'),
      SHIPPING.replace('  audit: {}\n', '  audit:\n    retired: true\n'),
    );
    const status = await git(root, 'status', '--porcelain');
    const index = fs.statSync(path.join(root, '.git/index')).mtimeMs;
    const result = await validate(root);
    expect(result.status).toBe(0);
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['resource-retired']);
    expect(fs.statSync(path.join(root, '.git/index')).mtimeMs).toBe(index);
    expect(await git(root, 'status', '--porcelain')).toBe(status);
  });

  it("reports a queue whose entry is gone at its team's file", async () => {
    const root = await repository();
    fs.writeFileSync(path.join(root, 'requests/shipping.yaml'), SHIPPING.replace('  audit: {}\n', ''));
    const { status, diagnostics } = await validate(root);
    expect(status).toBe(1);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'resource-removed',
        severity: 'error',
        file: 'requests/shipping.yaml',
        line: 1,
        column: 1,
      }),
    ]);
    expect(diagnostics[0]?.message).toContain('queue "shipping/audit" is no longer requested');
    expect(diagnostics[0]?.message).toContain(
      'queue dev-shipping-audit (dev), dead-letter queue dev-shipping-audit-dlq (dev)',
    );
  });

  it('reports a changed entry at the entry: a lost dead-letter queue, a key that goes, a FIFO flip', async () => {
    const root = await repository({
      'requests/shipping.yaml': `${SHIPPING}  keyed:\n    encryption: kms\n  ordered: {}\n`,
    });
    fs.writeFileSync(
      path.join(root, 'requests/shipping.yaml'),
      SHIPPING.replace('  audit: {}\n', '  audit:\n    deadLetter: false\n') +
        '  keyed: {}\n  ordered:\n    fifo: true\n',
    );
    const { diagnostics } = await validate(root);
    const removed = diagnostics.filter((diagnostic) => diagnostic.code === 'resource-removed');
    expect(removed.map(({ line, column }) => `${line}:${column}`)).toEqual(['7:3', '9:3', '10:3']);
    expect(removed.map((diagnostic) => diagnostic.message)).toEqual([
      expect.stringContaining('deletes dead-letter queue dev-shipping-audit-dlq (dev)'),
      expect.stringContaining('deletes key alias/eventbus/sqs/dev-shipping-keyed (dev)'),
      expect.stringContaining('replaces queue dev-shipping-ordered (dev) with dev-shipping-ordered.fifo'),
    ]);
  });

  it('reports the resources of a deleted file at that file, and passes the cleanup of a retired entry', async () => {
    const root = await repository({
      'requests/archive.yaml': 'team: archive\nowner: a@example.com\nqueues:\n  old:\n    retired: true\n',
    });
    fs.rmSync(path.join(root, 'requests/orders.yaml'));
    fs.rmSync(path.join(root, 'requests/archive.yaml'));
    fs.writeFileSync(path.join(root, 'requests/shipping.yaml'), 'team: shipping\nowner: s@example.com\n');
    const { diagnostics } = await validate(root);
    expect(diagnostics.map(({ code, file, line }) => `${code} ${file}:${line}`)).toEqual([
      'resource-removed requests/orders.yaml:1',
      'resource-removed requests/shipping.yaml:1',
      'resource-removed requests/shipping.yaml:1',
    ]);
  });

  it('warns when the base itself does not validate, and still validates the working tree', async () => {
    const root = await repository({ 'requests/broken.yaml': 'team: [\n' });
    fs.rmSync(path.join(root, 'requests/broken.yaml'));
    const { status, diagnostics } = await validate(root);
    expect(status).toBe(0);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['base-invalid']);
  });

  it('exits 2 for a ref that is no commit, and outside a git repository', async () => {
    const root = await repository();
    const unknown = await runCli(['validate', '--base', 'no-such-branch'], root);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('"no-such-branch" is not a commit of this repository');
    const option = await runCli(['validate', '--base', '--output=x'], root);
    expect(option.status).toBe(2);
    fs.rmSync(path.join(root, '.git'), { recursive: true });
    const outside = await runCli(['validate', '--base', 'HEAD'], root);
    expect(outside.status).toBe(2);
    expect(outside.stderr).toMatch(/--base HEAD: git rev-parse: .*not a git repository/);
  });
});
