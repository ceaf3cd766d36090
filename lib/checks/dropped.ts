import { compareStrings } from '../diagnostics';
import { readSynthOutput } from './output';
import { CheckInputError, isRecord } from './stack';

/**
 * Resource types whose deletion loses something that cannot be recreated: a queue's messages, a
 * topic that other stacks subscribe to by ARN, a key without which messages cannot be read.
 */
export const PROTECTED_TYPES = ['aws_sqs_queue', 'aws_sns_topic', 'aws_kms_key'] as const;

/** A protected resource of an earlier output that a new output neither declares nor forgets. */
export interface DroppedResource {
  readonly stack: string;
  /** `<type>.<name>`. */
  readonly address: string;
  /** Whether the whole stack is gone from the new output (its state still holds the resource). */
  readonly stackGone: boolean;
}

/** Stack names become paths: only what planStacks writes (`<env>.<team>.<layer>`) is accepted. */
const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9][A-Za-z0-9_-]*)*$/;

/**
 * Compares a Terraform output with an earlier one and lists each protected resource that the
 * new output would let Terraform destroy: declared before, and now neither declared nor under a
 * `removed` block. It reads both outputs and writes nothing.
 * @throws CheckInputError when either output cannot be read
 */
export function findDroppedResources(previousOutdir: string, outdir: string): DroppedResource[] {
  const current = new Map(readSynthOutput(outdir).map(({ name, document }) => [name, document]));
  const dropped: DroppedResource[] = [];
  for (const { name, document } of readSynthOutput(previousOutdir)) {
    if (!STACK_NAME.test(name)) {
      throw new CheckInputError(
        `${previousOutdir}: stack name ${JSON.stringify(name)} is not one synth writes`,
      );
    }
    const now = current.get(name);
    const kept = new Set(now === undefined ? [] : [...declaredAddresses(now), ...forgottenAddresses(now)]);
    for (const address of declaredAddresses(document)) {
      if (!isProtected(address) || kept.has(address)) continue;
      dropped.push({ stack: name, address, stackGone: now === undefined });
    }
  }
  return dropped.sort((a, b) => compareStrings(a.stack, b.stack) || compareStrings(a.address, b.address));
}

function isProtected(address: string): boolean {
  return (PROTECTED_TYPES as readonly string[]).includes(address.slice(0, address.indexOf('.')));
}

function declaredAddresses(document: unknown): string[] {
  const resources = isRecord(document) ? document['resource'] : undefined;
  if (!isRecord(resources)) return [];
  return Object.entries(resources).flatMap(([type, byName]) =>
    isRecord(byName) ? Object.keys(byName).map((name) => `${type}.${name}`) : [],
  );
}

function forgottenAddresses(document: unknown): string[] {
  const removed = isRecord(document) ? document['removed'] : undefined;
  if (!Array.isArray(removed)) return [];
  return removed.flatMap((block: unknown) =>
    isRecord(block) && typeof block['from'] === 'string' ? [block['from']] : [],
  );
}
