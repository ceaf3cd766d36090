import { compareStrings } from '../diagnostics';
import { GRANTS } from './grants';
import { accountOfArn, kmsKeysArn } from './naming';
import { KMS_ENCRYPT_DECRYPT, type IdentityPolicyStatement, type PolicyDocument } from './policies';
import type { EncryptionPlan, StackPlan } from './plan';
import type { Environment } from './types';

/**
 * What a principal in another account must attach to itself. Cross-account access needs both
 * sides: the resource policy here names the principal, and the principal's own account allows
 * the same actions in an identity policy (IAM User Guide, "Cross-account policy evaluation logic").
 */
export interface IdentityPolicyPlan {
  readonly environment: Environment;
  /** The principal's account, which is not the environment's. */
  readonly account: string;
  readonly principal: string;
  readonly document: PolicyDocument<IdentityPolicyStatement>;
}

interface Grants {
  readonly environment: Environment;
  readonly account: string;
  readonly principal: string;
  readonly publish: Set<string>;
  readonly consume: Set<string>;
  /** Aliases of topic keys to encrypt with, and of queue keys to decrypt with. */
  readonly encryptWith: Set<string>;
  readonly decryptWith: Set<string>;
}

/** One identity policy per cross-account principal and environment, from the planned stacks. */
export function planIdentityPolicies(plans: readonly StackPlan[]): IdentityPolicyPlan[] {
  const grants = new Map<string, Grants>();
  const grantsOf = (environment: Environment, principal: string): Grants | undefined => {
    const account = accountOfArn(principal);
    if (account === undefined || account === environment.account) return undefined;
    const key = `${environment.name}|${principal}`;
    const existing = grants.get(key);
    if (existing) return existing;
    const created: Grants = {
      environment,
      account,
      principal,
      publish: new Set(),
      consume: new Set(),
      encryptWith: new Set(),
      decryptWith: new Set(),
    };
    grants.set(key, created);
    return created;
  };
  for (const plan of plans) {
    for (const topic of plan.topics) {
      for (const publisher of topic.publishers) {
        const grant = grantsOf(plan.environment, publisher);
        grant?.publish.add(topic.arn);
        const alias = customerKeyAlias(topic.encryption);
        if (alias) grant?.encryptWith.add(alias);
      }
    }
    for (const queue of plan.queues) {
      // Consumers may read the queue and the queues that keep its failures.
      const arns = [
        queue.arn,
        ...(queue.deadLetter ? [queue.deadLetter.arn] : []),
        ...queue.deliveryDeadLetters.map((dlq) => dlq.arn),
      ];
      for (const consumer of queue.consumers) {
        const grant = grantsOf(plan.environment, consumer);
        for (const arn of arns) grant?.consume.add(arn);
        const alias = customerKeyAlias(queue.encryption);
        if (alias) grant?.decryptWith.add(alias);
      }
    }
  }
  return [...grants.values()]
    .sort(
      (a, b) =>
        compareStrings(a.environment.name, b.environment.name) || compareStrings(a.principal, b.principal),
    )
    .map((grant) => ({
      environment: grant.environment,
      account: grant.account,
      principal: grant.principal,
      document: { Version: '2012-10-17', Statement: statementsOf(grant) },
    }));
}

function statementsOf(grant: Grants): IdentityPolicyStatement[] {
  const statements: IdentityPolicyStatement[] = [];
  if (grant.publish.size > 0) {
    statements.push({
      Sid: 'PublishToEventBusTopics',
      Effect: 'Allow',
      Action: [...GRANTS.publisher],
      Resource: sorted(grant.publish),
    });
  }
  if (grant.consume.size > 0) {
    statements.push({
      Sid: 'ConsumeFromEventBusQueues',
      Effect: 'Allow',
      Action: [...GRANTS.consumer],
      Resource: sorted(grant.consume),
    });
  }
  // Key ARNs are known only once the keys exist, so keys are named by alias
  // (AWS KMS developer guide, "Use aliases to control access to KMS keys").
  if (grant.encryptWith.size > 0) {
    statements.push({
      Sid: 'EncryptForEventBusTopics',
      Effect: 'Allow',
      Action: [...KMS_ENCRYPT_DECRYPT],
      Resource: kmsKeysArn(grant.environment),
      Condition: {
        'ForAnyValue:StringEquals': { 'kms:ResourceAliases': sorted(grant.encryptWith) },
        StringEquals: { 'kms:ViaService': `sns.${grant.environment.region}.amazonaws.com` },
      },
    });
  }
  if (grant.decryptWith.size > 0) {
    statements.push({
      Sid: 'DecryptEventBusQueues',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: kmsKeysArn(grant.environment),
      Condition: {
        'ForAnyValue:StringEquals': { 'kms:ResourceAliases': sorted(grant.decryptWith) },
        StringEquals: { 'kms:ViaService': `sqs.${grant.environment.region}.amazonaws.com` },
      },
    });
  }
  return statements;
}

function customerKeyAlias(encryption: EncryptionPlan): string | undefined {
  return encryption.kind === 'kms' ? encryption.key.alias : undefined;
}

function sorted(values: Set<string>): string[] {
  return [...values].sort(compareStrings);
}
