import { policySources, readPolicy } from '../policy';
import type { CheckRule } from '../types';
import { rendererFix } from './renderer-fix';

/**
 * Every other policy rule proves something about a parsed document; a policy it cannot parse
 * (a Terraform expression, a data source's output, broken JSON) would pass them all unseen.
 */
export const policyReadable: CheckRule = {
  id: 'EB-IAM-POLICY-READABLE',
  severity: 'error',
  description: 'Every topic, queue and key policy is a literal IAM policy document the pack can read.',
  fix: rendererFix(
    'every policy as a JSON string on its resource, built from the model, not as a Terraform expression',
  ),
  mirrors: 'IAM User Guide, "IAM JSON policy element reference"',
  *check(stack) {
    for (const source of policySources(stack)) {
      const reading = readPolicy(source);
      if ('problem' in reading) {
        yield {
          address: source.holder.address,
          message: `the ${source.kind} policy cannot be checked: ${reading.problem}`,
        };
      }
    }
  },
};
