/**
 * Access cases: who asks for what, on which rendered resource, in which context, and what the
 * requests say the answer must be. Cases are data, so each assertion builds its own list, the
 * TLS assertion reuses the others' allowed cases, and a failure names exactly one request.
 */
import {
  CONSUMER_ACTIONS,
  KMS_CONSUMER_ACTIONS,
  KMS_DATA_ACTIONS,
  KMS_ENVELOPE_ACTIONS,
  KMS_FOCUS_ACTIONS,
  KMS_KEY_ACTIONS,
  PUBLISHER_ACTIONS,
  SNS_DELIVERY_ACTIONS,
  SNS_FOCUS_ACTIONS,
  SNS_TOPIC_ACTIONS,
  SQS_FOCUS_ACTIONS,
  SQS_QUEUE_ACTIONS,
} from './actions';
import { turnEventLoopIfHeld } from '../support/event-loop';
import type { BusIntent, KeyIntent, QueueIntent, TopicIntent } from './intent';
import type { RenderedBus, RenderedKey, RenderedPolicy } from './rendered';
import {
  accountOfArn,
  decide,
  describeRequest,
  isDenied,
  type AccessRequest,
  type Decision,
  type NamedPolicy,
  type PolicedResource,
} from './simulator';
import type { Environment } from '../../lib/model';

export const SNS_PRINCIPAL = 'sns.amazonaws.com';
/** A service that must not be able to use SNS's grants. */
export const OTHER_SERVICE_PRINCIPAL = 'events.amazonaws.com';
/** An account that neither the requests nor the platform config name. */
export const OUTSIDER_ACCOUNT = '444444444444';

/** The worst an account can do for its own principals: allow them everything. */
export const ALLOW_EVERYTHING: NamedPolicy = {
  name: 'allow-all',
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

export type Expectation = 'Allowed' | 'Denied' | 'ExplicitlyDenied';

export interface AccessCase {
  /** The resource as the requests name it, and where its policy was found. */
  readonly subject: string;
  readonly request: AccessRequest;
  readonly expected: Expectation;
  /** Set on cases that test a property beyond what the requests literally grant. */
  readonly concern?: 'environment-isolation';
}

export interface Failure {
  readonly accessCase: AccessCase;
  readonly decision: Decision;
  readonly message: string;
}

export interface Evaluation {
  readonly simulations: number;
  readonly failures: readonly Failure[];
}

export async function evaluate(cases: readonly AccessCase[]): Promise<Evaluation> {
  const failures: Failure[] = [];
  for (const accessCase of cases) {
    // Simulations resolve on microtasks only: thousands in a row would starve vitest's RPC.
    await turnEventLoopIfHeld();
    const decision = await decide(accessCase.request);
    if (!satisfies(decision, accessCase.expected)) {
      failures.push({
        accessCase,
        decision,
        message: `${accessCase.subject}: ${describeRequest(accessCase.request)} -> ${decision}, expected ${accessCase.expected}`,
      });
    }
  }
  return { simulations: cases.length, failures };
}

function satisfies(decision: Decision, expected: Expectation): boolean {
  return expected === 'Denied' ? isDenied(decision) : decision === expected;
}

const allowedIf = (condition: boolean): Expectation => (condition ? 'Allowed' : 'Denied');

function otherRegion(region: string): string {
  return region === 'us-east-1' ? 'eu-west-1' : 'us-east-1';
}

function snsEndpoint(region: string): string {
  return `sns.${region}.amazonaws.com`;
}

/** A rendered bus checked against what its requests say. */
export class BusUnderTest {
  constructor(
    readonly intent: BusIntent,
    readonly rendered: RenderedBus,
  ) {}

  // -------------------------------------------------------------------------------------------
  // 0. Every planned resource has its policy, and nothing else has one.

  /** Topics and queues without exactly one rendered policy, and policies on resources nobody planned. */
  policyCoverage(): string[] {
    const problems: string[] = [];
    const check = (
      kind: string,
      planned: readonly { label: string; arn: string; environment: Environment }[],
      rendered: readonly RenderedPolicy[],
    ): void => {
      for (const resource of planned) {
        const found = rendered.filter((policy) => policy.arn === resource.arn);
        if (found.length !== 1)
          problems.push(`${resource.label}: ${found.length} ${kind} policies for ${resource.arn}`);
        for (const policy of found) {
          if (policy.account !== resource.environment.account) {
            problems.push(
              `${policy.where}: deployed to ${policy.account}, but ${resource.label} belongs to ${resource.environment.account}`,
            );
          }
        }
      }
      for (const policy of rendered) {
        if (!planned.some((resource) => resource.arn === policy.arn))
          problems.push(`${policy.where}: policy on unplanned ${policy.arn}`);
      }
    };
    check('topic', this.intent.topics, this.rendered.topics);
    check('queue', this.intent.queues, this.rendered.queues);
    return problems;
  }

  /** Keys that are missing, encrypt the wrong resources, lack their alias, or were never planned. */
  keyCoverage(): string[] {
    const problems: string[] = [];
    for (const key of this.intent.keys) {
      const found = this.rendered.keys.filter((rendered) => sameSet(rendered.encrypts, key.encrypts));
      if (found.length !== 1) {
        problems.push(`${key.label}: ${found.length} keys encrypt exactly ${[...key.encrypts].join(', ')}`);
      }
      for (const rendered of found) {
        if (!rendered.aliases.includes(key.alias))
          problems.push(`${rendered.where}: no alias ${key.alias} (has ${rendered.aliases.join(', ')})`);
      }
    }
    for (const rendered of this.rendered.keys) {
      if (!this.intent.keys.some((key) => sameSet(rendered.encrypts, key.encrypts))) {
        problems.push(`${rendered.where}: unplanned key for ${rendered.encrypts.join(', ') || 'nothing'}`);
      }
    }
    return problems;
  }

  // -------------------------------------------------------------------------------------------
  // 1. Publishers publish to their own topics and nothing else.

  publisherCases(): AccessCase[] {
    return this.topicsWithPolicies().flatMap(([topic, resource]) =>
      this.intent.principals.flatMap((principal) =>
        this.topicActions(topic, principal).map((action) => ({
          subject: this.subject(topic.label, resource),
          request: this.request(
            principal,
            action,
            resource,
            this.plannedIdentity(topic.environment, principal),
          ),
          expected: allowedIf(this.topicAllows(topic, principal, action)),
        })),
      ),
    );
  }

  // -------------------------------------------------------------------------------------------
  // 2. Consumers read their own queues and dead-letter queues, and do nothing else.

  consumerCases(): AccessCase[] {
    return this.queuesWithPolicies().flatMap(([queue, resource]) =>
      this.intent.principals.flatMap((principal) =>
        this.queueActions(queue, principal).map((action) => ({
          subject: this.subject(queue.label, resource),
          request: this.request(
            principal,
            action,
            resource,
            this.plannedIdentity(queue.environment, principal),
          ),
          expected: allowedIf(this.queueAllows(queue, principal, action)),
        })),
      ),
    );
  }

  // -------------------------------------------------------------------------------------------
  // 3. SNS delivers only for the subscribed topics: confused-deputy protection.

  deliveryCases(): AccessCase[] {
    const cases: AccessCase[] = [];
    const allTopics = this.intent.topics.map((topic) => topic.arn);
    for (const [queue, resource] of this.queuesWithPolicies()) {
      const subject = this.subject(queue.label, resource);
      const service = (
        principal: string,
        action: string,
        sourceArn: string | undefined,
        expected: Expectation,
      ): void => {
        cases.push({
          subject,
          request: {
            ...this.request(principal, action, resource, []),
            ...(sourceArn === undefined ? {} : { sourceArn }),
          },
          expected,
        });
      };
      for (const topic of queue.deliveringTopics) {
        for (const action of SQS_QUEUE_ACTIONS)
          service(SNS_PRINCIPAL, action, topic, allowedIf(SNS_DELIVERY_ACTIONS.has(action)));
        service(OTHER_SERVICE_PRINCIPAL, 'sqs:SendMessage', topic, 'Denied');
      }
      const strangers = new Set([
        ...allTopics,
        ...[...queue.deliveringTopics].flatMap((topic) => this.lookalikeArns(topic)),
      ]);
      queue.deliveringTopics.forEach((topic) => strangers.delete(topic));
      for (const source of [undefined, ...strangers])
        service(SNS_PRINCIPAL, 'sqs:SendMessage', source, 'Denied');
    }
    // SNS itself has no business on topics: no topic policy lets the service principal in.
    for (const [topic, resource] of this.topicsWithPolicies()) {
      for (const action of SNS_TOPIC_ACTIONS) {
        cases.push({
          subject: this.subject(topic.label, resource),
          request: { ...this.request(SNS_PRINCIPAL, action, resource, []), sourceArn: topic.arn },
          expected: 'Denied',
        });
      }
    }
    return cases;
  }

  // -------------------------------------------------------------------------------------------
  // 4. Without TLS, nothing that is allowed with TLS.

  /** The allowed cases of the other assertions, over plain HTTP. */
  insecureTransportCases(allowedWithTls: readonly AccessCase[]): AccessCase[] {
    return allowedWithTls
      .filter((accessCase) => accessCase.expected === 'Allowed')
      .map((accessCase) => ({
        ...accessCase,
        request: { ...accessCase.request, secureTransport: false },
        expected: 'ExplicitlyDenied',
      }));
  }

  // -------------------------------------------------------------------------------------------
  // 5. Principals no request names get nothing, whatever their own account allows them.

  unnamedPrincipalCases(): AccessCase[] {
    const cases: AccessCase[] = [];
    for (const environment of this.intent.environments) {
      const partition = partitionOf(environment.region);
      const otherAccounts = new Set([...this.knownAccounts(), OUTSIDER_ACCOUNT]);
      otherAccounts.delete(environment.account);
      const strangers: {
        principal: string;
        identity: readonly NamedPolicy[];
        /** Whose namesake it is: then only the resources that name the original, and focused actions. */
        imitates?: string;
      }[] = [
        // Same account: its IAM policies could allow it anything; the resource policies must not.
        {
          principal: `arn:${partition}:iam::${environment.account}:role/eventbus-intruder`,
          identity: [],
        },
        ...[...otherAccounts].map((account) => ({
          principal: `arn:${partition}:iam::${account}:role/eventbus-intruder`,
          identity: [ALLOW_EVERYTHING],
        })),
        // Named principals' namesakes: another account, or another name in the same one.
        ...this.intent.principals.flatMap((principal) =>
          [replaceAccount(principal, OUTSIDER_ACCOUNT), `${principal}-canary`].map((stranger) => ({
            principal: stranger,
            identity: accountOfArn(stranger) === environment.account ? [] : [ALLOW_EVERYTHING],
            imitates: principal,
          })),
        ),
      ];
      for (const { principal, identity, imitates } of strangers) {
        const actions = (
          all: readonly string[],
          focus: readonly string[],
          names: (original: string) => boolean,
        ) => (imitates === undefined ? all : names(imitates) ? focus : []);
        for (const [topic, resource] of this.topicsWithPolicies(environment)) {
          for (const action of actions(SNS_TOPIC_ACTIONS, SNS_FOCUS_ACTIONS, (original) =>
            topic.publishers.has(original),
          )) {
            cases.push({
              subject: this.subject(topic.label, resource),
              request: this.request(principal, action, resource, identity),
              expected: 'Denied',
            });
          }
        }
        for (const [queue, resource] of this.queuesWithPolicies(environment)) {
          for (const action of actions(SQS_QUEUE_ACTIONS, SQS_FOCUS_ACTIONS, (original) =>
            queue.consumers.has(original),
          )) {
            cases.push({
              subject: this.subject(queue.label, resource),
              request: this.request(principal, action, resource, identity),
              expected: 'Denied',
            });
          }
        }
        for (const [key, resource] of this.keysWithPolicies(environment)) {
          for (const action of actions(KMS_KEY_ACTIONS, KMS_FOCUS_ACTIONS, (original) =>
            this.keyNames(key, original),
          )) {
            cases.push({
              subject: this.subject(key.label, resource),
              request: {
                ...this.keyRequest(principal, action, resource, identity),
                viaService: snsEndpoint(environment.region),
              },
              expected: 'Denied',
            });
          }
        }
      }
    }
    return cases;
  }

  // -------------------------------------------------------------------------------------------
  // 6. Cross-account principals need their own account's identity policy, and it grants no more.

  /** Cross-account principals with grants but no planned identity policy, or the reverse. */
  identityPolicyCoverage(): string[] {
    const problems: string[] = [];
    for (const environment of this.intent.environments) {
      for (const principal of this.crossAccountPrincipals(environment)) {
        const needed = this.hasGrants(environment, principal);
        const planned = this.intent.identityPolicy(environment, principal) !== undefined;
        if (needed && !planned)
          problems.push(
            `${environment.name}: ${principal} has grants here but no identity policy is planned for its account`,
          );
        if (!needed && planned)
          problems.push(
            `${environment.name}: an identity policy is planned for ${principal}, which has no grant here`,
          );
      }
    }
    return problems;
  }

  /**
   * For every cross-account principal: what its planned identity policy and the resource
   * policies allow together is denied by the resource policy alone; with an identity policy that
   * allows everything it gets no more than its grants; and its identity policy alone (against
   * resource policies that allow it everything) reaches only its grants, not other resources.
   */
  crossAccountCases(allowedWithIdentity: readonly AccessCase[]): AccessCase[] {
    const cases: AccessCase[] = [];
    for (const accessCase of allowedWithIdentity) {
      const { request } = accessCase;
      if (accessCase.expected !== 'Allowed' || request.identity.length === 0) continue;
      cases.push({ ...accessCase, request: { ...request, identity: [] }, expected: 'Denied' });
    }
    for (const environment of this.intent.environments) {
      for (const principal of this.crossAccountPrincipals(environment)) {
        cases.push(...this.boundedByResourcePolicies(environment, principal));
        const planned = this.intent.identityPolicy(environment, principal);
        if (planned)
          cases.push(
            ...this.boundedByIdentityPolicy(environment, principal, { name: 'planned', policy: planned }),
          );
      }
    }
    return cases;
  }

  private boundedByResourcePolicies(environment: Environment, principal: string): AccessCase[] {
    const cases: AccessCase[] = [];
    for (const [topic, resource] of this.topicsWithPolicies(environment)) {
      for (const action of this.topicActions(topic, principal)) {
        cases.push({
          subject: this.subject(topic.label, resource),
          request: this.request(principal, action, resource, [ALLOW_EVERYTHING]),
          expected: allowedIf(this.topicAllows(topic, principal, action)),
        });
      }
    }
    for (const [queue, resource] of this.queuesWithPolicies(environment)) {
      for (const action of this.queueActions(queue, principal)) {
        cases.push({
          subject: this.subject(queue.label, resource),
          request: this.request(principal, action, resource, [ALLOW_EVERYTHING]),
          expected: allowedIf(this.queueAllows(queue, principal, action)),
        });
      }
    }
    for (const [key, resource] of this.keysWithPolicies(environment)) {
      const viaService = snsEndpoint(environment.region);
      for (const action of this.keyActions(key, principal)) {
        cases.push({
          subject: this.subject(key.label, resource),
          request: { ...this.keyRequest(principal, action, resource, [ALLOW_EVERYTHING]), viaService },
          expected: allowedIf(this.keyAllows(key, principal, action, viaService)),
        });
      }
    }
    return cases;
  }

  private boundedByIdentityPolicy(
    environment: Environment,
    principal: string,
    identity: NamedPolicy,
  ): AccessCase[] {
    const cases: AccessCase[] = [];
    const open = (arn: string, account: string, service: string): PolicedResource => ({
      arn,
      account,
      policy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: principal }, Action: `${service}:*`, Resource: '*' },
        ],
      },
    });
    const partition = partitionOf(environment.region);
    const base = `${partition}:%s:${environment.region}:${environment.account}`;
    const foreign = (service: string, name: string): string => `arn:${base.replace('%s', service)}:${name}`;
    const subject = (label: string): string => `${label} (resource policy allowing ${principal} everything)`;
    for (const topic of this.intent.topics.filter((entry) => entry.environment.name === environment.name)) {
      for (const action of this.topicActions(topic, principal)) {
        cases.push({
          subject: subject(topic.label),
          request: this.request(principal, action, open(topic.arn, environment.account, 'sns'), [identity]),
          expected: allowedIf(this.topicAllows(topic, principal, action)),
        });
      }
    }
    for (const queue of this.intent.queues.filter((entry) => entry.environment.name === environment.name)) {
      for (const action of this.queueActions(queue, principal)) {
        cases.push({
          subject: subject(queue.label),
          request: this.request(principal, action, open(queue.arn, environment.account, 'sqs'), [identity]),
          expected: allowedIf(this.queueAllows(queue, principal, action)),
        });
      }
    }
    for (const [key, resource] of this.keysWithPolicies(environment)) {
      const viaService = snsEndpoint(environment.region);
      for (const action of this.keyActions(key, principal)) {
        cases.push({
          subject: subject(key.label),
          request: {
            ...this.keyRequest(
              principal,
              action,
              { ...resource, policy: open(resource.arn, environment.account, 'kms').policy },
              [identity],
            ),
            viaService,
          },
          expected: allowedIf(this.keyAllows(key, principal, action, viaService)),
        });
      }
    }
    // Resources of the same account that are not on the bus.
    const strangers: [string, readonly string[]][] = [
      [foreign('sns', 'not-on-the-bus'), SNS_FOCUS_ACTIONS],
      [foreign('sqs', 'not-on-the-bus'), SQS_FOCUS_ACTIONS],
    ];
    for (const [arn, actions] of strangers) {
      for (const action of actions) {
        cases.push({
          subject: subject(arn),
          request: this.request(
            principal,
            action,
            open(arn, environment.account, arn.split(':')[2] as string),
            [identity],
          ),
          expected: 'Denied',
        });
      }
    }
    const strangeKey = open(
      foreign('kms', 'key/00000000-0000-4000-8000-000000000000'),
      environment.account,
      'kms',
    );
    for (const action of KMS_FOCUS_ACTIONS) {
      cases.push({
        subject: subject(`${strangeKey.arn} (alias/not-on-the-bus)`),
        request: {
          ...this.request(principal, action, strangeKey, [identity]),
          resourceAliases: ['alias/not-on-the-bus'],
          viaService: snsEndpoint(environment.region),
        },
        expected: 'Denied',
      });
    }
    return cases;
  }

  // -------------------------------------------------------------------------------------------
  // 7. Keys: SNS for the subscribed topics, consumers decrypt, publishers encrypt through SNS.

  keyCases(): AccessCase[] {
    const cases: AccessCase[] = [];
    for (const [key, resource] of this.keysWithPolicies()) {
      const subject = this.subject(key.label, resource);
      const { region } = key.environment;
      const sns = snsEndpoint(region);
      const otherContexts = [undefined, `sqs.${region}.amazonaws.com`, snsEndpoint(otherRegion(region))];
      for (const principal of this.intent.principals) {
        const identity = this.plannedIdentity(key.environment, principal);
        const add = (action: string, viaService: string | undefined): void => {
          cases.push({
            subject,
            request: {
              ...this.keyRequest(principal, action, resource, identity),
              ...(viaService === undefined ? {} : { viaService }),
            },
            expected: allowedIf(this.keyAllows(key, principal, action, viaService)),
          });
        };
        const named = this.keyNames(key, principal);
        for (const action of this.keyActions(key, principal)) add(action, sns);
        for (const viaService of otherContexts)
          for (const action of named ? KMS_DATA_ACTIONS : KMS_ENVELOPE_ACTIONS) add(action, viaService);
      }
      const delivering = key.kind === 'queue' ? key.deliveringTopics : new Set<string>();
      const service = (action: string, sourceArn: string | undefined, expected: Expectation): void => {
        cases.push({
          subject,
          request: {
            ...this.keyRequest(SNS_PRINCIPAL, action, resource, []),
            ...(sourceArn === undefined ? {} : { sourceArn }),
          },
          expected,
        });
      };
      for (const topic of delivering) {
        for (const action of KMS_KEY_ACTIONS)
          service(action, topic, allowedIf(KMS_ENVELOPE_ACTIONS.has(action)));
      }
      const strangers = new Set([
        ...this.intent.topics.map((topic) => topic.arn),
        ...[...delivering].flatMap((topic) => this.lookalikeArns(topic)),
      ]);
      delivering.forEach((topic) => strangers.delete(topic));
      for (const source of [undefined, ...strangers])
        for (const action of KMS_DATA_ACTIONS) service(action, source, 'Denied');
      // The key stays manageable: the account's own IAM policies may administer it (account-root
      // delegation); nobody else's may (case 5).
      const administrator = `arn:${partitionOf(region)}:iam::${key.environment.account}:role/eventbus-key-administrator`;
      const kmsAdministration: NamedPolicy = {
        name: 'kms administration',
        policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] },
      };
      for (const action of ['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:DescribeKey']) {
        cases.push({
          subject,
          request: this.keyRequest(administrator, action, resource, [kmsAdministration]),
          expected: 'Allowed',
        });
        cases.push({
          subject,
          request: this.keyRequest(administrator, action, resource, []),
          expected: 'Denied',
        });
      }
    }
    return cases;
  }

  // -------------------------------------------------------------------------------------------
  // 8. Environments stay apart.

  /**
   * The allowed cases whose principal belongs to another environment's account: a role of the
   * dev account should reach nothing in prod, and the reverse, whatever the lists say.
   */
  environmentIsolationCases(allowed: readonly AccessCase[]): AccessCase[] {
    const environmentAccounts = new Set(this.intent.environments.map((environment) => environment.account));
    return allowed
      .filter(({ request, expected }) => {
        if (expected !== 'Allowed' || !request.principal.startsWith('arn:')) return false;
        const account = accountOfArn(request.principal);
        return account !== request.resource.account && environmentAccounts.has(account);
      })
      .map((accessCase) => ({ ...accessCase, expected: 'Denied', concern: 'environment-isolation' }));
  }

  // -------------------------------------------------------------------------------------------
  // What the requests say

  topicAllows(topic: TopicIntent, principal: string, action: string): boolean {
    return topic.publishers.has(principal) && PUBLISHER_ACTIONS.has(action);
  }

  queueAllows(queue: QueueIntent, principal: string, action: string): boolean {
    return queue.consumers.has(principal) && CONSUMER_ACTIONS.has(action);
  }

  /** For IAM principals; SNS's own use of queue keys is checked with its source ARN. */
  keyAllows(key: KeyIntent, principal: string, action: string, viaService: string | undefined): boolean {
    if (key.kind === 'topic') {
      return (
        key.publishers.has(principal) &&
        KMS_ENVELOPE_ACTIONS.has(action) &&
        viaService === snsEndpoint(key.environment.region)
      );
    }
    return (
      key.consumers.has(principal) &&
      KMS_CONSUMER_ACTIONS.has(action) &&
      viaService === `sqs.${key.environment.region}.amazonaws.com`
    );
  }

  /** Whether the key's requests name the principal (as a publisher or consumer of what it encrypts). */
  keyNames(key: KeyIntent, principal: string): boolean {
    return key.kind === 'topic' ? key.publishers.has(principal) : key.consumers.has(principal);
  }

  /** Every action for the principals a resource's requests name, the focused set for the others. */
  private topicActions(topic: TopicIntent, principal: string): readonly string[] {
    return topic.publishers.has(principal) ? SNS_TOPIC_ACTIONS : SNS_FOCUS_ACTIONS;
  }

  private queueActions(queue: QueueIntent, principal: string): readonly string[] {
    return queue.consumers.has(principal) ? SQS_QUEUE_ACTIONS : SQS_FOCUS_ACTIONS;
  }

  private keyActions(key: KeyIntent, principal: string): readonly string[] {
    return this.keyNames(key, principal) ? KMS_KEY_ACTIONS : KMS_FOCUS_ACTIONS;
  }

  private hasGrants(environment: Environment, principal: string): boolean {
    const inEnvironment = <T extends { environment: Environment }>(entry: T): boolean =>
      entry.environment.name === environment.name;
    return (
      this.intent.topics.filter(inEnvironment).some((topic) => topic.publishers.has(principal)) ||
      this.intent.queues.filter(inEnvironment).some((queue) => queue.consumers.has(principal))
    );
  }

  // -------------------------------------------------------------------------------------------
  // Helpers

  /** The identity side a principal really has: none in its own account, the planned one elsewhere. */
  plannedIdentity(environment: Environment, principal: string): NamedPolicy[] {
    if (accountOfArn(principal) === environment.account) return [];
    const planned = this.intent.identityPolicy(environment, principal);
    return planned ? [{ name: 'planned', policy: planned }] : [];
  }

  private crossAccountPrincipals(environment: Environment): string[] {
    return this.intent.principals.filter((principal) => accountOfArn(principal) !== environment.account);
  }

  private knownAccounts(): Set<string> {
    return new Set([
      ...this.intent.environments.map((environment) => environment.account),
      ...this.intent.principals.map(accountOfArn),
    ]);
  }

  /** The same topic name where it is not the subscribed topic: other accounts, another region, a longer name. */
  private lookalikeArns(arn: string): string[] {
    const [prefix, partition, service, region, account, name] = arn.split(':') as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const accounts = [...this.knownAccounts(), OUTSIDER_ACCOUNT].filter((other) => other !== account);
    return [
      ...accounts.map((other) => [prefix, partition, service, region, other, name].join(':')),
      [prefix, partition, service, otherRegion(region), account, name].join(':'),
      [prefix, partition, service, region, account, name.replace(/(\.fifo)?$/, '-copy$1')].join(':'),
    ];
  }

  private request(
    principal: string,
    action: string,
    resource: PolicedResource,
    identity: readonly NamedPolicy[],
  ): AccessRequest {
    return { principal, action, resource, identity, secureTransport: true };
  }

  private keyRequest(
    principal: string,
    action: string,
    resource: RenderedKey | (PolicedResource & { aliases: readonly string[] }),
    identity: readonly NamedPolicy[],
  ): AccessRequest {
    return { ...this.request(principal, action, resource, identity), resourceAliases: resource.aliases };
  }

  private subject(label: string, resource: { where?: string }): string {
    return `${this.rendered.backend} ${label}${resource.where === undefined ? '' : ` (${resource.where})`}`;
  }

  topicsWithPolicies(environment?: Environment): [TopicIntent, RenderedPolicy][] {
    return this.intent.topics
      .filter((topic) => environment === undefined || topic.environment.name === environment.name)
      .flatMap((topic) =>
        this.rendered.topics
          .filter((policy) => policy.arn === topic.arn)
          .map((policy): [TopicIntent, RenderedPolicy] => [topic, policy]),
      );
  }

  queuesWithPolicies(environment?: Environment): [QueueIntent, RenderedPolicy][] {
    return this.intent.queues
      .filter((queue) => environment === undefined || queue.environment.name === environment.name)
      .flatMap((queue) =>
        this.rendered.queues
          .filter((policy) => policy.arn === queue.arn)
          .map((policy): [QueueIntent, RenderedPolicy] => [queue, policy]),
      );
  }

  keysWithPolicies(environment?: Environment): [KeyIntent, RenderedKey][] {
    return this.intent.keys
      .filter((key) => environment === undefined || key.environment.name === environment.name)
      .flatMap((key) =>
        this.rendered.keys
          .filter((rendered) => sameSet(rendered.encrypts, key.encrypts))
          .map((rendered): [KeyIntent, RenderedKey] => [key, rendered]),
      );
  }
}

function sameSet(list: readonly string[], set: ReadonlySet<string>): boolean {
  return list.length === set.size && list.every((entry) => set.has(entry));
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function replaceAccount(arn: string, account: string): string {
  const parts = arn.split(':');
  parts[4] = account;
  return parts.join(':');
}
