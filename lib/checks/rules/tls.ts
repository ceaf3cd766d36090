import { policySources, type Policy, type PolicyKind, type Statement } from '../policy';
import {
  isRecord,
  resolveResource,
  resourcesOfType,
  type TerraformResource,
  type TerraformStack,
} from '../stack';

/**
 * The TLS deny exactly as AWS's security guidance writes it. Shared by EB-SNS-TLS and
 * EB-SQS-TLS; exactness is the point (cdk-nag's SNS3 rejects `sns:*`, SQS4 rejects a list), so
 * a renderer change that drifts from it is reviewed, not silently accepted.
 */
export interface TlsDeny {
  readonly principal: '*' | { readonly AWS: '*' };
  readonly action: string;
}

export function isTlsDeny(
  policy: Policy,
  statement: Statement,
  deny: TlsDeny,
  stack: TerraformStack,
): boolean {
  const { raw } = statement;
  return (
    statement.effect === 'Deny' &&
    samePrincipal(raw['Principal'], deny.principal) &&
    raw['Action'] === deny.action &&
    onlyInsecureTransport(raw['Condition']) &&
    coversOwner(raw['Resource'], policy, stack)
  );
}

function samePrincipal(value: unknown, expected: TlsDeny['principal']): boolean {
  if (expected === '*') return value === '*';
  return isRecord(value) && Object.keys(value).length === 1 && value['AWS'] === '*';
}

/** `{ Bool: { "aws:SecureTransport": "false" } }` and nothing else: any other key would narrow the deny. */
function onlyInsecureTransport(condition: unknown): boolean {
  if (!isRecord(condition) || Object.keys(condition).length !== 1) return false;
  const bool = condition['Bool'];
  if (!isRecord(bool) || Object.keys(bool).length !== 1) return false;
  const value = bool['aws:SecureTransport'];
  return value === 'false' || (Array.isArray(value) && value.length === 1 && value[0] === 'false');
}

const OWNER_TYPE: Readonly<Record<PolicyKind, string>> = {
  topic: 'aws_sns_topic',
  queue: 'aws_sqs_queue',
  key: 'aws_kms_key',
};

/** The deny must name the resource the policy is attached to (or `*`), or it protects nothing. */
function coversOwner(resource: unknown, policy: Policy, stack: TerraformStack): boolean {
  const owner: TerraformResource | undefined = policy.source.owner;
  const values: unknown[] = Array.isArray(resource) ? resource : [resource];
  if (values.includes('*')) return true;
  if (owner === undefined) return values.some((value) => typeof value === 'string' && value !== '');
  return values.some((value) => resolveResource(stack, OWNER_TYPE[policy.source.kind], value) === owner);
}

/**
 * Topics or queues with no policy at all, readable or not: they keep AWS's default policy, which
 * has no TLS deny. (An unreadable policy is EB-IAM-POLICY-READABLE's finding.)
 */
export function withoutPolicy(stack: TerraformStack, kind: PolicyKind): TerraformResource[] {
  const owners = new Set(
    policySources(stack)
      .filter((source) => source.kind === kind)
      .map((source) => source.owner),
  );
  return resourcesOfType(stack, OWNER_TYPE[kind]).filter((resource) => !owners.has(resource));
}
