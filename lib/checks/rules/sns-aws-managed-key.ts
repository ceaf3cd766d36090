import { readablePolicies } from '../policy';
import { resourcesOfType, stringAttribute } from '../stack';
import type { CheckRule } from '../types';

const AWS_MANAGED_SNS_KEY = 'alias/aws/sns';

/**
 * The AWS managed key `alias/aws/sns` cannot be shared: its key policy is fixed to the account,
 * so publishers in other accounts and AWS services publishing to the topic are denied (SNS
 * Developer Guide, "Key management"; the reference's "Encryption" section). Passes while topics
 * are unencrypted.
 */
export const snsAwsManagedKey: CheckRule = {
  id: 'EB-SNS-AWS-MANAGED-KEY',
  severity: 'error',
  description:
    'No topic with publishers from another account, or a service principal, is encrypted with `alias/aws/sns`.',
  fix: 'Use `encryption: kms` for the topic: a customer-managed key whose policy names its publishers.',
  mirrors: 'SNS Developer Guide, "Key management"',
  *check(stack) {
    const policies = readablePolicies(stack).filter((policy) => policy.source.kind === 'topic');
    for (const topic of resourcesOfType(stack, 'aws_sns_topic')) {
      if (stringAttribute(topic, 'kms_master_key_id') !== AWS_MANAGED_SNS_KEY) continue;
      const outsiders = policies
        .filter((policy) => policy.source.owner === topic)
        .flatMap((policy) => policy.statements.filter((statement) => statement.effect === 'Allow'))
        .flatMap((statement) => statement.principals)
        .filter(
          (principal) =>
            principal.type !== 'AWS' ||
            !stack.accounts.includes(principal.value.split(':')[4] ?? principal.value),
        )
        .map((principal) => principal.value);
      if (outsiders.length === 0) continue;
      yield {
        address: topic.address,
        message: `topic is encrypted with ${AWS_MANAGED_SNS_KEY}, which ${[...new Set(outsiders)].join(', ')} cannot use`,
      };
    }
  },
};
