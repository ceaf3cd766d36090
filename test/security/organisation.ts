/**
 * Small valid organisations as request files, chosen for what decides access: publishers and
 * consumers in the bus's accounts and in a partner account (roles, a user, a path), standard and
 * FIFO topics and queues, every kind of encryption, dead-letter queues on and off, subscriptions
 * across teams, and teams limited to one environment. Valid by construction.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';

/** Two environments in different accounts and regions, and a partner account. */
export const GENERATED_CONFIG = `environments:
  dev: { account: "111111111111", region: eu-west-1 }
  prod: { account: "999999999999", region: us-east-2 }
allowedPrincipalAccounts: ["222222222222"]
`;

const PRINCIPALS = [
  'arn:aws:iam::111111111111:role/app',
  'arn:aws:iam::111111111111:role/ops/worker',
  'arn:aws:iam::999999999999:role/app',
  'arn:aws:iam::999999999999:user/batch',
  'arn:aws:iam::222222222222:role/analytics',
];

const TEAMS = ['alpha', 'bravo', 'charlie'];
// Topic and queue names never meet, so no generated AWS name, key alias or address collides.
const TOPIC_NAMES = ['events', 'ledger', 'audit'];
const QUEUE_NAMES = ['intake', 'billing', 'search'];

const topic = fc.record({
  name: fc.constantFrom(...TOPIC_NAMES),
  fifo: fc.boolean(),
  encryption: fc.constantFrom('none' as const, 'kms' as const, 'aws-managed' as const),
  publishers: fc.subarray(PRINCIPALS),
});

const queue = fc.record({
  name: fc.constantFrom(...QUEUE_NAMES),
  fifo: fc.boolean(),
  encryption: fc.constantFrom('sqs-managed' as const, 'kms' as const, 'aws-managed' as const),
  deadLetter: fc.boolean(),
  consumers: fc.subarray(PRINCIPALS),
  /** Which of the organisation's topics, modulo their number. */
  subscriptions: fc.array(fc.nat(), { maxLength: 3 }),
});

const team = fc.record({
  name: fc.constantFrom(...TEAMS),
  environments: fc.constantFrom<readonly string[] | undefined>(undefined, ['dev'], ['prod']),
  topics: fc.uniqueArray(topic, { selector: (entry) => entry.name, maxLength: 2 }),
  queues: fc.uniqueArray(queue, { selector: (entry) => entry.name, maxLength: 2 }),
});

type GeneratedTeam = typeof team extends fc.Arbitrary<infer T> ? T : never;
type GeneratedTopic = GeneratedTeam['topics'][number] & { readonly team: GeneratedTeam };

/** Request files (path relative to the requests directory -> YAML text). */
export const organisation: fc.Arbitrary<Record<string, string>> = fc
  .uniqueArray(team, { selector: (entry) => entry.name, minLength: 1, maxLength: 3 })
  .map(requestFiles);

function requestFiles(teams: readonly GeneratedTeam[]): Record<string, string> {
  const topics: GeneratedTopic[] = teams.flatMap((owner) =>
    owner.topics.map((entry) => ({ ...entry, team: owner })),
  );
  return Object.fromEntries(
    teams.map((owner) => [
      `${owner.name}.yaml`,
      stringify({
        team: owner.name,
        owner: `${owner.name}@example.com`,
        ...(owner.environments ? { environments: owner.environments } : {}),
        ...(owner.topics.length > 0
          ? { topics: Object.fromEntries(owner.topics.map((entry) => [entry.name, topicRequest(entry)])) }
          : {}),
        ...(owner.queues.length > 0
          ? {
              queues: Object.fromEntries(
                owner.queues.map((entry) => [entry.name, queueRequest(entry, owner, topics)]),
              ),
            }
          : {}),
      }),
    ]),
  );
}

function topicRequest(entry: GeneratedTeam['topics'][number]): Record<string, unknown> {
  // AWS-managed keys cannot name publishers: with any, the rules demand a key of the topic's own.
  const encryption =
    entry.encryption === 'aws-managed' && entry.publishers.length > 0 ? 'kms' : entry.encryption;
  return {
    ...(entry.fifo ? { fifo: true } : {}),
    ...(encryption === 'none' ? {} : { encryption }),
    ...(entry.publishers.length > 0 ? { publishers: entry.publishers } : {}),
    // Queues of any team may have partner-account consumers; who reads a topic is decided here.
    externalSubscribers: true,
  };
}

function queueRequest(
  entry: GeneratedTeam['queues'][number],
  owner: GeneratedTeam,
  topics: readonly GeneratedTopic[],
): Record<string, unknown> {
  const chosen = new Set<string>();
  for (const pick of entry.subscriptions) {
    const target = topics[pick % Math.max(topics.length, 1)];
    if (!target) continue;
    // FIFO queues take FIFO topics only; the topic must exist wherever the queue does.
    if (entry.fifo && !target.fifo) continue;
    if (
      target.team.environments &&
      !(owner.environments ?? ['dev', 'prod']).every((name) => target.team.environments?.includes(name))
    )
      continue;
    chosen.add(`${target.team.name}/${target.name}`);
  }
  // SNS cannot use the AWS-managed SQS key: a subscribed queue needs its own key.
  const encryption = entry.encryption === 'aws-managed' && chosen.size > 0 ? 'kms' : entry.encryption;
  return {
    ...(entry.fifo ? { fifo: true } : {}),
    ...(encryption === 'sqs-managed' ? {} : { encryption }),
    ...(entry.deadLetter ? {} : { deadLetter: false }),
    ...(entry.consumers.length > 0 ? { consumers: entry.consumers } : {}),
    ...(chosen.size > 0 ? { subscriptions: [...chosen].map((reference) => ({ topic: reference })) } : {}),
  };
}
