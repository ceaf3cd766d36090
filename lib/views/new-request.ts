import { stringify } from 'yaml';
import type { PlatformSettings } from '../model';

export interface NewRequestOptions {
  readonly team: string;
  readonly platform: PlatformSettings;
  /** Where the file goes, as the user sees it (for the comments). */
  readonly file: string;
  /** The request schema, relative to the file's directory, forward slashes. */
  readonly schema: string;
}

/**
 * A new team's first request file: a topic, a queue with its dead-letter queue and the queue's
 * subscription to the topic, valid as written against the platform config it is made for, with
 * a comment on every line a newcomer may need to change. Values are quoted where YAML needs it.
 */
export function renderNewRequest({ team, platform, file, schema }: NewRequestOptions): string {
  const environments = platform.environments.map((environment) => environment.name);
  const created = `${team}.v1.ExampleCreated`;
  const deleted = `${team}.v1.ExampleDeleted`;
  const attribute = platform.eventTypeAttribute;
  // The filter's key must not be the event-type attribute, which `events` already filters.
  const filterKey = attribute === 'region' ? 'country' : 'region';
  const roles = (role: string): string[] => principalLines(platform, `${team}-${role}`);
  const lines = [
    `# yaml-language-server: $schema=${schema}`,
    `# Team ${team}'s request: the topics it publishes to and the queues it reads, written by`,
    '# "eventbus init" as a working example. Rename and change what the comments point out, delete',
    '# what the team does not need, then run "eventbus validate". The README lists every field.',
    '',
    `# The team's name. Files in this team's place (${file} and its siblings that`,
    "# the platform config's teamFiles allow) must all name it.",
    `team: ${scalar(team)}`,
    "# Whom to ask about the team's topics and queues; it becomes their owner tag. Put the team's",
    '# address here: while it is an e-mail address, it also approves changes to these files, unless',
    '# the team lists GitLab users or groups under "codeowners:" (such as [\'@group/team\']).',
    "# The first merge request of a team is approved by the platform config's codeowners.",
    `owner: ${scalar(`${team}@example.com`)}`,
    '# Where the team deploys: every environment of the platform config. Remove those it does not',
    '# use; topics and queues exist in all of the ones listed (or set "environments:" on one).',
    `environments: [${environments.map(scalar).join(', ')}]`,
    '',
    'topics:',
    '  # A topic the team owns and publishes to: rename it (lower case letters, digits, hyphens).',
    '  events:',
    '    # What the topic carries, for the people who subscribe to it.',
    `    description: ${scalar(`Example events of team ${team}: say what the topic carries.`)}`,
    '    # Encrypted at rest with a key of its own, whose policy lets the publishers below use it.',
    '    encryption: kms',
    `    # The event types published here, in the "${attribute}" message attribute; subscriptions`,
    '    # may ask only for these. Name the events the team publishes.',
    '    events:',
    `      - ${scalar(created)}`,
    `      - ${scalar(deleted)}`,
    "    # The roles that may publish, one in each environment's account. The role names are",
    "    # placeholders: put the ARNs of the team's publishing services.",
    '    publishers:',
    ...roles('publisher'),
    ...subscribersComment(platform),
    '',
    'queues:',
    '  # A queue the team reads from: rename it (lower case letters, digits, hyphens).',
    '  inbox:',
    '    # A message received 5 times without being deleted moves to the dead-letter queue',
    '    # inbox-dlq, which keeps it for 14 days (the longest SQS allows) for someone to look at.',
    '    deadLetter:',
    '      maxReceiveCount: 5',
    '      retention: 14d',
    "    # The roles that may receive and delete messages, one in each environment's account. The",
    "    # role names are placeholders: put the ARNs of the team's consumers.",
    '    consumers:',
    ...roles('consumer'),
    '    subscriptions:',
    '      # The queue receives the topic above. Another team\'s topic is "<team>/<topic>", and',
    '      # that topic must let this team subscribe (its "subscribers").',
    '      - topic: events',
    `        # Only these event types: a filter on the "${attribute}" message attribute.`,
    `        events: [${scalar(created)}]`,
    `        # An SNS filter policy on the other message attributes: only messages whose "${filterKey}"`,
    '        # starts with "eu-". SNS requires every key to match, so a message without it is not',
    '        # delivered. Change or remove it.',
    '        filter:',
    `          ${filterKey}: [{ prefix: 'eu-' }]`,
  ];
  return `${lines.join('\n')}\n`;
}

/** One ARN per account, with the environments it serves, so each environment grants its own role. */
function principalLines(platform: PlatformSettings, role: string): string[] {
  const environmentsByAccount = new Map<string, string[]>();
  for (const { account, name } of platform.environments) {
    environmentsByAccount.set(account, [...(environmentsByAccount.get(account) ?? []), name]);
  }
  return [...environmentsByAccount.entries()].map(
    ([account, names]) => `      - ${scalar(`arn:aws:iam::${account}:role/${role}`)} # ${names.join(', ')}`,
  );
}

function subscribersComment(platform: PlatformSettings): string[] {
  return platform.topicAccess === 'owner-approved'
    ? [
        "    # Only this team's queues may subscribe (the platform's topicAccess is owner-approved):",
        '    # to let other teams, add "subscribers: [team-a, team-b]" or "subscribers: all".',
      ]
    : [
        "    # Every team's queues may subscribe (the platform's topicAccess is open): to allow only",
        '    # some, add "subscribers: [team-a, team-b]".',
      ];
}

/** A scalar as YAML writes it: plain where that reads back the same, quoted where not. */
function scalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}
