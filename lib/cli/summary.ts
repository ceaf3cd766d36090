import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareStrings } from '../diagnostics';

export interface SynthSummary {
  /** Stack names, sorted. */
  readonly stacks: readonly string[];
  /** Resource count by Terraform resource type, sorted by type. */
  readonly resources: Readonly<Record<string, number>>;
}

/** Reads what was written, so the summary describes the output itself, not the intention. */
export function summarizeTerraformOutput(outdir: string): SynthSummary {
  const stacksDirectory = path.join(outdir, 'stacks');
  const stacks = fs.existsSync(stacksDirectory) ? fs.readdirSync(stacksDirectory).sort(compareStrings) : [];
  const counts = new Map<string, number>();
  for (const stack of stacks) {
    const synthesized = JSON.parse(fs.readFileSync(path.join(stacksDirectory, stack, 'cdk.tf.json'), 'utf8')) as {
      resource?: Record<string, Record<string, unknown>>;
    };
    for (const [type, resources] of Object.entries(synthesized.resource ?? {})) {
      counts.set(type, (counts.get(type) ?? 0) + Object.keys(resources).length);
    }
  }
  return {
    stacks,
    resources: Object.fromEntries([...counts.entries()].sort(([a], [b]) => compareStrings(a, b))),
  };
}

export function formatSummary(summary: SynthSummary, outdir: string): string {
  const total = Object.values(summary.resources).reduce((sum, count) => sum + count, 0);
  const lines = [
    `wrote ${summary.stacks.length} Terraform stack${summary.stacks.length === 1 ? '' : 's'} with ${total} resources to ${outdir}`,
    ...summary.stacks.map((stack) => `  stack ${stack}`),
    ...Object.entries(summary.resources).map(([type, count]) => `  ${String(count).padStart(5)} ${type}`),
  ];
  return `${lines.join('\n')}\n`;
}
