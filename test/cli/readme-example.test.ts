import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from './run-cli';

/** The README's route example: its command line and the output shown under it as comments. */
function routeExample(): { args: string[]; expected: string } {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const block = /```sh\neventbus route (.*)\n((?:# .*\n)+)```/.exec(readme);
  if (!block) throw new Error('README has no eventbus route example');
  const [, commandLine, comments] = block as unknown as [string, string, string];
  const args = [...commandLine.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');
  return { args: ['route', ...args], expected: comments.replace(/^# /gm, '') };
}

describe('the README', () => {
  it('shows what eventbus route really prints for the bundled requests', async () => {
    const { args, expected } = routeExample();
    const result = await runCli(args, REPO);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(expected);
  });
});
