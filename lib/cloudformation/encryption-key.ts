import { Lazy, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { EncryptionPlan, KeyPlan } from '../model';
import { CloudFormationPlanError } from './errors';
import { assignLogicalId } from './logical-id';

export interface EncryptionKeyProps {
  /**
   * The key's alias, description and policy; read again when the stack is synthesized, so that
   * grants made after the key was created are in its policy.
   */
  readonly plan: () => KeyPlan;
  /** Logical id of the key; the alias takes `<logicalId>Alias`. */
  readonly logicalId: string;
  /**
   * Keep the key when it leaves the template. A queue's key must outlive the queue, which is
   * retained with its messages: without the key they could never be read again.
   * @default false
   */
  readonly retain?: boolean;
}

/**
 * A customer-managed key with rotation and the plan's key policy, found by its alias. The L1
 * renders the policy as written; kms.Key would add its own default statements to it.
 */
export class EncryptionKey extends Construct {
  readonly key: kms.CfnKey;

  constructor(scope: Construct, id: string, { plan, logicalId, retain = false }: EncryptionKeyProps) {
    super(scope, id);
    const { alias, description } = plan();
    this.key = new kms.CfnKey(this, 'Key', {
      description,
      enableKeyRotation: true,
      // The longest wait KMS allows: a key deleted by mistake can be recovered for 30 days.
      pendingWindowInDays: 30,
      keyPolicy: Lazy.any({ produce: () => plan().policy }),
    });
    assignLogicalId(this.key, logicalId);
    if (retain) this.key.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const keyAlias = new kms.CfnAlias(this, 'Alias', { aliasName: alias, targetKeyId: this.key.ref });
    assignLogicalId(keyAlias, `${logicalId}Alias`);
  }
}

/**
 * The key a topic or queue asks for, as a child `EncryptionKey` of `scope`; `encryption` is read
 * again when the stack is synthesized, for the key's policy.
 */
export function createKey(
  scope: Construct,
  encryption: () => EncryptionPlan,
  logicalId: string,
): EncryptionKey | undefined {
  if (encryption().kind !== 'kms') return undefined;
  return new EncryptionKey(scope, 'EncryptionKey', {
    plan: () => {
      const planned = encryption();
      if (planned.kind !== 'kms')
        throw new CloudFormationPlanError(`a key was created for ${planned.kind} encryption`);
      return planned.key;
    },
    logicalId,
    // Kept like the topic or queue: a queue's messages can never be read again without its key.
    retain: true,
  });
}

/** The encryption properties a topic or queue renders. SQS rejects SSE-SQS and a KMS key together. */
export interface EncryptionProperties {
  readonly kmsMasterKeyId?: string;
  readonly sqsManagedSseEnabled?: boolean;
}

/**
 * What the plan says, written on the resource: SSE-SQS spelled out so reviewers and scanners see
 * it, an AWS-managed key by its alias, or the resource's own key by its ARN.
 */
export function encryptionProperties(
  plan: EncryptionPlan,
  key: EncryptionKey | undefined,
): EncryptionProperties {
  switch (plan.kind) {
    case 'none':
      return {};
    case 'sqs-managed':
      return { sqsManagedSseEnabled: true };
    case 'aws-managed':
      return { kmsMasterKeyId: plan.keyAlias };
    case 'kms':
      if (!key) throw new CloudFormationPlanError(`the key ${plan.key.alias} was planned but not created`);
      return { kmsMasterKeyId: key.key.attrArn };
  }
}
