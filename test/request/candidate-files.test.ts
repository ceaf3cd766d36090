import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyOfExample, runCli } from '../cli/run-cli';
import { workspace } from '../support/workspace';

const REQUEST = 'team: orders\nowner: o@example.com\nqueues:\n  work: {}\n';

function found(requests: Record<string, string>, prepare?: (requestsDir: string) => void) {
  const project = workspace(requests);
  prepare?.(project.requestsDir);
  return project.validate().diagnostics.map(({ code, file, message }) => ({ code, file, message }));
}

describe('every candidate request file is accounted for', () => {
  it('reads .YAML and .Yml files like .yaml ones', () => {
    const diagnostics = found({ 'a.YAML': REQUEST, 'b.Yml': REQUEST });
    // Both files are read: the queue is defined twice across them.
    expect(diagnostics.map(({ code, file }) => `${code} ${file}`)).toContain(
      'duplicate-resource requests/b.Yml',
    );
  });

  it('reports hidden YAML files and hidden directories, and ignores other dotfiles', () => {
    const diagnostics = found({ '.hidden.yaml': REQUEST, '.drafts/x.yaml': REQUEST, 'team/.gitkeep': '' });
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'file-unreadable',
        file: 'requests/.drafts',
        message: expect.stringContaining('hidden directories'),
      }),
      expect.objectContaining({
        code: 'file-unreadable',
        file: 'requests/.hidden.yaml',
        message: expect.stringContaining('hidden files'),
      }),
    ]);
  });

  it('reports a named pipe without opening it (opening would wait for a writer)', () => {
    const diagnostics = found({}, (requestsDir) =>
      execFileSync('mkfifo', [path.join(requestsDir, 'pipe.yaml')]),
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'file-unreadable',
        file: 'requests/pipe.yaml',
        message: expect.stringContaining('not pipes, devices or sockets'),
      }),
    ]);
  });

  it('refuses a huge file by its size before reading it', () => {
    const diagnostics = found({}, (requestsDir) => {
      // 1.5 GB, sparse: only its size is real, so a reader that read it whole would take the memory.
      const descriptor = fs.openSync(path.join(requestsDir, 'huge.yaml'), 'w');
      fs.ftruncateSync(descriptor, 1_500_000_000);
      fs.closeSync(descriptor);
    });
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'file-too-large',
        file: 'requests/huge.yaml',
        // The file's own size, known before reading: a read would have stopped at 64 KiB + 1.
        message: expect.stringContaining('this one is 1500000000 bytes'),
      }),
    ]);
  });

  it('refuses a platform config that is a device', async () => {
    const root = copyOfExample();
    const result = await runCli(['validate', '--config', '/dev/zero'], root);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('expected a file, found a device');
  });
});

describe('route reads at most one SNS message', () => {
  it.each([
    ['an endless device', '/dev/zero'],
    ['a file larger than 256 KiB', 'big.json'],
  ])('refuses %s as --body, and as --attributes-file', async (_, file) => {
    const root = copyOfExample();
    fs.writeFileSync(path.join(root, 'big.json'), `"${'x'.repeat(300 * 1024)}"`);
    for (const option of ['--body', '--attributes-file']) {
      const result = await runCli(['route', '--topic', 'orders/order-events', option, file], root);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`${option} ${file} is larger than 262144 bytes (256 KiB)`);
    }
  });
});
