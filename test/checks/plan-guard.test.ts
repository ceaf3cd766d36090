import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckInputError, guardPlans } from '../../lib/checks';
import { runCli } from '../cli/run-cli';

/** The shape `terraform show -json PLANFILE` writes, with the fields the guard reads. */
function plan(changes: readonly [type: string, name: string, actions: readonly string[]][]): string {
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: {} },
    resource_changes: changes.map(([type, name, actions]) => ({
      address: `${type}.${name}`,
      mode: 'managed',
      type,
      name,
      change: { actions },
    })),
  });
}

function planFiles(files: Record<string, string>): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-guard-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(directory, name)), { recursive: true });
    fs.writeFileSync(path.join(directory, name), text);
  }
  return directory;
}

describe('guardPlans', () => {
  it('refuses deletes and replacements (either order) of queues, topics and keys', () => {
    const directory = planFiles({
      'a.json': plan([
        ['aws_sqs_queue', 'queue_a', ['delete']],
        ['aws_sns_topic', 'topic_t', ['delete', 'create']],
        ['aws_kms_key', 'queue_a_key', ['create', 'delete']],
      ]),
    });
    const [guarded] = guardPlans([path.join(directory, 'a.json')]);
    expect(guarded?.destructive.map(({ address, action }) => `${address} ${action}`)).toEqual([
      'aws_sqs_queue.queue_a delete',
      'aws_sns_topic.topic_t replace',
      'aws_kms_key.queue_a_key replace',
    ]);
  });

  it('passes forgets, creates, updates and deletes of resources that hold nothing', () => {
    const directory = planFiles({
      'a.json': plan([
        ['aws_sqs_queue', 'queue_old', ['forget']],
        ['aws_sqs_queue', 'queue_new', ['create']],
        ['aws_sqs_queue', 'queue_b', ['update']],
        ['aws_sqs_queue', 'queue_c', ['no-op']],
        ['aws_sns_topic_subscription', 'subscription_x', ['delete']],
        ['aws_sqs_queue_policy', 'queue_b_policy', ['delete', 'create']],
      ]),
    });
    const [guarded] = guardPlans([directory]);
    expect(guarded?.destructive).toEqual([]);
    expect(guarded?.counts).toEqual({ create: 2, update: 1, delete: 2 });
  });

  it('reads every plan below a named directory, in path order', () => {
    const directory = planFiles({
      'b/plan.json': plan([['aws_sqs_queue', 'queue_b', ['delete']]]),
      'a/plan.json': plan([]),
      'a/notes.txt': 'not a plan',
    });
    expect(guardPlans([directory]).map((guarded) => path.relative(directory, guarded.file))).toEqual([
      path.join('a', 'plan.json'),
      path.join('b', 'plan.json'),
    ]);
  });

  it.each([
    ['not JSON', '{', /as JSON/],
    ['JSON that is no plan', '{"resources": []}', /no format_version/],
    ['the state, not a plan', '{"format_version": "1.0", "values": {}}', /not a plan/],
    ['a failed plan', '{"format_version": "1.2", "errored": true, "planned_values": {}}', /incomplete/],
    [
      'a change without actions',
      '{"format_version": "1.2", "resource_changes": [{"address": "a.b", "type": "a", "change": {}}]}',
      /without address, type or actions/,
    ],
  ])('refuses %s as unreadable', (_, text, message) => {
    const directory = planFiles({ 'plan.json': text });
    expect(() => guardPlans([path.join(directory, 'plan.json')])).toThrow(CheckInputError);
    expect(() => guardPlans([path.join(directory, 'plan.json')])).toThrow(message);
  });

  it('refuses no paths, a missing path and a directory without plans', () => {
    expect(() => guardPlans([])).toThrow(CheckInputError);
    expect(() => guardPlans([path.join(os.tmpdir(), 'eventbus-no-such-plan.json')])).toThrow(/ENOENT/);
    expect(() => guardPlans([planFiles({ 'x.txt': '' })])).toThrow(/no plan JSON/);
  });
});

describe('eventbus guard', () => {
  it('exits 1 listing each refused change, 0 for a safe plan, 2 for an unreadable one', async () => {
    const directory = planFiles({
      'unsafe.json': plan([['aws_sqs_queue', 'queue_a', ['delete']]]),
      'safe.json': plan([['aws_sqs_queue', 'queue_a', ['forget']]]),
      'broken.json': '[]',
    });
    const unsafe = await runCli(['guard', 'unsafe.json', 'safe.json'], directory);
    expect(unsafe.status).toBe(1);
    expect(unsafe.stdout).toBe(
      'unsafe.json aws_sqs_queue.queue_a would be destroyed\nrefused: 1 protected resource would be lost; retire them in the requests ("retired: true") so that Terraform forgets them instead\n',
    );
    const safe = await runCli(['guard', 'safe.json'], directory);
    expect(safe).toMatchObject({
      status: 0,
      stdout: '1 plan checked: no queue, topic or key is destroyed or replaced\n',
    });
    const broken = await runCli(['guard', 'broken.json'], directory);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(
      /^eventbus guard: broken\.json is not the output of "terraform show -json PLANFILE"/,
    );
  });

  it("writes GitLab's Terraform report with the plans' counts", async () => {
    const directory = planFiles({
      'plan.json': plan([
        ['aws_sqs_queue', 'queue_a', ['create']],
        ['aws_sqs_queue_policy', 'queue_a_policy', ['update']],
        ['aws_sns_topic_subscription', 's', ['delete', 'create']],
      ]),
    });
    const result = await runCli(
      ['guard', 'plan.json', '--terraform-report', 'report.json', '--format', 'json'],
      directory,
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(directory, 'report.json'), 'utf8'))).toEqual({
      create: 2,
      update: 1,
      delete: 1,
    });
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, destructive: [] });
  });
});
