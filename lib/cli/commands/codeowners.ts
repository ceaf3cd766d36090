import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CODEOWNERS_SECTION, holdsSection, renderCodeowners } from '../../views/codeowners';
import { validModelOrReport } from '../valid-model';
import { EXIT, SOURCE_OPTIONS, UsageError, type Output } from '../usage';

export function codeownersCommand(args: readonly string[], output: Output): number {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...SOURCE_OPTIONS,
      'codeowners-file': { type: 'string', default: 'CODEOWNERS' },
      check: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const codeownersFile = values['codeowners-file'];
  const paths = {
    requestsDir: fromRepositoryRoot('requests', values.requests),
    configFile: fromRepositoryRoot('config', values.config),
    codeownersFile: fromRepositoryRoot('codeowners-file', codeownersFile),
  };
  const model = validModelOrReport(values, output);
  if (!model) return EXIT.invalid;
  if (model.platform.codeowners.length === 0) {
    output.stderr(
      `${values.config}: the platform config names no codeowners: add "codeowners: ['@group']" with the infrastructure team's GitLab group\n`,
    );
    return EXIT.invalid;
  }
  const section = renderCodeowners(model, paths);
  if (!values.check) {
    output.stdout(section);
    return EXIT.ok;
  }
  const current = readIfPresent(codeownersFile);
  if (typeof current === 'string' && holdsSection(current, section)) return EXIT.ok;
  const state = current === undefined ? 'missing' : typeof current === 'string' ? 'out of date' : undefined;
  output.stderr(
    state === undefined
      ? `eventbus: cannot read ${codeownersFile}: the system reported ${(current as { code: string }).code}\n`
      : `${codeownersFile}: its ${CODEOWNERS_SECTION} section is ${state}: write it again with "eventbus codeowners"\n`,
  );
  return EXIT.invalid;
}

/** CODEOWNERS paths start at the repository root, which is where the command runs. */
function fromRepositoryRoot(option: string, file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file)).split(path.sep).join('/');
  if (relative.startsWith('../') || relative === '..' || path.isAbsolute(relative)) {
    throw new UsageError(
      `--${option} must be inside the current directory (the repository root), not "${file}"`,
    );
  }
  return relative === '' ? '.' : relative;
}

/** The file's text, undefined when there is none, or the reason it cannot be read. */
function readIfPresent(file: string): string | undefined | { readonly code: string } {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') return undefined;
    if (typeof code === 'string') return { code };
    throw error;
  }
}
