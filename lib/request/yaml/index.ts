/**
 * Reads one request file's bytes into a JSON-compatible value with source positions, refusing
 * everything the reference's bad-input table lists (security.md §3). Never throws.
 *
 * Order matters: the size is checked before decoding and decoding is strict; then one scan of the
 * text for forbidden characters, and one pass of yaml's lexer, parser and composer under a
 * nesting cap, refusing directives, extra documents, tags, anchors and aliases on the way; then
 * yaml's own errors and the value built from the AST, each problem with its position.
 * Everything that can be found is reported, not just the first problem.
 */
import type { Diagnostic } from '../../diagnostics';
import { AnchorIndex } from './anchors';
import { ValueBuilder } from './build';
import type { BuildSettings } from './build';
import { scanRawCharacters } from './characters';
import { checkSize, decodeUtf8 } from './decode';
import { resolveLimits } from './limits';
import type { YamlLimits } from './limits';
import { readYaml, yamlProblems } from './parse';
import { createParsedYaml } from './parsed-document';
import type { ParsedYaml } from './parsed-document';
import { ProblemList } from './problems';
import { SourceText, START_OF_FILE } from './source-text';
import { checkTopLevel } from './top-level';

export { DEFAULT_YAML_LIMITS, YAML_LIMIT_CEILINGS } from './limits';
export { sizeProblem } from './decode';
export type { YamlLimits } from './limits';
export type { ParsedYaml } from './parsed-document';
export type { LocatePart } from './locate';

export interface ParseYamlResult {
  /** Present only when there is no error diagnostic. */
  readonly document?: ParsedYaml;
  readonly diagnostics: Diagnostic[];
}

/**
 * Parses one request file. `limits` fall back to DEFAULT_YAML_LIMITS and are clamped to
 * YAML_LIMIT_CEILINGS. Whatever the bytes, this returns: an unexpected failure becomes a
 * `file-unreadable` diagnostic rather than an exception.
 */
export function parseYaml(file: string, bytes: Uint8Array, limits?: Partial<YamlLimits>): ParseYamlResult {
  const fileName = typeof file === 'string' ? file : '<unnamed>';
  const problems = new ProblemList(fileName);
  try {
    const document = readDocument(fileName, bytes, resolveLimits(limits), problems);
    if (document !== undefined && problems.isEmpty) {
      return { document, diagnostics: [] };
    }
  } catch (error) {
    problems.add({
      code: 'file-unreadable',
      position: START_OF_FILE,
      message: `File could not be read: the YAML reader failed unexpectedly (${describeError(error)}).`,
      hint: 'This is a bug in eventbus-infra; report it together with the file.',
    });
  }
  return { diagnostics: problems.sorted() };
}

function readDocument(
  file: string,
  bytes: Uint8Array,
  limits: YamlLimits,
  problems: ProblemList,
): ParsedYaml | undefined {
  const source = readSourceText(bytes, limits, problems);
  if (source === undefined) {
    return undefined;
  }
  scanRawCharacters(source).forEach((problem) => problems.add(problem));
  const allowAliases = limits.maxAliases > 0;
  const read = readYaml(source, limits.maxDepth, allowAliases);
  if (read.tooDeep !== undefined) {
    problems.add(read.tooDeep);
    return undefined;
  }
  read.problems.forEach((problem) => problems.add(problem));
  for (const document of read.documents) {
    yamlProblems(document, source).forEach((problem) => problems.addUnlessReported(problem));
  }
  const root: unknown = read.documents[0]?.contents ?? null;
  const anchors = allowAliases ? new AnchorIndex(root) : undefined;
  const value = buildValue(root, { source, limits, anchors }, problems);
  return problems.isEmpty ? createParsedYaml(file, value, root, source, anchors) : undefined;
}

/** The value, checked key by key and string by string, and the shape of its top level. */
function buildValue(root: unknown, settings: BuildSettings, problems: ProblemList): unknown {
  const builder = new ValueBuilder(settings);
  const value = builder.build(root);
  builder.problems.forEach((problem) => problems.add(problem));
  const shape = checkTopLevel(root, settings.source);
  if (shape !== undefined) {
    problems.add(shape);
  }
  return value;
}

/** Size, then strict decoding: both before anything looks at the content. */
function readSourceText(
  bytes: Uint8Array,
  limits: YamlLimits,
  problems: ProblemList,
): SourceText | undefined {
  if (!(bytes instanceof Uint8Array)) {
    problems.add({
      code: 'file-unreadable',
      position: START_OF_FILE,
      message: 'File could not be read: its content was not given as bytes.',
      hint: 'Pass the file content as a Uint8Array (for example the Buffer from fs.readFileSync).',
    });
    return undefined;
  }
  const tooLarge = checkSize(bytes, limits.maxBytes);
  if (tooLarge !== undefined) {
    problems.add(tooLarge);
    return undefined;
  }
  const decoded = decodeUtf8(bytes);
  if (decoded.problem !== undefined) {
    problems.add(decoded.problem);
    return undefined;
  }
  return new SourceText(decoded.text);
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    return `${error.name}: ${error.message}`.slice(0, 200);
  }
  return 'unknown error';
}
