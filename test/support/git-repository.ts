import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runProcess } from './process';

export async function git(cwd: string, ...args: string[]): Promise<string> {
  const result = await runProcess('git', args, { cwd });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** Writes files below `root`, creating their directories. */
export function writeFiles(root: string, files: Readonly<Record<string, string>>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
}

/** A fresh repository whose one commit holds `files`; tests then change the working tree. */
export async function repositoryWith(files: Readonly<Record<string, string>>): Promise<string> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-repo-'));
  writeFiles(root, files);
  await git(root, 'init', '-q');
  await git(root, 'add', '-A');
  await git(root, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'base');
  return root;
}
