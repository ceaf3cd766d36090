import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBaseStacks, startReadingBaseStacks, type BaseStacks } from '../../lib/cli/base-stacks';
import { stackDigests, stacksOfEnvironment } from '../../lib/model';
import { validateRequests } from '../../lib/pipeline';
import { loadRequests, type FileReadings } from '../../lib/request';
import { repositoryWith } from '../support/git-repository';

const REPO = path.resolve(__dirname, '../..');
const BUILT = path.join(REPO, 'dist/lib/cli/base-stacks.js');

const FILES = {
  'eventbus.config.yaml':
    'environments:\n  dev: { account: "111111111111", region: eu-west-1 }\n  prod: { account: "999999999999", region: eu-west-1 }\n',
  'requests/orders.yaml': 'team: orders\nowner: o@example.com\ntopics:\n  events: {}\n',
  'requests/shipping.yaml':
    'team: shipping\nowner: s@example.com\nqueues:\n  work:\n    subscriptions:\n      - topic: orders/events\n',
};

describe('the stacks at a base ref', () => {
  it('are digested alike on a thread of their own and in this one, as the working tree digests them', async () => {
    if (!fs.existsSync(BUILT)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    const root = await repositoryWith(FILES);
    // The working tree changes after the commit: the base must be read from git, not from disk.
    fs.writeFileSync(
      path.join(root, 'requests/shipping.yaml'),
      FILES['requests/shipping.yaml'] + '  audit: {}\n',
    );
    const request = {
      ref: 'HEAD',
      requestsDir: 'requests',
      configFile: 'eventbus.config.yaml',
      cwd: root,
      environment: 'dev',
    };
    const inThisThread = readBaseStacks(request);
    // Built code starts a worker thread; the sources here read in-thread.
    const built = (await import(BUILT)) as { startReadingBaseStacks: typeof startReadingBaseStacks };
    const onAThread = await built.startReadingBaseStacks(request).result();
    expect(onAThread).toEqual(inThisThread);
    // The working tree's readings are shared: its unchanged files are reused, the changed one is not.
    const readings: FileReadings = new Map();
    loadRequests({ requestsDir: 'requests', configFile: 'eventbus.config.yaml', cwd: root, readings });
    const reader = built.startReadingBaseStacks(request);
    reader.share(readings);
    expect(await reader.result()).toEqual(inThisThread);
    expect(readBaseStacks(request, readings)).toEqual(inThisThread);

    const committed = await repositoryWith(FILES);
    const { model, plans } = validateRequests({
      requestsDir: 'requests',
      configFile: 'eventbus.config.yaml',
      cwd: committed,
    });
    if (!model || !plans) throw new Error('the committed requests must validate');
    const expected: BaseStacks = {
      kind: 'valid',
      digests: stackDigests(stacksOfEnvironment(plans, 'dev'), model.platform.stateBackend),
    };
    expect(inThisThread).toEqual(expected);
    expect([...(expected.kind === 'valid' ? expected.digests.keys() : [])]).toEqual([
      'dev.orders.topics',
      'dev.shipping.queues',
    ]);
  });

  it('are compared, not judged: plans that break an AWS quota or name limit are digested', async () => {
    // The queue's AWS name, dev-shipping-<name>-sns-dlq, is past SQS's 80 characters.
    const longName = 'w'.repeat(64);
    const files = {
      ...FILES,
      'requests/shipping.yaml': FILES['requests/shipping.yaml'].replace('work:', `${longName}:`),
    };
    const root = await repositoryWith(files);
    const request = { requestsDir: 'requests', configFile: 'eventbus.config.yaml', cwd: root };
    const validated = validateRequests(request);
    expect(validated.diagnostics.map((diagnostic) => diagnostic.code)).toContain('name-too-long');
    const { model, plans } = validateRequests(request, { planRules: false });
    if (!model || !plans) throw new Error('the model rules must pass');
    expect(readBaseStacks({ ...request, ref: 'HEAD' })).toEqual({
      kind: 'valid',
      digests: stackDigests(plans, model.platform.stateBackend),
    });
  });

  it('say why there is nothing to compare with', async () => {
    const root = await repositoryWith({ ...FILES, 'requests/orders.yaml': 'team: orders\nowner: [\n' });
    const request = { requestsDir: 'requests', configFile: 'eventbus.config.yaml', cwd: root };
    expect(readBaseStacks({ ...request, ref: 'HEAD' })).toEqual({ kind: 'invalid' });
    const unknown = readBaseStacks({ ...request, ref: 'no-such-ref' });
    expect(unknown).toMatchObject({ kind: 'unreadable', message: expect.stringContaining('no-such-ref') });
  });
});
