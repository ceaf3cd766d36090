/**
 * The numbers SNS enforces on a filter policy. Each comes from the Amazon SNS Developer Guide page
 * "Filter policy constraints" (subscription-filter-policy-constraints) unless noted.
 */

/** "A filter policy can have a maximum of five attribute names." */
export const MAX_POLICY_KEYS = 5;

/** "The total combination of values must not exceed 150." */
export const MAX_POLICY_COMPLEXITY = 150;

/** "The maximum size of a policy is 256 KB", measured on the JSON text SNS receives. */
export const MAX_POLICY_BYTES = 256 * 1024;

/**
 * "For numeric matching, the value can range from -10^9 to 10^9, with five digits of accuracy after the
 * decimal point." event-ruler now accepts any double, but SNS documents this range, so we keep to it.
 */
export const MIN_POLICY_NUMBER = -1_000_000_000;
export const MAX_POLICY_NUMBER = 1_000_000_000;
export const MAX_RELIABLE_DECIMALS = 5;

/**
 * Not an SNS limit: how deep this module walks before giving up. A policy this deep could never pass
 * SNS's complexity limit (every nesting level adds at least one to the depth factor), and the cap keeps
 * recursion far from the stack limit whatever the input.
 */
export const MAX_WALK_DEPTH = 512;

/**
 * Not documented by SNS: message bodies nested deeper than this are treated as unparsable, as Jackson's
 * default StreamReadConstraints (max nesting depth 1000) would refuse them in event-ruler.
 */
export const MAX_BODY_NESTING = 1000;
