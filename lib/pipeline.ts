import { sortDiagnostics, type Diagnostic } from './diagnostics';
import {
  findRemovedResources,
  InvalidPropsError,
  planStacks,
  resolveModel,
  type EventBusModel,
  type ResolveOptions,
  type StackPlan,
} from './model';
import { loadRequests, type LoadedRequests, type LoadOptions, type SourceFile } from './request';
import { snapshotAt } from './request/git';

export interface ValidationResult {
  /** Present only when there is no error. */
  readonly model?: EventBusModel;
  /**
   * Every environment's stacks, as `planStacks(model)` returns them: planned once for the rules,
   * and handed on so that commands do not plan again. Present with the model, unless the
   * caller asked not to keep them (`keepPlans: false`).
   */
  readonly plans?: readonly StackPlan[];
  /** Every problem of every file, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  /** The files of the run, as diagnostics name them: reports list the files without problems too. */
  readonly files: readonly string[];
}

/** Loads, schema-checks and resolves the requests: the front door of every command. */
export function validateRequests(options: LoadOptions, resolve?: ResolveOptions): ValidationResult {
  return validateLoaded(loadRequests(options), resolve);
}

/** {@link validateRequests} of files already loaded. */
export function validateLoaded(loaded: LoadedRequests, resolve?: ResolveOptions): ValidationResult {
  const resolved = resolveModel(loaded, resolve);
  return resultOf(resolved, [...loaded.diagnostics, ...resolved.diagnostics], loaded.files);
}

/** The model and its plans survive only when no diagnostic is an error. */
function resultOf(
  { model, plans }: { readonly model?: EventBusModel; readonly plans?: readonly StackPlan[] },
  diagnostics: readonly Diagnostic[],
  files: readonly string[],
): ValidationResult {
  const sorted = sortDiagnostics(diagnostics);
  const valid = !sorted.some((diagnostic) => diagnostic.severity === 'error');
  const kept = valid && model ? { model, ...(plans ? { plans } : {}) } : {};
  return { ...kept, diagnostics: sorted, files };
}

/**
 * The bus before a commit added it: the working tree's platform with no team, so that comparing
 * with it finds every topic, queue and stack added and nothing removed.
 */
function emptyBus(loaded: LoadedRequests): LoadedRequests {
  return {
    ...(loaded.config ? { config: loaded.config } : {}),
    requests: [],
    teamsWithBrokenFiles: new Set(),
    files: loaded.config ? [loaded.config.file] : [],
    diagnostics: [],
  };
}

/** Both sides of a change: the working tree's requests and those at a git ref. */
export interface RequestsAtBase {
  readonly loaded: LoadedRequests;
  readonly current: ValidationResult;
  readonly base: ValidationResult;
}

/**
 * Validates the working tree and the requests at `baseRef`, read out of git with the working tree
 * untouched and loaded from the same paths, so diagnostics name the same files on both sides.
 * @throws GitReadError when the ref cannot be read
 */
export function validateWithBase(options: LoadOptions, baseRef: string): RequestsAtBase {
  const cwd = options.cwd ?? process.cwd();
  // The base's unchanged files are the working tree's, read once for both sides.
  const readings = options.readings ?? new Map();
  const loaded = loadRequests({ ...options, readings });
  const current = validateLoaded(loaded);
  const snapshot = snapshotAt(baseRef, {
    cwd,
    requestsDir: options.requestsDir,
    configFile: options.configFile,
  });
  const base = snapshot.isEmpty
    ? validateLoaded(emptyBus(loaded))
    : validateRequests({ ...options, cwd, tree: snapshot.tree, readings });
  return { loaded, current, base };
}

/**
 * Validates the working tree, then compares it with the requests at `baseRef`: each topic or
 * queue that the change would let Terraform destroy or replace is an error at its entry, or at
 * its team's file when the entry is gone.
 * @throws GitReadError when the ref cannot be read
 */
export function validateAgainstBase(options: LoadOptions, baseRef: string): ValidationResult {
  const { loaded, current, base } = validateWithBase(options, baseRef);
  if (!current.model || !current.plans) return current;
  if (!base.model || !base.plans) {
    return resultOf(current, [...current.diagnostics, baseInvalid(loaded, baseRef)], current.files);
  }
  const findings = findRemovedResources(
    { model: base.model, plans: base.plans },
    { model: current.model, plans: current.plans },
  );
  const files = new Map<string, SourceFile>(
    [...(loaded.config ? [loaded.config] : []), ...loaded.requests].map((file) => [file.file, file]),
  );
  const diagnostics = findings.map((finding): Diagnostic => {
    const position = files.get(finding.file)?.locate(finding.path, finding.part ?? 'value') ?? {
      line: 1,
      column: 1,
    };
    return {
      code: 'resource-removed',
      severity: 'error',
      message: finding.message,
      ...(finding.hint === undefined ? {} : { hint: finding.hint }),
      file: finding.file,
      ...position,
      path: finding.path,
    };
  });
  return resultOf(current, [...current.diagnostics, ...diagnostics], current.files);
}

function baseInvalid(loaded: LoadedRequests, baseRef: string): Diagnostic {
  const file = loaded.config?.file ?? loaded.requests[0]?.file ?? 'eventbus.config.yaml';
  return {
    code: 'base-invalid',
    severity: 'warning',
    message: `the requests at ${baseRef} do not validate, so no removal was checked against them`,
    hint: `run "eventbus validate" at ${baseRef} to see why; the plan guard still refuses destructive plans`,
    file,
    line: 1,
    column: 1,
    path: [],
  };
}

/** What an EventBus construct renders: a requests directory, or a model already validated. */
export interface EventBusSource {
  /** The requests directory (validated with `config`), or a model `validateRequests` returned. */
  readonly requests: string | EventBusModel;
  /** The platform config, for a requests directory. @default "eventbus.config.yaml" */
  readonly config?: string;
  /** The one environment to add stacks for. @default every environment */
  readonly environment?: string;
}

/**
 * The stacks an EventBus construct adds. Invalid requests, or an environment the platform does
 * not have, throw one InvalidPropsError with every error diagnostic, each at its file and line.
 */
export function plansOfSource(source: EventBusSource): { model: EventBusModel; plans: StackPlan[] } {
  const model =
    typeof source.requests === 'string' ? validatedModel(source.requests, source.config) : source.requests;
  const { environment } = source;
  if (environment !== undefined && !model.platform.environments.some((known) => known.name === environment)) {
    throw new InvalidPropsError('event bus', [
      {
        code: 'unknown-environment',
        path: ['environment'],
        message: `the platform has no environment "${environment}"`,
        hint: `use one of ${model.platform.environments.map((known) => `"${known.name}"`).join(', ')}`,
      },
    ]);
  }
  return { model, plans: planStacks(model, environment) };
}

function validatedModel(requestsDir: string, configFile = 'eventbus.config.yaml'): EventBusModel {
  const { model, diagnostics } = validateRequests({ requestsDir, configFile });
  if (model) return model;
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  throw new InvalidPropsError(
    `requests in ${requestsDir}`,
    errors.map((diagnostic) => ({
      code: diagnostic.code,
      path: diagnostic.path,
      message: `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.message}`,
      ...(diagnostic.hint === undefined ? {} : { hint: diagnostic.hint }),
    })),
  );
}
