import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where a generated organisation lives: what `eventbus --requests ... --config ...` is given. */
export interface GeneratedOrganisation {
  readonly root: string;
  readonly requestsDir: string;
  readonly configFile: string;
}

const ACCOUNTS = ['111111111111', '999999999999'] as const;

/**
 * Writes an organisation of `teams` teams with two environments into `root`. Per team: 3 topics
 * (every other team's first topic with a key of its own) and 5 queues (every third with a key of its own), each queue subscribed to a
 * topic of the team before it (attribute filter with `events:`, or a body filter on odd queues), to
 * one of its own team's topics, and queue 4 to a topic of a team halfway round as well. Principals
 * of both accounts, so that every environment grants them.
 */
export function generateOrganisation(root: string, teams: number): GeneratedOrganisation {
  const requestsDir = path.join(root, 'requests');
  const configFile = path.join(root, 'eventbus.config.yaml');
  fs.mkdirSync(requestsDir, { recursive: true });
  fs.writeFileSync(
    configFile,
    [
      'environments:',
      `  dev: { account: "${ACCOUNTS[0]}", region: eu-west-1, deployRole: "arn:aws:iam::${ACCOUNTS[0]}:role/eventbus-deployer" }`,
      `  prod: { account: "${ACCOUNTS[1]}", region: eu-west-1, deployRole: "arn:aws:iam::${ACCOUNTS[1]}:role/eventbus-deployer" }`,
      'stateBackend: { bucket: bench-terraform-state, keyPrefix: eventbus, region: eu-west-1, useLockfile: true }',
      'tags: { cost-center: platform-eventing }',
      '',
    ].join('\n'),
  );
  for (let index = 0; index < teams; index += 1) {
    fs.writeFileSync(path.join(requestsDir, `team-${index}.yaml`), teamRequest(index, teams));
  }
  return { root, requestsDir, configFile };
}

function teamRequest(index: number, teams: number): string {
  const team = `team-${index}`;
  const upstream = `team-${(index + teams - 1) % teams}`;
  const opposite = `team-${(index + Math.floor(teams / 2)) % teams}`;
  const principals = (role: string) =>
    `[${ACCOUNTS.map((account) => `"arn:aws:iam::${account}:role/${team}-${role}"`).join(', ')}]`;
  const lines = [
    `team: ${team}`,
    `owner: ${team}@example.com`,
    'topics:',
    ...[0, 1, 2].flatMap((topic) => [
      `  events-${topic}:`,
      '    events: [Created, Updated, Deleted]',
      `    encryption: ${topic === 0 && index % 2 === 0 ? 'kms' : 'none'}`,
      `    publishers: ${principals('api')}`,
    ]),
    'queues:',
    ...[0, 1, 2, 3, 4].flatMap((queue) => [
      `  work-${queue}:`,
      `    encryption: ${(index + queue) % 3 === 0 ? 'kms' : 'sqs-managed'}`,
      `    consumers: ${principals('worker')}`,
      '    subscriptions:',
      `      - topic: ${upstream}/events-${queue % 3}`,
      ...(queue % 2 === 0
        ? ['        events: [Created]', "        filter: { region: [{ prefix: 'eu-' }] }"]
        : [
            '        filterScope: MessageBody',
            "        filter: { detail: { region: [{ prefix: 'eu-' }], total: [{ numeric: ['>=', 100] }] } }",
          ]),
      `      - topic: events-${(queue + 1) % 3}`,
      ...(queue === 4 && opposite !== team && opposite !== upstream
        ? [`      - topic: ${opposite}/events-2`, '        events: [Deleted]']
        : []),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}
