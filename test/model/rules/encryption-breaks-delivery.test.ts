import { describe, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';
import { ORDERS } from '../../support/workspace';

const queue = (encryption: string, subscribed: boolean): Record<string, string> => ({
  'orders.yaml': ORDERS,
  'shipping.yaml': `team: shipping\nowner: s@example.com\nqueues:\n  shipments:\n    encryption: ${encryption}\n${subscribed ? '    subscriptions:\n      - topic: orders/order-events\n' : ''}`,
});

const topic = (encryption: string, account: string): Record<string, string> => ({
  'orders.yaml': `team: orders\nowner: o@example.com\nenvironments: [dev]\ntopics:\n  events:\n    encryption: ${encryption}\n    publishers: [arn:aws:iam::${account}:role/api]\n`,
});

describe('encryption-breaks-delivery', () => {
  it('reports an SNS-fed queue on alias/aws/sqs', () => {
    expectOnly(
      'encryption-breaks-delivery',
      { file: 'requests/shipping.yaml', line: 5 },
      queue('aws-managed', true),
    );
  });

  it('reports a topic on alias/aws/sns with a publisher in another account', () => {
    expectOnly(
      'encryption-breaks-delivery',
      { file: 'requests/orders.yaml', line: 6 },
      topic('aws-managed', '222222222222'),
    );
  });

  it('accepts customer-managed keys, and AWS-managed keys where they work', () => {
    expectClean('encryption-breaks-delivery', queue('kms', true));
    expectClean('encryption-breaks-delivery', queue('aws-managed', false));
    expectClean('encryption-breaks-delivery', topic('aws-managed', '111111111111'));
    expectClean('encryption-breaks-delivery', topic('kms', '222222222222'));
  });
});
