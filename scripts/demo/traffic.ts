import { PublishCommand, SNSClient, type MessageAttributeValue } from '@aws-sdk/client-sns';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

export interface LocalAwsClients {
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
}

/** Clients for the local AWS, acting in `account` (LocalStack takes it from the access key). */
export function clientsFor(endpoint: string, region: string, account: string): LocalAwsClients {
  const settings = { endpoint, region, credentials: { accessKeyId: account, secretAccessKey: 'test' } };
  return { sns: new SNSClient(settings), sqs: new SQSClient(settings) };
}

export interface SampleEvent {
  readonly topicArn: string;
  readonly fifo: boolean;
  readonly attributes: Readonly<Record<string, string>>;
  readonly body: string;
}

export async function publish({ sns }: LocalAwsClients, event: SampleEvent): Promise<void> {
  const attributes: Record<string, MessageAttributeValue> = Object.fromEntries(
    Object.entries(event.attributes).map(([name, value]) => [
      name,
      { DataType: 'String', StringValue: value },
    ]),
  );
  await sns.send(
    new PublishCommand({
      TopicArn: event.topicArn,
      Message: event.body,
      MessageAttributes: attributes,
      ...(event.fifo ? { MessageGroupId: 'demo', MessageDeduplicationId: `demo-${Date.now()}` } : {}),
    }),
  );
}

/** Long-polls a queue until it stays empty, deleting what it reads; returns the bodies. */
export async function drain({ sqs }: LocalAwsClients, queueUrl: string, waitSeconds = 2): Promise<string[]> {
  const bodies: string[] = [];
  for (let empty = 0; empty < 2;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: waitSeconds,
      }),
    );
    if (Messages.length === 0) empty += 1;
    for (const message of Messages) {
      bodies.push(message.Body ?? '');
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    }
  }
  return bodies;
}
