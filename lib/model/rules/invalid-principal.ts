import type { Rule } from './rule';
import { at } from './rule';
import { PRINCIPAL_ARN, writtenPrincipals } from './principals';

/**
 * Grants name one role or user. Wildcards, account roots and session ARNs would grant far more
 * than the request says (or, for sessions, stop working when the session ends).
 */
export const invalidPrincipal: Rule = {
  code: 'invalid-principal',
  severity: 'error',
  summary: 'Publishers and consumers are IAM role or user ARNs, without wildcards.',
  source: 'IAM User Guide, "IAM identifiers" and "AWS JSON policy elements: Principal"',
  *check(context) {
    for (const { arn, origin } of writtenPrincipals(context)) {
      if (PRINCIPAL_ARN.test(arn)) continue;
      yield {
        ...at(origin),
        message: `"${printable(arn)}" is not an IAM role or user ARN`,
        hint: principalHint(arn),
      };
    }
  },
};

/** An STS session ARN (IAM User Guide, "IAM identifiers"): arn:aws:sts::<account>:assumed-role/<role>/<session>. */
const ASSUMED_ROLE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):sts::(\d{12}):assumed-role\/([\w+=,.@-]{1,64})\/[^/]+$/;

export function principalHint(arn: string): string {
  if (/[*?]/.test(arn) || arn.includes('${'))
    return 'wildcards and policy variables are not allowed: name each role';
  if (/:root$/.test(arn) || /^\d{12}$/.test(arn)) {
    return 'an account root grants every principal of the account: name the role that needs access';
  }
  const session = ASSUMED_ROLE_ARN.exec(arn);
  if (session) {
    const [, partition, account, role] = session as unknown as [string, string, string, string];
    // A session ARN drops the role's path: a role with one needs it written back.
    return `use the role's ARN, not a session's: arn:${partition}:iam::${account}:role/${role} (with the role's path, if it has one)`;
  }
  if (arn.includes(':assumed-role/') || arn.startsWith('arn:aws:sts:')) {
    return 'use the role ARN (arn:aws:iam::<account>:role/<name>), not a session ARN';
  }
  return 'write it as arn:aws:iam::<12-digit account>:role/<name> or arn:aws:iam::<account>:user/<name>';
}

function printable(value: string): string {
  return value.length > 120 ? `${value.slice(0, 117)}...` : value;
}
