import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The file to create is already there: nothing was written. */
export class FileExists extends Error {}

/**
 * Creates a file that must not exist yet, whole or not at all: the text goes to a temporary file
 * beside it, which then takes the file's name. Linking the name refuses to replace a file that
 * appeared meanwhile (a rename would replace it in silence); only where the file system has no
 * hard links does a rename, after one more check, take its place. Missing directories are
 * created. Throws FileExists, or the file system's error.
 */
export function writeNewFile(target: string, text: string): void {
  if (exists(target)) throw new FileExists(`${target} already exists`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Not a .yaml name, so a validate running meanwhile passes over it instead of reading half a file.
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${crypto.randomBytes(6).toString('hex')}.tmp`,
  );
  fs.writeFileSync(temporary, text, { flag: 'wx' });
  try {
    try {
      fs.linkSync(temporary, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new FileExists(`${target} already exists`);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
      if (exists(target)) throw new FileExists(`${target} already exists`);
      fs.renameSync(temporary, target);
    }
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
