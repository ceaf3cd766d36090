import { Composer, Lexer, Parser } from 'yaml';
import type { CST, Document, DocumentOptions, ErrorCode, ParseOptions, SchemaOptions, YAMLError } from 'yaml';
import type { LoadCode } from '../../diagnostics';
import { quoteForMessage } from './characters';
import type { Problem } from './problems';
import type { SourceText } from './source-text';

/**
 * How yaml reads a request file. `version` and `schema` only hold until a `%YAML 1.1` directive
 * switches them (observed in the reference), which is why tokens.ts rejects every directive.
 * `uniqueKeys` is off because yaml's check is O(n²) (security.md §3: ~13 s for 40k keys, still
 * ~2 s for a 64 KiB file of short keys); build.ts finds duplicates in O(n) instead and reports
 * both places.
 */
const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.2',
  schema: 'core',
  resolveKnownTags: false,
  merge: false,
  uniqueKeys: false,
  strict: true,
  stringKeys: false,
  intAsBigInt: false,
  prettyErrors: false,
  customTags: [],
};

/** Parser stack entries that are not collections: the document and the node being read. */
const STACK_ENTRIES_BESIDES_COLLECTIONS = 2;

export type TokenizeResult =
  { readonly tokens: readonly CST.Token[]; readonly tooDeepAt?: never } | { readonly tooDeepAt: number };

/**
 * Runs yaml's lexer and parser one lexeme at a time and stops as soon as the parser's stack (one
 * entry per open collection) passes the limit. yaml's parser recurses while closing levels
 * (a few thousand levels of `[a: a: a: …` threw an uncaught RangeError from inside it when tried),
 * so capping its stack as it grows bounds that recursion, and the composer's after it, whatever
 * the text: this is the exact guard behind the raw-text pre-scan.
 */
export function tokenize(text: string, maxDepth: number): TokenizeResult {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  const stackLimit = maxDepth + STACK_ENTRIES_BESIDES_COLLECTIONS;
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) {
      tokens.push(token);
    }
    if (parser.stack.length > stackLimit) {
      return { tooDeepAt: parser.offset };
    }
  }
  for (const token of parser.end()) {
    tokens.push(token);
  }
  return { tokens };
}

/** Builds yaml's documents (its AST) from the tokens; every document, so none is silently ignored. */
export function compose(tokens: readonly CST.Token[], textLength: number): Document.Parsed[] {
  return Array.from(new Composer(YAML_OPTIONS).compose(tokens, true, textLength));
}

/**
 * yaml's own errors and warnings as problems. Warnings count as errors: the ones that occur here
 * (unresolved tags, unknown directives) are silent conversions the reference says to refuse.
 */
export function yamlProblems(document: Document.Parsed, source: SourceText): Problem[] {
  return [...document.errors, ...document.warnings].map((error) => yamlProblem(error, source));
}

function yamlProblem(error: YAMLError, source: SourceText): Problem {
  const [start, end] = error.pos;
  const excerpt = source.text.slice(start, Math.max(end, start + 1)).split('\n')[0] ?? '';
  const given = excerpt.trim() === '' ? '' : `; text given: ${quoteForMessage(excerpt)}`;
  const { code, hint } = classifyYamlError(error.code);
  return {
    code,
    position: source.position(start),
    message: `${stripTrailingPeriod(error.message)}: the file must be valid YAML 1.2${given}.`,
    hint,
  };
}

const GENERIC_SYNTAX_HINT =
  'Check the indentation (spaces only) and quoting around this point; quote any value that contains ": ", " #" or starts with a special character such as [, {, &, *, !, |, >, %, @.';

const YAML_ERROR_CLASSES: Partial<Record<ErrorCode, { code: LoadCode; hint: string }>> = {
  DUPLICATE_KEY: { code: 'yaml-duplicate-key', hint: 'Remove one of the entries, or merge them into one.' },
  MULTIPLE_DOCS: {
    code: 'yaml-multiple-documents',
    hint: 'Keep one document per file: remove the "---" line and what follows, or move it to its own file.',
  },
  BAD_DIRECTIVE: { code: 'yaml-directive', hint: 'Delete the line that starts with "%".' },
  TAG_RESOLVE_FAILED: { code: 'yaml-tag', hint: 'Remove the tag and write the plain value.' },
  MULTIPLE_TAGS: { code: 'yaml-tag', hint: 'Remove the tags and write the plain value.' },
  BAD_ALIAS: { code: 'yaml-alias', hint: 'Write the value out in full instead of using an alias.' },
  ALIAS_PROPS: { code: 'yaml-alias', hint: 'Write the value out in full instead of using an alias.' },
  MULTIPLE_ANCHORS: { code: 'yaml-alias', hint: 'Remove the anchors (&name).' },
  RESOURCE_EXHAUSTION: {
    code: 'yaml-nesting-too-deep',
    hint: 'Flatten the structure; a request file needs only a few levels.',
  },
  NON_STRING_KEY: { code: 'forbidden-key', hint: 'Write every key as plain text.' },
  TAB_AS_INDENT: {
    code: 'yaml-syntax',
    hint: 'Indent with spaces only; YAML does not allow tabs in indentation.',
  },
  BAD_DQ_ESCAPE: {
    code: 'yaml-syntax',
    hint: 'Fix the backslash escape in the double-quoted text, or use single quotes, which have no escapes.',
  },
  KEY_OVER_1024_CHARS: { code: 'yaml-syntax', hint: 'Shorten the key; keys are field names.' },
};

function classifyYamlError(code: ErrorCode): { code: LoadCode; hint: string } {
  return YAML_ERROR_CLASSES[code] ?? { code: 'yaml-syntax', hint: GENERIC_SYNTAX_HINT };
}

function stripTrailingPeriod(message: string): string {
  return message.replace(/\.$/, '');
}
