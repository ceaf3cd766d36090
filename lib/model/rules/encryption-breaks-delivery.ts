import { formatKey } from '../keys';
import type { Rule } from './rule';
import { at } from './rule';
import { PRINCIPAL_ARN } from './principals';

/**
 * AWS-managed keys have key policies no one can edit. SNS cannot use alias/aws/sqs, so it can
 * never deliver to a queue encrypted with it; principals of other accounts cannot use
 * alias/aws/sns, so they can never publish to a topic encrypted with it (Amazon SNS Developer
 * Guide, "Configuring AWS KMS permissions"; Amazon SQS Developer Guide, "Key management").
 */
export const encryptionBreaksDelivery: Rule = {
  code: 'encryption-breaks-delivery',
  severity: 'error',
  summary:
    'Queues SNS delivers to are not on the AWS-managed alias/aws/sqs key; topics with publishers in other accounts are not on alias/aws/sns.',
  source: 'Amazon SNS Developer Guide, "Configuring AWS KMS permissions"',
  *check({ model }) {
    for (const team of model.teams) {
      for (const queue of team.queues) {
        if (queue.encryption !== 'aws-managed' || queue.subscriptions.length === 0) continue;
        yield {
          ...at(queue.origin, ['encryption']),
          message: `queue "${formatKey(queue.key)}" is encrypted with the AWS-managed alias/aws/sqs key, whose policy cannot let SNS deliver its subscriptions`,
          hint: 'use "encryption: kms" (a key made for this queue) or the default sqs-managed encryption',
        };
      }
      for (const topic of team.topics) {
        if (topic.encryption !== 'aws-managed') continue;
        const outsider = topic.publishers.find((publisher) => {
          const account = PRINCIPAL_ARN.exec(publisher)?.[2];
          return (
            account !== undefined &&
            !topic.environments.every(
              (name) =>
                model.platform.environments.find((environment) => environment.name === name)?.account ===
                account,
            )
          );
        });
        if (!outsider) continue;
        yield {
          ...at(topic.origin, ['encryption']),
          message: `topic "${formatKey(topic.key)}" is encrypted with the AWS-managed alias/aws/sns key, which publisher "${outsider}" of another account cannot use`,
          hint: 'use "encryption: kms" (a key made for this topic, which names its publishers)',
        };
      }
    }
  },
};
