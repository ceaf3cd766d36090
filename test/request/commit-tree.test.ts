import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRequests, type LoadedRequests, type LoadOptions } from '../../lib/request';
import { snapshotAt } from '../../lib/request/git';
import { DEFAULT_YAML_LIMITS } from '../../lib/request/yaml';
import { git, repositoryWith, writeFiles } from '../support/git-repository';
import { loadedSummary } from '../support/loaded-summary';
import { ORDERS, PLATFORM_CONFIG, SHIPPING } from '../support/workspace';

/** A commit with every kind of entry the loader tells apart, and files it must not read. */
const FILES: Record<string, string> = {
  'platform/eventbus.config.yaml': PLATFORM_CONFIG,
  'platform/requests/orders.yaml': ORDERS,
  'platform/requests/teams/shipping.yml': SHIPPING,
  'platform/requests/teams/deeper/broken.yaml': 'team: billing\nowner: [\n',
  'platform/requests/.hidden.yaml': ORDERS,
  'platform/requests/.drafts/later.yaml': ORDERS,
  'platform/requests/notes.txt': 'not a request',
  'platform/requests/huge.yaml': `# ${'x'.repeat(DEFAULT_YAML_LIMITS.maxBytes)}\n`,
  'elsewhere/outside.yaml': ORDERS,
};

const PATHS = { requestsDir: 'requests', configFile: 'eventbus.config.yaml' } as const;

function loadAt(ref: string, options: LoadOptions & { cwd: string }): LoadedRequests {
  const { tree } = snapshotAt(ref, options);
  return loadRequests({ ...options, tree });
}

async function repository(): Promise<string> {
  const root = await repositoryWith(FILES);
  fs.symlinkSync('orders.yaml', path.join(root, 'platform/requests/linked.yaml'));
  await git(root, 'add', '-A');
  await git(root, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'link');
  return root;
}

describe("a commit's requests read out of git", () => {
  it('load exactly as the same files on disk do: entries, problems, positions and paths', async () => {
    const root = await repository();
    const cwd = path.join(root, 'platform');
    const onDisk = loadRequests({ ...PATHS, cwd });
    // The disk load sees a link, a hidden file and directory, a file too large and a broken one.
    expect(new Set(onDisk.diagnostics.map((diagnostic) => diagnostic.file))).toEqual(
      new Set([
        'requests/.drafts',
        'requests/.hidden.yaml',
        'requests/huge.yaml',
        'requests/linked.yaml',
        'requests/teams/deeper/broken.yaml',
      ]),
    );
    expect(loadedSummary(loadAt('HEAD', { ...PATHS, cwd }))).toEqual(loadedSummary(onDisk));
    // From a subdirectory, with paths that climb out of it, the files are named as on disk too.
    const sub = path.join(root, 'platform/requests/teams');
    const climbing = { requestsDir: '..', configFile: '../../eventbus.config.yaml', cwd: sub };
    expect(loadedSummary(loadAt('HEAD', climbing))).toEqual(loadedSummary(loadRequests(climbing)));
  });

  it("read the commit's bytes, not the working tree's, and write nothing", async () => {
    const root = await repository();
    const cwd = path.join(root, 'platform');
    writeFiles(cwd, { 'requests/orders.yaml': ORDERS.replace('orders@example.com', 'new@example.com') });
    fs.rmSync(path.join(cwd, 'requests/teams'), { recursive: true });
    // Temporary files go to a directory of this test's own (git and Node both take TMPDIR): the
    // shared one gains the workspaces of tests running beside this one.
    const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-commit-tree-'));
    const sharedTemporary = process.env['TMPDIR'];
    process.env['TMPDIR'] = temporary;
    let base: ReturnType<typeof loadAt>;
    try {
      base = loadAt('HEAD', { ...PATHS, cwd });
    } finally {
      if (sharedTemporary === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = sharedTemporary;
    }
    expect(fs.readdirSync(temporary)).toEqual([]);
    fs.rmdirSync(temporary);
    expect(base.requests.map((request) => [request.relativePath, request.request.owner])).toEqual([
      ['orders.yaml', 'orders@example.com'],
      ['teams/shipping.yml', 'shipping@example.com'],
    ]);
    // The commit before the link: the link was not there yet.
    expect(loadAt('HEAD~1', { ...PATHS, cwd }).files).not.toContain('requests/linked.yaml');
  });

  it('say what is missing as the disk does: no config, no requests directory, a directory as config', async () => {
    const root = await repositoryWith({ 'README.md': 'nothing yet\n', 'folder/file.txt': 'x\n' });
    const snapshot = snapshotAt('HEAD', { ...PATHS, cwd: root });
    expect(snapshot.isEmpty).toBe(true);
    const base = loadedSummary(loadRequests({ ...PATHS, cwd: root, tree: snapshot.tree }));
    // The disk has no requests directory; the commit's tree has an empty one, as a base without requests.
    expect(base.diagnostics.map((diagnostic) => [diagnostic.file, diagnostic.message])).toEqual([
      ['eventbus.config.yaml', 'the platform config file does not exist'],
    ]);
    expect(base.requests).toEqual([]);
    const folder = { requestsDir: 'folder', configFile: 'folder', cwd: root };
    expect(loadedSummary(loadAt('HEAD', folder)).diagnostics).toEqual(
      loadedSummary(loadRequests(folder)).diagnostics,
    );
  });

  it("follow the commit's link to a config it holds, and never read the disk for one that leaves it", async () => {
    const root = await repositoryWith({
      'requests/orders.yaml': ORDERS,
      'requests/platform.yaml': PLATFORM_CONFIG,
    });
    fs.symlinkSync('requests/platform.yaml', path.join(root, 'eventbus.config.yaml'));
    fs.symlinkSync('/etc/hostname', path.join(root, 'absolute.yaml'));
    await git(root, 'add', '-A');
    await git(root, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'links');
    // The working tree's configs are files now: only the commit holds the links.
    for (const file of ['eventbus.config.yaml', 'absolute.yaml']) {
      fs.rmSync(path.join(root, file));
      fs.writeFileSync(path.join(root, file), 'environments: {}\n');
    }
    const at = (configFile: string) => ({ requestsDir: 'requests', configFile, cwd: root });
    const followed = loadAt('HEAD', at('eventbus.config.yaml')).config?.config;
    expect(followed).toBeDefined();
    expect(followed).toEqual(loadRequests(at('requests/platform.yaml')).config?.config);
    const absolute = loadAt('HEAD', at('absolute.yaml'));
    expect(absolute.config).toBeUndefined();
    expect(absolute.diagnostics.map((diagnostic) => diagnostic.message)).toContain(
      'the platform config file does not exist',
    );
  });
});
