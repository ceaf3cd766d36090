import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IdentityPolicyPlan } from '../model';

/**
 * Writes `identity-policies/<env>/<account>.json`: for each principal of that account, the
 * identity policy it must attach. The file is what the platform team hands to that account.
 */
export function writeIdentityPolicies(policies: readonly IdentityPolicyPlan[], outdir: string): string[] {
  const byFile = new Map<string, { principal: string; policy: IdentityPolicyPlan['document'] }[]>();
  for (const policy of policies) {
    const file = path.join('identity-policies', policy.environment.name, `${policy.account}.json`);
    byFile.set(file, [...(byFile.get(file) ?? []), { principal: policy.principal, policy: policy.document }]);
  }
  for (const [file, principals] of byFile) {
    const target = path.join(outdir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, `${JSON.stringify({ principals }, null, 2)}\n`);
  }
  return [...byFile.keys()];
}
