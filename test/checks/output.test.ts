import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckInputError, checkTerraformOutput } from '../../lib/checks';
import { cleanStack, resource } from './fixtures';
import { writeOutput } from './support';

describe('checkTerraformOutput', () => {
  it('checks every stack the manifest lists, in name order', () => {
    const broken = cleanStack();
    resource(broken, 'aws_sqs_queue', 'queue_work')['lifecycle'] = {};
    const findings = checkTerraformOutput(
      writeOutput({ 'prod.b': broken, 'dev.a': cleanStack(), 'dev.c': broken }),
    );
    expect(findings.map((finding) => [finding.stack, finding.ruleId])).toEqual([
      ['dev.c', 'EB-SQS-PREVENT-DESTROY'],
      ['prod.b', 'EB-SQS-PREVENT-DESTROY'],
    ]);
  });

  it('throws CheckInputError for a missing directory or manifest', () => {
    const outdir = writeOutput({});
    expect(() => checkTerraformOutput(path.join(outdir, 'nope'))).toThrow(/does not exist/);
    fs.rmSync(path.join(outdir, 'manifest.json'));
    expect(() => checkTerraformOutput(outdir)).toThrow(CheckInputError);
  });

  it('throws CheckInputError for a stack file that is missing or not JSON', () => {
    const outdir = writeOutput({ 'dev.a': cleanStack() });
    fs.writeFileSync(path.join(outdir, 'stacks/dev.a/cdk.tf.json'), '{"resource": ');
    expect(() => checkTerraformOutput(outdir)).toThrow(/not valid JSON/);
    fs.rmSync(path.join(outdir, 'stacks/dev.a/cdk.tf.json'));
    expect(() => checkTerraformOutput(outdir)).toThrow(/cannot read/);
  });

  it('does not follow a manifest path out of the output directory', () => {
    const outdir = writeOutput({});
    const manifest = { stacks: { evil: { synthesizedStackPath: '../../etc/passwd' } } };
    fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify(manifest));
    expect(() => checkTerraformOutput(outdir)).toThrow(/outside/);
  });
});
