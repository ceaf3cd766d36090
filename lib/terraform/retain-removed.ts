import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Keeps queues that left the requests. Terraform's prevent_destroy protects a queue only while
 * its block is in the configuration: delete the block and the next apply deletes the queue and
 * every message in it. Compared with the output last applied, each protected resource that is
 * gone gets a `removed` block with `destroy = false` (Terraform 1.7 and later): Terraform forgets
 * it and leaves it in AWS, for a person to drain and delete.
 */
export interface RetainedResources {
  /** `<stack> <address>` of every resource Terraform will forget instead of destroying. */
  readonly retained: readonly { readonly stack: string; readonly address: string }[];
  /** Stacks of the previous output that are gone; their resources stay until someone destroys them. */
  readonly goneStacks: readonly string[];
}

interface StackJson {
  resource?: Record<string, Record<string, { lifecycle?: { prevent_destroy?: boolean } }>>;
  removed?: unknown[];
}

export function retainRemovedResources(previousOutdir: string, outdir: string): RetainedResources {
  const retained: { stack: string; address: string }[] = [];
  const goneStacks: string[] = [];
  for (const stack of stackNames(previousOutdir)) {
    const previous = readStack(previousOutdir, stack);
    if (!previous) continue;
    const current = readStack(outdir, stack);
    if (!current) {
      goneStacks.push(stack);
      continue;
    }
    const still = new Set(protectedAddresses(current));
    const gone = protectedAddresses(previous).filter((address) => !still.has(address));
    if (gone.length === 0) continue;
    current.removed = gone.map((address) => ({ from: address, lifecycle: { destroy: false } }));
    fs.writeFileSync(stackFile(outdir, stack), `${JSON.stringify(current, null, 2)}\n`);
    retained.push(...gone.map((address) => ({ stack, address })));
  }
  return { retained, goneStacks };
}

function protectedAddresses(stack: StackJson): string[] {
  return Object.entries(stack.resource ?? {})
    .flatMap(([type, resources]) =>
      Object.entries(resources)
        .filter(([, body]) => body.lifecycle?.prevent_destroy === true)
        .map(([name]) => `${type}.${name}`),
    )
    .sort();
}

function stackNames(outdir: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
    stacks?: Record<string, unknown>;
  };
  return Object.keys(manifest.stacks ?? {}).sort();
}

function stackFile(outdir: string, stack: string): string {
  return path.join(outdir, 'stacks', stack, 'cdk.tf.json');
}

function readStack(outdir: string, stack: string): StackJson | undefined {
  const file = stackFile(outdir, stack);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as StackJson) : undefined;
}
