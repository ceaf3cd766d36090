import type { Diagnostic } from '../diagnostics';
import type { LoadedRequests, SourceFile } from '../request';
import { buildModel } from './build';
import { formatKey } from './keys';
import { RULES, type RuleContext } from './rules';
import type { EventBusModel, Team, Topic } from './types';

export type * from './types';
export { formatKey, parseTopicReference } from './keys';
export { accountOfArn, alphanumericName, sqsQueueUrl } from './naming';
export { logicalIds } from './logical-ids';
export { planStacks } from './plan';
export { eventsFilterPath } from './build';
export {
  COMPARISON_CODES,
  findLostEntries,
  findRemovedResources,
  type ComparedRequests,
  type LostEntry,
  type LostResource,
} from './compare';
export { compareStacks, type StackChanges } from './changed-stacks';
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
export { RULES } from './rules';
export type { Rule } from './rules';

export interface ResolvedModel {
  /** Present only when no rule found an error: backends never see an invalid bus. */
  readonly model?: EventBusModel;
  readonly diagnostics: readonly Diagnostic[];
}

/** Builds the model from loaded files and runs every rule over it. */
export function resolveModel(loaded: LoadedRequests): ResolvedModel {
  const { config } = loaded;
  if (!config) return { diagnostics: [] };
  const { model, declarations } = buildModel(config, loaded.requests);
  const context: RuleContext = {
    model,
    declarations,
    requests: loaded.requests,
    config,
    teamsWithBrokenFiles: loaded.teamsWithBrokenFiles,
    topicsByKey: firstDefinitions(model.teams),
    teamsByName: new Map(model.teams.map((team) => [team.name, team])),
  };
  const files = new Map<string, SourceFile>([config, ...loaded.requests].map((file) => [file.file, file]));
  const diagnostics: Diagnostic[] = [];
  for (const rule of RULES) {
    for (const finding of rule.check(context)) {
      const position = (files.get(finding.file) as SourceFile).locate(finding.path, finding.part ?? 'value');
      diagnostics.push({
        code: finding.code ?? rule.code,
        severity: finding.severity ?? rule.severity,
        message: finding.message,
        ...(finding.hint === undefined ? {} : { hint: finding.hint }),
        file: finding.file,
        line: position.line,
        column: position.column,
        path: finding.path,
      });
    }
  }
  const valid = !diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  return { ...(valid ? { model } : {}), diagnostics };
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
