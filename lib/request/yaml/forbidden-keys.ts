/** Keys a later merge of the value into another object turns into prototype pollution (yaml keeps them as own properties). */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
