import { GRANTS, SNS_SERVICE_PRINCIPAL } from './grants';
import { accountOfArn } from './naming';

/**
 * Resource policies as IAM's own JSON grammar, built from fixed action sets: request files
 * supply only principal and resource identifiers that have passed strict patterns.
 */
export interface PolicyDocument<Statement = PolicyStatement> {
  readonly Version: '2012-10-17';
  readonly Statement: readonly Statement[];
}

export type PolicyPrincipal =
  '*' | { readonly AWS: string | readonly string[] } | { readonly Service: string };

/** A statement of an identity policy: it applies to the principal it is attached to. */
export interface IdentityPolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** A statement of a resource policy: it names its principals. */
export interface PolicyStatement extends IdentityPolicyStatement {
  readonly Principal: PolicyPrincipal;
}

const INSECURE_TRANSPORT = { Bool: { 'aws:SecureTransport': 'false' } } as const;

/**
 * Topic policy: TLS only, then publishers. The deny names `sns:Publish` and principal "*"
 * exactly, the form AWS's security guidance (and cdk-nag's SNS3) checks for.
 */
export function topicPolicy(topicArn: string, publishers: readonly string[]): PolicyDocument {
  const statements: PolicyStatement[] = [
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 'sns:Publish',
      Resource: topicArn,
      Condition: INSECURE_TRANSPORT,
    },
  ];
  if (publishers.length > 0) {
    statements.push({
      Sid: 'AllowPublishers',
      Effect: 'Allow',
      Principal: { AWS: principalList(publishers) },
      Action: single(GRANTS.publisher),
      Resource: topicArn,
      // Repeats what the principals already say, in the caller-condition form scanners look for
      // on topic policies (checkov CKV_AWS_385).
      Condition: { StringEquals: { 'aws:PrincipalAccount': principalList(accountsOf(publishers)) } },
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * Queue policy: TLS only (first, where checkers look), then SNS delivery from the subscribed
 * topics only, then consumers. SNS is limited by aws:SourceArn so no other topic, in this or any
 * account, can use the service principal to write to the queue (confused-deputy protection,
 * SNS developer guide "Subscribing an Amazon SQS queue to an Amazon SNS topic").
 */
export function queuePolicy(
  queueArn: string,
  deliveringTopicArns: readonly string[],
  consumers: readonly string[],
): PolicyDocument {
  const statements: PolicyStatement[] = [
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'sqs:*',
      Resource: queueArn,
      Condition: INSECURE_TRANSPORT,
    },
  ];
  if (deliveringTopicArns.length > 0) {
    statements.push({
      Sid: 'AllowSnsDeliveryFromSubscribedTopics',
      Effect: 'Allow',
      Principal: { Service: SNS_SERVICE_PRINCIPAL },
      Action: single(GRANTS.snsDelivery),
      Resource: queueArn,
      Condition: { ArnEquals: { 'aws:SourceArn': principalList(deliveringTopicArns) } },
    });
  }
  if (consumers.length > 0) {
    statements.push({
      Sid: 'AllowConsumers',
      Effect: 'Allow',
      Principal: { AWS: principalList(consumers) },
      Action: [...GRANTS.consumer],
      Resource: queueArn,
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}

function accountsOf(principals: readonly string[]): string[] {
  return [...new Set(principals.map((principal) => accountOfArn(principal) ?? ''))];
}

/** One value stays a string: the form AWS itself returns, and what reviewers expect to read. */
function principalList(values: readonly string[]): string | readonly string[] {
  return values.length === 1 ? (values[0] as string) : [...values].sort();
}

function single(actions: readonly string[]): string | readonly string[] {
  return actions.length === 1 ? (actions[0] as string) : [...actions];
}

/**
 * KMS actions SNS and publishers need to encrypt and decrypt messages (SNS developer guide,
 * "Encryption at rest"). Named exactly: `kms:GenerateDataKey*` would also grant key pairs.
 */
export const KMS_ENCRYPT_DECRYPT = ['kms:Decrypt', 'kms:GenerateDataKey'] as const;

/** Every use of a key over plain HTTP is refused, as on topics and queues. */
const KEY_INSECURE_TRANSPORT_DENY: PolicyStatement = {
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 'kms:*',
  Resource: '*',
  Condition: INSECURE_TRANSPORT,
};

/**
 * Every key keeps the account's own administration: without it no one could ever change or
 * delete the key (AWS KMS developer guide, "Default key policy").
 */
function accountAdministration(accountRootArn: string): PolicyStatement {
  return {
    Sid: 'AllowAccountAdministration',
    Effect: 'Allow',
    Principal: { AWS: accountRootArn },
    Action: 'kms:*',
    Resource: '*',
  };
}

/**
 * A topic's key: publishers encrypt through SNS only (kms:ViaService), never with direct KMS
 * calls of their own.
 */
export function topicKeyPolicy(
  accountRootArn: string,
  region: string,
  publishers: readonly string[],
): PolicyDocument {
  const statements: PolicyStatement[] = [KEY_INSECURE_TRANSPORT_DENY, accountAdministration(accountRootArn)];
  if (publishers.length > 0) {
    statements.push({
      Sid: 'AllowPublishersThroughSns',
      Effect: 'Allow',
      Principal: { AWS: principalList(publishers) },
      Action: [...KMS_ENCRYPT_DECRYPT],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': `sns.${region}.amazonaws.com` } },
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * A queue's key, shared by the queue and its dead-letter queues: SNS may encrypt for the
 * subscribed topics only (aws:SourceArn), consumers may decrypt through SQS.
 */
export function queueKeyPolicy(
  accountRootArn: string,
  region: string,
  deliveringTopicArns: readonly string[],
  consumers: readonly string[],
): PolicyDocument {
  const statements: PolicyStatement[] = [KEY_INSECURE_TRANSPORT_DENY, accountAdministration(accountRootArn)];
  if (deliveringTopicArns.length > 0) {
    statements.push({
      Sid: 'AllowSnsDeliveryFromSubscribedTopics',
      Effect: 'Allow',
      Principal: { Service: SNS_SERVICE_PRINCIPAL },
      Action: [...KMS_ENCRYPT_DECRYPT],
      Resource: '*',
      Condition: { ArnEquals: { 'aws:SourceArn': principalList(deliveringTopicArns) } },
    });
  }
  if (consumers.length > 0) {
    statements.push({
      Sid: 'AllowConsumersToDecrypt',
      Effect: 'Allow',
      Principal: { AWS: principalList(consumers) },
      Action: 'kms:Decrypt',
      Resource: '*',
      // Only as SQS hands them messages, never by calling KMS directly.
      Condition: { StringEquals: { 'kms:ViaService': `sqs.${region}.amazonaws.com` } },
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}
