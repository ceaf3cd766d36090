/**
 * SNS subscription filter policies: validation with SNS's own limits, and evaluation with SNS's matching
 * semantics, so a request can be checked and a sample event routed without calling AWS.
 */
export { canMatchValueAt, evaluateFilterPolicy, explainFilterPolicy } from './evaluate';
export { describeFilterPolicy } from './describe';
export { validateFilterPolicy } from './validate';
export { filterPolicyComplexity } from './complexity';
export type {
  FilterExplanation,
  FilterMessage,
  FilterMessageAttribute,
  FilterPolicyDiagnostic,
  FilterPolicyScope,
} from './types';
export type { FilterPolicyCode } from '../diagnostics';
export { FILTER_POLICY_CODES } from './codes';
export { FLATTEN_ATTRIBUTES_HINT, NESTED_ATTRIBUTES_HINT } from './structure';
