import type { StackReport } from '../checks';
import { compareStrings } from '../diagnostics';

export interface SynthSummary {
  /** What was written, in the words of the summary line. */
  readonly engine: 'Terraform' | 'CloudFormation';
  /** Stack names, sorted. */
  readonly stacks: readonly string[];
  /** Resource count by resource type (Terraform's or CloudFormation's), sorted by type. */
  readonly resources: Readonly<Record<string, number>>;
  /** `removed` blocks of retired entries: addresses Terraform forgets instead of destroying. @default 0 */
  readonly forgotten?: number;
}

/** What synth wrote of Terraform: the stacks, and the resources their documents declare as written. */
export function summarizeTerraformReports(reports: readonly StackReport[]): SynthSummary {
  const counts = new Map<string, number>();
  let forgotten = 0;
  for (const report of reports) {
    forgotten += report.forgotten;
    for (const [type, count] of Object.entries(report.resources)) add(counts, type, count);
  }
  const stacks = reports.map((report) => report.stack).sort(compareStrings);
  return { engine: 'Terraform', stacks, resources: sortedRecord(counts), forgotten };
}

/** What synth wrote of CloudFormation: the stacks, and the resources their templates declare. */
export function summarizeCloudFormationSynthesis(synthesis: {
  readonly stacks: readonly string[];
  readonly resourceTypes: Readonly<Record<string, number>>;
}): SynthSummary {
  return {
    engine: 'CloudFormation',
    stacks: [...synthesis.stacks].sort(compareStrings),
    resources: sortedRecord(new Map(Object.entries(synthesis.resourceTypes))),
  };
}

export function formatSummary(summary: SynthSummary, outdir: string): string {
  const total = Object.values(summary.resources).reduce((sum, count) => sum + count, 0);
  const lines = [
    `wrote ${summary.stacks.length} ${summary.engine} stack${summary.stacks.length === 1 ? '' : 's'} with ${total} resources to ${outdir}`,
    ...summary.stacks.map((stack) => `  stack ${stack}`),
    ...Object.entries(summary.resources).map(([type, count]) => `  ${String(count).padStart(5)} ${type}`),
    ...(summary.forgotten
      ? [
          `  ${String(summary.forgotten).padStart(5)} removed blocks of retired entries (Terraform forgets them, AWS keeps them)`,
        ]
      : []),
  ];
  return `${lines.join('\n')}\n`;
}

function add(counts: Map<string, number>, key: string, count: number): void {
  counts.set(key, (counts.get(key) ?? 0) + count);
}

function sortedRecord(counts: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => compareStrings(a, b)));
}
