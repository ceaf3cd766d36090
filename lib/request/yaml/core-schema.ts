/** What a plain scalar that is not text resolves to. */
export type CoreScalar = null | boolean | number;

/**
 * YAML 1.2's core schema for plain scalars (YAML 1.2.2 §10.3.2, "Tag Resolution"): null, booleans,
 * integers in base 8 (`0o`), 10 and 16 (`0x`), infinities and not-a-number, and floats, whose form
 * an integer matches too, to the same value. Any other plain scalar is text. yaml reads files with
 * this schema (see parse.ts); the plain-subset reader resolves with this table so that it needs no
 * yaml, and test/request/yaml/core-schema.test.ts holds the two to the same value for every form.
 */
const CORE_SCHEMA: readonly { readonly test: RegExp; readonly resolve: (text: string) => CoreScalar }[] = [
  { test: /^(?:~|null|Null|NULL)?$/, resolve: () => null },
  {
    test: /^(?:true|True|TRUE|false|False|FALSE)$/,
    resolve: (text) => text.startsWith('t') || text.startsWith('T'),
  },
  { test: /^0o[0-7]+$/, resolve: (text) => parseInt(text.slice(2), 8) },
  { test: /^[-+]?[0-9]+$/, resolve: (text) => parseInt(text, 10) },
  { test: /^0x[0-9a-fA-F]+$/, resolve: (text) => parseInt(text.slice(2), 16) },
  {
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (text) => (/nan$/i.test(text) ? NaN : text.startsWith('-') ? -Infinity : Infinity),
  },
  {
    test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
    resolve: (text) => parseFloat(text),
  },
];

/** The first characters of every plain scalar but the empty one that is not text. */
const MAY_NOT_BE_TEXT = /^[-+.~0-9nNtTfF]/;

/** The null, boolean or number a plain scalar is, or undefined for text. */
export function resolveCoreScalar(text: string): { readonly value: CoreScalar } | undefined {
  if (text !== '' && !MAY_NOT_BE_TEXT.test(text)) return undefined;
  const form = CORE_SCHEMA.find(({ test }) => test.test(text));
  return form && { value: form.resolve(text) };
}
