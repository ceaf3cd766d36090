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
  /**
   * The managed policies to attach, in order: usually one, more when one would pass IAM's
   * size limit. Together they allow exactly what the resource policies grant the principal.
   */
  readonly documents: readonly PolicyDocument<IdentityPolicyStatement>[];
}

/**
 * IAM allows 6,144 characters in a managed policy, white space not counted (IAM User Guide,
 * "IAM and AWS STS quotas"); the documents here are measured as compact JSON.
 */
export const MANAGED_POLICY_MAX_CHARACTERS = 6144;

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
      documents: splitIntoDocuments(statementsOf(grant), MANAGED_POLICY_MAX_CHARACTERS),
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

/**
 * Statements packed into as few documents as fit the limit, in order. A statement too large for
 * one document is first cut into statements over parts of its list (its resources, or the key
 * aliases of its condition), numbered after its Sid; a part holds at least one entry.
 */
export function splitIntoDocuments(
  statements: readonly IdentityPolicyStatement[],
  limit: number,
): PolicyDocument<IdentityPolicyStatement>[] {
  const documentOf = (
    statement: readonly IdentityPolicyStatement[],
  ): PolicyDocument<IdentityPolicyStatement> => ({
    Version: '2012-10-17',
    Statement: statement,
  });
  const fits = (candidate: readonly IdentityPolicyStatement[]): boolean =>
    JSON.stringify(documentOf(candidate)).length <= limit;
  const documents: IdentityPolicyStatement[][] = [];
  for (const statement of statements.flatMap((whole) => (fits([whole]) ? [whole] : cut(whole, fits)))) {
    const current = documents.at(-1);
    if (current && fits([...current, statement])) current.push(statement);
    else documents.push([statement]);
  }
  return documents.map(documentOf);
}

function cut(
  statement: IdentityPolicyStatement,
  fits: (candidate: readonly IdentityPolicyStatement[]) => boolean,
): IdentityPolicyStatement[] {
  const aliases = statement.Condition?.['ForAnyValue:StringEquals']?.['kms:ResourceAliases'];
  const list = Array.isArray(statement.Resource) ? statement.Resource : Array.isArray(aliases) ? aliases : [];
  const withPart = (part: readonly string[], index: number): IdentityPolicyStatement => {
    const Sid = `${statement.Sid}${index + 1}`;
    if (list === statement.Resource) return { ...statement, Sid, Resource: part };
    const condition = statement.Condition ?? {};
    return {
      ...statement,
      Sid,
      Condition: {
        ...condition,
        'ForAnyValue:StringEquals': { ...condition['ForAnyValue:StringEquals'], 'kms:ResourceAliases': part },
      },
    };
  };
  const parts: string[][] = [];
  for (const entry of list as readonly string[]) {
    const current = parts.at(-1);
    if (current && fits([withPart([...current, entry], parts.length - 1)])) current.push(entry);
    else parts.push([entry]);
  }
  return parts.map(withPart);
}

function customerKeyAlias(encryption: EncryptionPlan): string | undefined {
  return encryption.kind === 'kms' ? encryption.key.alias : undefined;
}

function sorted(values: Set<string>): string[] {
  return [...values].sort(compareStrings);
}
