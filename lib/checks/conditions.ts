import type { ConditionEntry } from './policy';

/**
 * Condition keys that narrow who the caller is or where the request comes from (IAM User Guide,
 * "AWS global condition context keys"), grouped by the kind of value they hold. checkov's
 * CKV_AWS_168/169/385 recognise the same keys through cloudsplaining.
 */
type KeyKind = 'arn' | 'account' | 'organization' | 'userid' | 'cidr' | 'network' | 'saml';

const IDENTITY_KEYS: ReadonlyMap<string, KeyKind> = new Map([
  ['aws:sourcearn', 'arn'],
  ['aws:principalarn', 'arn'],
  ['aws:sourceaccount', 'account'],
  ['aws:sourceowner', 'account'],
  ['aws:principalaccount', 'account'],
  ['kms:calleraccount', 'account'],
  ['aws:principalorgid', 'organization'],
  ['aws:principalorgpaths', 'organization'],
  ['aws:userid', 'userid'],
  ['aws:sourceip', 'cidr'],
  ['aws:sourcevpc', 'network'],
  ['aws:sourcevpce', 'network'],
  ['saml:aud', 'saml'],
]);

/**
 * What checkov's CKV_AWS_385 accepts as "a condition": an ARN, string or IP operator (prefixes
 * ForAllValues:/ForAnyValue: and suffix IfExists allowed) on one of the keys above, whatever
 * the value. `Bool aws:SecureTransport` does not count.
 */
export function countsAsCheckovCondition(entry: ConditionEntry): boolean {
  return (
    /^((ForAllValues|ForAnyValue):)?(Arn(Equals|Like)|String(Equals|Like)(IgnoreCase)?|IpAddress)(IfExists)?/i.test(
      entry.operator,
    ) && IDENTITY_KEYS.has(entry.key.toLowerCase())
  );
}

/**
 * Does this entry really narrow the callers of a `*` principal? Stricter than checkov: an
 * `IfExists` operator, or `ForAllValues:`, is true when the key is absent from the request
 * (IAM User Guide, "Condition operators" and "Multivalued context keys"), so neither restricts
 * an anonymous caller; and a value that is a wildcard restricts nothing.
 */
export function restrictsCaller(entry: ConditionEntry): boolean {
  const kind = IDENTITY_KEYS.get(entry.key.toLowerCase());
  if (kind === undefined) return false;
  if (
    !/^(ForAnyValue:)?(ArnEquals|ArnLike|StringEquals|StringEqualsIgnoreCase|StringLike|IpAddress)$/.test(
      entry.operator,
    )
  ) {
    return false;
  }
  return entry.values.length > 0 && entry.values.every((value) => !tooWide(kind, value));
}

function tooWide(kind: KeyKind, value: string): boolean {
  switch (kind) {
    case 'arn': {
      // arn:partition:service:region:account:resource; an ARN without a fixed account matches anyone's.
      const account = value.split(':')[4];
      return value === '*' || account === undefined || account === '' || /[*?]/.test(account);
    }
    case 'cidr':
      return value.endsWith('/0');
    case 'userid':
      // A role session's user id ends in ":*" legitimately (AROA...:*); elsewhere "*" widens it.
      return value.slice(0, -1).includes('*') || value === '*';
    default:
      return /[*?]/.test(value) || value === '';
  }
}
