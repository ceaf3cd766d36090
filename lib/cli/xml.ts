/**
 * XML 1.0 holds only tab, line feed, carriage return and U+0020-U+D7FF, U+E000-U+FFFD,
 * U+10000-U+10FFFF (W3C XML 1.0, section 2.2 "Characters"); not even a character reference may
 * name anything else. With the u flag an unpaired surrogate is one code point here, and matches.
 */
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/**
 * Tab, line feed and carriage return are written as references in attributes, where a parser
 * would turn them into spaces (section 3.3.3, "Attribute-Value Normalization"), and carriage
 * return in text too, where a parser would turn it into a line feed (section 2.11).
 */
const TEXT_SPECIALS = /[&<>\r]/g;
const ATTRIBUTE_SPECIALS = /[&<>"\t\n\r]/g;

const REFERENCES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Character data: markup escaped, and what XML cannot hold shown as a visible escape. */
export function xmlText(text: string): string {
  return holdable(text).replace(TEXT_SPECIALS, (character) => REFERENCES[character] as string);
}

/** A double-quoted attribute value, escaped like character data, its whitespace kept. */
export function xmlAttribute(text: string): string {
  return holdable(text).replace(ATTRIBUTE_SPECIALS, (character) => REFERENCES[character] as string);
}

/** The `\u{...}` form matches the text report's, so a reader recognizes the character in both. */
function holdable(text: string): string {
  return text.replace(NOT_XML, (character) => `\\u{${character.codePointAt(0)?.toString(16)}}`);
}
