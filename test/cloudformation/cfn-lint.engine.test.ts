/**
 * cfn-lint, AWS's own linter for CloudFormation templates, over everything synth writes for the
 * bundled example organisation: not one finding, warnings included.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyOfExample, runCli } from '../cli/run-cli';
import { runProcess } from '../support/process';

const onPath = (process.env['PATH'] ?? '')
  .split(path.delimiter)
  .some((directory) => directory !== '' && fs.existsSync(path.join(directory, 'cfn-lint')));
if (!onPath) {
  const message = 'the cfn-lint test needs cfn-lint on PATH (pip install cfn-lint)';
  if (process.env['CI']) throw new Error(message);
  console.warn(`\n*** SKIPPED: ${message} ***\n`);
}

describe.skipIf(!onPath)('cfn-lint', () => {
  it('finds nothing in the templates of the bundled example', async () => {
    const root = copyOfExample();
    expect((await runCli(['synth', '--target', 'cloudformation'], root)).status).toBe(0);
    const templates = fs
      .readdirSync(path.join(root, 'cdk.out'))
      .filter((file) => file.endsWith('.template.json'))
      .map((file) => path.join(root, 'cdk.out', file));
    expect(templates.length).toBeGreaterThan(0);
    const lint = await runProcess('cfn-lint', ['--format', 'parseable', '--', ...templates], { cwd: root });
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.status).toBe(0);
  });
});
