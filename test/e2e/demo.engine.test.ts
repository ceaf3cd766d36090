import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../cli/run-cli';
import { findLocalAws } from '../support/local-aws';
import { runProcess } from '../support/process';
import { findTerraform, MIRROR_PROVIDER_VERSION, writeMirrorConfig } from '../support/terraform';

const terraform = findTerraform();
const localAws = findLocalAws();
const missing = [terraform, localAws].flatMap((tools) => (tools.available ? [] : [tools.missing]));
if (missing.length > 0) {
  const message = `the demo test needs terraform, its provider mirror and moto: ${missing.join('; ')}`;
  if (process.env['CI']) throw new Error(message);
  console.warn(`\n*** SKIPPED: ${message} ***\n`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(missing.length > 0)('npm run demo', () => {
  it('starts moto where nothing answers, applies, compares with route, destroys and stops moto', async () => {
    if (!terraform.available) return;
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-demo-test-'));
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const result = await runProcess(
      'node',
      ['dist/scripts/demo/index.js', '--endpoint', endpoint, '--provider-version', MIRROR_PROVIDER_VERSION],
      {
        cwd: REPO,
        env: { ...process.env, TF_CLI_CONFIG_FILE: writeMirrorConfig(scratch, terraform.mirror) },
        timeout: 540_000,
      },
    );
    fs.rmSync(scratch, { recursive: true, force: true });
    // The AWS SDK may warn about the Node.js version; the demo itself reports nothing.
    expect(result.stderr).not.toContain('demo:');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`no local AWS answers at ${endpoint}: starting moto_server there`);
    for (const stack of ['local.orders.topics', 'local.payments.topics', 'local.shipping.queues']) {
      expect(result.stdout).toContain(`  applied  ${stack}`);
      expect(result.stdout).toContain(`  destroyed ${stack}`);
    }
    expect(result.stdout).toMatch(/^payments\/ledger-sync +orders\/order-ledger +orders\/order-ledger +ok$/m);
    expect(result.stdout).toContain('every queue received what route predicts');
    // The moto it started is gone.
    expect(
      await fetch(endpoint).then(
        () => 'answers',
        () => 'gone',
      ),
    ).toBe('gone');
  });
});
