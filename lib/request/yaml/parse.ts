import type { CST, Document, DocumentOptions, ErrorCode, ParseOptions, SchemaOptions } from 'yaml';
import type { LoadCode } from '../../diagnostics';
import { quoteForMessage } from './characters';
import { yamlLibrary } from './library';
import { FLATTEN_HINT } from './problems';
import type { Finding, Problem, Report, SourceText } from './problems';

/**
 * `version` and `schema` hold only until a `%YAML 1.1` directive switches them, which is why
 * every directive is refused. yaml's `uniqueKeys` check is O(n²) (security.md §3: ~2 s for a
 * 64 KiB file of short keys); build.ts finds duplicates in O(n) instead.
 */
const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.2',
  schema: 'core',
  resolveKnownTags: false,
  merge: false,
  uniqueKeys: false,
  prettyErrors: false,
};

const COLLECTIONS: ReadonlySet<string> = new Set(['block-map', 'block-seq', 'flow-collection']);

export interface ReadResult {
  readonly documents: readonly Document.Parsed[];
  /** More than `maxDepth` collections were open here: nothing after it was read. */
  readonly tooDeep?: Problem;
}

/**
 * Reads the text in one pass, lexer to parser to composer as parseDocument does, refusing tags,
 * anchors and aliases as lexemes, directives and documents after the first as top-level tokens.
 *
 * yaml recurses while closing levels (a few thousand levels of `[a: a: a: …` threw a RangeError
 * inside its parser, its composer overflowed near 1,000, security.md §3), so reading stops once
 * the parser's stack holds more than `maxDepth` open collections. Nesting the stack does not show
 * (the implicit pairs of `[a: b]`) is measured on the AST by build.ts.
 */
export function readYaml(source: SourceText, maxDepth: number, report: Report): ReadResult {
  const yaml = yamlLibrary();
  const parser = new yaml.Parser();
  const composer = new yaml.Composer(YAML_OPTIONS);
  const documents: Document.Parsed[] = [];
  const refuse = (offset: number, problem: Finding): void =>
    report({ ...problem, position: source.position(offset) });
  let isScalarText = false;
  let documentCount = 0;
  const compose = (token: CST.Token): void => {
    if (token.type === 'directive') {
      refuse(token.offset, {
        code: 'yaml-directive',
        message: `Directive ${quoteForMessage(token.source)} is not allowed: request files are plain YAML 1.2 without directives (%YAML 1.1 would switch on yes/no booleans, octal numbers and merge keys).`,
        hint: 'Delete the line that starts with "%" (and the "---" after it, if nothing else needs it).',
      });
    } else if (token.type === 'document' && ++documentCount > 1) {
      refuse(token.offset, {
        code: 'yaml-multiple-documents',
        message: `File holds more than one YAML document: a request file must hold exactly one, and another one starts here.`,
        hint: 'Remove the "---" line and what follows, or move the second document to a file of its own.',
      });
    }
    documents.push(...composer.next(token));
  };
  for (const lexeme of new yaml.Lexer().lex(source.text)) {
    // The lexeme after a scalar marker is the scalar's text, whatever it starts with.
    const type = isScalarText ? 'scalar' : yaml.CST.tokenType(lexeme);
    if (type === 'tag' || type === 'anchor' || type === 'alias') {
      refuse(parser.offset, propertyRefused(type, quoteForMessage(lexeme)));
    }
    isScalarText = !isScalarText && lexeme === yaml.CST.SCALAR;
    for (const token of parser.next(lexeme)) compose(token);
    if (parser.stack.length > maxDepth + 1) {
      const tooDeep = parser.stack.filter((token) => COLLECTIONS.has(token.type))[maxDepth];
      if (tooDeep !== undefined) {
        const message = `Nesting is too deep: mappings and lists may be nested at most ${maxDepth} levels, and here they go deeper; the file was not parsed further.`;
        const hint = `${FLATTEN_HINT} Look for unclosed [ or {, or several "key: value" pairs on one line.`;
        const position = source.position(tooDeep.offset);
        return { documents, tooDeep: { code: 'yaml-nesting-too-deep', position, message, hint } };
      }
    }
  }
  for (const token of parser.end()) compose(token);
  documents.push(...composer.end(true, source.text.length));
  return { documents };
}

function propertyRefused(type: 'tag' | 'anchor' | 'alias', written: string): Finding {
  if (type === 'tag') {
    return {
      code: 'yaml-tag',
      message: `Tag ${written} is not allowed: request files hold plain values only (yaml would turn a tagged value into a string, a Buffer, a Set or a Date without a word).`,
      hint: `Remove ${written} and write the plain value; CloudFormation functions such as !Ref and !Sub mean nothing in a request file.`,
    };
  }
  return {
    code: 'yaml-alias',
    message: `${type === 'anchor' ? 'Anchor' : 'Alias'} ${written} is not allowed: request files may not use anchors or aliases (they can expand a small file into billions of values).`,
    hint:
      type === 'anchor'
        ? 'Remove the anchor and write every value out in full.'
        : 'Replace the alias with the value written out in full.',
  };
}

/**
 * yaml's own errors and warnings as problems. Warnings count as errors: the ones that occur here
 * (unresolved tags, unknown directives) are silent conversions the reference says to refuse.
 */
export function yamlProblems(document: Document.Parsed, source: SourceText): Problem[] {
  return [...document.errors, ...document.warnings].map((error) => {
    const [start, end] = error.pos;
    const excerpt = source.text.slice(start, Math.max(end, start + 1)).split('\n')[0] ?? '';
    const given = excerpt.trim() === '' ? '' : `; text given: ${quoteForMessage(excerpt)}`;
    const { code, hint } = YAML_ERROR_CLASSES[error.code] ?? GENERIC_SYNTAX;
    const message = `${error.message.replace(/\.$/, '')}: the file must be valid YAML 1.2${given}.`;
    return { code, position: source.position(start), message, hint };
  });
}

const GENERIC_SYNTAX: { code: LoadCode; hint: string } = {
  code: 'yaml-syntax',
  hint: 'Check the indentation (spaces only) and quoting around this point; quote any value that contains ": ", " #" or starts with a special character such as [, {, &, *, !, |, >, %, @.',
};
const WRITE_OUT_ALIAS = 'Write the value out in full instead of using an alias.';

const YAML_ERROR_CLASSES: Partial<Record<ErrorCode, { code: LoadCode; hint: string }>> = {
  BAD_DIRECTIVE: { code: 'yaml-directive', hint: 'Delete the line that starts with "%".' },
  TAG_RESOLVE_FAILED: { code: 'yaml-tag', hint: 'Remove the tag and write the plain value.' },
  MULTIPLE_TAGS: { code: 'yaml-tag', hint: 'Remove the tags and write the plain value.' },
  BAD_ALIAS: { code: 'yaml-alias', hint: WRITE_OUT_ALIAS },
  ALIAS_PROPS: { code: 'yaml-alias', hint: WRITE_OUT_ALIAS },
  MULTIPLE_ANCHORS: { code: 'yaml-alias', hint: 'Remove the anchors (&name).' },
  RESOURCE_EXHAUSTION: { code: 'yaml-nesting-too-deep', hint: FLATTEN_HINT },
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
