import { readablePolicies } from '../policy';
import type { CheckRule } from '../types';
import { isTlsDeny, withoutPolicy, type TlsDeny } from './tls';
import { rendererFix } from './renderer-fix';

const DENY: TlsDeny = { principal: { AWS: '*' }, action: 'sqs:*' };

/**
 * Every SQS call over plain HTTP is refused (SQS Developer Guide, "Amazon SQS security best
 * practices": enforce encryption of data in transit). The deny is statement 0 because checkov's
 * CKV_AWS_72 reads only the first statement of a queue policy.
 */
export const sqsTls: CheckRule = {
  id: 'EB-SQS-TLS',
  severity: 'error',
  description:
    'Every queue has a policy whose statement 0 denies `sqs:*` to `{AWS: "*"}` when `aws:SecureTransport` is `"false"`.',
  fix: rendererFix(
    'the DenyInsecureTransport statement first in every queue policy: Deny, Principal {"AWS": "*"}, Action "sqs:*", Condition Bool aws:SecureTransport "false"',
  ),
  mirrors:
    'cdk-nag AwsSolutions-SQS4; checkov CKV_AWS_72 (statement 0); SQS Developer Guide, "Amazon SQS security best practices"',
  *check(stack) {
    const policies = readablePolicies(stack).filter((policy) => policy.source.kind === 'queue');
    for (const queue of withoutPolicy(stack, 'queue')) {
      yield {
        address: queue.address,
        message: 'queue has no queue policy, so nothing denies access without TLS',
      };
    }
    for (const policy of policies) {
      const [first] = policy.statements;
      if (first && isTlsDeny(policy, first, DENY, stack)) continue;
      const later = policy.statements.find((statement) => isTlsDeny(policy, statement, DENY, stack));
      yield {
        address: policy.source.holder.address,
        message: later
          ? `queue policy has the TLS deny as ${later.label}, but it must be statement 0`
          : 'queue policy has no statement 0 denying "sqs:*" to {"AWS": "*"} when aws:SecureTransport is "false" (exactly that form, on this queue)',
      };
    }
  },
};
