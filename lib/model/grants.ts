/**
 * What each role may do, as data both backends render. Kept to the least that each role needs
 * (see the SNS and SQS API permission references).
 */
export const GRANTS = {
  /** sns:Publish also authorizes PublishBatch. */
  publisher: ['sns:Publish'],
  /** Receiving and deleting, batch variants included; never purge, delete or reconfigure. */
  consumer: [
    'sqs:ChangeMessageVisibility',
    'sqs:DeleteMessage',
    'sqs:GetQueueAttributes',
    'sqs:GetQueueUrl',
    'sqs:ReceiveMessage',
  ],
  /** What the SNS service principal needs to deliver to a subscribed queue. */
  snsDelivery: ['sqs:SendMessage'],
} as const;

export const SNS_SERVICE_PRINCIPAL = 'sns.amazonaws.com';
