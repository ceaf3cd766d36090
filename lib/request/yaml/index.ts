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
import type { Node } from 'yaml';
import type { Diagnostic } from '../../diagnostics';
import { aliasTargets, checkTopLevel, ValueBuilder } from './build';
import { scanRawCharacters } from './characters';
import { checkSize, decodeUtf8 } from './decode';
import { resolveLimits } from './limits';
import type { YamlLimits } from './limits';
import { createParsedYaml } from './locate';
import type { ParsedYaml } from './locate';
import { readYaml, yamlProblems } from './parse';
import { ProblemList, SourceText, START_OF_FILE } from './problems';

export { DEFAULT_YAML_LIMITS, YAML_LIMIT_CEILINGS } from './limits';
export { sizeProblem } from './decode';
export type { YamlLimits } from './limits';
export type { LocatePart, ParsedYaml } from './locate';

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
    const reason = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : 'unknown error';
    problems.add({
      code: 'file-unreadable',
      position: START_OF_FILE,
      message: `File could not be read: the YAML reader failed unexpectedly (${reason}).`,
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
  const decoded = tooLarge === undefined ? decodeUtf8(bytes) : { problem: tooLarge };
  if (decoded.problem !== undefined) {
    problems.add(decoded.problem);
    return undefined;
  }
  const source = new SourceText(decoded.text);
  scanRawCharacters(source).forEach((problem) => problems.add(problem));
  const read = readYaml(source, limits.maxDepth, limits.maxAliases > 0);
  if (read.tooDeep !== undefined) {
    problems.add(read.tooDeep);
    return undefined;
  }
  read.problems.forEach((problem) => problems.add(problem));
  for (const document of read.documents) {
    yamlProblems(document, source).forEach((problem) => problems.addUnlessReported(problem));
  }
  const root = (read.documents[0]?.contents ?? null) as Node | null;
  const aliases = limits.maxAliases > 0 ? aliasTargets(root) : undefined;
  const builder = new ValueBuilder(source, limits, aliases);
  const value = builder.valueOf(root);
  builder.problems.forEach((problem) => problems.add(problem));
  const shape = checkTopLevel(root, source);
  if (shape !== undefined) {
    problems.add(shape);
  }
  return problems.isEmpty ? createParsedYaml(file, value, root, source, aliases) : undefined;
}
