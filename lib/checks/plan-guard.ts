import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareStrings } from '../diagnostics';
import { PROTECTED_TYPES } from './dropped';
import { CheckInputError, isRecord } from './stack';

/** A protected resource that a plan would delete, or delete and create again. */
export interface DestructiveChange {
  /** The plan file, as named on the command line or found in a named directory. */
  readonly file: string;
  readonly address: string;
  readonly type: string;
  readonly action: 'delete' | 'replace';
}

/** What a plan does, counted the way GitLab's Terraform report counts it. */
export interface PlanCounts {
  readonly create: number;
  readonly update: number;
  readonly delete: number;
}

export interface GuardedPlan {
  readonly file: string;
  readonly counts: PlanCounts;
  readonly destructive: readonly DestructiveChange[];
}

/**
 * Reads `terraform show -json PLANFILE` documents (files, or every `*.json` below a directory)
 * and finds each change that deletes or replaces a queue, a topic or a key. `removed` blocks
 * with `destroy = false` plan a `forget`, which deletes nothing in AWS and passes.
 * @throws CheckInputError when a path or a document cannot be read as a Terraform plan
 */
export function guardPlans(paths: readonly string[]): GuardedPlan[] {
  if (paths.length === 0) throw new CheckInputError('name at least one plan JSON file or directory');
  return paths.flatMap(planFiles).map(guardPlan);
}

function planFiles(named: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(named);
  } catch (error) {
    throw new CheckInputError(
      `cannot read ${named} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
    );
  }
  if (!stat.isDirectory()) return [named];
  const found = fs
    .readdirSync(named, { recursive: true, encoding: 'utf8' })
    .filter((entry) => entry.endsWith('.json'))
    .map((entry) => path.join(named, entry))
    .filter((file) => fs.statSync(file).isFile())
    .sort(compareStrings);
  if (found.length === 0) throw new CheckInputError(`${named} holds no plan JSON files (*.json)`);
  return found;
}

function guardPlan(file: string): GuardedPlan {
  const plan = readPlan(file);
  const changes = Array.isArray(plan['resource_changes']) ? (plan['resource_changes'] as unknown[]) : [];
  const counts = { create: 0, update: 0, delete: 0 };
  const destructive: DestructiveChange[] = [];
  for (const change of changes) {
    if (!isRecord(change) || !isRecord(change['change'])) {
      throw new CheckInputError(`${file}: a resource change without "change" is not Terraform plan JSON`);
    }
    const actions = change['change']['actions'];
    const { address, type } = change;
    if (!Array.isArray(actions) || typeof address !== 'string' || typeof type !== 'string') {
      throw new CheckInputError(`${file}: a resource change without address, type or actions`);
    }
    const deletes = actions.includes('delete');
    const creates = actions.includes('create');
    if (creates) counts.create += 1;
    if (deletes) counts.delete += 1;
    if (actions.includes('update')) counts.update += 1;
    if (deletes && (PROTECTED_TYPES as readonly string[]).includes(type)) {
      destructive.push({ file, address, type, action: creates ? 'replace' : 'delete' });
    }
  }
  return { file, counts, destructive };
}

function readPlan(file: string): Readonly<Record<string, unknown>> {
  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CheckInputError(`cannot read ${file} as JSON (${reason})`);
  }
  if (!isRecord(document) || typeof document['format_version'] !== 'string') {
    throw new CheckInputError(
      `${file} is not the output of "terraform show -json PLANFILE" (no format_version)`,
    );
  }
  if (document['errored'] === true) {
    throw new CheckInputError(
      `${file} is the plan of a failed "terraform plan": it is incomplete, so it proves nothing`,
    );
  }
  if (!('planned_values' in document) && !('resource_changes' in document)) {
    throw new CheckInputError(
      `${file} is Terraform JSON but not a plan (no planned_values or resource_changes)`,
    );
  }
  return document;
}
