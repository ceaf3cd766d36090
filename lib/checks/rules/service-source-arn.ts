import { readablePolicies, statementMessage, type Statement } from '../policy';
import type { CheckRule } from '../types';
import { rendererFix } from './renderer-fix';

const EXACT_ARN = /^arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:\d{12}:[^*?]+$/;
/** A Terraform reference to a resource's ARN resolves to one exact ARN at apply. */
const REFERENCE = /^\$\{[a-z0-9_]+\.[A-Za-z0-9_-]+\.arn\}$/;

/**
 * A service principal acts for every customer of that service: without `aws:SourceArn`, any
 * topic in any account could use `sns.amazonaws.com` to write to our queue (the confused
 * deputy; SNS Developer Guide, "Subscribing an Amazon SQS queue to an Amazon SNS topic", and IAM
 * User Guide, "The confused deputy problem"). `IfExists` would accept a request without the key.
 */
export const serviceSourceArn: CheckRule = {
  id: 'EB-IAM-SERVICE-SOURCE-ARN',
  severity: 'error',
  description:
    'Every Allow to a service principal (`sns.amazonaws.com`) has an `ArnEquals` or `ArnLike` condition on `aws:SourceArn` with exact ARNs, no wildcards.',
  fix: rendererFix(
    'on every Allow to sns.amazonaws.com an ArnEquals aws:SourceArn condition listing the subscribed topic ARNs',
  ),
  mirrors:
    'IAM User Guide, "The confused deputy problem"; SNS Developer Guide, "Subscribing an Amazon SQS queue to an Amazon SNS topic"',
  *check(stack) {
    for (const policy of readablePolicies(stack)) {
      for (const statement of policy.statements) {
        if (statement.effect !== 'Allow') continue;
        const services = statement.principals.filter((principal) => principal.type === 'Service');
        if (services.length === 0 || pinnedToSource(statement)) continue;
        yield {
          address: policy.source.holder.address,
          message: statementMessage(
            policy,
            statement,
            `allows service ${services.map((principal) => JSON.stringify(principal.value)).join(', ')} without ArnEquals/ArnLike aws:SourceArn on exact ARNs`,
          ),
        };
      }
    }
  },
};

function pinnedToSource(statement: Statement): boolean {
  return statement.conditions.some(
    (entry) =>
      (entry.operator === 'ArnEquals' || entry.operator === 'ArnLike') &&
      entry.key.toLowerCase() === 'aws:sourcearn' &&
      entry.values.length > 0 &&
      entry.values.every((value) => EXACT_ARN.test(value) || REFERENCE.test(value)),
  );
}
