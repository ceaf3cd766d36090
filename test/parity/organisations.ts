/**
 * Small valid organisations as request files: teams publishing standard and FIFO topics, queues
 * with every setting a request can give, and subscriptions with events and filters across teams
 * and environments. Valid by construction, so every generated case reaches both backends.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';

/** Two environments in different accounts and regions, so every ARN says where it belongs. */
export const PARITY_CONFIG = `environments:
  dev: { account: "111111111111", region: eu-west-1, deployRole: "arn:aws:iam::111111111111:role/deployer" }
  prod: { account: "999999999999", region: us-east-2 }
eventTypeBodyField: metadata.type
allowedPrincipalAccounts: ["222222222222"]
tags: { cost-center: platform }
`;

const TEAMS = ['orders', 'payments', 'shipping', 'search'];
// No name is another with a suffix or with hyphens moved, so generated names and ids stay distinct;
// topics and queues never share a name, whose keys would share an alias (a gap the model has).
const TOPIC_NAMES = ['events', 'ledger', 'notices'];
const QUEUE_NAMES = ['audit', 'intake', 'billing'];
const EVENTS = ['Created', 'Updated', 'Cancelled', 'Shipped'];
const PRINCIPALS = [
  'arn:aws:iam::111111111111:role/app',
  'arn:aws:iam::999999999999:role/app',
  'arn:aws:iam::222222222222:role/analytics',
];
const FILTERS = {
  MessageAttributes: [
    { region: [{ prefix: 'eu-' }] },
    { amount: [{ numeric: ['>', 0] }] },
    { channel: ['web', 'mobile'] },
  ],
  // "metadata" is where events: goes for bodies (eventTypeBodyField): the two must combine.
  MessageBody: [
    { detail: { kind: ['a', 'b'] } },
    { total: [{ numeric: ['>=', 500] }] },
    { metadata: { source: ['api'] } },
  ],
} as const;

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

const topic = fc.record({
  name: fc.constantFrom(...TOPIC_NAMES),
  fifo: fc.boolean(),
  contentBasedDeduplication: fc.boolean(),
  events: optional(fc.subarray(EVENTS, { minLength: 1 })),
  publishers: fc.subarray(PRINCIPALS),
  encryption: optional(fc.constantFrom('none' as const, 'aws-managed' as const, 'kms' as const)),
});

const subscription = fc.record({
  /** Which of the organisation's topics, modulo their number. */
  topic: fc.nat(),
  events: optional(fc.subarray(EVENTS, { minLength: 1 })),
  filter: optional(fc.nat()),
  scope: optional(fc.constantFrom('MessageAttributes' as const, 'MessageBody' as const)),
  rawMessageDelivery: optional(fc.boolean()),
});

const queue = fc.record({
  name: fc.constantFrom(...QUEUE_NAMES),
  fifo: fc.boolean(),
  contentBasedDeduplication: fc.boolean(),
  /** Written as they are, when given. */
  settings: fc.record({
    environments: optional(fc.constantFrom(['dev'], ['prod'])),
    visibilityTimeout: optional(fc.constantFrom('0s', '30s', '5m', '12h')),
    retention: optional(fc.constantFrom('60s', '4d', '14d')),
    delay: optional(fc.constantFrom('0s', '10s', '15m')),
    receiveWaitTime: optional(fc.constantFrom('0s', '20s')),
    maxMessageSize: optional(fc.constantFrom(1024, 262_144, 1_048_576)),
  }),
  deadLetter: fc.constantFrom(
    undefined,
    false,
    { maxReceiveCount: 3 },
    { maxReceiveCount: 1, retention: '14d' },
  ),
  consumers: fc.subarray(PRINCIPALS),
  encryption: optional(fc.constantFrom('sqs-managed' as const, 'aws-managed' as const, 'kms' as const)),
  subscriptions: fc.array(subscription, { maxLength: 3 }),
});

const team = fc.record({
  name: fc.constantFrom(...TEAMS),
  topics: fc.uniqueArray(topic, { selector: (entry) => entry.name, maxLength: 2 }),
  queues: fc.uniqueArray(queue, { selector: (entry) => entry.name, maxLength: 2 }),
  /** Topics and queues in two files of the team, or one. */
  split: fc.boolean(),
});

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;
type GeneratedTeam = ValueOf<typeof team>;

/** Request files (path relative to the requests directory -> YAML text) of a valid organisation. */
export const organisation: fc.Arbitrary<Record<string, string>> = fc
  .uniqueArray(team, { selector: (entry) => entry.name, minLength: 1, maxLength: 3 })
  .map(requestFiles);

function requestFiles(teams: readonly GeneratedTeam[]): Record<string, string> {
  const topics = teams.flatMap((owner) => owner.topics.map((entry) => ({ team: owner.name, ...entry })));
  const files: Record<string, string> = {};
  for (const { name, topics: own, queues, split } of teams) {
    const header = { team: name, owner: `${name}@example.com` };
    const topicSection = Object.fromEntries(own.map((entry) => [entry.name, topicRequest(entry)]));
    const queueSection = Object.fromEntries(queues.map((entry) => [entry.name, queueRequest(entry, topics)]));
    if (split && own.length > 0 && queues.length > 0) {
      files[`${name}/topics.yaml`] = yaml({ ...header, topics: topicSection });
      files[`${name}/queues.yaml`] = yaml({ ...header, queues: queueSection });
    } else {
      files[`${name}.yaml`] = yaml({
        ...header,
        ...(own.length > 0 ? { topics: topicSection } : {}),
        ...(queues.length > 0 ? { queues: queueSection } : {}),
      });
    }
  }
  return files;
}

/** Every value written out: request files reject anchors and aliases. */
function yaml(request: Record<string, unknown>): string {
  return stringify(request, { aliasDuplicateObjects: false });
}

type Topic = GeneratedTeam['topics'][number] & { readonly team: string };
type Queue = GeneratedTeam['queues'][number];

function topicRequest(entry: GeneratedTeam['topics'][number]): Record<string, unknown> {
  // Principals of the other environment's account cannot use alias/aws/sns: such a topic has none.
  const publishers = entry.encryption === 'aws-managed' ? [] : entry.publishers;
  return {
    ...(entry.fifo ? { fifo: true, contentBasedDeduplication: entry.contentBasedDeduplication } : {}),
    ...(entry.events ? { events: entry.events } : {}),
    ...(publishers.length > 0 ? { publishers } : {}),
    ...(entry.encryption ? { encryption: entry.encryption } : {}),
    // Queues of any team may have partner-account consumers; the rendering does not depend on it.
    externalSubscribers: true,
  };
}

function queueRequest(entry: Queue, topics: readonly Topic[]): Record<string, unknown> {
  const { fifo, contentBasedDeduplication, subscriptions, consumers, deadLetter, encryption, settings } =
    entry;
  const chosen = new Map<string, Record<string, unknown>>();
  for (const pick of subscriptions) {
    const target = topics[pick.topic % Math.max(topics.length, 1)];
    // SNS delivers to FIFO queues only from FIFO topics; each topic once per queue.
    if (!target || (fifo && !target.fifo)) continue;
    const reference = `${target.team}/${target.name}`;
    if (chosen.has(reference)) continue;
    chosen.set(reference, subscriptionRequest(reference, pick, target));
  }
  const defined = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
  return {
    ...(fifo ? { fifo: true, contentBasedDeduplication } : {}),
    ...defined,
    ...(deadLetter === undefined ? {} : { deadLetter }),
    ...(consumers.length > 0 ? { consumers } : {}),
    // SNS cannot use alias/aws/sqs: only a queue without subscriptions may have it.
    ...(encryption && !(encryption === 'aws-managed' && chosen.size > 0) ? { encryption } : {}),
    ...(chosen.size > 0 ? { subscriptions: [...chosen.values()] } : {}),
  };
}

function subscriptionRequest(
  reference: string,
  pick: Queue['subscriptions'][number],
  target: Topic,
): Record<string, unknown> {
  // Only events the topic carries, when it says which it carries.
  const carried = pick.events?.filter((event) => !target.events || target.events.includes(event));
  const events = carried && carried.length > 0 ? carried : undefined;
  const scope = pick.scope ?? 'MessageAttributes';
  const filter = pick.filter === undefined ? undefined : FILTERS[scope][pick.filter % FILTERS[scope].length];
  return {
    topic: reference,
    ...(events ? { events } : {}),
    ...(filter ? { filter } : {}),
    ...(pick.scope ? { filterScope: pick.scope } : {}),
    ...(pick.rawMessageDelivery === undefined ? {} : { rawMessageDelivery: pick.rawMessageDelivery }),
  };
}
