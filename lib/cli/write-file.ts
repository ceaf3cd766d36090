import * as fs from 'node:fs';
import * as path from 'node:path';
import { sibling } from './output-directory';

/**
 * Writes `text` to `file` through a temporary file beside it and a rename, so that a reader (or
 * a CI job picking up an artifact) sees the old content or the new, never half of it. The
 * temporary file is removed when anything fails.
 */
export function writeFileAtomically(file: string, text: string): void {
  const absolute = path.resolve(file);
  const temporary = sibling(absolute, `tmp-${process.pid}`);
  try {
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, absolute);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
