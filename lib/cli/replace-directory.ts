import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Builds a directory's new content beside it and swaps it in, so readers see the old output or
 * the new one, never a half-written mix. If building fails the old output stays untouched.
 */
export function replaceDirectory(target: string, build: (staging: string) => void): void {
  const absolute = path.resolve(target);
  const parent = path.dirname(absolute);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(absolute)}.staging-`));
  try {
    build(staging);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const retired = `${staging}.previous`;
  const hadPrevious = fs.existsSync(absolute);
  if (hadPrevious) fs.renameSync(absolute, retired);
  try {
    fs.renameSync(staging, absolute);
  } catch (error) {
    if (hadPrevious) fs.renameSync(retired, absolute);
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  if (hadPrevious) fs.rmSync(retired, { recursive: true, force: true });
}
