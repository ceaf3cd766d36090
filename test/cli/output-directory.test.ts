import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jobsDirectoryPrefix, OUTPUT_MARKER, replaceDirectory } from '../../lib/cli/output-directory';
import { runProcess } from '../support/process';
import { CLI, copyExampleOutput, copyOfExample, readTree, runCli } from './run-cli';

/** Every file below a directory with its bytes, and every link with its target: what must stay untouched. */
function snapshot(directory: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of fs.readdirSync(directory, { recursive: true, encoding: 'utf8' }).sort()) {
    const absolute = path.join(directory, entry);
    const stat = fs.lstatSync(absolute);
    if (stat.isSymbolicLink()) found.set(entry, `-> ${fs.readlinkSync(absolute)}`);
    else if (stat.isFile()) found.set(entry, fs.readFileSync(absolute, 'utf8'));
  }
  return found;
}

describe('synth --out accepts only directories it owns', () => {
  it.each([
    ['the working directory', '.', /working directory or one of its parents/],
    ['a parent of it', '..', /working directory or one of its parents/],
    ['the requests directory', 'requests', /holds the request files/],
    ['a directory inside the requests', 'requests/out', /lies inside their directory/],
    ['the root of the file system', '/', /root of the file system/],
    ['a mount point', '/proc', /mount point/],
  ])('refuses %s with exit 2 and touches nothing', async (_, out, message) => {
    const root = copyOfExample();
    fs.writeFileSync(path.join(root, 'notes.txt'), 'keep me');
    const before = snapshot(root);
    const result = await runCli(['synth', '--out', out], root);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(snapshot(root)).toEqual(before);
  });

  it("refuses the platform config's directory", async () => {
    const root = copyOfExample();
    fs.mkdirSync(path.join(root, 'platform'));
    fs.renameSync(path.join(root, 'eventbus.config.yaml'), path.join(root, 'platform/eventbus.config.yaml'));
    const result = await runCli(
      ['synth', '--config', 'platform/eventbus.config.yaml', '--out', 'platform'],
      root,
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/holds the platform config/);
  });

  it('refuses a directory with files synth did not write, a file and a link', async () => {
    const root = copyOfExample();
    fs.mkdirSync(path.join(root, 'mine'));
    fs.writeFileSync(path.join(root, 'mine/keep.txt'), 'keep me');
    fs.writeFileSync(path.join(root, 'a-file'), 'keep me');
    fs.symlinkSync(path.join(root, 'mine'), path.join(root, 'a-link'));
    const before = snapshot(root);
    for (const [out, message] of [
      ['mine', /holds files that synth did not write \(keep\.txt\)/],
      ['a-file', /not a directory/],
      ['a-link', /symbolic link/],
    ] as const) {
      const result = await runCli(['synth', '--out', out], root);
      expect(result.status, out).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(snapshot(root)).toEqual(before);
  });

  it('writes into a new or empty directory and replaces its own output, marker and all', async () => {
    const root = copyOfExample();
    fs.mkdirSync(path.join(root, 'empty'));
    expect((await runCli(['synth', '--out', 'empty'], root)).status).toBe(0);
    expect(fs.existsSync(path.join(root, 'empty', OUTPUT_MARKER))).toBe(true);
    fs.writeFileSync(path.join(root, 'empty/stale.txt'), 'left by hand');
    expect((await runCli(['synth', '--out', 'empty'], root)).status).toBe(0);
    expect(fs.existsSync(path.join(root, 'empty/stale.txt'))).toBe(false);
    expect((await runCli(['synth', '--out', 'new/nested'], root)).status).toBe(0);
    expect(readTree(path.join(root, 'new/nested'))).toEqual(readTree(path.join(root, 'empty')));
    expect(fs.readdirSync(path.join(root, 'new'))).toEqual(['nested']);
  });

  it('replaces an output written before the marker existed', async () => {
    const root = copyOfExample();
    await copyExampleOutput(root);
    fs.rmSync(path.join(root, 'cdktf.out', OUTPUT_MARKER));
    expect((await runCli(['synth'], root)).status).toBe(0);
  });
});

describe('replacing an output', () => {
  const roots: string[] = [];
  afterEach(() => roots.splice(0).forEach((root) => fs.rmSync(root, { recursive: true, force: true })));
  const output = (): { root: string; target: string } => {
    const root = copyOfExample();
    roots.push(root);
    const target = path.join(root, 'out');
    replaceDirectory(target, (staging) => fs.writeFileSync(path.join(staging, 'v'), '1'));
    return { root, target };
  };

  it('keeps the old output when building the new one fails, and leaves no staging directory', () => {
    const { root, target } = output();
    expect(() =>
      replaceDirectory(target, (staging) => {
        fs.writeFileSync(path.join(staging, 'v'), 'half');
        throw new Error('build failed');
      }),
    ).toThrow('build failed');
    expect(fs.readFileSync(path.join(target, 'v'), 'utf8')).toBe('1');
    expect(fs.readdirSync(root).filter((name) => name.startsWith('.out.'))).toEqual([]);
  });

  it('puts back an output that an interrupted swap moved aside, and removes stale staging directories', () => {
    const { root, target } = output();
    // What a kill between the swap's two renames leaves: the old output aside, a staging beside it.
    fs.renameSync(target, path.join(root, '.out.previous-abc123'));
    fs.mkdirSync(path.join(root, '.out.staging-def456'));
    expect(() =>
      replaceDirectory(target, () => {
        expect(fs.readFileSync(path.join(target, 'v'), 'utf8')).toBe('1');
        throw new Error('stop before the swap');
      }),
    ).toThrow('stop before the swap');
    expect(fs.readFileSync(path.join(target, 'v'), 'utf8')).toBe('1');
    expect(fs.readdirSync(root).filter((name) => name.startsWith('.out.'))).toEqual([]);
  });

  it("removes the threads' directory of a synth that died, and leaves a running one's alone", async () => {
    const { root, target } = output();
    const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.once('exit', resolve));
    try {
      for (const pid of [running.pid, dead.pid]) fs.mkdirSync(path.join(root, `.out.jobs-${pid}-abc123`));
      replaceDirectory(target, () => undefined);
      expect(fs.readdirSync(root).filter((name) => name.startsWith('.out.'))).toEqual([
        `.out.jobs-${running.pid}-abc123`,
      ]);
      expect(path.basename(jobsDirectoryPrefix(target))).toBe(`.out.jobs-${process.pid}-`);
    } finally {
      running.kill();
    }
  });

  it('refuses a concurrent synth into the same directory while the first holds the lock', async () => {
    const { root, target } = output();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    try {
      fs.writeFileSync(path.join(root, '.out.lock'), `${holder.pid}\n`);
      expect(() => replaceDirectory(target, () => undefined)).toThrow(
        new RegExp(`another synth \\(process ${holder.pid}\\) is writing out`),
      );
      expect(fs.readFileSync(path.join(target, 'v'), 'utf8')).toBe('1');
    } finally {
      holder.kill();
    }
  });

  it('takes over a lock whose process is gone', () => {
    const { root, target } = output();
    fs.writeFileSync(path.join(root, '.out.lock'), '2147483646\n');
    replaceDirectory(target, (staging) => fs.writeFileSync(path.join(staging, 'v'), '2'));
    expect(fs.readFileSync(path.join(target, 'v'), 'utf8')).toBe('2');
    expect(fs.existsSync(path.join(root, '.out.lock'))).toBe(false);
  });

  it('leaves the old or the new output after a kill at any moment of a synth', async () => {
    const root = copyOfExample();
    roots.push(root);
    const old = readTree(await copyExampleOutput(root));
    for (const delay of [50, 300, 600, 900, 1200, 1500]) {
      const child = spawn(process.execPath, [CLI, 'synth'], { cwd: root, stdio: 'ignore' });
      const closed = new Promise((resolve) => child.once('close', resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await closed;
      const target = path.join(root, 'cdktf.out');
      const aside = fs.readdirSync(root).find((name) => name.startsWith('.cdktf.out.previous-'));
      // Either the output is in place, or the swap was cut between its renames and the old one waits aside.
      expect(fs.existsSync(target) || aside !== undefined).toBe(true);
    }
    // The next run recovers whatever was left, cleans up, and writes the same output again.
    expect((await runCli(['synth'], root)).status).toBe(0);
    expect(readTree(path.join(root, 'cdktf.out'))).toEqual(old);
    expect(fs.readdirSync(root).filter((name) => name.startsWith('.cdktf.out.'))).toEqual([]);
  });
});

/**
 * A small file system of its own (tmpfs) to fill up or make read-only. Mounting needs root; CI
 * runs as root, and elsewhere these tests say loudly that they were skipped.
 */
async function tmpfs(directory: string, size: string): Promise<boolean> {
  fs.mkdirSync(directory, { recursive: true });
  const mounted = await runProcess('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', directory]);
  return mounted.status === 0;
}

const canMount = process.getuid?.() === 0 && process.platform === 'linux';
if (!canMount) {
  const message = 'environment-failure tests need root on Linux to mount a small tmpfs';
  if (process.env['CI']) throw new Error(message);
  console.warn(`\n*** SKIPPED: ${message} ***\n`);
}

describe.skipIf(!canMount)('environment failures', () => {
  const mounts: string[] = [];
  afterEach(async () => {
    for (const mount of mounts.splice(0)) await runProcess('umount', ['-l', mount]);
  });

  const mountedOutput = async (): Promise<{ root: string; disk: string }> => {
    const root = copyOfExample();
    const disk = path.join(root, 'disk');
    if (!(await tmpfs(disk, '4m'))) throw new Error(`could not mount a tmpfs at ${disk}`);
    mounts.push(disk);
    await copyExampleOutput(disk, 'out');
    return { root, disk };
  };

  it('reports a full disk in one line, keeps the previous output and leaves no staging directory', async () => {
    const { root, disk } = await mountedOutput();
    const before = readTree(path.join(disk, 'out'));
    // Fill the disk until a second copy of the output no longer fits.
    const filler = path.join(disk, 'filler');
    const free = await runProcess('df', ['--output=avail', '-B1', disk]);
    const available = Number(free.stdout.trim().split('\n').pop());
    fs.writeFileSync(filler, Buffer.alloc(Math.max(0, available - 16 * 1024)));
    const result = await runCli(['synth', '--out', 'disk/out'], root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^eventbus: cannot write .+: no space is left on the device \(\w+ failed with ENOSPC\)$/m,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readTree(path.join(disk, 'out'))).toEqual(before);
    expect(fs.readdirSync(disk).sort()).toEqual(['filler', 'out']);
  });

  it('reports a read-only file system in one line and keeps the previous output', async () => {
    const { root, disk } = await mountedOutput();
    const before = readTree(path.join(disk, 'out'));
    expect((await runProcess('mount', ['-o', 'remount,ro', disk])).status).toBe(0);
    const result = await runCli(['synth', '--out', 'disk/out'], root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^eventbus: cannot write .+: the file system is read-only \(\w+ failed with EROFS\)$/m,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readTree(path.join(disk, 'out'))).toEqual(before);
  });
});
