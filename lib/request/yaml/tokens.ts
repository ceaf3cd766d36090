import type { CST } from 'yaml';
import { quoteForMessage } from './characters';
import type { Problem } from './problems';
import type { SourceText } from './source-text';

/**
 * Checks on yaml's concrete syntax tree, where every directive, document, tag, anchor and alias
 * is a token with its own offset, so each is reported exactly where it is written.
 */
export function checkTokens(
  tokens: readonly CST.Token[],
  source: SourceText,
  allowAnchors: boolean,
): Problem[] {
  const problems: Problem[] = [];
  let documents = 0;
  for (const token of tokens) {
    if (token.type === 'directive') {
      problems.push(directiveProblem(token, source));
    } else if (token.type === 'document') {
      documents += 1;
      if (documents > 1) {
        problems.push(extraDocumentProblem(token, source));
      }
    }
  }
  for (const property of findSourceTokens(tokens, ['tag', 'anchor', 'alias'])) {
    if (property.type === 'tag') {
      problems.push(tagProblem(property, source));
    } else if (!allowAnchors) {
      problems.push(anchorOrAliasProblem(property, source));
    }
  }
  return problems;
}

interface LocatedSource {
  readonly type: string;
  readonly offset: number;
  readonly source: string;
}

/**
 * Every token of the given types anywhere in the tree. Walks with an explicit stack: the tree can
 * be as deep as the parser guard allows, and a generic walk avoids missing a place where yaml
 * keeps properties (item starts, separators, block scalar headers, document starts).
 */
function findSourceTokens(tokens: readonly CST.Token[], types: readonly string[]): LocatedSource[] {
  const wanted = new Set(types);
  const found: LocatedSource[] = [];
  const pending: unknown[] = [];
  pushAll(pending, tokens);
  while (pending.length > 0) {
    const next = pending.pop();
    if (Array.isArray(next)) {
      pushAll(pending, next);
    } else if (typeof next === 'object' && next !== null) {
      if (isLocatedSource(next) && wanted.has(next.type)) {
        found.push(next);
      }
      pushAll(pending, Object.values(next));
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** A loop, not `push(...items)`: a flow list in a large file can hold more items than a call may take arguments. */
function pushAll(target: unknown[], items: readonly unknown[]): void {
  for (const item of items) {
    target.push(item);
  }
}

function isLocatedSource(value: object): value is LocatedSource {
  const candidate = value as Partial<Record<keyof LocatedSource, unknown>>;
  return (
    typeof candidate.type === 'string' &&
    typeof candidate.offset === 'number' &&
    typeof candidate.source === 'string'
  );
}

function directiveProblem(token: CST.Directive, source: SourceText): Problem {
  return {
    code: 'yaml-directive',
    position: source.position(token.offset),
    message: `Directive ${quoteForMessage(token.source)} is not allowed: request files are plain YAML 1.2 without directives (%YAML 1.1 would switch on yes/no booleans, octal numbers and merge keys).`,
    hint: 'Delete the line that starts with "%" (and the "---" after it, if nothing else needs it).',
  };
}

function extraDocumentProblem(token: CST.Document, source: SourceText): Problem {
  return {
    code: 'yaml-multiple-documents',
    position: source.position(token.offset),
    message:
      'File holds more than one YAML document: a request file must hold exactly one, and another one starts here.',
    hint: 'Remove the "---" line and what follows, or move the second document to a file of its own.',
  };
}

function tagProblem(token: LocatedSource, source: SourceText): Problem {
  return {
    code: 'yaml-tag',
    position: source.position(token.offset),
    message: `Tag ${quoteForMessage(token.source)} is not allowed: request files hold plain values only (yaml would turn a tagged value into a string, a Buffer, a Set or a Date without a word).`,
    hint: `Remove ${quoteForMessage(token.source)} and write the plain value; CloudFormation functions such as !Ref and !Sub mean nothing in a request file.`,
  };
}

function anchorOrAliasProblem(token: LocatedSource, source: SourceText): Problem {
  const isAnchor = token.type === 'anchor';
  return {
    code: 'yaml-alias',
    position: source.position(token.offset),
    message: isAnchor
      ? `Anchor ${quoteForMessage(token.source)} is not allowed: request files may not use anchors or aliases (they can expand a small file into billions of values).`
      : `Alias ${quoteForMessage(token.source)} is not allowed: request files may not use anchors or aliases (they can expand a small file into billions of values).`,
    hint: isAnchor
      ? 'Remove the anchor and write every value out in full.'
      : 'Replace the alias with the value written out in full.',
  };
}
