import { countsAsCheckovCondition } from '../conditions';
import { readablePolicies, statementMessage } from '../policy';
import type { CheckRule } from '../types';
import { rendererFix } from './renderer-fix';

/**
 * checkov's CKV_AWS_385 ("SNS topic policies do not allow cross-account access") fails a topic
 * policy with an Allow to any principal starting `arn:aws:iam::` (same account or not) unless the
 * statement has a condition of its kind: an ARN, string or IP operator on a caller key
 * (aws:PrincipalArn, aws:PrincipalAccount, aws:SourceAccount, aws:PrincipalOrgID, ...). A
 * `Bool aws:SecureTransport` condition does not satisfy it. checkov reads only
 * `aws_sns_topic_policy`; this rule also reads a topic's inline `policy`.
 */
export const snsPrincipalCondition: CheckRule = {
  id: 'EB-SNS-PRINCIPAL-CONDITION',
  severity: 'error',
  description:
    'Every topic-policy Allow to an `arn:aws:iam::` principal has a caller condition (e.g. `ArnEquals aws:PrincipalArn` or `StringEquals aws:PrincipalAccount`).',
  fix: rendererFix(
    "on the publisher Allow a condition StringEquals aws:PrincipalAccount (the publishers' accounts) or ArnEquals aws:PrincipalArn (the publisher ARNs)",
  ),
  mirrors: 'checkov CKV_AWS_385',
  *check(stack) {
    for (const policy of readablePolicies(stack)) {
      if (policy.source.kind !== 'topic') continue;
      for (const statement of policy.statements) {
        if (statement.effect !== 'Allow') continue;
        const named = statement.principals.some(
          (principal) => principal.type === 'AWS' && principal.value.startsWith('arn:aws:iam::'),
        );
        if (!named || statement.conditions.some(countsAsCheckovCondition)) continue;
        yield {
          address: policy.source.holder.address,
          message: statementMessage(
            policy,
            statement,
            'allows IAM principals by ARN without a caller condition (checkov CKV_AWS_385 fails it)',
          ),
        };
      }
    }
  },
};
