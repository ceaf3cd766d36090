/**
 * A strict reader of the XML subset reports write: an optional XML declaration, then elements
 * with attributes, character data, entity and character references. No XML parser is a
 * dependency of this project (the one under @aws-sdk is internal to the SDK and accepts control
 * characters and bare ampersands), so this one throws on everything XML 1.0 calls not
 * well-formed within that subset: characters outside the Char production (section 2.2), a raw
 * "<" or "&", "]]>" in text, an unknown entity, a reference to a character XML cannot hold,
 * duplicate attributes, and unbalanced or mismatched tags. Like any parser it normalizes line
 * ends and attribute white space, so a report must write those as references to keep them.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own character data, references resolved. */
  readonly text: string;
}

const CHAR = /^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;
const NAME = /^[A-Za-z_][A-Za-z0-9._-]*/;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(document: string): XmlElement {
  if (!CHAR.test(document)) throw new Error('the document holds a character XML 1.0 does not allow');
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`not well-formed at offset ${at}: ${why}`);
  };
  const skipSpace = (): void => {
    while (at < document.length && ' \t\r\n'.includes(document[at] as string)) at += 1;
  };
  const name = (): string => {
    const match = NAME.exec(document.slice(at));
    if (!match) return fail('a name was expected');
    at += match[0].length;
    return match[0];
  };
  const references = (raw: string, inAttribute: boolean): string => {
    if (raw.includes('<')) fail('a raw "<" in character data or an attribute');
    if (!inAttribute && raw.includes(']]>')) fail('"]]>" in character data');
    // What every parser does before references are resolved: line ends become line feeds
    // (section 2.11), and in attributes white space becomes spaces (section 3.3.3).
    const lines = raw.replace(/\r\n?/g, '\n');
    const normalized = inAttribute ? lines.replace(/[\t\n]/g, ' ') : lines;
    return normalized.replace(/&([^;]*);|&/g, (whole, body: string | undefined) => {
      if (body === undefined) return fail('a bare "&"');
      const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
      if (numeric) {
        const code = Number.parseInt(numeric[1] ?? (numeric[2] as string), numeric[1] ? 16 : 10);
        const character = code <= 0x10ffff ? String.fromCodePoint(code) : '';
        if (character === '' || !CHAR.test(character)) fail(`${whole} names a character XML cannot hold`);
        return character;
      }
      const entity = ENTITIES[body];
      return entity ?? fail(`unknown entity ${whole}`);
    });
  };
  const element = (): XmlElement => {
    if (document[at] !== '<') fail('"<" was expected');
    at += 1;
    const tag = name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = at;
      skipSpace();
      if (document.startsWith('/>', at) || document[at] === '>') break;
      if (at === before) fail('attributes are separated by white space');
      const attribute = name();
      if (Object.hasOwn(attributes, attribute)) fail(`attribute ${attribute} appears twice`);
      skipSpace();
      if (document[at] !== '=') fail('"=" was expected');
      at += 1;
      skipSpace();
      const quote = document[at];
      if (quote !== '"' && quote !== "'") return fail('a quoted attribute value was expected');
      const end = document.indexOf(quote, at + 1);
      if (end < 0) fail('an attribute value is not closed');
      attributes[attribute] = references(document.slice(at + 1, end), true);
      at = end + 1;
    }
    if (document.startsWith('/>', at)) {
      at += 2;
      return { name: tag, attributes, children: [], text: '' };
    }
    at += 1;
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      const next = document.indexOf('<', at);
      if (next < 0) fail(`<${tag}> is not closed`);
      text += references(document.slice(at, next), false);
      at = next;
      if (document.startsWith('</', at)) {
        at += 2;
        if (name() !== tag) fail(`</...> does not close <${tag}>`);
        skipSpace();
        if (document[at] !== '>') fail('">" was expected');
        at += 1;
        return { name: tag, attributes, children, text };
      }
      children.push(element());
    }
  };
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>/.exec(document);
  if (declaration) at = declaration[0].length;
  skipSpace();
  const root = element();
  skipSpace();
  if (at !== document.length) fail('content after the root element');
  return root;
}

/** The direct children with this name. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}
