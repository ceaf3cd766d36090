import type { CfnElement } from 'aws-cdk-lib';

const assigned = new WeakMap<CfnElement, string>();

/**
 * Gives `element` the logical id the plan names it by, remembered: a stack checks thousands of
 * ids for clashes without resolving each element's logical-id token (see `EventBusStack`).
 */
export function assignLogicalId(element: CfnElement, logicalId: string): void {
  element.overrideLogicalId(logicalId);
  assigned.set(element, logicalId);
}

/** The logical id {@link assignLogicalId} gave `element`, if it gave one. */
export function assignedLogicalId(element: CfnElement): string | undefined {
  return assigned.get(element);
}
