import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runProcess, type ProcessResult } from './support/process';

const REPO = path.resolve(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, unknown>;
  peerDependencies: Record<string, string>;
};

const CONFIG = 'environments:\n  dev: { account: "111111111111", region: eu-west-1 }\n';
const ORDERS = `team: orders
owner: orders@example.com
topics:
  events:
    publishers: [arn:aws:iam::111111111111:role/orders-api]
queues:
  audit:
    subscriptions:
      - topic: orders/events
`;

function succeeded(result: ProcessResult, what: string): ProcessResult {
  if (result.status !== 0)
    throw new Error(`${what} failed (${result.status}):\n${result.stderr}\n${result.stdout}`);
  return result;
}

/**
 * The package as a user gets it: `npm pack` of the built repository, installed with npm into an
 * empty project that depends on the engines itself, at the versions this repository tests with.
 * npm reads the packages from its cache when it can (the repository's own install filled it).
 */
describe('the packed package, installed', () => {
  let project: string;
  beforeAll(async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-pack-'));
    // npm run test:engines builds first; building here would pull dist/ from under the other files.
    if (!fs.existsSync(path.join(REPO, 'dist/bin/eventbus.js')))
      throw new Error('dist/ is missing: run `npm run build` first');
    const packed = succeeded(
      await runProcess('npm', ['pack', '--json', '--pack-destination', root], { cwd: REPO }),
      'npm pack',
    );
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    project = path.join(root, 'consumer');
    fs.mkdirSync(project);
    const installed = (name: string): string =>
      (
        JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
    const engines = Object.fromEntries(
      Object.keys(manifest.peerDependencies).map((name) => [name, installed(name)]),
    );
    fs.writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({
        name: 'consumer',
        version: '1.0.0',
        private: true,
        dependencies: { [manifest.name]: `file:${path.join(root, filename)}`, ...engines },
      }),
    );
    succeeded(
      await runProcess('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: project }),
      'npm install',
    );
    fs.mkdirSync(path.join(project, 'requests'));
    fs.writeFileSync(path.join(project, 'eventbus.config.yaml'), CONFIG);
    fs.writeFileSync(path.join(project, 'requests/orders.yaml'), ORDERS);
  });

  const npx = async (...args: string[]): Promise<ProcessResult> =>
    runProcess('npx', ['--no-install', 'eventbus', ...args], { cwd: project });

  it('validates and synthesizes both targets with npx eventbus', async () => {
    const validate = await npx('validate');
    expect(validate.stderr).toBe('');
    expect(validate.status).toBe(0);
    const synth = succeeded(await npx('synth', '--target', 'all'), 'npx eventbus synth');
    expect(synth.stdout).toContain('wrote 2 Terraform stacks');
    expect(synth.stdout).toContain('wrote 2 CloudFormation stacks');
    expect(fs.existsSync(path.join(project, 'cdktf.out/stacks/dev.orders.queues/cdk.tf.json'))).toBe(true);
    expect(
      fs.readdirSync(path.join(project, 'cdk.out')).some((file) => file.endsWith('.template.json')),
    ).toBe(true);
  });

  it('loads every export with require and with import', async () => {
    const entries = Object.keys(manifest.exports)
      .filter((entry) => entry !== './package.json')
      .map((entry) => (entry === '.' ? manifest.name : `${manifest.name}/${entry.slice(2)}`));
    expect(entries.length).toBeGreaterThanOrEqual(4);
    const probe = `
      const entries = ${JSON.stringify(entries)};
      (async () => {
        const loaded = {};
        for (const entry of entries) {
          const required = Object.keys(require(entry)).filter((name) => name !== '__esModule').sort();
          const imported = Object.keys(await import(entry)).filter((name) => name !== 'default' && name !== '__esModule').sort();
          loaded[entry] = { required, imported };
        }
        process.stdout.write(JSON.stringify(loaded));
      })().catch((error) => { process.stderr.write(String(error && error.stack)); process.exit(1); });`;
    const result = succeeded(
      await runProcess(process.execPath, ['-e', probe], { cwd: project }),
      'loading the exports',
    );
    const loaded = JSON.parse(result.stdout) as Record<string, { required: string[]; imported: string[] }>;
    for (const entry of entries) {
      expect(loaded[entry]?.required.length, entry).toBeGreaterThan(0);
      // Node's ES-module loader finds the same named exports in the CommonJS build.
      expect(loaded[entry]?.imported, entry).toEqual(loaded[entry]?.required);
    }
    expect(loaded[manifest.name]?.required).toEqual(expect.arrayContaining(['validateRequests', 'Duration']));
    expect(loaded[`${manifest.name}/checks`]?.required).toEqual(
      expect.arrayContaining(['checkTerraformOutput']),
    );
  });

  it('runs the example cdktf and CDK apps against the installed package', async () => {
    for (const [example, outdirVariable, outdir] of [
      ['terraform-app', 'CDKTF_OUTDIR', 'example-cdktf.out'],
      ['cdk-app', 'CDK_OUTDIR', 'example-cdk.out'],
    ] as const) {
      const folder = path.join(project, 'examples', example);
      fs.mkdirSync(folder, { recursive: true });
      for (const file of ['app.js', 'main.js']) {
        fs.copyFileSync(path.join(REPO, 'dist/examples', example, file), path.join(folder, file));
      }
      succeeded(
        await runProcess(process.execPath, [path.join(folder, 'main.js')], {
          cwd: project,
          env: { ...process.env, [outdirVariable]: path.join(project, outdir), CDK_VALIDATION: 'false' },
        }),
        `the ${example} example`,
      );
    }
    const stack = JSON.parse(
      fs.readFileSync(path.join(project, 'example-cdktf.out/stacks/billing/cdk.tf.json'), 'utf8'),
    ) as { resource: Record<string, unknown> };
    expect(Object.keys(stack.resource)).toEqual(expect.arrayContaining(['aws_sqs_queue', 'aws_iam_role']));
    const template = JSON.parse(
      fs.readFileSync(path.join(project, 'example-cdk.out/billing.template.json'), 'utf8'),
    ) as { Resources: Record<string, { Type: string }> };
    expect(Object.values(template.Resources).map((resource) => resource.Type)).toEqual(
      expect.arrayContaining(['AWS::SQS::Queue', 'AWS::IAM::Role', 'AWS::CloudWatch::Alarm']),
    );
  });

  it('ships no source map that points at sources it does not ship', () => {
    const installed = path.join(project, 'node_modules', manifest.name);
    const files = fs.readdirSync(installed, { recursive: true }).map(String);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(files).toContain('LICENSE');
    expect(files).toContain(path.join('ci', 'gitlab-ci.yml'));
  });
});
