import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareStrings } from '../diagnostics';
import { CheckInputError, isRecord } from './stack';

/** One stack of a synth output directory: its name and its parsed `cdk.tf.json`. */
export interface SynthesizedStackFile {
  readonly name: string;
  readonly document: unknown;
}

/**
 * The stacks cdktf's `manifest.json` lists, read from `outdir`. Anything that stops a stack
 * from being read is a CheckInputError: a stack the pack cannot read is a stack it cannot prove.
 */
export function readSynthOutput(outdir: string): SynthesizedStackFile[] {
  return synthOutputStacks(outdir).map(({ name, read }) => ({ name, document: read() }));
}

/** A stack of the manifest, read only when asked: a check holds one parsed stack at a time. */
export interface SynthesizedStackEntry {
  readonly name: string;
  read(): unknown;
}

/** The manifest's stacks, in name order, each read on demand. */
export function synthOutputStacks(outdir: string): SynthesizedStackEntry[] {
  const manifestFile = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(outdir)) throw new CheckInputError(`${outdir} does not exist`);
  if (!fs.existsSync(manifestFile))
    throw new CheckInputError(`${outdir} has no manifest.json (is it a cdktf synth output?)`);
  const manifest = readJson(manifestFile);
  const stacks = isRecord(manifest) ? manifest['stacks'] : undefined;
  if (!isRecord(stacks)) throw new CheckInputError(`${manifestFile} has no "stacks" object`);
  const root = path.resolve(outdir);
  return Object.entries(stacks)
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([name, entry]) => {
      const relative = isRecord(entry) ? entry['synthesizedStackPath'] : undefined;
      if (typeof relative !== 'string')
        throw new CheckInputError(`${manifestFile}: stack ${name} has no synthesizedStackPath`);
      const file = path.resolve(root, relative);
      // The manifest is input too: a path that leaves the output directory is not followed.
      if (!file.startsWith(root + path.sep))
        throw new CheckInputError(`${manifestFile}: stack ${name} points outside ${outdir}`);
      return { name, read: () => readJson(file) };
    });
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CheckInputError(
      `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CheckInputError(`${file} is not valid JSON (${(error as Error).message})`);
  }
}
