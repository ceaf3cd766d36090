import { compareStrings, hasErrors, type Diagnostic } from '../diagnostics';
import type { LoadedRequests, SourceFile } from '../request';
import { buildModel } from './build';
import { formatKey } from './keys';
import { planEachStack, type StackPlan } from './plan';
import { MODEL_RULES, PLAN_RULES, type Finding, type RuleContext, type RuleMetadata } from './rules';
import type { EventBusModel, Team, Topic } from './types';

export type * from './types';
export { formatKey, parseTopicReference } from './keys';
export { accountOfArn, alphanumericName, sqsQueueUrl } from './naming';
export { logicalIds } from './logical-ids';
export { planEachStack, planStacks, stacksOfEnvironment } from './plan';
export { eventsFilterPath } from './build';
export {
  COMPARISON_CODES,
  findLostEntries,
  findRemovedResources,
  type ComparedRequests,
  type LostEntry,
  type LostResource,
} from './compare';
export {
  compareStackDigests,
  compareStacks,
  stackDigest,
  stackDigests,
  type StackChanges,
} from './changed-stacks';
export type {
  EncryptionPlan,
  KeyPlan,
  StackLayer,
  StackPlan,
  TopicPlan,
  QueuePlan,
  DeadLetterQueuePlan,
  DeliveryDeadLetterPlan,
  SubscriptionPlan,
} from './plan';
export type { IdentityPolicyStatement, PolicyDocument, PolicyStatement, PolicyPrincipal } from './policies';
export { planIdentityPolicies, type IdentityPolicyPlan } from './identity-policies';
export { GRANTS, SNS_SERVICE_PRINCIPAL } from './grants';
export { MODEL_RULES, PLAN_RULES, RULES } from './rules';
export type { PlanCheck, PlanRule, Rule, RuleMetadata } from './rules';

export interface ResolvedModel {
  /**
   * Present only when no rule that ran found an error: with the rules on, as every command but
   * the comparison with a base has them, backends never see an invalid bus.
   */
  readonly model?: EventBusModel;
  /**
   * Every environment's stacks, as `planStacks(model)` returns them; present with the model,
   * unless `keepPlans` was false.
   */
  readonly plans?: readonly StackPlan[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface ResolveOptions {
  /**
   * Whether the rules over the model run. Without them the model is planned as the requests
   * build it, for a caller that only compares what stacks render: a stack's plan decides its
   * output whatever rule the requests break. Planning a model that breaks a rule may throw.
   * @default true
   */
  readonly modelRules?: boolean;
  /**
   * Whether the rules over the planned stacks run. They judge AWS quotas and clashes of the
   * names the plans give, not how the plans render: comparing with a base needs its plans only.
   * @default true
   */
  readonly planRules?: boolean;
  /**
   * Whether the plans are kept for the caller. A caller that needs only the diagnostics (or
   * `onPlan`) lets each stack go once it has been seen: the largest part of a run's memory, never
   * held all at once.
   * @default true
   */
  readonly keepPlans?: boolean;
  /** Called with each stack as it is planned, in the model's order (see `planEachStack`). */
  readonly onPlan?: (plan: StackPlan, model: EventBusModel) => void;
}

/**
 * Builds the model from loaded files and runs every rule over it: first the model rules, then,
 * when neither they nor the loader found an error, the rules over the stacks planned for every
 * environment.
 */
export function resolveModel(loaded: LoadedRequests, options: ResolveOptions = {}): ResolvedModel {
  const { config } = loaded;
  if (!config) return { diagnostics: [] };
  const { model, declarations } = buildModel(config, loaded.requests);
  const files = new Map<string, SourceFile>([config, ...loaded.requests].map((file) => [file.file, file]));
  const diagnostics: Diagnostic[] = [];
  if (options.modelRules !== false) {
    const context: RuleContext = {
      model,
      declarations,
      requests: loaded.requests,
      config,
      teamsWithBrokenFiles: loaded.teamsWithBrokenFiles,
      topicsByKey: firstDefinitions(model.teams),
      teamsByName: new Map(model.teams.map((team) => [team.name, team])),
    };
    for (const rule of MODEL_RULES) {
      for (const finding of rule.check(context)) diagnostics.push(positioned(rule, finding, files));
    }
  }
  // Plans assume a valid bus: a file the loader refused hides its team's topics, and the model
  // rules stay silent about references to them rather than report them twice.
  if (hasErrors(diagnostics) || hasErrors(loaded.diagnostics)) return { diagnostics };
  const checks =
    options.planRules === false ? [] : PLAN_RULES.map((rule) => ({ rule, check: rule.start(model) }));
  const keep = options.keepPlans ?? true;
  const kept: StackPlan[] = [];
  for (const plan of planEachStack(model)) {
    for (const { rule, check } of checks) {
      for (const finding of check.stack(plan)) diagnostics.push(positioned(rule, finding, files));
    }
    options.onPlan?.(plan, model);
    if (keep) kept.push(plan);
  }
  for (const { rule, check } of checks) {
    for (const finding of check.end?.() ?? []) diagnostics.push(positioned(rule, finding, files));
  }
  if (hasErrors(diagnostics)) return { diagnostics };
  const plans = keep ? kept.sort((a, b) => compareStrings(a.name, b.name)) : undefined;
  return { model, ...(plans ? { plans } : {}), diagnostics };
}

function positioned(
  rule: RuleMetadata,
  finding: Finding,
  files: ReadonlyMap<string, SourceFile>,
): Diagnostic {
  const position = (files.get(finding.file) as SourceFile).locate(finding.path, finding.part ?? 'value');
  return {
    code: finding.code ?? rule.code,
    severity: finding.severity ?? rule.severity,
    message: finding.message,
    ...(finding.hint === undefined ? {} : { hint: finding.hint }),
    file: finding.file,
    line: position.line,
    column: position.column,
    path: finding.path,
  };
}

function firstDefinitions(teams: readonly Team[]): Map<string, Topic> {
  const topics = new Map<string, Topic>();
  for (const team of teams) {
    for (const topic of team.topics) {
      const key = formatKey(topic.key);
      if (!topics.has(key)) topics.set(key, topic);
    }
  }
  return topics;
}
export * from './props';
export { queuePolicy, topicPolicy } from './policies';
export { BUILT_IN_DEFAULTS } from './defaults';
