import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess, type ProcessResult } from '../support/process';
import { copyOfExample, readTree, REPO, runCli } from '../cli/run-cli';

const CDK_CLI = path.join(REPO, 'node_modules/aws-cdk/bin/cdk');
const CDK_APP = path.join(REPO, 'dist/bin/cdk-app.js');

/**
 * A copy of the example organisation that is a CDK project: the repository's own cdk.json, and
 * its built `dist/` (cdk.json runs `node dist/bin/cdk-app.js`).
 */
function cdkProject(): string {
  if (!fs.existsSync(CDK_APP)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  const root = copyOfExample();
  fs.copyFileSync(path.join(REPO, 'cdk.json'), path.join(root, 'cdk.json'));
  fs.symlinkSync(path.join(REPO, 'dist'), path.join(root, 'dist'), 'dir');
  return root;
}

/**
 * The environment of a machine with no AWS configuration at all: no credentials, no profile, no
 * instance metadata. If synthesis needed AWS, it would fail here instead of calling it.
 */
function offlineEnvironment(root: string): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([key]) => !/^(AWS_|AMAZON_|CDK_)/.test(key));
  return {
    ...Object.fromEntries(inherited),
    AWS_CONFIG_FILE: path.join(root, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(root, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    CDK_DISABLE_VERSION_CHECK: 'true',
  };
}

function cdkSynth(root: string): Promise<ProcessResult> {
  return runProcess(process.execPath, [CDK_CLI, 'synth', '--quiet'], {
    cwd: root,
    env: offlineEnvironment(root),
    timeout: 240_000,
  });
}

function templates(directory: string): Map<string, string> {
  return new Map([...readTree(directory)].filter(([file]) => file.endsWith('.template.json')));
}

describe('cdk.json and the CDK app', () => {
  it('runs the CDK app with the built package, with notices and telemetry off', () => {
    const settings = JSON.parse(fs.readFileSync(path.join(REPO, 'cdk.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(settings).toMatchObject({
      app: 'node dist/bin/cdk-app.js',
      notices: false,
      context: { 'cli-telemetry': false },
    });
  });

  it("`cdk synth` works offline, passes aws-cdk-lib's template validation and writes the templates `eventbus synth --target cloudformation` writes", async () => {
    const root = cdkProject();
    const result = await cdkSynth(root);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    // The unit suite turns this validation off (vitest.config.mts): here it runs as for a user.
    const validation = JSON.parse(
      fs.readFileSync(path.join(root, 'cdk.out/validation-report.json'), 'utf8'),
    ) as { pluginReports: unknown[] };
    expect(validation.pluginReports).toEqual([]);
    expect(
      (await runCli(['synth', '--target', 'cloudformation', '--cdk-out', 'eventbus.out'], root)).status,
    ).toBe(0);
    // eventbus synth leaves the built-in validation to cdk synth (README, "CloudFormation").
    expect(fs.existsSync(path.join(root, 'eventbus.out/validation-report.json'))).toBe(false);
    const fromCdk = templates(path.join(root, 'cdk.out'));
    expect([...fromCdk.keys()]).toContain('prod-analytics-queues.template.json');
    expect(fromCdk).toEqual(templates(path.join(root, 'eventbus.out')));
  });

  it('stops `cdk synth` with the diagnostics when the requests are invalid', async () => {
    const root = cdkProject();
    const orders = path.join(root, 'requests/orders.yaml');
    const appendedLine = fs.readFileSync(orders, 'utf8').split('\n').length;
    fs.appendFileSync(orders, 'unknown: field\n');
    const result = await cdkSynth(root);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`requests/orders.yaml:${appendedLine}:1 error schema-unknown-field`);
    expect(result.stderr).toContain('no stack was synthesized');
    expect(templates(path.join(root, 'cdk.out')).size).toBe(0);
  });

  it('writes the cloud assembly where CDK_OUTDIR says when it runs on its own', async () => {
    const root = copyOfExample();
    const result = await runProcess(process.execPath, [CDK_APP], {
      cwd: root,
      // The template validation has its test above; it would only slow this one down.
      env: { ...offlineEnvironment(root), CDK_OUTDIR: path.join(root, 'assembly'), CDK_VALIDATION: 'false' },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(templates(path.join(root, 'assembly')).size).toBe(16);
  });
});
