/**
 * Characters no request file may contain, raw or as an escape such as "\u202e": they make text
 * display as what it is not (Trojan Source), hide content, or forge log lines (security.md §3).
 */
import type { Report, SourceText } from './problems';

/** C0 controls but tab, line feed and carriage return, DELETE, C1 controls, the named characters below, unpaired surrogates. */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const HAS_FORBIDDEN = new RegExp(FORBIDDEN.source);

const BIDI = 'a bidirectional control character, which can make text display differently from what it is';
const INVISIBLE = 'an invisible zero-width character';
const SEPARATOR = 'a Unicode line separator, which some tools show as a line break';
const UNPAIRED_SURROGATE = 'an unpaired UTF-16 surrogate, which is not a character';
const NAMED_CHARACTERS: ReadonlyMap<number, readonly [name: string, kind: string]> = new Map([
  [0x007f, ['DELETE', 'a control character']],
  [0x061c, ['ARABIC LETTER MARK', BIDI]],
  [0x200b, ['ZERO WIDTH SPACE', INVISIBLE]],
  [0x200c, ['ZERO WIDTH NON-JOINER', INVISIBLE]],
  [0x200d, ['ZERO WIDTH JOINER', INVISIBLE]],
  [0x200e, ['LEFT-TO-RIGHT MARK', BIDI]],
  [0x200f, ['RIGHT-TO-LEFT MARK', BIDI]],
  [0x2028, ['LINE SEPARATOR', SEPARATOR]],
  [0x2029, ['PARAGRAPH SEPARATOR', SEPARATOR]],
  [0x202a, ['LEFT-TO-RIGHT EMBEDDING', BIDI]],
  [0x202b, ['RIGHT-TO-LEFT EMBEDDING', BIDI]],
  [0x202c, ['POP DIRECTIONAL FORMATTING', BIDI]],
  [0x202d, ['LEFT-TO-RIGHT OVERRIDE', BIDI]],
  [0x202e, ['RIGHT-TO-LEFT OVERRIDE', BIDI]],
  [0x2060, ['WORD JOINER', INVISIBLE]],
  [0x2066, ['LEFT-TO-RIGHT ISOLATE', BIDI]],
  [0x2067, ['RIGHT-TO-LEFT ISOLATE', BIDI]],
  [0x2068, ['FIRST STRONG ISOLATE', BIDI]],
  [0x2069, ['POP DIRECTIONAL ISOLATE', BIDI]],
  [0xfeff, ['ZERO WIDTH NO-BREAK SPACE (byte order mark)', INVISIBLE]],
]);

/** One forbidden character: its index in UTF-16 code units, "U+202E RIGHT-TO-LEFT OVERRIDE", and what it is. */
export interface ForbiddenCharacter {
  readonly index: number;
  readonly label: string;
  readonly kind: string;
}

/** Every forbidden character in `text`, in order; a regular expression test first, as almost all text has none. */
export function findForbiddenCharacters(text: string): ForbiddenCharacter[] {
  if (!HAS_FORBIDDEN.test(text)) return [];
  return Array.from(text.matchAll(FORBIDDEN), ({ 0: character, index }) => {
    const unit = character.charCodeAt(0);
    const label = `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;
    const [name, kind] = NAMED_CHARACTERS.get(unit) ?? [];
    if (name !== undefined && kind !== undefined) return { index, label: `${label} ${name}`, kind };
    const surrogate = unit >= 0xd800 && unit <= 0xdfff;
    return { index, label, kind: surrogate ? UNPAIRED_SURROGATE : 'a control character' };
  });
}

/** "U+202E RIGHT-TO-LEFT OVERRIDE (a bidirectional control character, ...)", distinct characters only. */
export function describeForbiddenCharacters(characters: readonly ForbiddenCharacter[]): string {
  const distinct = [...new Map(characters.map((character) => [character.label, character])).values()];
  const shown = distinct.slice(0, 3).map((character) => `${character.label} (${character.kind})`);
  return shown.join(', ') + (distinct.length > 3 ? ` and ${distinct.length - 3} more` : '');
}

const MESSAGE_VALUE_LENGTH = 60;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * Quotes a user value for a message with JSON-style escapes and \u escapes for forbidden
 * characters (no raw bidi override or terminal escape reaches a CI log), cut short if long.
 */
export function quoteForMessage(value: string): string {
  const last = value.length > MESSAGE_VALUE_LENGTH ? value.charCodeAt(MESSAGE_VALUE_LENGTH - 1) : 0;
  const cut = value.slice(0, MESSAGE_VALUE_LENGTH - (last >= 0xd800 && last <= 0xdbff ? 1 : 0));
  const escaped = cut
    .replace(/["\\\n\r\t]/g, (character) => ESCAPES[character] ?? character)
    .replace(FORBIDDEN, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${escaped}${cut.length < value.length ? '…' : ''}"`;
}

/**
 * Forbidden characters written anywhere in the file, comments too, where a bidi override makes a
 * reviewer misread the lines around it: one problem per line, with an excerpt up to the first.
 */
export function scanRawCharacters(source: SourceText, report: Report): void {
  const { text } = source;
  const characters = findForbiddenCharacters(text);
  for (let first = 0, next = 0; first < characters.length; first = next) {
    const at = characters[first]?.index ?? 0;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const lineEnd = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at);
    while ((characters[next]?.index ?? Infinity) < lineEnd) next += 1;
    const excerptStart = Math.max(lineStart, at - 20);
    const excerpt = `${excerptStart > lineStart ? '…' : ''}${quoteForMessage(text.slice(excerptStart, lineEnd))}`;
    report({
      code: 'forbidden-character',
      position: source.position(at),
      message: `Line contains ${describeForbiddenCharacters(characters.slice(first, next))}: request files may hold only printable text, tabs and line breaks; text given: ${excerpt}.`,
      hint: 'Delete the character; it may be invisible in your editor, so retype the text around it rather than copying it.',
    });
  }
}
