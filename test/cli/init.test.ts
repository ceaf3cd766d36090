import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FileExists, writeNewFile } from '../../lib/cli/new-file';
import { newTeamFile } from '../../lib/model/team-files';
import { copyOfExample, readTree, probeEngineModules, REPO, runCli } from './run-cli';

interface NewRequest {
  team: string;
  owner: string;
  environments: string[];
  topics: Record<string, { events: string[]; publishers: string[] }>;
  queues: Record<
    string,
    {
      deadLetter: { maxReceiveCount: number; retention: string };
      consumers: string[];
      subscriptions: { topic: string; events: string[]; filter: Record<string, unknown> }[];
    }
  >;
}

async function validateJson(
  root: string,
  args: readonly string[] = [],
): Promise<{ status: number | null; diagnostics: unknown[] }> {
  const result = await runCli(['validate', '--format', 'json', ...args], root);
  return {
    status: result.status,
    diagnostics: (JSON.parse(result.stdout) as { diagnostics: unknown[] }).diagnostics,
  };
}

function editConfig(root: string, file: string, change: (text: string) => string): void {
  const absolute = path.join(root, file);
  const before = fs.readFileSync(absolute, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  fs.writeFileSync(absolute, after);
}

describe('eventbus init', () => {
  it('writes a commented request that validates as written beside the example (topicAccess owner-approved)', async () => {
    const root = copyOfExample();
    expect(fs.readFileSync(path.join(root, 'eventbus.config.yaml'), 'utf8')).toContain(
      'topicAccess: owner-approved',
    );
    const result = await runCli(['init', '--team', 'billing'], root);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      'wrote requests/billing.yaml for team billing\nnext: edit it, then run "eventbus validate"\n',
    );

    const text = fs.readFileSync(path.join(root, 'requests/billing.yaml'), 'utf8');
    const header = fs.readFileSync(path.join(REPO, 'requests/orders.yaml'), 'utf8').split('\n')[0];
    expect(text.split('\n')[0]).toBe(header);
    const request = parse(text) as NewRequest;
    expect(request.team).toBe('billing');
    expect(request.environments).toEqual(['dev', 'local', 'prod']);
    const [topicName, topic] = Object.entries(request.topics)[0] ?? [];
    const queue = Object.values(request.queues)[0];
    expect(topic?.publishers).toEqual([
      'arn:aws:iam::111111111111:role/billing-publisher',
      'arn:aws:iam::000000000000:role/billing-publisher',
      'arn:aws:iam::999999999999:role/billing-publisher',
    ]);
    expect(queue?.deadLetter).toEqual({ maxReceiveCount: 5, retention: '14d' });
    expect(queue?.subscriptions).toEqual([
      { topic: topicName, events: [topic?.events[0]], filter: { region: [{ prefix: 'eu-' }] } },
    ]);
    expectEveryEditableLineExplained(text);
    expect(fs.readdirSync(path.join(root, 'requests')).sort()).toEqual([
      'analytics.yaml',
      'billing.yaml',
      'orders.yaml',
      'payments',
      'shipping.yaml',
    ]);

    expect(await validateJson(root)).toEqual({ status: 0, diagnostics: [] });
  });

  it('writes a request that validates under topicAccess open too', async () => {
    const root = copyOfExample();
    editConfig(root, 'eventbus.config.yaml', (text) => text.replace('topicAccess: owner-approved\n', ''));
    expect((await runCli(['init', '--team', 'billing'], root)).status).toBe(0);
    expect(fs.readFileSync(path.join(root, 'requests/billing.yaml'), 'utf8')).toContain(
      'topicAccess is open',
    );
    expect(await validateJson(root)).toEqual({ status: 0, diagnostics: [] });
  });

  it('follows a custom teamFiles layout, --dir and --config, and names them in the next step', async () => {
    const root = copyOfExample();
    fs.mkdirSync(path.join(root, 'org'));
    fs.renameSync(path.join(root, 'requests'), path.join(root, 'org/requests'));
    fs.renameSync(path.join(root, 'eventbus.config.yaml'), path.join(root, 'org/platform.yaml'));
    editConfig(root, 'org/platform.yaml', (text) =>
      text.replace(
        'topicAccess:',
        "teamFiles: ['teams/{team}/*.yaml', '{team}.yaml', '{team}/**']\ntopicAccess:",
      ),
    );
    const sources = ['--requests', 'org/requests', '--config', 'org/platform.yaml'];
    expect(await validateJson(root, sources)).toEqual({ status: 0, diagnostics: [] });

    const result = await runCli(
      ['init', '--team', 'billing', '--dir', 'org/requests', '--config', 'org/platform.yaml'],
      root,
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      'wrote org/requests/teams/billing/billing.yaml for team billing\n' +
        'next: edit it, then run "eventbus validate --requests org/requests --config org/platform.yaml"\n',
    );
    const text = fs.readFileSync(path.join(root, 'org/requests/teams/billing/billing.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../../../schemas/request.schema.json',
    );
    expect(await validateJson(root, sources)).toEqual({ status: 0, diagnostics: [] });
  });

  describe('refuses, exit 2 and nothing written', () => {
    it.each([
      ['an upper-case name', ['--team', 'Billing']],
      ['a name of one character', ['--team', 'b']],
      ['a name of 31 characters', ['--team', 'b'.repeat(31)]],
      ['a name starting with a digit', ['--team', '1billing']],
      ['a name with an underscore', ['--team', 'bill_ing']],
      ['a name with a path in it', ['--team', '../billing']],
      ['an empty name', ['--team', '']],
    ])('%s', async (_, args) => {
      const root = copyOfExample();
      const before = readTree(root);
      const result = await runCli(['init', ...args], root);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(
        'is not a team name: Team name: lower case letters, digits and hyphens',
      );
      expect(readTree(root)).toEqual(before);
    });

    it.each([
      [
        'a team with a file of its own',
        'shipping',
        'team "shipping" already has a request file (requests/shipping.yaml)',
      ],
      ['a team whose files are in a directory', 'payments', 'team "payments" already has a request file'],
    ])('%s', async (_, team, message) => {
      const root = copyOfExample();
      const before = readTree(root);
      const result = await runCli(['init', '--team', team], root);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(message);
      expect(readTree(root)).toEqual(before);
    });

    it('a team whose place holds a file that does not even load', async () => {
      const root = copyOfExample();
      fs.mkdirSync(path.join(root, 'requests/billing'));
      fs.writeFileSync(path.join(root, 'requests/billing/draft.yaml'), 'team: [billing\n');
      const before = readTree(root);
      const result = await runCli(['init', '--team', 'billing'], root);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(
        'team "billing" already has a file in its place: requests/billing/draft.yaml',
      );
      expect(readTree(root)).toEqual(before);
    });

    it('an existing file at the place, even a link to nothing', async () => {
      const root = copyOfExample();
      fs.symlinkSync('nowhere.yaml', path.join(root, 'requests/billing.yaml'));
      const result = await runCli(['init', '--team', 'billing'], root);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('refusing to overwrite requests/billing.yaml');
      expect(fs.readlinkSync(path.join(root, 'requests/billing.yaml'))).toBe('nowhere.yaml');
      expect(fs.readdirSync(path.join(root, 'requests')).filter((name) => name.includes('billing'))).toEqual([
        'billing.yaml',
      ]);
    });

    it('no --team, or an unknown option', async () => {
      const root = copyOfExample();
      const before = readTree(root);
      const missing = await runCli(['init'], root);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain('init needs --team NAME');
      expect((await runCli(['init', '--team', 'billing', '--force'], root)).status).toBe(2);
      expect(readTree(root)).toEqual(before);
    });
  });

  it('reports a platform config that does not load (exit 1), and writes nothing', async () => {
    const root = copyOfExample();
    const before = readTree(root);
    const result = await runCli(['init', '--team', 'billing', '--config', 'missing.yaml'], root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('missing.yaml:1:1 error file-unreadable');
    expect(readTree(root)).toEqual(before);
  });

  it('loads neither cdktf nor aws-cdk-lib', async () => {
    const { code, heavy, stderr } = await probeEngineModules(['init', '--team', 'billing'], copyOfExample());
    expect(stderr).toBe('');
    expect({ code, heavy }).toEqual({ code: 0, heavy: [] });
  });
});

describe('newTeamFile', () => {
  it.each([
    [['{team}.yaml', '{team}.yml', '{team}/**'], 'billing.yaml'],
    [['{team}/**'], 'billing/billing.yaml'],
    [['teams/**/{team}.yml'], 'teams/billing.yml'],
    [['{team}/*'], 'billing/billing.yaml'],
    [['{team}-*.yaml'], 'billing-billing.yaml'],
    [['{team}.json', '{team}/.hidden/*.yaml', 'teams/{team}.YAML'], 'teams/billing.YAML'],
    [['{team}.json', '{team}/.hidden/*.yaml'], undefined],
  ])('%j gives %s', (patterns, expected) => {
    expect(newTeamFile(patterns, 'billing')).toBe(expected);
  });
});

describe('writeNewFile', () => {
  it('creates the file and its directories, and leaves no temporary file', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-new-file-'));
    const target = path.join(root, 'a/b/c.yaml');
    writeNewFile(target, 'team: x\n');
    expect(fs.readFileSync(target, 'utf8')).toBe('team: x\n');
    expect(fs.readdirSync(path.join(root, 'a/b'))).toEqual(['c.yaml']);
  });

  it('refuses a file that exists, and keeps it as it was', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-new-file-'));
    const target = path.join(root, 'c.yaml');
    fs.writeFileSync(target, 'mine\n');
    expect(() => writeNewFile(target, 'theirs\n')).toThrow(FileExists);
    expect(fs.readFileSync(target, 'utf8')).toBe('mine\n');
    expect(fs.readdirSync(root)).toEqual(['c.yaml']);
  });
});

/** The lines a newcomer changes each follow a comment that explains them. */
function expectEveryEditableLineExplained(text: string): void {
  const lines = text.split('\n');
  const editable =
    /^\s*(team|owner|environments|description|encryption|events|publishers|deadLetter|consumers|filter):/;
  const unexplained = lines.filter(
    (line, index) => editable.test(line) && !/^\s*#/.test(lines[index - 1] ?? ''),
  );
  expect(unexplained).toEqual([]);
  expect(lines.filter((line) => editable.test(line)).length).toBeGreaterThanOrEqual(11);
}
