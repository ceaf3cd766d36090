import * as fs from 'node:fs';
import * as path from 'node:path';

/** Resources per type, per stack: `{ "dev.orders.queues": { "aws_sqs_queue": 6, ... } }`. */
export type ResourceCounts = Record<string, Record<string, number>>;

/** Counts the resources in each `stacks/<stack>/cdk.tf.json` of a cdktf output. */
export function terraformResourceCounts(outdir: string): ResourceCounts {
  const counts: ResourceCounts = {};
  for (const stack of fs.readdirSync(path.join(outdir, 'stacks')).sort()) {
    const document = readJson(path.join(outdir, 'stacks', stack, 'cdk.tf.json')) as {
      resource?: Record<string, Record<string, unknown>>;
    };
    counts[stack] = Object.fromEntries(
      Object.entries(document.resource ?? {}).map(([type, resources]) => [
        type,
        Object.keys(resources).length,
      ]),
    );
  }
  return counts;
}

/** Counts the resources by `Type` in each `<stack>.template.json` of a cloud assembly. */
export function cloudFormationResourceCounts(outdir: string): ResourceCounts {
  const counts: ResourceCounts = {};
  for (const file of fs.readdirSync(outdir).sort()) {
    if (!file.endsWith('.template.json')) continue;
    const template = readJson(path.join(outdir, file)) as { Resources?: Record<string, { Type: string }> };
    const byType: Record<string, number> = {};
    for (const { Type } of Object.values(template.Resources ?? {})) byType[Type] = (byType[Type] ?? 0) + 1;
    counts[file.slice(0, -'.template.json'.length)] = byType;
  }
  return counts;
}

/** Every resource of the output, all stacks together. */
export function totalResources(counts: ResourceCounts): number {
  return Object.values(counts)
    .flatMap((byType) => Object.values(byType))
    .reduce((sum, count) => sum + count, 0);
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
