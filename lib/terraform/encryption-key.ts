import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import type { EncryptionPlan, KeyPlan } from '../model';
import { escapeTags, templateSafeJson } from './escape';

export interface EncryptionKeyProps {
  /**
   * The key's alias, description and policy; read when the stack is synthesized, so that grants
   * made after the key was created are in its policy.
   */
  readonly plan: () => KeyPlan;
  /** Terraform name of the key; the alias takes `<name>_alias`. */
  readonly address: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Refuse to destroy the key, as its queues are: their messages cannot be read without it. @default false */
  readonly preventDestroy?: boolean;
}

/** A customer-managed key with rotation and an explicit key policy, found by its alias. */
export class EncryptionKey extends Construct {
  readonly key: KmsKey;

  constructor(
    scope: Construct,
    id: string,
    { plan, address, tags, preventDestroy = false }: EncryptionKeyProps,
  ) {
    super(scope, id);
    const { alias, description } = plan();
    this.key = new KmsKey(this, 'key', {
      description,
      enableKeyRotation: true,
      // The longest wait KMS allows: a key deleted by mistake can be recovered for 30 days.
      deletionWindowInDays: 30,
      policy: Lazy.stringValue({ produce: () => templateSafeJson(plan().policy) }),
      tags: escapeTags(tags),
      ...(preventDestroy ? { lifecycle: { preventDestroy: true } } : {}),
    });
    this.key.overrideLogicalId(address);
    const keyAlias = new KmsAlias(this, 'alias', { name: alias, targetKeyId: this.key.keyId });
    keyAlias.overrideLogicalId(`${address}_alias`);
  }
}

/**
 * The encryption attributes of a topic or queue, creating the resource's own key (as a child
 * `key` of `scope`) when it asks for a customer-managed one. `encryption` is read again when
 * the stack is synthesized, for the key's policy.
 */
export function encryptAtRest(
  scope: Construct,
  encryption: () => EncryptionPlan,
  key: Omit<EncryptionKeyProps, 'plan'>,
): ReturnType<typeof encryptionAttributes> {
  const kind = encryption().kind;
  const created =
    kind === 'kms'
      ? new EncryptionKey(scope, 'key', { ...key, plan: () => keyPlanOf(encryption()) })
      : undefined;
  return encryptionAttributes(encryption(), created);
}

function keyPlanOf(encryption: EncryptionPlan): KeyPlan {
  if (encryption.kind !== 'kms') throw new Error(`a key was created for ${encryption.kind} encryption`);
  return encryption.key;
}

/**
 * The encryption attributes of an SNS topic or SQS queue. SQS rejects SSE-SQS and a KMS key
 * together, so exactly one is written.
 */
function encryptionAttributes(
  plan: EncryptionPlan,
  key: EncryptionKey | undefined,
): { kmsMasterKeyId?: string; sqsManagedSseEnabled?: boolean } {
  switch (plan.kind) {
    case 'none':
      return {};
    case 'sqs-managed':
      // Written out, not left to the AWS default, so that reviewers and scanners see it.
      return { sqsManagedSseEnabled: true };
    case 'aws-managed':
      return { kmsMasterKeyId: plan.keyAlias };
    case 'kms':
      return { kmsMasterKeyId: (key as EncryptionKey).key.arn };
  }
}
