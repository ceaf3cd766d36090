/**
 * Characters no request file may contain, raw or produced by an escape such as "\u202e": they make
 * text display differently from what it is (Trojan Source), hide content, or forge lines in logs
 * (security.md §3).
 */

/** One occurrence of a forbidden character in a string. */
export interface ForbiddenCharacter {
  /** Index in the string, in UTF-16 code units. */
  readonly index: number;
  /** "U+202E RIGHT-TO-LEFT OVERRIDE" */
  readonly label: string;
  /** "a bidirectional control character" */
  readonly kind: string;
}

const BIDI = 'a bidirectional control character, which can make text display differently from what it is';
const INVISIBLE = 'an invisible zero-width character';
const CONTROL = 'a control character';
const SEPARATOR = 'a Unicode line separator, which some tools show as a line break';

/** Named characters; other C0/C1 controls and unpaired surrogates are classified by range. */
const NAMED_CHARACTERS: ReadonlyMap<number, { readonly name: string; readonly kind: string }> = new Map([
  [0x007f, { name: 'DELETE', kind: CONTROL }],
  [0x061c, { name: 'ARABIC LETTER MARK', kind: BIDI }],
  [0x200b, { name: 'ZERO WIDTH SPACE', kind: INVISIBLE }],
  [0x200c, { name: 'ZERO WIDTH NON-JOINER', kind: INVISIBLE }],
  [0x200d, { name: 'ZERO WIDTH JOINER', kind: INVISIBLE }],
  [0x200e, { name: 'LEFT-TO-RIGHT MARK', kind: BIDI }],
  [0x200f, { name: 'RIGHT-TO-LEFT MARK', kind: BIDI }],
  [0x2028, { name: 'LINE SEPARATOR', kind: SEPARATOR }],
  [0x2029, { name: 'PARAGRAPH SEPARATOR', kind: SEPARATOR }],
  [0x202a, { name: 'LEFT-TO-RIGHT EMBEDDING', kind: BIDI }],
  [0x202b, { name: 'RIGHT-TO-LEFT EMBEDDING', kind: BIDI }],
  [0x202c, { name: 'POP DIRECTIONAL FORMATTING', kind: BIDI }],
  [0x202d, { name: 'LEFT-TO-RIGHT OVERRIDE', kind: BIDI }],
  [0x202e, { name: 'RIGHT-TO-LEFT OVERRIDE', kind: BIDI }],
  [0x2060, { name: 'WORD JOINER', kind: INVISIBLE }],
  [0x2066, { name: 'LEFT-TO-RIGHT ISOLATE', kind: BIDI }],
  [0x2067, { name: 'RIGHT-TO-LEFT ISOLATE', kind: BIDI }],
  [0x2068, { name: 'FIRST STRONG ISOLATE', kind: BIDI }],
  [0x2069, { name: 'POP DIRECTIONAL ISOLATE', kind: BIDI }],
  [0xfeff, { name: 'ZERO WIDTH NO-BREAK SPACE (byte order mark)', kind: INVISIBLE }],
]);

/** Tab, line feed and carriage return are the only control characters text may hold. */
function isAllowedControl(codeUnit: number): boolean {
  return codeUnit === 0x09 || codeUnit === 0x0a || codeUnit === 0x0d;
}

/** Describes the code unit at `index` if it is forbidden; undefined for ordinary text. */
export function forbiddenCharacterAt(text: string, index: number): ForbiddenCharacter | undefined {
  const unit = text.charCodeAt(index);
  const named = NAMED_CHARACTERS.get(unit);
  if (named !== undefined) {
    return { index, label: `${codePointLabel(unit)} ${named.name}`, kind: named.kind };
  }
  if ((unit < 0x20 && !isAllowedControl(unit)) || (unit >= 0x80 && unit <= 0x9f)) {
    return { index, label: codePointLabel(unit), kind: CONTROL };
  }
  if (isUnpairedSurrogate(text, index)) {
    return {
      index,
      label: codePointLabel(unit),
      kind: 'an unpaired UTF-16 surrogate, which is not a character',
    };
  }
  return undefined;
}

/** Every forbidden character in `text`, in order. */
export function findForbiddenCharacters(text: string): ForbiddenCharacter[] {
  const found: ForbiddenCharacter[] = [];
  for (let index = 0; index < text.length; index += 1) {
    if (mayBeForbidden(text.charCodeAt(index))) {
      const character = forbiddenCharacterAt(text, index);
      if (character !== undefined) {
        found.push(character);
      }
    }
  }
  return found;
}

/** Cheap pre-filter: ordinary printable ASCII and most letters skip the full classification. */
function mayBeForbidden(unit: number): boolean {
  return unit < 0x20 || (unit >= 0x7f && unit <= 0x9f) || unit === 0x061c || unit >= 0x200b;
}

/** "U+202E RIGHT-TO-LEFT OVERRIDE (a bidirectional control character, ...)", distinct characters only. */
export function describeForbiddenCharacters(characters: readonly ForbiddenCharacter[]): string {
  const distinct = [...new Map(characters.map((character) => [character.label, character])).values()];
  const shown = distinct.slice(0, 3).map((character) => `${character.label} (${character.kind})`);
  const more = distinct.length > 3 ? ` and ${distinct.length - 3} more` : '';
  return shown.join(', ') + more;
}

function isUnpairedSurrogate(text: string, index: number): boolean {
  const unit = text.charCodeAt(index);
  if (unit >= 0xd800 && unit <= 0xdbff) {
    const next = text.charCodeAt(index + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (unit >= 0xdc00 && unit <= 0xdfff) {
    const previous = text.charCodeAt(index - 1);
    return !(previous >= 0xd800 && previous <= 0xdbff);
  }
  return false;
}

function codePointLabel(unit: number): string {
  return `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;
}

const MESSAGE_VALUE_LENGTH = 60;

/**
 * Quotes a user value for a message: JSON-style escapes plus \u escapes for every forbidden
 * character, so a message never carries a raw bidi override or terminal escape into a CI log,
 * and long values are cut short.
 */
export function quoteForMessage(value: string): string {
  const cut = value.length > MESSAGE_VALUE_LENGTH ? cutAtCharacter(value, MESSAGE_VALUE_LENGTH) : value;
  let escaped = '';
  for (let index = 0; index < cut.length; index += 1) {
    escaped += escapeCodeUnit(cut, index);
  }
  return `"${escaped}${cut.length < value.length ? '…' : ''}"`;
}

const SIMPLE_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['"', '\\"'],
  ['\\', '\\\\'],
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
]);

function escapeCodeUnit(text: string, index: number): string {
  const character = text.charAt(index);
  const simple = SIMPLE_ESCAPES.get(character);
  if (simple !== undefined) {
    return simple;
  }
  if (forbiddenCharacterAt(text, index) !== undefined) {
    return `\\u${text.charCodeAt(index).toString(16).padStart(4, '0')}`;
  }
  return character;
}

/** Cuts to `length` code units without splitting a surrogate pair. */
function cutAtCharacter(value: string, length: number): string {
  const last = value.charCodeAt(length - 1);
  return value.slice(0, last >= 0xd800 && last <= 0xdbff ? length - 1 : length);
}
