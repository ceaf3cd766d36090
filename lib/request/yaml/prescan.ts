/**
 * Measures how deeply a YAML text nests, on the raw text, before yaml is called.
 *
 * Why: yaml recurses once per nesting level. The reference (security.md §3) observed `[[[[…`
 * failing with RESOURCE_EXHAUSTION, and a second such file in the same process aborting Node
 * outright (V8 ran out of memory compiling a regular expression near the stack limit: not
 * catchable). So nothing much deeper than the limit may ever reach yaml.
 *
 * The scan follows YAML 1.2 as yaml 2.9 tokenizes it: wherever it skips text (quoted and block
 * scalars, comments, plain scalars) it ends the skip where yaml does, including yaml's early ends
 * on a less-indented line, so text hidden from the scan is text yaml reads as a scalar too. On
 * well-formed YAML it counts exactly, except that a collection used as a key (`[[a]: b]`,
 * `{a: 1}: b`) is seen one level too shallow, because the mapping it belongs to only shows after it.
 *
 * It is not the only guard. yaml's error recovery can nest where no lexical scan sees structure
 * (`k: a: b: c` repeated on many lines nests two mappings per line; `: | {` opens a flow mapping
 * from the text after a block scalar header), so parse.ts also caps yaml's parser stack as it is
 * built, and build.ts checks the depth of the finished tree. This scan catches the plain attacks
 * early, with the exact place.
 *
 * Depth counts collections: the top-level mapping is 1, a list inside it 2, and so on.
 */

export interface NestingViolation {
  /** Offset of the indicator or bracket that went past the limit. */
  readonly offset: number;
}

export interface NestingMeasure {
  /** The deepest nesting seen: exact on well-formed YAML (see above), stopping at the first violation. */
  readonly deepest: number;
  readonly violation?: NestingViolation;
}

/** Scans `text` and stops at the first point nested deeper than `maxDepth`. */
export function measureNesting(text: string, maxDepth: number): NestingMeasure {
  return new NestingScanner(text, maxDepth).scan();
}

type ScanState = 'stream' | 'lineStart' | 'blockStart' | 'node' | 'flow' | 'blockScalar';

type CollectionKind = 'mapping' | 'sequence';

interface FlowCollection {
  readonly kind: CollectionKind;
  /** `:` indicators in the current entry; after the first, each nests another mapping in yaml. */
  colonsInEntry: number;
  /** The current entry of a sequence is an implicit one-pair mapping (`[a: b]`, `[? a]`). */
  entryIsPair: boolean;
}

interface BlockCollection {
  readonly column: number;
  readonly kind: CollectionKind;
}

/** Characters that end an anchor or alias name. */
const ANCHOR_TERMINATORS = new Set([' ', ',', '[', ']', '{', '}', '\n', '\r', '\t']);
const FLOW_INDICATORS = new Set([',', '[', ']', '{', '}']);
/** Characters a `!tag` may contain (YAML 1.2 ns-tag-char plus `!`). */
const TAG_CHARACTERS = new Set(
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()",
);
const HEX_DIGITS = new Set('0123456789ABCDEFabcdef');

/** Whitespace, a line break or the end of the text: what must follow an indicator. */
function isBlank(character: string | undefined): boolean {
  return (
    character === undefined ||
    character === ' ' ||
    character === '\t' ||
    character === '\n' ||
    character === '\r'
  );
}

/**
 * Depth a flow collection adds for what is nested in its current entry: one, plus one for an
 * implicit pair in a sequence, plus one for every `:` after the first in the entry.
 */
function flowWeightOf(collection: FlowCollection): number {
  const implicitPair = collection.kind === 'sequence' && collection.entryIsPair ? 1 : 0;
  return 1 + implicitPair + Math.max(0, collection.colonsInEntry - 1);
}

function isFlowIndicator(character: string | undefined): boolean {
  return character !== undefined && FLOW_INDICATORS.has(character);
}

/**
 * A state machine over the text, one state per YAML context. Each state method consumes some text
 * and names the next state; the variables mirror what decides where yaml ends a scalar.
 */
class NestingScanner {
  private offset = 0;
  /** Indentation of the current line, grown by `- `, `? `, `: ` at its start. */
  private lineIndent = 0;
  /** Lines of a multi-line scalar must be indented at least this much to continue it. */
  private continuationIndent = 0;
  /** Open flow collections (yaml's flow level is their count). */
  private readonly flowCollections: FlowCollection[] = [];
  /** Depth the open flow collections add for something nested in them. */
  private flowWeight = 0;
  /** In flow context, `:` right after a quoted scalar or a closing bracket is an indicator. */
  private colonFollowsKey = false;
  /** Explicit indentation of the current block scalar minus one, or -1. */
  private blockScalarIndent = -1;
  private readonly blockCollections: BlockCollection[] = [];
  /** Where the last node on this line began (with its tag or anchor): a key's mapping sits there. */
  private nodeStart: number | undefined;
  private propertiesStart: number | undefined;
  private deepest = 0;
  private violation: NestingViolation | undefined;
  private cachedLineStart = 0;
  private cachedLineEnd = -1;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  scan(): NestingMeasure {
    let state: ScanState = 'stream';
    // Every state consumes text or moves towards one that does; the guard turns a bug into an error, not a hang.
    let stepsLeft = 8 * (this.text.length + 2);
    while (this.offset < this.text.length && this.violation === undefined) {
      state = this.step(state);
      stepsLeft -= 1;
      if (stepsLeft < 0) {
        throw new Error('nesting scan made no progress');
      }
    }
    return { deepest: this.deepest, violation: this.violation };
  }

  private step(state: ScanState): ScanState {
    switch (state) {
      case 'stream':
        return this.stream();
      case 'lineStart':
        return this.lineStart();
      case 'blockStart':
        return this.blockStart();
      case 'node':
        return this.node();
      case 'flow':
        return this.flow();
      case 'blockScalar':
        return this.blockScalar();
    }
  }

  /** Between documents: directives, blank and comment lines hold no nodes. */
  private stream(): ScanState {
    if (this.text[this.offset] === '%' || this.restOfLineIsEmpty(this.offset)) {
      this.offset = this.afterLineBreak(this.lineContentEnd(this.offset));
      return 'stream';
    }
    return 'lineStart';
  }

  private lineStart(): ScanState {
    const marker = this.documentMarkerAt(this.offset);
    if (marker !== undefined) {
      this.offset += 3;
      this.startDocument();
      return marker === '---' ? 'node' : 'stream';
    }
    this.lineIndent = this.skipSpaces(false);
    // Mirrors yaml: a line starting with a word (not an indicator) lowers the continuation indent.
    if (this.continuationIndent > this.lineIndent && !isBlank(this.text[this.offset + 1])) {
      this.continuationIndent = this.lineIndent;
    }
    this.nodeStart = undefined;
    this.propertiesStart = undefined;
    if (!this.restOfLineIsEmpty(this.offset)) {
      this.closeBlocksDeeperThan(this.columnOf(this.offset));
    }
    return 'blockStart';
  }

  /** `- `, `? ` and `: ` at the start of a line each open (or continue) a block collection. */
  private blockStart(): ScanState {
    const indicator = this.text[this.offset];
    if (
      (indicator === '-' || indicator === '?' || indicator === ':') &&
      isBlank(this.text[this.offset + 1])
    ) {
      this.openBlock(this.offset, indicator === '-' ? 'sequence' : 'mapping');
      this.offset += 1;
      const spaces = this.skipSpaces(true);
      this.continuationIndent = this.lineIndent + 1;
      this.lineIndent += 1 + spaces;
      return 'blockStart';
    }
    return 'node';
  }

  /** Where a node may start in block context. */
  private node(): ScanState {
    this.skipSpaces(true);
    this.skipBlockProperties();
    if (this.atLineEnd(this.offset)) {
      this.offset = this.afterLineBreak(this.offset);
      return 'lineStart';
    }
    const character = this.text[this.offset];
    switch (character) {
      case '#':
        this.offset = this.afterLineBreak(this.lineContentEnd(this.offset));
        return 'lineStart';
      case '[':
      case '{':
        this.startNode();
        this.openFlow(character);
        return 'flow';
      case ']':
      case '}':
        this.offset += 1;
        return 'node';
      case '*':
        this.startNode();
        this.skipAnchorName();
        return 'node';
      case '"':
      case "'":
        this.startNode();
        this.skipQuotedScalar();
        return 'node';
      case '|':
      case '>':
        this.skipBlockScalarHeader();
        return 'blockScalar';
      default:
        this.startNode();
        this.skipPlainScalar(false);
        return 'node';
    }
  }

  /** Tags, anchors and indicators before a node in block context. */
  private skipBlockProperties(): void {
    for (;;) {
      const character = this.text[this.offset];
      if (character === '!' || character === '&') {
        this.propertiesStart ??= this.offset;
        this.skipTagOrAnchor(character);
      } else if (
        (character === '-' || character === '?' || character === ':') &&
        isBlank(this.text[this.offset + 1])
      ) {
        this.continuationIndent = this.lineIndent + 1;
        this.openBlockAfterNode(character);
        this.offset += 1;
        this.skipSpaces(true);
      } else {
        return;
      }
    }
  }

  /** An indicator after a node on the same line: `:` makes that node a key of a mapping. */
  private openBlockAfterNode(indicator: '-' | '?' | ':'): void {
    if (indicator === ':') {
      this.openBlock(this.nodeStart ?? this.offset, 'mapping');
      this.nodeStart = undefined;
    } else {
      this.openBlock(this.offset, indicator === '-' ? 'sequence' : 'mapping');
    }
  }

  private flow(): ScanState {
    const indent = this.skipFlowWhitespace();
    if (this.offset >= this.text.length) {
      return 'flow';
    }
    const first = this.text[this.offset];
    // yaml ends every open flow collection (an error) at a line indented less than the
    // collection's context requires, or at a document marker.
    if (
      (indent !== -1 && indent < this.continuationIndent && first !== '#') ||
      (indent === 0 && this.documentMarkerAt(this.offset) !== undefined)
    ) {
      const closesOutermost =
        indent === this.continuationIndent - 1 &&
        this.flowCollections.length === 1 &&
        (first === ']' || first === '}');
      if (!closesOutermost) {
        this.closeAllFlows();
        return 'lineStart';
      }
    }
    while (this.text[this.offset] === ',') {
      this.offset += 1;
      this.skipSpaces(true);
      this.colonFollowsKey = false;
      this.updateInnermostFlow(() => ({ colonsInEntry: 0, entryIsPair: false }));
    }
    this.skipFlowProperties();
    return this.flowToken();
  }

  /** Skips line breaks, indentation and spaces; returns the last new line's indentation, or -1 if none. */
  private skipFlowWhitespace(): number {
    let indent = -1;
    for (;;) {
      const lineBreak = this.skipLineBreak();
      let spaces = 0;
      if (lineBreak > 0) {
        spaces = this.skipSpaces(false);
        this.lineIndent = spaces;
        indent = spaces;
      }
      spaces += this.skipSpaces(true);
      if (lineBreak + spaces === 0) {
        return indent;
      }
    }
  }

  private skipFlowProperties(): void {
    for (;;) {
      const character = this.text[this.offset];
      const next = this.text[this.offset + 1];
      if (character === '!' || character === '&') {
        this.skipTagOrAnchor(character);
      } else if (
        (character === '-' || character === '?' || character === ':') &&
        (isBlank(next) || isFlowIndicator(next))
      ) {
        this.colonFollowsKey = false;
        this.noteFlowIndicator(character);
        this.offset += 1;
        this.skipSpaces(true);
      } else {
        return;
      }
    }
  }

  /**
   * `?` or `:` in a flow sequence makes an implicit one-pair mapping. Every further `:` in the
   * same entry (`[a: b: c: …]`) nests one more mapping: yaml reports BLOCK_AS_IMPLICIT_KEY but
   * still builds them, and its parser recurses per level (a few thousand threw an uncaught
   * RangeError from inside it when tried).
   */
  private noteFlowIndicator(indicator: string): void {
    this.updateInnermostFlow((entry) => ({
      colonsInEntry: entry.colonsInEntry + (indicator === ':' ? 1 : 0),
      entryIsPair: true,
    }));
    this.recordDepth(this.blockCollections.length + this.flowWeight, this.offset);
  }

  private updateInnermostFlow(
    update: (entry: FlowCollection) => Pick<FlowCollection, 'colonsInEntry' | 'entryIsPair'>,
  ): void {
    const innermost = this.flowCollections[this.flowCollections.length - 1];
    if (innermost !== undefined) {
      this.flowWeight -= flowWeightOf(innermost);
      Object.assign(innermost, update(innermost));
      this.flowWeight += flowWeightOf(innermost);
    }
  }

  private flowToken(): ScanState {
    if (this.atLineEnd(this.offset)) {
      return 'flow';
    }
    const character = this.text[this.offset];
    switch (character) {
      case '#':
        this.offset = this.lineContentEnd(this.offset);
        return 'flow';
      case '[':
      case '{':
        this.openFlow(character);
        return 'flow';
      case ']':
      case '}':
        this.offset += 1;
        this.colonFollowsKey = true;
        this.closeFlow();
        return this.flowCollections.length > 0 ? 'flow' : 'node';
      case '*':
        this.skipAnchorName();
        return 'flow';
      case '"':
      case "'":
        this.colonFollowsKey = true;
        this.skipQuotedScalar();
        return 'flow';
      case ':': {
        const next = this.text[this.offset + 1];
        if (this.colonFollowsKey || isBlank(next) || next === ',') {
          this.colonFollowsKey = false;
          this.noteFlowIndicator(':');
          this.offset += 1;
          this.skipSpaces(true);
          return 'flow';
        }
        this.colonFollowsKey = false;
        this.skipPlainScalar(true);
        return 'flow';
      }
      default:
        this.colonFollowsKey = false;
        this.skipPlainScalar(true);
        return 'flow';
    }
  }

  /** The lines of a block scalar are text; they end at the first line indented less than its content. */
  private blockScalar(): ScanState {
    let lastLineBreak = this.offset - 1;
    let indent = 0;
    for (let index = this.offset; index < this.text.length; index += 1) {
      const character = this.text[index];
      if (character === ' ') {
        indent += 1;
      } else if (character === '\n') {
        lastLineBreak = index;
        indent = 0;
      } else if (!(character === '\r' && this.text[index + 1] === '\n')) {
        break;
      }
    }
    if (indent >= this.continuationIndent) {
      this.continuationIndent =
        this.blockScalarIndent === -1
          ? indent
          : this.blockScalarIndent + (this.continuationIndent === 0 ? 1 : this.continuationIndent);
      lastLineBreak = this.lastContinuedLineBreak(lastLineBreak);
    }
    this.offset = this.skipTrailingTabLines(lastLineBreak) + 1;
    return 'lineStart';
  }

  /** Follows continuation lines from the line break at `lineBreak`; returns the break that ends them. */
  private lastContinuedLineBreak(lineBreak: number): number {
    let current = lineBreak;
    for (;;) {
      const resume = this.continuationOffset(current + 1);
      if (resume === -1) {
        return current;
      }
      const next = this.text.indexOf('\n', resume);
      if (next === -1) {
        return this.text.length;
      }
      current = next;
    }
  }

  /** yaml keeps whitespace lines that start with a tab in the block scalar (to report them). */
  private skipTrailingTabLines(lineBreak: number): number {
    let index = lineBreak + 1;
    while (this.text[index] === ' ') {
      index += 1;
    }
    if (this.text[index] !== '\t') {
      return lineBreak;
    }
    while (['\t', ' ', '\r', '\n'].includes(this.text[index] ?? '')) {
      index += 1;
    }
    return index - 1;
  }

  private skipBlockScalarHeader(): void {
    this.blockScalarIndent = -1;
    for (let index = this.offset + 1; ; index += 1) {
      const character = this.text[index];
      if (character === undefined || !'+-123456789'.includes(character)) {
        break;
      }
      if (character !== '+' && character !== '-') {
        this.blockScalarIndent = Number(character) - 1;
      }
    }
    // Whatever follows the header on its line is a comment or an error to yaml, never a node.
    this.offset = this.afterLineBreak(this.lineContentEnd(this.offset));
  }

  /**
   * Skips a quoted scalar. yaml looks for the closing quote first, then ends the scalar early at
   * any line inside it that is indented too little; a scalar with no closing quote runs to the end.
   */
  private skipQuotedScalar(): void {
    let end = this.closingQuote(this.offset);
    if (end === -1) {
      this.offset = this.text.length;
      return;
    }
    let lineBreak = this.text.indexOf('\n', this.offset);
    while (lineBreak !== -1 && lineBreak < end) {
      const resume = this.continuationOffset(lineBreak + 1);
      if (resume === -1) {
        end = lineBreak - (this.text[lineBreak - 1] === '\r' ? 2 : 1);
        break;
      }
      lineBreak = this.text.indexOf('\n', resume);
    }
    this.offset = end + 1;
  }

  private closingQuote(opening: number): number {
    const quote = this.text[opening] ?? '"';
    let end = this.text.indexOf(quote, opening + 1);
    if (quote === "'") {
      while (end !== -1 && this.text[end + 1] === "'") {
        end = this.text.indexOf("'", end + 2);
      }
      return end;
    }
    while (end !== -1 && this.isEscaped(end)) {
      end = this.text.indexOf('"', end + 1);
    }
    return end;
  }

  /** Whether the character at `index` follows an odd number of backslashes. */
  private isEscaped(index: number): boolean {
    let backslashes = 0;
    while (this.text[index - 1 - backslashes] === '\\') {
      backslashes += 1;
    }
    return backslashes % 2 === 1;
  }

  /**
   * Skips a plain scalar: it ends at `: `, at ` #`, at a line not indented enough to continue it,
   * and in flow context also at `,[]{}`.
   */
  private skipPlainScalar(inFlow: boolean): void {
    const start = this.offset;
    let end = start - 1;
    for (let index = start; index < this.text.length; index += 1) {
      let character = this.text[index];
      let next = this.text[index + 1];
      if (character === ':') {
        if (isBlank(next) || (inFlow && isFlowIndicator(next))) {
          break;
        }
        end = index;
      } else if (isBlank(character)) {
        if (character === '\r') {
          if (next === '\n') {
            index += 1;
            character = '\n';
            next = this.text[index + 1];
          } else {
            end = index;
          }
        }
        if (next === '#' || (inFlow && isFlowIndicator(next))) {
          break;
        }
        if (character === '\n') {
          const resume = this.continuationOffset(index + 1);
          if (resume === -1) {
            break;
          }
          // Resume on the last indentation space so a comment right after it is still seen.
          index = Math.max(index, resume - 2);
        }
      } else {
        if (inFlow && isFlowIndicator(character)) {
          break;
        }
        end = index;
      }
    }
    this.offset = Math.max(end + 1, start + 1);
  }

  /**
   * Offset where the line starting at `lineStart` continues a multi-line scalar, or -1 if it
   * does not: it must be blank or indented at least `continuationIndent`; at the top level
   * only a document marker ends the scalar.
   */
  private continuationOffset(lineStart: number): number {
    if (this.continuationIndent > 0) {
      let indent = 0;
      while (this.text[lineStart + indent] === ' ') {
        indent += 1;
      }
      const character = this.text[lineStart + indent];
      if (character === '\r' && this.text[lineStart + indent + 1] === '\n') {
        return lineStart + indent + 1;
      }
      return character === '\n' || indent >= this.continuationIndent ? lineStart + indent : -1;
    }
    return this.documentMarkerAt(lineStart) === undefined ? lineStart : -1;
  }

  private skipTagOrAnchor(character: '!' | '&'): void {
    if (character === '!') {
      this.skipTag();
    } else {
      this.skipAnchorName();
    }
    this.skipSpaces(true);
  }

  private skipTag(): void {
    if (this.text[this.offset + 1] === '<') {
      let index = this.offset + 2;
      while (!isBlank(this.text[index]) && this.text[index] !== '>') {
        index += 1;
      }
      this.offset = this.text[index] === '>' ? index + 1 : index;
      return;
    }
    let index = this.offset + 1;
    for (;;) {
      const character = this.text[index];
      if (character !== undefined && TAG_CHARACTERS.has(character)) {
        index += 1;
      } else if (
        character === '%' &&
        HEX_DIGITS.has(this.text[index + 1] ?? '') &&
        HEX_DIGITS.has(this.text[index + 2] ?? '')
      ) {
        index += 3;
      } else {
        break;
      }
    }
    this.offset = index;
  }

  /** Skips `&name` or `*name`, the indicator included. */
  private skipAnchorName(): void {
    let index = this.offset + 1;
    while (index < this.text.length && !ANCHOR_TERMINATORS.has(this.text[index] ?? ' ')) {
      index += 1;
    }
    this.offset = index;
  }

  private startNode(): void {
    this.nodeStart = this.propertiesStart ?? this.offset;
    this.propertiesStart = undefined;
  }

  private startDocument(): void {
    this.lineIndent = 0;
    this.continuationIndent = 0;
    this.blockCollections.length = 0;
    this.closeAllFlows();
  }

  /** A block collection entry (an indicator or a key) written at offset `at`. */
  private openBlock(at: number, kind: CollectionKind): void {
    const column = this.columnOf(at);
    let top = this.blockCollections[this.blockCollections.length - 1];
    if (top !== undefined && top.column === column) {
      if (top.kind === kind) {
        return; // another entry of the same collection
      }
      if (kind === 'mapping') {
        // A key at the column of a list's dashes ends that list, which was the value of a key of this mapping.
        this.blockCollections.pop();
        top = this.blockCollections[this.blockCollections.length - 1];
        if (top !== undefined && top.column === column && top.kind === 'mapping') {
          return;
        }
      }
      // Otherwise dashes at the column of a mapping's keys make a list that is a key's value.
    }
    this.blockCollections.push({ column, kind });
    this.recordDepth(this.blockCollections.length + this.flowWeight, at);
  }

  private closeBlocksDeeperThan(column: number): void {
    let top = this.blockCollections[this.blockCollections.length - 1];
    while (top !== undefined && top.column > column) {
      this.blockCollections.pop();
      top = this.blockCollections[this.blockCollections.length - 1];
    }
  }

  private openFlow(bracket: '[' | '{'): void {
    const kind: CollectionKind = bracket === '[' ? 'sequence' : 'mapping';
    this.recordDepth(this.blockCollections.length + this.flowWeight + 1, this.offset);
    const opened: FlowCollection = { kind, colonsInEntry: 0, entryIsPair: false };
    this.flowCollections.push(opened);
    this.flowWeight += flowWeightOf(opened);
    this.offset += 1;
    this.colonFollowsKey = false;
  }

  private closeFlow(): void {
    const closed = this.flowCollections.pop();
    if (closed !== undefined) {
      this.flowWeight -= flowWeightOf(closed);
    }
  }

  private closeAllFlows(): void {
    this.flowCollections.length = 0;
    this.flowWeight = 0;
  }

  private recordDepth(depth: number, at: number): void {
    this.deepest = Math.max(this.deepest, depth);
    if (depth > this.maxDepth && this.violation === undefined) {
      this.violation = { offset: at };
    }
  }

  private documentMarkerAt(at: number): '---' | '...' | undefined {
    const marker = this.text.slice(at, at + 3);
    return (marker === '---' || marker === '...') && isBlank(this.text[at + 3]) ? marker : undefined;
  }

  private skipSpaces(includeTabs: boolean): number {
    const start = this.offset;
    while (this.text[this.offset] === ' ' || (includeTabs && this.text[this.offset] === '\t')) {
      this.offset += 1;
    }
    return this.offset - start;
  }

  /** Consumes one line break (LF or CRLF); returns its length. */
  private skipLineBreak(): number {
    if (this.text[this.offset] === '\n') {
      this.offset += 1;
      return 1;
    }
    if (this.text[this.offset] === '\r' && this.text[this.offset + 1] === '\n') {
      this.offset += 2;
      return 2;
    }
    return 0;
  }

  /** End of the line's content: its LF, the CR of its CRLF, or the end of the text. */
  private lineContentEnd(from: number): number {
    const lineFeed = this.text.indexOf('\n', from);
    if (lineFeed === -1) {
      return this.text.length;
    }
    return this.text[lineFeed - 1] === '\r' && lineFeed - 1 >= from ? lineFeed - 1 : lineFeed;
  }

  private afterLineBreak(contentEnd: number): number {
    if (this.text[contentEnd] === '\r' && this.text[contentEnd + 1] === '\n') {
      return contentEnd + 2;
    }
    return this.text[contentEnd] === '\n' ? contentEnd + 1 : contentEnd;
  }

  private atLineEnd(at: number): boolean {
    const character = this.text[at];
    return (
      character === undefined || character === '\n' || (character === '\r' && this.text[at + 1] === '\n')
    );
  }

  /** Only spaces and tabs, then a comment or the end of the line. */
  private restOfLineIsEmpty(from: number): boolean {
    let index = from;
    while (this.text[index] === ' ' || this.text[index] === '\t') {
      index += 1;
    }
    return this.atLineEnd(index) || this.text[index] === '#';
  }

  private columnOf(at: number): number {
    if (at < this.cachedLineStart || at > this.cachedLineEnd) {
      this.cachedLineStart = at > 0 ? this.text.lastIndexOf('\n', at - 1) + 1 : 0;
      const lineFeed = this.text.indexOf('\n', at);
      this.cachedLineEnd = lineFeed === -1 ? this.text.length : lineFeed;
    }
    return at - this.cachedLineStart;
  }
}
