import { readablePolicies } from '../policy';
import type { CheckRule } from '../types';
import { isTlsDeny, withoutPolicy, type TlsDeny } from './tls';
import { rendererFix } from './renderer-fix';

const DENY: TlsDeny = { principal: '*', action: 'sns:Publish' };

/**
 * Publishing over plain HTTP is refused by the topic policy (SNS Developer Guide, "Amazon SNS
 * security best practices": enforce encryption of data in transit). A topic without a policy
 * keeps the default one, which has no such deny.
 */
export const snsTls: CheckRule = {
  id: 'EB-SNS-TLS',
  severity: 'error',
  description:
    'Every topic has a policy denying `sns:Publish` to principal `*` when `aws:SecureTransport` is `"false"`.',
  fix: rendererFix(
    'the DenyInsecureTransport statement in every topic policy: Deny, Principal "*", Action "sns:Publish", Condition Bool aws:SecureTransport "false"',
  ),
  mirrors: 'cdk-nag AwsSolutions-SNS3; SNS Developer Guide, "Amazon SNS security best practices"',
  *check(stack) {
    const policies = readablePolicies(stack).filter((policy) => policy.source.kind === 'topic');
    for (const topic of withoutPolicy(stack, 'topic')) {
      yield {
        address: topic.address,
        message: 'topic has no topic policy, so nothing denies publishing without TLS',
      };
    }
    for (const policy of policies) {
      if (policy.statements.some((statement) => isTlsDeny(policy, statement, DENY, stack))) continue;
      yield {
        address: policy.source.holder.address,
        message:
          'topic policy has no statement denying "sns:Publish" to principal "*" when aws:SecureTransport is "false" (exactly that form, on this topic)',
      };
    }
  },
};
