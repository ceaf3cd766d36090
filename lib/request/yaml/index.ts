/**
 * Reads one request file's bytes into a JSON-compatible value with source positions, refusing
 * everything the reference's bad-input table lists (security.md §3), every problem found with its
 * position. Order matters: the size is checked before decoding, decoding is strict, and yaml
 * reads the text once under a nesting cap; the value is built from its AST.
 */
import type { Diagnostic } from '../../diagnostics';
import { checkTopLevel, ValueBuilder } from './build';
import { scanRawCharacters } from './characters';
import { checkSize, decodeUtf8 } from './decode';
import { resolveLimits } from './limits';
import type { YamlLimits } from './limits';
import { createParsedYaml } from './locate';
import type { ParsedYaml } from './locate';
import { readYaml, yamlProblems } from './parse';
import { readPlainSubset } from './plain-subset';
import { ProblemList, SourceText, START_OF_FILE } from './problems';
import type { Problem } from './problems';

export { DEFAULT_YAML_LIMITS, YAML_LIMIT_CEILINGS } from './limits';
export { sizeProblem } from './decode';
export type { YamlLimits } from './limits';
export type { LocatePart, ParsedYaml } from './locate';

export interface ParseYamlResult {
  /** Present only when there is no error diagnostic. */
  readonly document?: ParsedYaml;
  readonly diagnostics: Diagnostic[];
}

const NOT_BYTES: Problem = {
  code: 'file-unreadable',
  position: START_OF_FILE,
  message: 'File could not be read: its content was not given as bytes.',
  hint: 'Pass the file content as a Uint8Array (for example the Buffer from fs.readFileSync).',
};

/**
 * Parses one request file under `limits` (see resolveLimits). Never throws: an unexpected failure
 * becomes a `file-unreadable` diagnostic.
 */
export function parseYaml(file: string, bytes: Uint8Array, limits?: Partial<YamlLimits>): ParseYamlResult {
  const fileName = typeof file === 'string' ? file : '<unnamed>';
  const problems = new ProblemList(fileName);
  try {
    const document = readDocument(fileName, bytes, resolveLimits(limits), problems);
    if (document !== undefined) return { document, diagnostics: [] };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : 'unknown error';
    problems.add({
      ...NOT_BYTES,
      message: `File could not be read: the YAML reader failed unexpectedly (${reason}).`,
      hint: 'This is a bug in eventbus-infra; report it together with the file.',
    });
  }
  return { diagnostics: problems.sorted() };
}

/** The file, or undefined after adding every problem found to `problems`. */
function readDocument(
  file: string,
  bytes: Uint8Array,
  limits: YamlLimits,
  problems: ProblemList,
): ParsedYaml | undefined {
  const tooLarge = bytes instanceof Uint8Array ? checkSize(bytes, limits.maxBytes) : NOT_BYTES;
  const decoded = tooLarge === undefined ? decodeUtf8(bytes) : { problem: tooLarge };
  if (decoded.problem !== undefined) {
    problems.add(decoded.problem);
    return undefined;
  }
  const source = new SourceText(decoded.text);
  scanRawCharacters(source, (problem) => problems.add(problem));
  // Files in the plain subset, the usual case, are read without yaml; the others by yaml alone.
  const read =
    (problems.isEmpty ? readPlainSubset(source.text, limits.maxDepth) : undefined) ??
    readWithYaml(source, limits, problems);
  return read && positionedLazily(file, read.value, source, limits);
}

/**
 * The file's value as yaml reads it, or undefined after adding every problem found to
 * `problems`: what every file not in the plain subset gets, and what the plain subset must match.
 */
export function readWithYaml(
  source: SourceText,
  limits: YamlLimits,
  problems: ProblemList,
): { value: unknown } | undefined {
  const report = (problem: Problem): void => problems.add(problem);
  const read = readYaml(source, limits.maxDepth, report);
  // Past the nesting cap yaml saw only part of the text: its own errors and the AST mean nothing.
  if (read.tooDeep !== undefined) {
    problems.add(read.tooDeep);
    return undefined;
  }
  for (const document of read.documents) {
    yamlProblems(document, source).forEach((problem) => problems.addUnlessReported(problem));
  }
  const root = read.documents[0]?.contents ?? null;
  const value = new ValueBuilder(source, limits.maxDepth, report).valueOf(root);
  const shape = checkTopLevel(root, source);
  if (shape !== undefined) problems.add(shape);
  return problems.isEmpty ? { value } : undefined;
}

/**
 * A file parseYaml read before, from the value and text it gave: what parseYaml returned for the
 * same bytes, without reading them again, so a reading can be kept or passed to another thread
 * as plain data and reused.
 */
export function reopenParsedYaml(
  file: string,
  value: unknown,
  text: string,
  limits?: Partial<YamlLimits>,
): ParsedYaml {
  return positionedLazily(file, value, new SourceText(text), resolveLimits(limits));
}

/** Only diagnostics need positions, and most files have none: the AST is read again for them. */
function positionedLazily(file: string, value: unknown, source: SourceText, limits: YamlLimits): ParsedYaml {
  const readAgain = (): unknown => readYaml(source, limits.maxDepth, () => {}).documents[0]?.contents;
  return createParsedYaml(file, value, source, readAgain);
}
