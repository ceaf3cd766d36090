import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IdentityPolicyPlan } from '../model';

interface PrincipalPolicies {
  readonly principal: string;
  /** Managed policies to create and attach, each within IAM's size limit. */
  readonly policies: readonly {
    readonly name: string;
    readonly document: IdentityPolicyPlan['documents'][number];
  }[];
}

/**
 * Writes `identity-policies/<env>/<account>.json`: for each principal of that account, the
 * managed policies it must attach. The file is what the platform team hands to that account.
 */
export function writeIdentityPolicies(policies: readonly IdentityPolicyPlan[], outdir: string): string[] {
  const byFile = new Map<string, PrincipalPolicies[]>();
  for (const policy of policies) {
    const file = path.join('identity-policies', policy.environment.name, `${policy.account}.json`);
    const base = `eventbus-${policy.environment.name}`;
    const named = policy.documents.map((document, index) => ({
      name: policy.documents.length === 1 ? base : `${base}-${index + 1}`,
      document,
    }));
    byFile.set(file, [...(byFile.get(file) ?? []), { principal: policy.principal, policies: named }]);
  }
  for (const [file, principals] of byFile) {
    const target = path.join(outdir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, `${JSON.stringify({ principals }, null, 2)}\n`);
  }
  return [...byFile.keys()];
}
