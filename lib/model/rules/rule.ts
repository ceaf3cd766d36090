import type { DiagnosticCode, DocumentPath, RuleCode, Severity } from '../../diagnostics';
import type { PlatformConfigFile, RequestFile } from '../../request';
import type { TeamDeclaration } from '../build';
import type { StackPlan } from '../plan';
import type { EventBusModel, Origin, Team, Topic } from '../types';

/** Everything a rule may look at. Rules are pure: they read this and return findings. */
export interface RuleContext {
  readonly model: EventBusModel;
  readonly declarations: readonly TeamDeclaration[];
  readonly requests: readonly RequestFile[];
  readonly config: PlatformConfigFile;
  /** Teams with a file that failed to load: references to them are not reported again. */
  readonly teamsWithBrokenFiles: ReadonlySet<string>;
  /** First definition of each topic, by "team/name". */
  readonly topicsByKey: ReadonlyMap<string, Topic>;
  readonly teamsByName: ReadonlyMap<string, Team>;
}

/** A problem at a place in a file; the rule runner turns it into a positioned diagnostic. */
export interface Finding {
  readonly message: string;
  readonly hint?: string;
  /** File as shown to users, and the node in it. */
  readonly file: string;
  readonly path: DocumentPath;
  /** Point at the key of a map entry rather than its value. @default 'value' */
  readonly part?: 'key' | 'value';
  /** For rules that pass on another module's codes (the filter-policy rule). @default the rule's code */
  readonly code?: DiagnosticCode;
  /** @default the rule's severity */
  readonly severity?: Severity;
}

/** What the README's rules reference says of a rule, whichever phase runs it. */
export interface RuleMetadata {
  readonly code: RuleCode;
  readonly severity: Severity;
  /** What the rule requires, in one sentence. */
  readonly summary: string;
  /** Where the constraint comes from, when AWS imposes it. */
  readonly source?: string;
}

/** A check of the model as the requests define it. */
export interface Rule extends RuleMetadata {
  check(context: RuleContext): Iterable<Finding>;
}

/**
 * A check of the planned stacks; it runs only when the model rules found no error. It looks at
 * the stacks as both backends will render them, with every AWS name and policy already decided,
 * so that no rule decides them a second time.
 */
export interface PlanRule extends RuleMetadata {
  /** A check of one run's stacks, which {@link PlanCheck.stack} then sees one at a time. */
  start(model: EventBusModel): PlanCheck;
}

/**
 * One run of a plan rule. Every environment's stacks come in the model's order (environments,
 * then teams, a team's topic stack before its queue stack), so that "the earlier definition"
 * means what it does in the model rules. A check keeps only what later stacks are compared with:
 * no stack has to be held once it has been seen, which keeps a large bus's memory flat.
 */
export interface PlanCheck {
  /** Findings within the stack, or between it and the stacks before it. */
  stack(plan: StackPlan): Iterable<Finding>;
  /** Findings only all the stacks together show, once the last has been seen. */
  end?(): Iterable<Finding>;
}

/** A finding at a definition, or at one of its fields. */
export function at(
  origin: Origin,
  field: DocumentPath = [],
  part: 'key' | 'value' = 'value',
): Pick<Finding, 'file' | 'path' | 'part'> {
  return { file: origin.file, path: [...origin.path, ...field], part };
}

/**
 * `derive` worked out once for each rule context, for lists that several rules read: a context
 * never changes during a validation.
 */
export function oncePerContext<T>(derive: (context: RuleContext) => T): (context: RuleContext) => T {
  const derived = new WeakMap<RuleContext, T>();
  return (context) => {
    if (derived.has(context)) return derived.get(context) as T;
    const value = derive(context);
    derived.set(context, value);
    return value;
  };
}
