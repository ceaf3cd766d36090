/**
 * Weaknesses of the generated policies that the simulations find and lib/ has not fixed yet.
 * Each is matched narrowly, so that it excuses only the requests it describes, and a check that
 * can see a gap fails once the gap stops occurring: its entry must then be deleted, and the
 * assertion it weakened is whole again.
 */
import type { Failure } from './access';

export interface KnownGap {
  readonly id: string;
  readonly weakness: string;
  readonly fix: string;
  matches(failure: Failure): boolean;
}

export const KNOWN_GAPS: readonly KnownGap[] = [
  {
    id: 'environments-share-principals',
    weakness:
      "A topic's publishers and a queue's consumers are granted in every environment of the resource, and " +
      "principals of every environment's account are accepted: a role of one environment's account gets the " +
      'same access in the others. In the bundled requests the dev account (111111111111) may publish to ' +
      'prod-orders-order-events and read prod-orders-payment-results, and the prod roles reach dev alike.',
    fix:
      'lib/model: in planStacks (topicPolicy, queuePolicy, the key policies) and planIdentityPolicies, grant a ' +
      "principal in an environment only when its account is that environment's account or in " +
      'allowedPrincipalAccounts; report the dropped grants with a warning rule (or let requests list principals ' +
      'per environment) so request authors see them.',
    matches: ({ accessCase, decision }) =>
      accessCase.concern === 'environment-isolation' && decision === 'Allowed',
  },
  {
    id: 'key-policies-allow-plain-http',
    weakness:
      'Key policies have no aws:SecureTransport deny: every KMS use the key policy allows is allowed over ' +
      'plain HTTP too. Only KMS itself, which serves TLS endpoints alone, keeps it on TLS.',
    fix:
      'lib/model/policies.ts: begin topicKeyPolicy and queueKeyPolicy with a Deny for Principal {AWS: "*"}, ' +
      'Action "kms:*", Resource "*", Condition {Bool: {aws:SecureTransport: "false"}}, as the topic and queue policies do.',
    matches: ({ accessCase, decision }) =>
      accessCase.request.action.startsWith('kms:') &&
      !accessCase.request.secureTransport &&
      decision === 'Allowed',
  },
];

export interface Triage {
  /** Failure messages no known gap explains. */
  readonly unexpected: readonly string[];
  /** How many failures each known gap explained. */
  readonly explained: ReadonlyMap<string, number>;
}

export function triage(failures: readonly Failure[]): Triage {
  const unexpected: string[] = [];
  const explained = new Map<string, number>();
  for (const failure of failures) {
    const gap = KNOWN_GAPS.find((candidate) => candidate.matches(failure));
    if (gap) explained.set(gap.id, (explained.get(gap.id) ?? 0) + 1);
    else unexpected.push(failure.message);
  }
  return { unexpected, explained };
}
