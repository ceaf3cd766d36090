import { resolveCoreScalar } from './core-schema';
import { FORBIDDEN_KEYS } from './forbidden-keys';
import {
  findTemplateExpression,
  holdsEncodedNumberToken,
  isEncodedNumberToken,
  isIntrinsicKey,
} from './templates';

/**
 * A reader for the plain subset of YAML that request files are written in, and nothing more:
 * block mappings and lists indented with spaces, `- key: value` items, plain and quoted scalars
 * on one line, and flow lists and mappings on one line, with comments. It gives the value yaml
 * would give, or undefined as soon as the text leaves the subset or holds anything the reader's
 * checks would report; the caller then reads the file with yaml, which stays the authority for
 * everything else and for every diagnostic and position.
 *
 * Written by hand, not taken from a library, because it is the front door's hot path: yaml takes
 * about 0.5 s of CPU and allocates some 900 MB to read 500 teams' files (1.1 MB), this about
 * 0.1 s. js-yaml is faster too, but its core schema is not YAML 1.2's (`0b1` is a number there)
 * and it accepts anchors and tags, so it would need the same guards around it. Plain scalars
 * resolve by the core schema's table (core-schema.ts): a run whose files are all in the subset
 * never loads yaml, which alone takes some 50 ms of CPU. test/request/yaml/plain-subset.test.ts
 * compares both readers on every request file in the repository and on generated documents.
 */
export function readPlainSubset(
  text: string,
  maxDepth: number,
): { value: Record<string, unknown> } | undefined {
  // Tabs, carriage returns and a byte order mark each change how yaml reads what follows.
  if (text.includes('\t') || text.includes('\r') || text.includes('\ufeff')) return undefined;
  try {
    return { value: new PlainSubsetReader(text, maxDepth).document() };
  } catch (error) {
    if (error === OUTSIDE) return undefined;
    throw error;
  }
}

/** Thrown to leave the subset: caught in readPlainSubset only. */
const OUTSIDE: unique symbol = Symbol('outside the plain subset');
function outside(): never {
  throw OUTSIDE;
}

/** Keys as field and resource names are written; anything else is read by yaml. */
const PLAIN_KEY = /[A-Za-z0-9_][A-Za-z0-9_./-]*/y;
/** Characters a plain scalar may not start with (YAML 1.2 §7.3.3, c-indicator)... */
const INDICATORS = new Set('-?:,[]{}#&*!|>\'"%@`');
/** ...but for these three when text follows them (ns-plain-first): "-1", ":x". */
const INDICATORS_BEFORE_TEXT = new Set('-?:');
/** What ends a plain scalar inside a flow collection. */
const FLOW_ENDS = new Set(',[]{}');
const SPACE = 0x20;

class PlainSubsetReader {
  private readonly lines: string[];
  private index = 0;
  /** The column and text of the current line, or of the part of it after a `- `. */
  private column = 0;
  private content = '';

  constructor(
    text: string,
    private readonly maxDepth: number,
  ) {
    this.lines = text.split('\n');
  }

  document(): Record<string, unknown> {
    if (!this.nextContentLine() || this.column !== 0) outside();
    const value = this.mapping(0, 0);
    if (this.nextContentLine()) outside();
    return value;
  }

  /**
   * Moves to the next line holding more than spaces and a comment, unless already on one; false
   * at the end of the text. Comment lines may stand at any indentation between nodes.
   */
  private nextContentLine(): boolean {
    for (; this.index < this.lines.length; this.index += 1) {
      if (this.content !== '') return true;
      const line = this.lines[this.index] as string;
      const column = spacesEnd(line, 0);
      if (column < line.length && line[column] !== '#') {
        this.column = column;
        this.content = column === 0 ? line : line.slice(column);
        return true;
      }
    }
    return false;
  }

  /** Done with the current line (or with what was left of it). */
  private endLine(): void {
    this.content = '';
    this.index += 1;
  }

  private enter(depth: number): void {
    // One level short of the limit: yaml and the value builder then have the last word.
    if (depth + 1 >= this.maxDepth) outside();
  }

  /** The block node starting on the current line, at its column. */
  private blockNode(depth: number): unknown {
    return isSequenceEntry(this.content)
      ? this.sequence(this.column, depth)
      : this.mapping(this.column, depth);
  }

  private mapping(column: number, depth: number): Record<string, unknown> {
    this.enter(depth);
    const result: Record<string, unknown> = {};
    while (this.nextContentLine() && this.column >= column) {
      if (this.column > column) outside();
      const line = this.content;
      if (!startsPair(line, 0)) outside();
      const colon = PLAIN_KEY.lastIndex;
      const key = checkedKey(line.slice(0, colon), result);
      const at = spacesEnd(line, colon + 1);
      if (at === line.length || line[at] === '#') {
        this.endLine();
        const hasChild = this.nextContentLine();
        if (hasChild && this.column > column) {
          result[key] = this.blockNode(depth + 1);
        } else if (hasChild && this.column === column && isSequenceEntry(this.content)) {
          // A list may stand at its key's own indentation.
          result[key] = this.sequence(column, depth + 1);
        } else {
          result[key] = null;
        }
      } else {
        result[key] = this.inlineValue(line, at, depth + 1);
        this.endLine();
        // More indented text after a value continues a scalar or is misindented: yaml decides.
        if (this.nextContentLine() && this.column > column) outside();
      }
    }
    return result;
  }

  private sequence(column: number, depth: number): unknown[] {
    this.enter(depth);
    const items: unknown[] = [];
    while (this.nextContentLine() && this.column >= column) {
      if (this.column > column) outside();
      const line = this.content;
      // A key at the list's column ends a list that stands at its key's indentation.
      if (!isSequenceEntry(line)) break;
      const at = spacesEnd(line, 1);
      if (at === line.length || line[at] === '#') outside();
      const compactList = isSequenceEntry(line.slice(at));
      if (compactList || startsPair(line, at)) {
        // `- - a` and `- key: value`: a node that starts inside the entry's line, at its column.
        this.column += at;
        this.content = line.slice(at);
        items.push(
          compactList ? this.sequence(this.column, depth + 1) : this.mapping(this.column, depth + 1),
        );
      } else {
        items.push(this.inlineValue(line, at, depth + 1));
        this.endLine();
        if (this.nextContentLine() && this.column > column) outside();
      }
    }
    return items;
  }

  /** The value from `at` to the end of the line, where only spaces and a comment may follow it. */
  private inlineValue(line: string, at: number, depth: number): unknown {
    const first = line[at] as string;
    let value: unknown;
    let end: number;
    if (first === '[' || first === '{') {
      ({ value, end } = new FlowReader(line, this.maxDepth).collection(at, depth));
    } else if (first === "'" || first === '"') {
      ({ value, end } = quoted(line, at));
    } else {
      if (!startsPlain(line, at)) outside();
      const comment = line.indexOf(' #', at);
      const written = withoutTrailingSpaces(line.slice(at, comment === -1 ? line.length : comment));
      // ": " or a final ":" would start a mapping inside the value, which yaml refuses.
      if (written.includes(': ') || written.endsWith(':')) outside();
      return plainValue(written);
    }
    end = spacesEnd(line, end);
    if (end < line.length && !(line[end] === '#' && line.charCodeAt(end - 1) === SPACE)) outside();
    return value;
  }
}

/** Flow lists and mappings written on one line: `[a, 'b']`, `{ prefix: "eu-" }`. */
class FlowReader {
  constructor(
    private readonly line: string,
    private readonly maxDepth: number,
  ) {}

  collection(at: number, depth: number): { value: unknown; end: number } {
    if (depth + 1 >= this.maxDepth) outside();
    return this.line[at] === '[' ? this.list(at + 1, depth) : this.map(at + 1, depth);
  }

  private list(start: number, depth: number): { value: unknown[]; end: number } {
    const items: unknown[] = [];
    let at = spacesEnd(this.line, start);
    if (this.line[at] === ']') return { value: items, end: at + 1 };
    for (;;) {
      const item = this.item(at, depth + 1);
      items.push(item.value);
      at = spacesEnd(this.line, item.end);
      if (this.line[at] === ']') return { value: items, end: at + 1 };
      if (this.line[at] !== ',') outside();
      at = spacesEnd(this.line, at + 1);
      // A trailing comma, or nothing where an item should be.
      if (this.line[at] === ']' || this.line[at] === ',') outside();
    }
  }

  private map(start: number, depth: number): { value: Record<string, unknown>; end: number } {
    const result: Record<string, unknown> = {};
    let at = spacesEnd(this.line, start);
    if (this.line[at] === '}') return { value: result, end: at + 1 };
    for (;;) {
      const first = this.line[at];
      let key: string;
      if (first === "'" || first === '"') {
        const written = quoted(this.line, at);
        key = checkedKey(written.value, result, false);
        at = written.end;
        if (this.line[at] !== ':') outside();
        at += 1;
      } else {
        PLAIN_KEY.lastIndex = at;
        if (!PLAIN_KEY.test(this.line)) outside();
        const end = PLAIN_KEY.lastIndex;
        if (this.line[end] !== ':' || this.line.charCodeAt(end + 1) !== SPACE) outside();
        key = checkedKey(this.line.slice(at, end), result);
        at = end + 1;
      }
      at = spacesEnd(this.line, at);
      if (this.line[at] === ',' || this.line[at] === '}') outside();
      const item = this.item(at, depth + 1);
      result[key] = item.value;
      at = spacesEnd(this.line, item.end);
      if (this.line[at] === '}') return { value: result, end: at + 1 };
      if (this.line[at] !== ',') outside();
      at = spacesEnd(this.line, at + 1);
      if (this.line[at] === '}' || this.line[at] === ',') outside();
    }
  }

  private item(at: number, depth: number): { value: unknown; end: number } {
    const first = this.line[at];
    if (first === undefined) outside(); // the collection goes on on the next line
    if (first === '[' || first === '{') return this.collection(at, depth);
    if (first === "'" || first === '"') return quoted(this.line, at);
    if (!startsPlain(this.line, at, FLOW_ENDS)) outside();
    let end = at;
    while (end < this.line.length && !FLOW_ENDS.has(this.line[end] as string)) end += 1;
    if (this.line[end] === '[' || this.line[end] === '{') outside();
    const written = withoutTrailingSpaces(this.line.slice(at, end));
    // A ":" may make a pair or stay text, a " #" starts a comment: yaml decides both.
    if (written.includes(':') || written.includes(' #')) outside();
    return { value: plainValue(written), end };
  }
}

/**
 * Where the spaces from `at` end. It stops at the end of the text rather than read past it: V8
 * throws away the optimized code of a function the first time it reads past the end of a string.
 */
function spacesEnd(text: string, at: number): number {
  let end = at;
  while (end < text.length && text.charCodeAt(end) === SPACE) end += 1;
  return end;
}

/** Whether a plain scalar may start at `at` (YAML 1.2 §7.3.3), where `ends` end it. */
function startsPlain(line: string, at: number, ends?: ReadonlySet<string>): boolean {
  const first = line[at] as string;
  if (!INDICATORS.has(first)) return true;
  const next = line[at + 1];
  return INDICATORS_BEFORE_TEXT.has(first) && next !== undefined && next !== ' ' && !ends?.has(next);
}

/** A plain key at `at` followed by ": " or a final ":"; PLAIN_KEY.lastIndex is then the colon's index. */
function startsPair(line: string, at: number): boolean {
  PLAIN_KEY.lastIndex = at;
  if (!PLAIN_KEY.test(line)) return false;
  const colon = PLAIN_KEY.lastIndex;
  return line[colon] === ':' && (colon + 1 === line.length || line.charCodeAt(colon + 1) === SPACE);
}

/** YAML's white space is spaces and tabs only: trimEnd would also take a no-break space. */
function withoutTrailingSpaces(text: string): string {
  let end = text.length;
  while (text.charCodeAt(end - 1) === SPACE) end -= 1;
  return text.slice(0, end);
}

function isSequenceEntry(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/**
 * A quoted scalar that closes on its line: single quotes with '' for a quote, double quotes
 * without escapes (a backslash leaves the subset).
 */
function quoted(line: string, at: number): { value: string; end: number } {
  const quote = line[at];
  let value = '';
  let from = at + 1;
  for (;;) {
    const close = line.indexOf(quote as string, from);
    if (close === -1) outside();
    const part = line.slice(from, close);
    if (quote === '"' && part.includes('\\')) outside();
    value += part;
    if (quote === "'" && line[close + 1] === "'") {
      value += "'";
      from = close + 2;
      continue;
    }
    return { value: checkedText(value), end: close + 1 };
  }
}

/** A plain scalar as the core schema resolves it, when no check of the value builder objects. */
function plainValue(written: string): unknown {
  if (written === '') outside();
  const resolved = resolveCoreScalar(written);
  if (resolved === undefined) return checkedText(written);
  const { value } = resolved;
  if (typeof value === 'number' && (!Number.isFinite(value) || isEncodedNumberToken(value))) outside();
  return value;
}

/** Text the value builder would report (templates, number tokens) leaves the subset. */
function checkedText(text: string): string {
  if (findTemplateExpression(text) !== undefined || holdsEncodedNumberToken(text)) outside();
  return text;
}

/** A key the value builder takes without a word: text, new in its mapping, not forbidden. */
function checkedKey(key: string, mapping: Record<string, unknown>, plain = true): string {
  // A plain key that the core schema reads as a number, boolean or null is not text.
  if (plain && resolveCoreScalar(key) !== undefined) outside();
  if (key.length > 1024 || FORBIDDEN_KEYS.has(key) || isIntrinsicKey(key)) outside();
  if (Object.prototype.hasOwnProperty.call(mapping, key)) outside();
  return checkedText(key);
}
