import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { planStacks, type EventBusModel, type StackPlan } from '../../lib/model';
import { validateRequests } from '../../lib/pipeline';
import { DEFAULT_SYNTH_JOB, NOTHING_TO_PLAN_JOB, NPM_CACHE_KEY } from '../../lib/views/gitlab-pipeline';
import { gitlabCiViolations } from '../support/gitlab-ci-schema';
import { runProcess } from '../support/process';
import { copyOfExample, probeEngineModules, REPO, runCli, type CliResult } from './run-cli';

const PACKAGE = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  files: string[];
};

interface Job {
  script: string[];
  image?: unknown;
  needs?: unknown[];
  rules?: { if?: string; variables?: Record<string, string> }[];
  artifacts?: { paths?: string[]; when?: string; reports?: Record<string, string> };
  cache?: { key?: string };
  variables?: Record<string, string>;
  extends?: string[];
  trigger?: { include: { artifact: string; job: string }[]; strategy: string };
}
type Pipeline = Record<string, unknown>;

function jobNames(pipeline: Pipeline): string[] {
  return Object.keys(pipeline).filter((key) => key !== 'stages' && key !== 'variables');
}

function exampleModel(): EventBusModel {
  const { model } = validateRequests({
    requestsDir: path.join(REPO, 'requests'),
    configFile: path.join(REPO, 'eventbus.config.yaml'),
  });
  if (!model) throw new Error('the example organisation is invalid');
  return model;
}

/** The example organisation's stacks that a CI runner can reach: none of an environment with a local endpoint. */
function exampleStacksForCi(environment?: string): StackPlan[] {
  return planStacks(exampleModel(), environment).filter((stack) => stack.environment.endpoint === undefined);
}

describe('eventbus pipeline', () => {
  /** The pipeline printed for the example organisation, which --file must write byte for byte. */
  let printed: CliResult;
  beforeAll(async () => {
    printed = await runCli(['pipeline'], REPO);
  });

  it('prints a child pipeline for every stack of the example organisation but the local ones', () => {
    expect(printed.stderr).toBe('');
    expect(printed.status).toBe(0);
    const pipeline = parse(printed.stdout) as Pipeline;
    const stacks = exampleStacksForCi();
    expect(
      jobNames(pipeline)
        .filter((name) => name.startsWith('plan '))
        .sort(),
    ).toEqual(stacks.map((stack) => `plan ${stack.name}`).sort());
    // The example has a local environment (an endpoint on the laptop): no runner reaches it.
    expect(jobNames(pipeline).some((name) => name.includes(' local.'))).toBe(false);
    expect(planStacks(exampleModel()).some((stack) => stack.environment.name === 'local')).toBe(true);
    expect(gitlabCiViolations(pipeline)).toEqual([]);
  });

  it('runs the guard of its own version, from the registry, unless told otherwise', async () => {
    const pipeline = parse((await runCli(['pipeline', '--env', 'prod'], REPO)).stdout) as Pipeline;
    const guards = jobNames(pipeline).filter((name) => name.startsWith('guard '));
    expect(guards.length).toBeGreaterThan(0);
    for (const name of guards) {
      expect((pipeline[name] as Job).script[0]).toMatch(
        new RegExp(
          `^npx --yes --package ${PACKAGE.name}@${PACKAGE.version.replace(/\./g, '\\.')} eventbus guard `,
        ),
      );
    }
    const custom = parse(
      (
        await runCli(
          ['pipeline', '--env', 'prod', '--eventbus', 'npx eventbus', '--node-image', 'node:20'],
          REPO,
        )
      ).stdout,
    ) as Pipeline;
    const guard = custom[guards[0] as string] as Job;
    expect(guard.script[0]).toMatch(/^npx eventbus guard /);
    expect(guard.image).toBe('node:20');
  });

  it('limits the pipeline to --env, and takes the engine, its image and the output directory', async () => {
    const result = await runCli(
      [
        'pipeline',
        '--env',
        'dev',
        '--binary',
        'tofu',
        '--image',
        'registry.example.com/tofu:1.10',
        '--out',
        'build/tf',
      ],
      REPO,
    );
    expect(result.status).toBe(0);
    const pipeline = parse(result.stdout) as Pipeline;
    const dev = exampleStacksForCi('dev');
    expect(
      jobNames(pipeline)
        .filter((name) => name.startsWith('apply '))
        .sort(),
    ).toEqual(dev.map((stack) => `apply ${stack.name}`).sort());
    const plan = pipeline[`plan ${(dev[0] as StackPlan).name}`] as Job;
    expect(plan.image).toEqual({ name: 'registry.example.com/tofu:1.10', entrypoint: [''] });
    expect(plan.script[0]).toBe(
      `tofu -chdir=build/tf/stacks/${(dev[0] as StackPlan).name} init -input=false`,
    );
  });

  it('writes --file atomically and says how many stacks it plans', async () => {
    const root = copyOfExample();
    fs.writeFileSync(path.join(root, 'eventbus-plans.yml'), 'an older pipeline\n');
    const result = await runCli(['pipeline', '--file', 'eventbus-plans.yml'], root);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`eventbus-plans.yml: ${exampleStacksForCi().length} stacks to plan\n`);
    expect(fs.readFileSync(path.join(root, 'eventbus-plans.yml'), 'utf8')).toBe(printed.stdout);
    // Nothing of the temporary file is left beside it.
    expect(fs.readdirSync(root).sort()).toEqual(['eventbus-plans.yml', 'eventbus.config.yaml', 'requests']);
  });

  it('writes the no-op pipeline when no stack is left to plan', async () => {
    const root = copyOfExample();
    const config = path.join(root, 'eventbus.config.yaml');
    // Only the local environment remains: the requests' entries for dev and prod name no environment left.
    const requests = path.join(root, 'requests');
    fs.rmSync(requests, { recursive: true });
    fs.mkdirSync(requests);
    fs.writeFileSync(
      config,
      'environments:\n  local: { account: "000000000000", region: us-east-1, endpoint: http://localhost:4566 }\n',
    );
    fs.writeFileSync(
      path.join(requests, 'orders.yaml'),
      'team: orders\nowner: o@example.com\ntopics:\n  events: {}\n',
    );
    const result = await runCli(['pipeline', '--file', 'plans.yml'], root);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('plans.yml: no stack to plan\n');
    const pipeline = parse(fs.readFileSync(path.join(root, 'plans.yml'), 'utf8')) as Pipeline;
    expect(jobNames(pipeline)).toEqual([NOTHING_TO_PLAN_JOB]);
  });

  it('reports a file it cannot write in one line, exit 1', async () => {
    const result = await runCli(['pipeline', '--file', 'missing-directory/plans.yml'], copyOfExample());
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^eventbus: cannot write .*missing-directory.*ENOENT/);
    expect(result.stderr).not.toContain('    at ');
  });

  it('refuses invalid requests with their diagnostics, exit 1, and prints no pipeline', async () => {
    const root = copyOfExample();
    fs.appendFileSync(path.join(root, 'requests/orders.yaml'), 'queus: {}\n');
    const result = await runCli(['pipeline'], root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('schema-unknown-field');
    expect(result.stdout).toBe('');
  });

  it.each([
    [['--binary', 'pulumi'], /--binary must be terraform or tofu/],
    [['--binary', 'tofu'], /--binary tofu needs --image/],
    [['--out', '/tmp/cdktf.out'], /--out: it must be a relative path inside the repository/],
    [['--out', '../cdktf.out'], /--out: it must be a relative path inside the repository/],
    [['--env', 'staging'], /--env must be one of dev, local, prod, not "staging"/],
    [['--env', 'local'], /--env local is a local environment/],
    [['--image', ''], /--image must not be empty/],
    [['--changed'], /Unknown option/],
  ])('treats %j as a usage error (exit 2)', async (args, message) => {
    const result = await runCli(['pipeline', ...args], REPO);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('loads neither cdktf nor aws-cdk-lib', async () => {
    const { code, heavy, stderr } = await probeEngineModules(['pipeline'], REPO);
    expect(stderr).toBe('');
    expect({ code, heavy }).toEqual({ code: 0, heavy: [] });
  });
});

describe('ci/gitlab-ci.yml', () => {
  const CI_FILE = path.join(REPO, 'ci/gitlab-ci.yml');
  const ci = parse(fs.readFileSync(CI_FILE, 'utf8')) as Pipeline;
  const jobs = (name: string): Job => ci[name] as Job;
  const MERGE_REQUEST = '$CI_PIPELINE_SOURCE == "merge_request_event"';
  const DEFAULT_BRANCH = '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH';

  it("passes GitLab's own CI schema", () => {
    expect(gitlabCiViolations(ci)).toEqual([]);
  });

  it('is shipped in the npm package', async () => {
    expect(PACKAGE.files).toContain('ci');
    const packed = await runProcess('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: REPO,
    });
    expect(packed.status).toBe(0);
    const [listing] = JSON.parse(packed.stdout) as [{ files: { path: string }[] }];
    expect(listing.files.map((file) => file.path)).toContain('ci/gitlab-ci.yml');
  });

  it('installs the version it ships with and shares the npm cache with the child pipeline', () => {
    const variables = ci['variables'] as Record<string, string>;
    expect(variables['EVENTBUS_PACKAGE']).toBe(`${PACKAGE.name}@${PACKAGE.version}`);
    expect((ci['.eventbus:node'] as Job).cache?.key).toBe(NPM_CACHE_KEY);
  });

  it('runs validate and diff in merge requests only, with their reports', () => {
    for (const name of ['eventbus:validate', 'eventbus:diff']) {
      expect(jobs(name).extends).toEqual(['.eventbus:node', '.eventbus:merge-request']);
    }
    expect((ci['.eventbus:merge-request'] as Job).rules).toEqual([{ if: MERGE_REQUEST }]);
    expect(jobs('eventbus:validate').artifacts).toEqual({
      when: 'always',
      reports: { codequality: 'gl-code-quality-report.json', junit: 'eventbus-junit.xml' },
    });
    expect(jobs('eventbus:diff').script[0]).toBe(
      '$EVENTBUS diff --base "$CI_MERGE_REQUEST_DIFF_BASE_SHA" --format markdown > eventbus-diff.md',
    );
    expect(jobs('eventbus:diff').script[1]).toContain(
      '$CI_API_V4_URL/projects/$CI_PROJECT_ID/merge_requests/$CI_MERGE_REQUEST_IID/notes',
    );
  });

  describe("the diff's note on the merge request", () => {
    interface Note {
      id: number;
      body: string;
      system: boolean;
      author: { id: number };
    }
    const TOKEN_USER = 42;
    const MARKER = '<!-- eventbus:diff -->';

    /** A GitLab API of one merge request's notes, two to a page, that records what was sent. */
    async function gitlab(notes: Note[]) {
      const sent: { method: string; path: string; body: string }[] = [];
      const server = http.createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        request.on('end', () => {
          const url = new URL(request.url ?? '/', 'http://gitlab');
          if (request.headers['private-token'] !== 'note-token') {
            response.writeHead(401).end();
            return;
          }
          if (request.method === 'GET' && url.pathname === '/api/v4/user') {
            response.end(JSON.stringify({ id: TOKEN_USER }));
            return;
          }
          const list = '/api/v4/projects/7/merge_requests/3/notes';
          if (request.method === 'GET' && url.pathname === list) {
            const page = Number(url.searchParams.get('page'));
            const next = page * 2 < notes.length ? String(page + 1) : '';
            response.writeHead(200, { 'X-Next-Page': next });
            response.end(JSON.stringify(notes.slice((page - 1) * 2, page * 2)));
            return;
          }
          sent.push({
            method: request.method ?? '',
            path: url.pathname,
            body: new URLSearchParams(body).get('body') ?? '',
          });
          response.end('{}');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      return { sent, url: `http://127.0.0.1:${port}/api/v4`, close: () => server.close() };
    }

    async function postNote(notes: Note[]) {
      const api = await gitlab(notes);
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-note-'));
      fs.writeFileSync(path.join(directory, 'eventbus-diff.md'), '## eventbus: 1 queue added\n');
      try {
        const result = await runProcess('bash', ['-e', '-c', jobs('eventbus:diff').script[1] as string], {
          cwd: directory,
          env: {
            ...process.env,
            EVENTBUS_NOTE_TOKEN: 'note-token',
            CI_API_V4_URL: api.url,
            CI_PROJECT_ID: '7',
            CI_MERGE_REQUEST_IID: '3',
          },
        });
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        return api.sent;
      } finally {
        api.close();
      }
    }

    const note = (id: number, author: number, body: string): Note => ({
      id,
      body,
      system: false,
      author: { id: author },
    });

    it('is created, marked, when the token has none yet', async () => {
      const sent = await postNote([
        note(1, 5, 'looks good'),
        note(2, 5, `${MARKER}\nquoted by someone else`),
      ]);
      expect(sent).toEqual([
        {
          method: 'POST',
          path: '/api/v4/projects/7/merge_requests/3/notes',
          body: `${MARKER}\n## eventbus: 1 queue added\n`,
        },
      ]);
    });

    it("replaces the token's earlier note, found on a later page, instead of adding one", async () => {
      const sent = await postNote([
        note(1, 5, 'looks good'),
        note(2, 5, `${MARKER}\nquoted by someone else`),
        { ...note(3, TOKEN_USER, `${MARKER}\nthe system`), system: true },
        note(4, TOKEN_USER, `${MARKER}\n## eventbus: nothing changed\n`),
        note(5, TOKEN_USER, `${MARKER}\na later one`),
      ]);
      expect(sent).toEqual([
        {
          method: 'PUT',
          path: '/api/v4/projects/7/merge_requests/3/notes/4',
          body: `${MARKER}\n## eventbus: 1 queue added\n`,
        },
      ]);
    });
  });

  it('publishes the catalog as an artifact of merge requests and the default branch', () => {
    const docs = jobs('eventbus:docs');
    expect(docs.rules).toEqual([{ if: MERGE_REQUEST }, { if: DEFAULT_BRANCH }]);
    expect(docs.script).toEqual(['$EVENTBUS docs --out eventbus-docs']);
    expect(docs.artifacts?.paths).toEqual(['eventbus-docs/']);
  });

  it('synthesizes in merge requests and on the default branch, and triggers the pipeline it wrote', () => {
    const synth = jobs(DEFAULT_SYNTH_JOB);
    expect(synth.rules).toEqual([
      { if: MERGE_REQUEST, variables: { EVENTBUS_CHANGED_SINCE: '$CI_MERGE_REQUEST_DIFF_BASE_SHA' } },
      { if: DEFAULT_BRANCH, variables: { EVENTBUS_CHANGED_SINCE: '$CI_COMMIT_BEFORE_SHA' } },
    ]);
    expect(synth.artifacts?.paths).toEqual(['$EVENTBUS_OUT/', 'eventbus-plans.yml']);
    const trigger = jobs('eventbus:plans');
    expect(trigger.trigger).toEqual({
      include: [{ artifact: 'eventbus-plans.yml', job: DEFAULT_SYNTH_JOB }],
      strategy: 'depend',
    });
    expect(trigger.needs).toEqual([DEFAULT_SYNTH_JOB]);
    expect(trigger.variables).toEqual({ PARENT_PIPELINE_ID: '$CI_PIPELINE_ID' });
    expect(trigger.rules).toEqual([{ if: MERGE_REQUEST }, { if: DEFAULT_BRANCH }]);
  });

  it('plans what changed since the base, and everything when there is no previous commit', async () => {
    const [script] = jobs(DEFAULT_SYNTH_JOB).script as [string];
    const run = async (changedSince: string): Promise<string[]> => {
      const result = await runProcess('bash', ['-e', '-o', 'pipefail', '-c', script], {
        env: {
          PATH: process.env['PATH'],
          EVENTBUS: 'echo eventbus',
          EVENTBUS_OUT: 'cdktf.out',
          EVENTBUS_CHANGED_SINCE: changedSince,
          EVENTBUS_TERRAFORM_IMAGE: 'tf:1',
          EVENTBUS_BINARY: 'terraform',
          EVENTBUS_NODE_IMAGE: 'node:22',
        },
      });
      expect(result.status).toBe(0);
      return result.stdout.trim().split('\n');
    };
    const base = 'a'.repeat(40);
    expect(await run(base)).toEqual([
      `eventbus synth --out cdktf.out --changed-since ${base}`,
      `eventbus pipeline --out cdktf.out --changed-since ${base} --file eventbus-plans.yml --image tf:1 --binary terraform --node-image node:22 --eventbus echo eventbus`,
    ]);
    for (const none of ['0'.repeat(40), '']) {
      expect(await run(none)).toEqual([
        'eventbus synth --out cdktf.out',
        'eventbus pipeline --out cdktf.out --file eventbus-plans.yml --image tf:1 --binary terraform --node-image node:22 --eventbus echo eventbus',
      ]);
    }
  });

  it('writes all three validation reports and fails when any run of validate fails', async () => {
    const script = jobs('eventbus:validate').script.join('\n');
    const run = async (failing: string): Promise<{ status: number | null; files: string[] }> => {
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-ci-'));
      const fake = path.join(directory, 'fake-eventbus');
      fs.writeFileSync(fake, `#!/bin/sh\necho "$*"\ncase "$*" in *"${failing}"*) exit 1;; esac\n`, {
        mode: 0o755,
      });
      const result = await runProcess('bash', ['-e', '-o', 'pipefail', '-c', script], {
        cwd: directory,
        env: {
          PATH: process.env['PATH'],
          EVENTBUS: `${fake} eventbus`,
          CI_MERGE_REQUEST_DIFF_BASE_SHA: 'base',
        },
      });
      return {
        status: result.status,
        files: fs
          .readdirSync(directory)
          .filter((file) => file !== 'fake-eventbus')
          .sort(),
      };
    };
    const reports = ['eventbus-junit.xml', 'gl-code-quality-report.json'];
    expect(await run('--format gitlab')).toEqual({ status: 1, files: reports });
    expect(await run('nothing fails')).toEqual({ status: 0, files: reports });
  });
});
