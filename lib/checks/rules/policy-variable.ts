import { readablePolicies } from '../policy';
import type { CheckRule } from '../types';
import { rendererFix } from './renderer-fix';

/**
 * A policy variable (`${aws:username}`) makes a grant depend on the caller's request, so the
 * policy can no longer be read as a fixed list (reference, "Injection": no policy variables).
 * In Terraform JSON it must be written `$${...}`; an unescaped `${...}` is a Terraform template
 * that runs at plan time. Only a plain resource reference (`${aws_sns_topic.x.arn}`) is allowed.
 */
export const policyVariable: CheckRule = {
  id: 'EB-IAM-POLICY-VARIABLE',
  severity: 'error',
  description:
    'No policy contains a `${...}` policy variable or template expression; only plain resource references.',
  fix: rendererFix('literal ARNs from the model and plain resource references, never a policy variable'),
  mirrors: 'IAM User Guide, "IAM policy elements: Variables and tags"; Terraform, "Strings and Templates"',
  *check(stack) {
    for (const policy of readablePolicies(stack)) {
      const found = [...policy.text.matchAll(/\$?\$\{[^}]*\}?/g)]
        .map(([text]) => text)
        .filter((text) => !/^\$\{[a-z0-9_]+\.[A-Za-z0-9_-]+\.[a-z_]+\}$/.test(text));
      if (found.length === 0) continue;
      yield {
        address: policy.source.holder.address,
        message: `the ${policy.source.kind} policy contains ${[...new Set(found)].map((text) => JSON.stringify(text)).join(', ')}`,
      };
    }
  },
};
