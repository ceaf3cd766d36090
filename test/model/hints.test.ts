import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, DiagnosticCode } from '../../lib/diagnostics';
import { FILTER_POLICY_CODES } from '../../lib/filter-policy';
import { COMPARISON_CODES, RULES } from '../../lib/model';
import { LOAD_CODES, SCHEMA_CODES } from '../../lib/request/codes';
import { ORDERS, PLATFORM_CONFIG, workspace } from '../support/workspace';

/**
 * Every hint names a change that makes its diagnostic go away without creating another. Each case
 * is a request set that triggers a code, the hint it must give (its groups are the values the
 * hint names), and the edit that does what the hint says with those values; the edited set is
 * validated again and must be clean, but for diagnostics the case names and explains.
 */

type FileContent = string | Uint8Array;

interface Project {
  /** Request files by path under requests/. */
  readonly requests: Readonly<Record<string, FileContent>>;
  readonly config: string;
}

interface HintCase {
  readonly code: DiagnosticCode;
  readonly title: string;
  readonly before: Project;
  /** The file the diagnostic is in, when the code is reported in several. */
  readonly in?: string;
  /** What the hint says; its groups are the values the edit takes from it. */
  readonly hint: RegExp;
  /** Does what the hint says, with the values it names. */
  readonly follow: (before: Project, named: readonly string[]) => Project;
  /** Diagnostics the edit leaves, each with the reason it is expected. */
  readonly leaves?: readonly { readonly code: DiagnosticCode; readonly why: string }[];
}

function project(requests: Record<string, FileContent>, config: string = PLATFORM_CONFIG): Project {
  return { requests, config };
}

/** Validates the project from files in a temporary directory, as the CLI would. */
function diagnosticsOf({ requests, config }: Project): readonly Diagnostic[] {
  const texts = Object.fromEntries(
    Object.entries(requests).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const ws = workspace(texts, config);
  try {
    for (const [file, content] of Object.entries(requests)) {
      if (typeof content !== 'string') fs.writeFileSync(path.join(ws.requestsDir, file), content);
    }
    return ws.validate().diagnostics;
  } finally {
    fs.rmSync(ws.root, { recursive: true, force: true });
  }
}

/** Replaces `from` by `to` in a request file, or in the config for 'config'; `from` must be there. */
function edit(before: Project, file: string, from: string, to: string): Project {
  const text = file === 'config' ? before.config : before.requests[file];
  if (typeof text !== 'string' || !text.includes(from)) {
    throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  }
  const changed = text.replace(from, to);
  return file === 'config'
    ? { ...before, config: changed }
    : { ...before, requests: { ...before.requests, [file]: changed } };
}

/** Writes the given files over the project's; `undefined` removes a file. */
function withFiles(before: Project, files: Record<string, FileContent | undefined>): Project {
  const merged = Object.entries({ ...before.requests, ...files }).filter(
    (entry): entry is [string, FileContent] => entry[1] !== undefined,
  );
  return { ...before, requests: Object.fromEntries(merged) };
}

function rename(before: Project, from: string, to: string): Project {
  return withFiles(before, { [from]: undefined, [to]: before.requests[from] });
}

/** A queue of team shipping subscribed to orders/order-events; `lines` go under the subscription. */
function subscriber(lines = '', queueLines = ''): string {
  return `team: shipping\nowner: s@example.com\nqueues:\n  shipments:\n${queueLines}    subscriptions:\n      - topic: orders/order-events\n${lines}`;
}

/** ORDERS plus a shipping subscription with this filter. */
function filtered(filter: string, lines = ''): Project {
  return project({
    'orders.yaml': ORDERS,
    'shipping.yaml': subscriber(`        filter: ${filter}\n${lines}`),
  });
}

function refilter(before: Project, from: string, to: string): Project {
  return edit(before, 'shipping.yaml', `filter: ${from}`, `filter: ${to}`);
}

/** team orders with these queues (YAML lines under "queues:"). */
function ordersQueues(queues: string): string {
  return `team: orders\nowner: o@example.com\nqueues:\n${queues}`;
}

const ROLE = 'arn:aws:iam::111111111111:role/reader';

const RULE_CASES: readonly HintCase[] = [
  {
    code: 'team-declaration-mismatch',
    title: 'two files of a team name different owners',
    before: project({
      'orders/a.yaml': 'team: orders\nowner: a@example.com\nqueues:\n  one: {}\n',
      'orders/b.yaml': 'team: orders\nowner: b@example.com\nqueues:\n  two: {}\n',
    }),
    hint: /^write owner "([^"]+)" here/,
    follow: (before, [owner = '']) =>
      edit(before, 'orders/b.yaml', 'owner: b@example.com', `owner: ${owner}`),
  },
  {
    code: 'team-declaration-mismatch',
    title: 'two files of a team list different environments',
    before: project({
      'orders/a.yaml': 'team: orders\nowner: o@example.com\nenvironments: [dev]\nqueues:\n  one: {}\n',
      'orders/b.yaml': 'team: orders\nowner: o@example.com\nenvironments: [dev, prod]\nqueues:\n  two: {}\n',
    }),
    hint: /^write "(environments: \[[^\]]*\])" here/,
    follow: (before, [line = '']) => edit(before, 'orders/b.yaml', 'environments: [dev, prod]', line),
  },
  {
    code: 'duplicate-resource',
    title: 'one queue name in two files of a team',
    before: project({
      'orders/a.yaml': ordersQueues('  work: {}\n'),
      'orders/b.yaml': ordersQueues('  work: {}\n  other: {}\n'),
    }),
    hint: /remove the duplicate queue/,
    follow: (before) => edit(before, 'orders/b.yaml', '  work: {}\n', ''),
  },
  {
    code: 'name-collision',
    title: 'team "ab-cd" queue "x" and team "ab" queue "cd-x"',
    before: project({
      'ab-cd.yaml': 'team: ab-cd\nowner: o@example.com\nqueues:\n  x: {}\n',
      'ab.yaml': 'team: ab\nowner: o@example.com\nqueues:\n  cd-x: {}\n',
    }),
    hint: /^rename one of them$/,
    follow: (before) => edit(before, 'ab.yaml', 'cd-x:', 'cdx:'),
  },
  {
    code: 'name-collision',
    title: 'a naming pattern without {env} in two environments of one account',
    before: project(
      { 'orders.yaml': ordersQueues('  work: {}\n') },
      'environments:\n  dev: { account: "111111111111", region: eu-west-1 }\n  prod: { account: "111111111111", region: eu-west-1 }\nnaming:\n  pattern: "{team}-{name}"\n',
    ),
    hint: /include \{env\} in the platform config's naming\.pattern/,
    follow: (before) => edit(before, 'config', '"{team}-{name}"', '"{env}-{team}-{name}"'),
  },
  {
    code: 'identifier-collision',
    title: 'queues "index-1" and "index1" of one team',
    before: project({ 'orders.yaml': ordersQueues('  index-1: {}\n  index1: {}\n') }),
    hint: /^rename one of them/,
    follow: (before) => edit(before, 'orders.yaml', 'index1:', 'second:'),
  },
  {
    code: 'identifier-collision',
    title: 'environment "a-b" with team "cd" and environment "a" with team "b-cd"',
    before: project(
      {
        'cd.yaml': 'team: cd\nowner: o@example.com\nqueues:\n  x: {}\n',
        'b-cd.yaml': 'team: b-cd\nowner: o@example.com\nqueues:\n  y: {}\n',
      },
      'environments:\n  a-b: { account: "111111111111", region: eu-west-1 }\n  a: { account: "999999999999", region: eu-west-1 }\n',
    ),
    hint: /^rename team "([^"]+)": its files move to the new name's place/,
    follow: (before, [team = '']) =>
      edit(
        rename(before, `${team}.yaml`, `${team}x.yaml`),
        `${team}x.yaml`,
        `team: ${team}`,
        `team: ${team}x`,
      ),
  },
  {
    code: 'unknown-environment',
    title: 'a misspelt team environment',
    before: project({ 'orders.yaml': 'team: orders\nowner: o@example.com\nenvironments: [prd]\n' }),
    hint: /^did you mean "([^"]+)"\?$/,
    follow: (before, [name = '']) => edit(before, 'orders.yaml', 'prd]', `${name}]`),
  },
  {
    code: 'unknown-environment',
    title: 'a team environment the platform does not know',
    before: project({ 'orders.yaml': 'team: orders\nowner: o@example.com\nenvironments: [qa]\n' }),
    hint: /^use one of the platform config's environments \(([a-z-]+)/,
    follow: (before, [name = '']) => edit(before, 'orders.yaml', '[qa]', `[${name}]`),
  },
  {
    code: 'unknown-environment',
    title: "a queue's only environment is not one of its team's",
    before: project({
      'orders.yaml':
        'team: orders\nowner: o@example.com\nenvironments: [dev]\nqueues:\n  work:\n    environments: [prod]\n',
    }),
    hint: /or remove "environments" here to use the team's/,
    follow: (before) => edit(before, 'orders.yaml', '\n    environments: [prod]', ' {}'),
  },
  {
    code: 'local-endpoint',
    title: 'an endpoint for an account that could be real',
    before: project(
      { 'orders.yaml': ordersQueues('  work: {}\n') },
      'environments:\n  dev: { account: "111111111111", region: eu-west-1, endpoint: "http://localhost:4566" }\n',
    ),
    hint: /or add "local: true"/,
    follow: (before) => edit(before, 'config', ' }\n', ', local: true }\n'),
  },
  {
    code: 'unknown-team',
    title: 'a subscription to a misspelt team',
    before: project({
      'orders.yaml': ORDERS,
      'shipping.yaml': subscriber().replace('orders/order-events', 'ordrs/order-events'),
    }),
    hint: /^did you mean "([^"]+)"\?$/,
    follow: (before, [topic = '']) => edit(before, 'shipping.yaml', 'ordrs/order-events', topic),
  },
  {
    code: 'unknown-team',
    title: "a topic's subscribers name a misspelt team",
    before: project({
      'orders.yaml': `${ORDERS}  returns:\n    subscribers: [shiping]\n`,
      'shipping.yaml': subscriber(),
    }),
    hint: /^did you mean "([^"]+)"\?$/,
    follow: (before, [team = '']) => edit(before, 'orders.yaml', '[shiping]', `[${team}]`),
  },
  {
    code: 'unknown-topic',
    title: 'a misspelt topic',
    before: project({
      'orders.yaml': ORDERS,
      'shipping.yaml': subscriber().replace('orders/order-events', 'orders/order-event'),
    }),
    hint: /^did you mean "([^"]+)"\?$/,
    follow: (before, [topic = '']) => edit(before, 'shipping.yaml', 'orders/order-event\n', `${topic}\n`),
  },
  {
    code: 'unknown-topic',
    title: 'a topic the team does not have, nothing like it',
    before: project({
      'orders.yaml': ORDERS,
      'shipping.yaml': subscriber().replace('orders/order-events', 'orders/payments'),
    }),
    hint: /^use one of team "orders"'s topics \("([^"]+)"/,
    follow: (before, [topic = '']) => edit(before, 'shipping.yaml', 'orders/payments', topic),
  },
  {
    code: 'topic-not-in-environment',
    title: 'a topic in dev only, a queue in dev and prod',
    before: project({
      'orders.yaml': ORDERS.replace(
        '    events: [OrderCreated',
        '    environments: [dev]\n    events: [OrderCreated',
      ),
      'shipping.yaml': subscriber(),
    }),
    hint: /^limit the queue with "(environments: \[[^\]]*\])"/,
    follow: (before, [line = '']) =>
      edit(before, 'shipping.yaml', '  shipments:\n', `  shipments:\n    ${line}\n`),
  },
  {
    code: 'topic-not-in-environment',
    title: 'a topic in dev only, a queue in prod only',
    before: project({
      'orders.yaml': ORDERS.replace(
        '    events: [OrderCreated',
        '    environments: [dev]\n    events: [OrderCreated',
      ),
      'shipping.yaml': subscriber('', '    environments: [prod]\n'),
    }),
    hint: /^ask team "orders" to add (\S+) to the topic's environments: the queue and the topic share no environment$/,
    follow: (before, [environment = '']) =>
      edit(before, 'orders.yaml', 'environments: [dev]', `environments: [dev, ${environment}]`),
  },
  {
    code: 'subscription-not-allowed',
    title: 'a topic that lists other subscribers',
    before: project({
      'orders.yaml': `${ORDERS}  returns:\n    subscribers: [orders]\n`,
      'shipping.yaml': subscriber().replace('orders/order-events', 'orders/returns'),
    }),
    hint: /^ask team "orders" \(orders@example\.com\) to add "([^"]+)" to the topic's subscribers in requests\/orders\.yaml$/,
    follow: (before, [team = '']) => edit(before, 'orders.yaml', '[orders]', `[orders, ${team}]`),
  },
  {
    code: 'subscription-not-allowed',
    title: 'a queue with an outside consumer on a topic without externalSubscribers',
    before: project({
      'orders.yaml': `${ORDERS}  returns: {}\n`,
      'shipping.yaml': subscriber('', '    consumers: [arn:aws:iam::222222222222:role/reader]\n').replace(
        'orders/order-events',
        'orders/returns',
      ),
    }),
    hint: /to set "(externalSubscribers: true)" on the topic in requests\/orders\.yaml$/,
    follow: (before, [line = '']) =>
      edit(before, 'orders.yaml', '  returns: {}\n', `  returns:\n    ${line}\n`),
  },
  {
    code: 'duplicate-subscription',
    title: 'two subscriptions with different events',
    before: project({
      'orders.yaml': ORDERS,
      'shipping.yaml': `${subscriber('        events: [OrderCreated]\n')}      - topic: orders/order-events\n        events: [OrderShipped]\n`,
    }),
    hint: /^remove this subscription and list its events in the earlier one: (events: \[[^\]]*\])$/,
    follow: (before, [events = '']) =>
      edit(
        before,
        'shipping.yaml',
        '        events: [OrderCreated]\n      - topic: orders/order-events\n        events: [OrderShipped]\n',
        `        ${events}\n`,
      ),
  },
  {
    code: 'duplicate-subscription',
    title: 'two subscriptions with different filters',
    before: project({
      'orders.yaml': ORDERS,
      'shipping.yaml': `${subscriber('        filter: {region: [eu]}\n')}      - topic: orders/order-events\n        events: [OrderShipped]\n        filter: {tier: [gold]}\n`,
    }),
    hint: /^remove this subscription, and give the earlier one no "events" and the filter (\{.*\})$/,
    follow: (before, [filter = '']) =>
      edit(
        before,
        'shipping.yaml',
        '        filter: {region: [eu]}\n      - topic: orders/order-events\n        events: [OrderShipped]\n        filter: {tier: [gold]}\n',
        `        filter: ${filter}\n`,
      ),
  },
  {
    code: 'fifo-mismatch',
    title: 'a FIFO queue on a standard topic',
    before: project({ 'orders.yaml': ORDERS, 'shipping.yaml': subscriber('', '    fifo: true\n') }),
    hint: /^remove "fifo: true" from the queue/,
    follow: (before) => edit(before, 'shipping.yaml', '    fifo: true\n', ''),
  },
  {
    code: 'content-deduplication-needs-fifo',
    title: 'a standard queue that asks for content-based deduplication',
    before: project({ 'orders.yaml': ordersQueues('  work:\n    contentBasedDeduplication: true\n') }),
    hint: /^set "(fifo: true)"/,
    follow: (before, [line = '']) =>
      edit(
        before,
        'orders.yaml',
        '    contentBasedDeduplication',
        `    ${line}\n    contentBasedDeduplication`,
      ),
  },
  {
    code: 'content-deduplication-needs-fifo',
    title: 'the same queue subscribed to a standard topic, which a FIFO queue could not be',
    before: project({
      'orders.yaml': ORDERS,
      'shipping.yaml': subscriber('', '    contentBasedDeduplication: true\n'),
    }),
    hint: /^remove contentBasedDeduplication \(a FIFO queue could not subscribe to standard topic "orders\/order-events"\)$/,
    follow: (before) => edit(before, 'shipping.yaml', '    contentBasedDeduplication: true\n', ''),
  },
  {
    code: 'event-not-carried',
    title: 'a misspelt event',
    before: project({
      'orders.yaml': ORDERS,
      'shipping.yaml': subscriber('        events: [OrderShiped]\n'),
    }),
    hint: /^did you mean "([^"]+)"\?$/,
    follow: (before, [event = '']) => edit(before, 'shipping.yaml', 'OrderShiped', event),
  },
  {
    code: 'event-not-carried',
    title: 'a misspelling of an event the list already holds',
    before: project({
      'orders.yaml': ORDERS,
      'shipping.yaml': subscriber('        events: [OrderShipped, OrderShiped]\n'),
    }),
    hint: /^remove "([^"]+)": "OrderShipped" is listed already$/,
    follow: (before, [event = '']) => edit(before, 'shipping.yaml', `, ${event}`, ''),
  },
  {
    code: 'event-not-carried',
    title: 'the only event, not carried and like none the topic carries',
    before: project({ 'orders.yaml': ORDERS, 'shipping.yaml': subscriber('        events: [Refunded]\n') }),
    hint: /^name one of the topic's events instead \(([^,)]+)/,
    follow: (before, [event = '']) => edit(before, 'shipping.yaml', 'Refunded', event),
  },
  {
    code: 'events-filter-conflict',
    title: '"events" and a filter on the event-type attribute',
    before: filtered('{event_type: [OrderShipped]}', '        events: [OrderCreated]\n'),
    hint: /^remove "([^"]+)" from "filter" and keep the event types in "events"/,
    follow: (before, [key = '']) => refilter(before, `{${key}: [OrderShipped]}`, '{}'),
  },
  {
    code: 'events-filter-conflict',
    title: '"events" on a MessageBody subscription without eventTypeBodyField',
    before: project({
      'orders.yaml': ORDERS,
      'shipping.yaml': subscriber('        events: [OrderCreated]\n        filterScope: MessageBody\n'),
    }),
    hint: /^remove "events" and filter the body's own event-type field in "filter" instead/,
    follow: (before) =>
      edit(
        before,
        'shipping.yaml',
        '        events: [OrderCreated]\n',
        '        filter: {type: [OrderCreated]}\n',
      ),
  },
  {
    code: 'invalid-principal',
    title: 'an account root as consumer',
    before: project({
      'orders.yaml': ordersQueues('  work:\n    consumers: [arn:aws:iam::111111111111:root]\n'),
    }),
    hint: /name the role that needs access$/,
    follow: (before) => edit(before, 'orders.yaml', 'arn:aws:iam::111111111111:root', ROLE),
  },
  {
    code: 'invalid-principal',
    title: 'a session ARN as consumer',
    before: project({
      'orders.yaml': ordersQueues(
        '  work:\n    consumers: [arn:aws:sts::111111111111:assumed-role/reader/session-1]\n',
      ),
    }),
    hint: /not a session's: (\S+)/,
    follow: (before, [arn = '']) =>
      edit(before, 'orders.yaml', 'arn:aws:sts::111111111111:assumed-role/reader/session-1', arn),
  },
  {
    code: 'principal-account-not-allowed',
    title: 'a consumer of an account the platform does not allow',
    before: project({
      'orders.yaml': ordersQueues('  work:\n    consumers: [arn:aws:iam::333333333333:role/reader]\n'),
    }),
    hint: /ask the infrastructure team to add (\d{12}) to allowedPrincipalAccounts in the platform config$/,
    follow: (before, [account = '']) =>
      edit(before, 'config', '["222222222222"]', `["222222222222", "${account}"]`),
  },
  {
    code: 'principal-outside-environments',
    title: "a prod account's consumer on a queue in dev only",
    before: project({
      'orders.yaml': ordersQueues(
        '  work:\n    environments: [dev]\n    consumers: [arn:aws:iam::999999999999:role/reader]\n',
      ),
    }),
    hint: /^name a role of dev's account (\d{12}) instead, or remove it$/,
    follow: (before, [account = '']) => edit(before, 'orders.yaml', '999999999999', account),
  },
  {
    code: 'principal-partition',
    title: 'a China-partition consumer on a queue in eu-west-1',
    before: project({
      'orders.yaml': ordersQueues('  work:\n    consumers: [arn:aws-cn:iam::111111111111:role/reader]\n'),
    }),
    hint: /\(arn:([a-z-]+):iam::\.\.\.\)$/,
    follow: (before, [partition = '']) => edit(before, 'orders.yaml', 'arn:aws-cn:', `arn:${partition}:`),
  },
  {
    code: 'policy-too-large',
    title: 'a queue naming 60 consumers',
    before: project({
      'orders.yaml': ordersQueues(
        `  work:\n    consumers: [${Array.from({ length: 60 }, (_, index) => `arn:aws:iam::111111111111:role/reader-${index}`).join(', ')}]\n`,
      ),
    }),
    hint: /^give consumers one shared role instead of many/,
    follow: (before) =>
      edit(
        before,
        'orders.yaml',
        /consumers: \[.*\]/.exec(String(before.requests['orders.yaml']))?.[0] ?? '',
        `consumers: [${ROLE}]`,
      ),
  },
  {
    code: 'encryption-breaks-delivery',
    title: 'a subscribed queue on alias/aws/sqs',
    before: project({
      'orders.yaml': ORDERS,
      'shipping.yaml': subscriber('', '    encryption: aws-managed\n'),
    }),
    hint: /^use "(encryption: kms)"/,
    follow: (before, [line = '']) => edit(before, 'shipping.yaml', 'encryption: aws-managed', line),
  },
  {
    code: 'encryption-breaks-delivery',
    title: 'a topic on alias/aws/sns with a publisher of another account',
    before: project({
      'orders.yaml':
        'team: orders\nowner: o@example.com\ntopics:\n  events:\n    encryption: aws-managed\n    publishers: [arn:aws:iam::222222222222:role/writer]\n',
    }),
    hint: /^use "(encryption: kms)"/,
    follow: (before, [line = '']) => edit(before, 'orders.yaml', 'encryption: aws-managed', line),
  },
  {
    code: 'name-too-long',
    title: "a 60-character queue name, whose longest AWS name (prod's SNS dead-letter queue) is 2 over",
    before: project({
      'orders.yaml': ORDERS,
      'shipping.yaml': subscriber().replace('shipments', 'q'.repeat(60)),
    }),
    hint: /^shorten the name by at least (\d+) characters/,
    follow: (before, [count = '']) =>
      edit(before, 'shipping.yaml', 'q'.repeat(60), 'q'.repeat(60 - Number(count))),
  },
  {
    code: 'name-too-long',
    title: 'a naming pattern with a placeholder the bus does not know',
    before: project(
      { 'orders.yaml': ordersQueues('  work: {}\n') },
      `${PLATFORM_CONFIG}naming:\n  pattern: "{env}-{team}-{name}-{zone}"\n`,
    ),
    hint: /^keep only letters, digits, "-" and "_" besides \{env\}, \{team\} and \{name\}/,
    follow: (before) => edit(before, 'config', '-{zone}', ''),
  },
  {
    code: 'out-of-range',
    title: 'a visibility timeout above 12 hours',
    before: project({ 'orders.yaml': ordersQueues('  work:\n    visibilityTimeout: 13h\n') }),
    hint: /^use a value from .+? to (\S+)/,
    follow: (before, [highest = '']) => edit(before, 'orders.yaml', '13h', highest),
  },
  {
    code: 'out-of-range',
    title: "a dead-letter retention above 14 days, whose lowest suggestion still covers the queue's",
    before: project({
      'orders.yaml': ordersQueues('  work:\n    retention: 7d\n    deadLetter:\n      retention: 20d\n'),
    }),
    hint: /^use a value from (\S+) .*at least as long as the queue's 7d\)$/,
    follow: (before, [lowest = '']) => edit(before, 'orders.yaml', 'retention: 20d', `retention: ${lowest}`),
  },
  {
    code: 'dead-letter-retention-too-short',
    title: 'retention: 20d, above what any dead-letter queue can keep',
    before: project({ 'orders.yaml': ordersQueues('  work:\n    retention: 20d\n') }),
    hint: /^lower retention to (\S+) or less/,
    follow: (before, [retention = '']) =>
      edit(before, 'orders.yaml', 'retention: 20d', `retention: ${retention}`),
  },
  {
    code: 'dead-letter-retention-too-short',
    title: 'a 3-day dead-letter queue under a 7-day queue',
    before: project({
      'orders.yaml': ordersQueues('  work:\n    retention: 7d\n    deadLetter:\n      retention: 3d\n'),
    }),
    hint: /^set deadLetter\.retention to (\S+) or more/,
    follow: (before, [retention = '']) =>
      edit(before, 'orders.yaml', 'retention: 3d', `retention: ${retention}`),
  },
  {
    code: 'dead-letter-disabled',
    title: 'a queue without a dead-letter queue',
    before: project({ 'orders.yaml': ordersQueues('  work:\n    deadLetter: false\n') }),
    hint: /^remove "deadLetter: false"/,
    follow: (before) => edit(before, 'orders.yaml', '\n    deadLetter: false', ' {}'),
  },
  {
    code: 'resource-retired',
    title: 'a retired topic no queue subscribes to, once the change is applied',
    before: project({ 'orders.yaml': `${ORDERS}  returns:\n    retired: true\n` }),
    hint: /then remove the entry$/,
    follow: (before) => edit(before, 'orders.yaml', '  returns:\n    retired: true\n', ''),
  },
  {
    code: 'resource-retired',
    title: 'a subscription to a retired topic',
    before: project({
      'orders.yaml': `${ORDERS}  returns:\n    retired: true\n  refunds: {}\n`,
      'shipping.yaml': subscriber().replace('orders/order-events', 'orders/returns'),
    }),
    in: 'requests/shipping.yaml',
    hint: /^subscribe to the topic that replaces "orders\/returns"/,
    // The topic's own warning stays: it goes once the topic's entry is removed (previous case).
    follow: (before) => edit(before, 'shipping.yaml', 'orders/returns', 'orders/refunds'),
    leaves: [{ code: 'resource-retired', why: "the retired topic's own entry, cleaned up in its own step" }],
  },
  {
    code: 'team-file-location',
    title: "a file outside its team's place",
    before: project({ 'misc/orders.yaml': ordersQueues('  work: {}\n') }),
    hint: /^move the file to requests\/(\S+),/,
    follow: (before, [place = '']) => rename(before, 'misc/orders.yaml', place),
  },
];

const SIX_KEYS = '{a: ["1"], b: ["2"], c: ["3"], d: ["4"], e: ["5"], f: ["6"]}';

const FILTER_CASES: readonly HintCase[] = [
  {
    code: 'filter-policy-too-many-keys',
    title: 'six keys: a second subscription of the queue would be a duplicate, so a key goes',
    before: filtered(SIX_KEYS),
    hint: /^remove one key and check its condition in the consumer instead/,
    follow: (before) => refilter(before, SIX_KEYS, '{a: ["1"], b: ["2"], c: ["3"], d: ["4"], e: ["5"]}'),
  },
  {
    code: 'filter-policy-too-complex',
    title: '10 x 16 values',
    before: filtered(
      `{a: [${Array.from({ length: 10 }, (_, index) => `a${index}`).join(', ')}], b: [${Array.from({ length: 16 }, (_, index) => `b${index}`).join(', ')}]}`,
    ),
    hint: /^match fewer values per key/,
    follow: (before) => edit(before, 'shipping.yaml', ', b15]', ']'),
  },
  {
    code: 'filter-policy-value-not-array',
    title: 'a single value',
    before: filtered('{region: eu}'),
    hint: /^wrap the value in an array: (.+)$/,
    follow: (before, [entry = '']) => refilter(before, '{region: eu}', `{${entry}}`),
  },
  {
    code: 'filter-policy-value-not-array',
    title: 'an operator without its array, in a MessageBody filter',
    before: filtered('{region: {prefix: eu}}', '        filterScope: MessageBody\n'),
    hint: /^an operator must sit inside the key's array: write (.+)$/,
    follow: (before, [entry = '']) => refilter(before, '{region: {prefix: eu}}', `{${entry}}`),
  },
  {
    code: 'filter-policy-empty-array',
    title: 'a key with no values beside another key',
    before: filtered('{region: [], tier: [gold]}'),
    hint: /or remove the key/,
    follow: (before) => refilter(before, '{region: [], tier: [gold]}', '{tier: [gold]}'),
  },
  {
    code: 'filter-policy-empty-array',
    title: 'an anything-but with nothing to exclude',
    before: filtered('{region: [{anything-but: []}, eu]}'),
    hint: /or remove the entry/,
    follow: (before) => refilter(before, '{region: [{anything-but: []}, eu]}', '{region: [eu]}'),
  },
  {
    code: 'filter-policy-empty-object',
    title: 'an empty filter',
    before: filtered('{}'),
    hint: /or remove the filter policy/,
    follow: (before) => edit(before, 'shipping.yaml', '        filter: {}\n', ''),
  },
  {
    code: 'filter-policy-empty-object',
    title: 'an empty branch of a two-branch $or',
    before: filtered('{$or: [{region: [eu]}, {}]}'),
    hint: /^give the branch at least one key/,
    follow: (before) =>
      refilter(before, '{$or: [{region: [eu]}, {}]}', '{$or: [{region: [eu]}, {tier: [gold]}]}'),
  },
  {
    code: 'filter-policy-nested-in-attributes',
    title: 'a nested attribute filter, moved to the body',
    before: filtered('{detail: {region: [eu]}}'),
    hint: /or set the scope to (MessageBody)/,
    follow: (before, [scope = '']) =>
      edit(before, 'shipping.yaml', '        filter:', `        filterScope: ${scope}\n        filter:`),
  },
  {
    code: 'filter-policy-nested-in-attributes',
    title: 'a nested attribute filter beside "events", which the body scope cannot take here',
    before: filtered('{detail: {region: [eu]}}', '        events: [OrderCreated]\n'),
    hint: /^message attributes do not nest: make each key the name of one attribute, with an array of values \(filtering the message body instead needs "events" removed/,
    follow: (before) => refilter(before, '{detail: {region: [eu]}}', '{region: [eu]}'),
  },
  {
    code: 'filter-policy-or',
    title: 'an $or with one alternative',
    before: filtered('{$or: [{region: [eu]}]}'),
    hint: /^one alternative needs no "\$or": write the keys of its object in place of "\$or"$/,
    follow: (before) => refilter(before, '{$or: [{region: [eu]}]}', '{region: [eu]}'),
  },
  {
    code: 'filter-policy-match-value-type',
    title: 'a list inside the list',
    before: filtered('{region: [[eu, us]]}'),
    hint: /^flatten the list/,
    follow: (before) => refilter(before, '{region: [[eu, us]]}', '{region: [eu, us]}'),
  },
  {
    code: 'filter-policy-multiple-operators',
    title: 'prefix and suffix in one object',
    before: filtered('{region: [{prefix: eu, suffix: "1"}]}'),
    hint: /^put each operator in its own object in the array/,
    follow: (before) =>
      refilter(before, '{region: [{prefix: eu, suffix: "1"}]}', '{region: [{prefix: eu}, {suffix: "1"}]}'),
  },
  {
    code: 'filter-policy-unknown-operator',
    title: 'a misspelt operator',
    before: filtered('{region: [{prefx: eu}]}'),
    hint: /^did you mean "([^"]+)"\?$/,
    follow: (before, [operator = '']) =>
      refilter(before, '{region: [{prefx: eu}]}', `{region: [{${operator}: eu}]}`),
  },
  {
    code: 'filter-policy-unsupported-operator',
    title: 'wildcard',
    before: filtered('{region: [{wildcard: "eu-*"}]}'),
    hint: /^use (prefix), suffix or an explicit list of values$/,
    follow: (before, [operator = '']) =>
      refilter(before, '{region: [{wildcard: "eu-*"}]}', `{region: [{${operator}: "eu-"}]}`),
  },
  {
    code: 'filter-policy-operand-type',
    title: 'a number for prefix',
    before: filtered('{region: [{prefix: 1}]}'),
    hint: /^write it like (\{.*\})$/,
    follow: (before, [entry = '']) => refilter(before, '{region: [{prefix: 1}]}', `{region: [${entry}]}`),
  },
  {
    code: 'filter-policy-invalid-cidr',
    title: 'an address without mask bits',
    before: filtered('{source_ip: [{cidr: "10.0.0.0"}]}'),
    hint: /e\.g\. "([^"]+)"/,
    follow: (before, [cidr = '']) => edit(before, 'shipping.yaml', '"10.0.0.0"', `"${cidr}"`),
  },
  {
    code: 'filter-policy-numeric',
    title: 'a string after the operator',
    before: filtered('{price: [{numeric: [">=", "5"]}]}'),
    hint: /^write (\[">=", 0\]) for one comparison/,
    follow: (before, [expression = '']) => edit(before, 'shipping.yaml', '[">=", "5"]', expression),
  },
  {
    code: 'filter-policy-numeric-range',
    title: 'a range whose bottom is above its top',
    before: filtered('{price: [{numeric: [">", 10, "<", 5]}]}'),
    hint: /^swap the two numbers: (\[.*\])$/,
    follow: (before, [range = '']) => edit(before, 'shipping.yaml', '[">", 10, "<", 5]', range),
  },
  {
    code: 'filter-policy-numeric-range',
    title: 'a range with equal bounds',
    before: filtered('{price: [{numeric: [">=", 5, "<=", 5]}]}'),
    hint: /^use (\["=", 5\]) to match that one number$/,
    follow: (before, [expression = '']) => edit(before, 'shipping.yaml', '[">=", 5, "<=", 5]', expression),
  },
  {
    code: 'filter-policy-number-out-of-range',
    title: 'two billion',
    before: filtered('{price: [2000000000]}'),
    hint: /^use a number between -1e9 and (1e9)/,
    follow: (before, [highest = '']) =>
      refilter(before, '{price: [2000000000]}', `{price: [${Number(highest)}]}`),
  },
  {
    code: 'filter-policy-number-precision',
    title: 'seven decimal places',
    before: filtered('{price: [0.1234567]}'),
    hint: /^round it to 5 decimal places \(([^)]+)\)/,
    follow: (before, [rounded = '']) => refilter(before, '{price: [0.1234567]}', `{price: [${rounded}]}`),
  },
];

/** 70 topics with 1000-character descriptions: more text than a request file may hold. */
function largeTopics(from: number, to: number): string {
  return Array.from(
    { length: to - from },
    (_, index) => `  topic-${from + index}:\n    description: "${'x'.repeat(1000)}"\n`,
  ).join('');
}

const LOAD_AND_SCHEMA_CASES: readonly HintCase[] = [
  {
    code: 'file-unreadable',
    title: 'a hidden request file',
    before: project({ '.orders.yaml': ordersQueues('  work: {}\n') }),
    hint: /^rename it without the leading "\."/,
    follow: (before) => rename(before, '.orders.yaml', 'orders.yaml'),
  },
  {
    code: 'file-too-large',
    title: 'a request over 64 KiB, split within its team',
    before: project({ 'orders.yaml': `team: orders\nowner: o@example.com\ntopics:\n${largeTopics(0, 70)}` }),
    hint: /^Split the request into several smaller files of the same team in its place \(such as requests\/<team>\/\), each naming the same team, owner and environments/,
    follow: (before) =>
      withFiles(before, {
        'orders.yaml': undefined,
        'orders/part-1.yaml': `team: orders\nowner: o@example.com\ntopics:\n${largeTopics(0, 35)}`,
        'orders/part-2.yaml': `team: orders\nowner: o@example.com\ntopics:\n${largeTopics(35, 70)}`,
      }),
  },
  {
    code: 'file-encoding',
    title: 'a UTF-16 file',
    before: project({
      'orders.yaml': new Uint8Array([0xff, 0xfe, ...Buffer.from(ordersQueues('  work: {}\n'), 'utf16le')]),
    }),
    hint: /^Save the file as UTF-8/,
    follow: (before) => withFiles(before, { 'orders.yaml': ordersQueues('  work: {}\n') }),
  },
  {
    code: 'yaml-syntax',
    title: 'a tab in the indentation',
    before: project({ 'orders.yaml': 'team: orders\nowner: o@example.com\nqueues:\n\twork: {}\n' }),
    hint: /^Indent with spaces only/,
    follow: (before) => edit(before, 'orders.yaml', '\twork', '  work'),
  },
  {
    code: 'yaml-nesting-too-deep',
    title: 'lists nested 40 levels in a filter',
    before: filtered(`{a: ${'['.repeat(40)}x${']'.repeat(40)}}`),
    hint: /^Flatten the structure/,
    follow: (before) => refilter(before, `{a: ${'['.repeat(40)}x${']'.repeat(40)}}`, '{a: [x]}'),
  },
  {
    code: 'yaml-multiple-documents',
    title: 'a second document',
    before: project({ 'orders.yaml': `${ordersQueues('  work: {}\n')}---\nteam: other\n` }),
    hint: /Remove the "---" line and what follows/,
    follow: (before) => edit(before, 'orders.yaml', '---\nteam: other\n', ''),
  },
  {
    code: 'yaml-directive',
    title: 'a %YAML directive',
    before: project({ 'orders.yaml': `%YAML 1.1\n---\n${ordersQueues('  work: {}\n')}` }),
    hint: /^Delete the line that starts with "%" \(and the "---" after it/,
    follow: (before) => edit(before, 'orders.yaml', '%YAML 1.1\n---\n', ''),
  },
  {
    code: 'yaml-tag',
    title: 'a tagged value',
    before: project({ 'orders.yaml': 'team: orders\nowner: !!str o@example.com\n' }),
    hint: /^Remove .* and write the plain value/,
    follow: (before) => edit(before, 'orders.yaml', '!!str ', ''),
  },
  {
    code: 'yaml-alias',
    title: 'an anchor and its alias',
    before: project({ 'orders.yaml': ordersQueues('  a: &base {retention: 1d}\n  b: *base\n') }),
    hint: /write every value out in full|with the value written out in full/,
    follow: (before) =>
      edit(
        before,
        'orders.yaml',
        '&base {retention: 1d}\n  b: *base',
        '{retention: 1d}\n  b: {retention: 1d}',
      ),
  },
  {
    code: 'yaml-duplicate-key',
    title: 'owner twice',
    before: project({ 'orders.yaml': 'team: orders\nowner: o@example.com\nowner: p@example.com\n' }),
    hint: /^Remove one of the entries/,
    follow: (before) => edit(before, 'orders.yaml', 'owner: p@example.com\n', ''),
  },
  {
    code: 'yaml-empty',
    title: 'a list at the top level',
    before: project({ 'orders.yaml': '- team: orders\n  owner: o@example.com\n' }),
    hint: /without a leading "- "/,
    follow: (before) => withFiles(before, { 'orders.yaml': 'team: orders\nowner: o@example.com\n' }),
  },
  {
    code: 'yaml-empty',
    title: 'an empty file',
    before: project({ 'orders.yaml': '' }),
    hint: /a request needs at least "team:" and "owner:"/,
    follow: (before) => withFiles(before, { 'orders.yaml': 'team: orders\nowner: o@example.com\n' }),
  },
  {
    code: 'forbidden-key',
    title: 'a __proto__ entry',
    before: project({ 'orders.yaml': ordersQueues('  work: {}\n  __proto__: {}\n') }),
    hint: /^Remove this entry/,
    follow: (before) => edit(before, 'orders.yaml', '  __proto__: {}\n', ''),
  },
  {
    code: 'forbidden-character',
    title: 'a zero-width space in a description',
    before: project({
      'orders.yaml':
        'team: orders\nowner: o@example.com\ntopics:\n  events:\n    description: "new\u200border"\n',
    }),
    hint: /^Delete the character/,
    follow: (before) => edit(before, 'orders.yaml', '\u200b', ''),
  },
  {
    code: 'template-expression',
    title: 'a Terraform interpolation in a description',
    before: project({
      'orders.yaml':
        'team: orders\nowner: o@example.com\ntopics:\n  events:\n    description: "costs ${var.x}"\n',
    }),
    hint: /^Remove "(\$\{)" from the text/,
    follow: (before, [opener = '']) => edit(before, 'orders.yaml', opener, ''),
  },
  {
    code: 'schema-unknown-field',
    title: 'a misspelt field',
    before: project({ 'orders.yaml': ordersQueues('  work:\n    visibiltyTimeout: 30s\n') }),
    hint: /^did you mean "([^"]+)"\?$/,
    follow: (before, [field = '']) => edit(before, 'orders.yaml', 'visibiltyTimeout', field),
  },
  {
    code: 'schema-missing-field',
    title: 'no owner',
    before: project({ 'orders.yaml': 'team: orders\n' }),
    hint: /^add "(owner):"/,
    follow: (before, [field = '']) =>
      edit(before, 'orders.yaml', 'team: orders\n', `team: orders\n${field}: o@example.com\n`),
  },
  {
    code: 'schema-type',
    title: 'an account id written as a number',
    before: project(
      { 'orders.yaml': ordersQueues('  work: {}\n') },
      'environments:\n  dev: { account: 111111111111, region: eu-west-1 }\n',
    ),
    hint: /^quote the value/,
    follow: (before) => edit(before, 'config', '111111111111', '"111111111111"'),
  },
  {
    code: 'schema-pattern',
    title: 'a queue name in capitals',
    before: project({ 'orders.yaml': ordersQueues('  Work: {}\n') }),
    hint: /^Lower case letters, digits and hyphens, starting with a letter/,
    follow: (before) => edit(before, 'orders.yaml', 'Work', 'work'),
  },
  {
    code: 'schema-enum',
    title: 'a misspelt filter scope',
    before: filtered('{region: [eu]}', '        filterScope: MessageBdy\n'),
    hint: /^did you mean "([^"]+)"\?$/,
    follow: (before, [scope = '']) => edit(before, 'shipping.yaml', 'MessageBdy', scope),
  },
  {
    code: 'schema-range',
    title: 'an empty events list',
    before: project({ 'orders.yaml': ORDERS, 'shipping.yaml': subscriber('        events: []\n') }),
    hint: /^list at least 1 entry, or leave the field out$/,
    follow: (before) => edit(before, 'shipping.yaml', 'events: []', 'events: [OrderCreated]'),
  },
  {
    code: 'schema-range',
    title: 'a description over 1024 characters',
    before: project({
      'orders.yaml': `team: orders\nowner: o@example.com\ntopics:\n  events:\n    description: "${'x'.repeat(1100)}"\n`,
    }),
    hint: /^shorten it to at most (\d+) characters$/,
    follow: (before, [length = '']) =>
      edit(before, 'orders.yaml', 'x'.repeat(1100), 'x'.repeat(Number(length))),
  },
  {
    code: 'schema-invalid',
    title: 'subscribers given as a word other than "all"',
    before: project({
      'orders.yaml': 'team: orders\nowner: o@example.com\ntopics:\n  events:\n    subscribers: everyone\n',
    }),
    hint: /^write "([^"]+)", or leave the field out/,
    follow: (before, [value = '']) => edit(before, 'orders.yaml', 'everyone', value),
  },
  {
    code: 'schema-invalid',
    title: 'an environment listed twice',
    before: project({ 'orders.yaml': 'team: orders\nowner: o@example.com\nenvironments: [dev, dev]\n' }),
    hint: /^remove the repeated entry$/,
    follow: (before) => edit(before, 'orders.yaml', '[dev, dev]', '[dev]'),
  },
];

const CASES: readonly HintCase[] = [...RULE_CASES, ...FILTER_CASES, ...LOAD_AND_SCHEMA_CASES];

/** Codes without a case here, and why none can be written. */
const WITHOUT_CASE: Readonly<Partial<Record<DiagnosticCode, string>>> = {
  'filter-policy':
    "the rule that runs the filter-policy validator: its findings carry the validator's filter-policy-* codes",
  'filter-policy-invalid-scope':
    'the schema admits only MessageAttributes and MessageBody (schema-enum first)',
  'filter-policy-not-json': 'the YAML reader yields only JSON values (it refuses .inf and .nan)',
  'filter-policy-too-large':
    'a request file holds at most 64 KiB, and its filter as JSON at most twice that, under the 256 KB limit',
  'filter-policy-too-deep': 'the YAML reader refuses nesting beyond 32 levels, far below the 512 this needs',
  'filter-policy-not-object': 'the schema requires "filter" to be a mapping (schema-type first)',
  'resource-removed':
    'found only against a git base by validateAgainstBase; test/cli/validate-base.test.ts follows its hint',
  'base-invalid':
    'found only against a git base, and its hint is to look at that commit, not to edit the requests',
};

/** Every code the product can emit, read from the registries that document them. */
function everyCode(): DiagnosticCode[] {
  return [
    ...Object.keys(LOAD_CODES),
    ...Object.keys(SCHEMA_CODES),
    ...RULES.map((rule) => rule.code),
    ...Object.keys(FILTER_POLICY_CODES),
    ...Object.keys(COMPARISON_CODES),
  ] as DiagnosticCode[];
}

describe('hints lead somewhere', () => {
  it.each(CASES.map((hintCase) => [`${hintCase.code}: ${hintCase.title}`, hintCase] as const))(
    '%s',
    (_, hintCase) => {
      const found = diagnosticsOf(hintCase.before).filter(
        (diagnostic) =>
          diagnostic.code === hintCase.code && (hintCase.in === undefined || diagnostic.file === hintCase.in),
      );
      expect(found.length, `${hintCase.code} was not reported`).toBeGreaterThan(0);
      const hint = found[0]?.hint ?? '';
      const named = hintCase.hint.exec(hint);
      expect(named, `hint was: ${hint}`).not.toBeNull();
      const after = diagnosticsOf(hintCase.follow(hintCase.before, named?.slice(1) ?? []));
      expect(after.map(({ code, message }) => ({ code, message }))).toEqual(
        (hintCase.leaves ?? []).map(({ code }) => expect.objectContaining({ code })),
      );
    },
  );

  it('has a case for every code, or says why it cannot have one', () => {
    const covered = new Set(CASES.map((hintCase) => hintCase.code));
    const missing = everyCode().filter((code) => !covered.has(code) && WITHOUT_CASE[code] === undefined);
    expect(missing).toEqual([]);
    // A reason for a code that has a case would hide the case's absence once it is removed.
    expect(Object.keys(WITHOUT_CASE).filter((code) => covered.has(code as DiagnosticCode))).toEqual([]);
  });
});
