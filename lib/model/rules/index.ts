import { contentDeduplicationNeedsFifo } from './content-deduplication-needs-fifo';
import { deadLetterDisabled } from './dead-letter-disabled';
import { deadLetterRetentionTooShort } from './dead-letter-retention-too-short';
import { duplicateResource } from './duplicate-resource';
import { duplicateSubscription } from './duplicate-subscription';
import { encryptionBreaksDelivery } from './encryption-breaks-delivery';
import { eventNotCarried } from './event-not-carried';
import { eventsFilterConflict } from './events-filter-conflict';
import { fifoMismatch } from './fifo-mismatch';
import { filterPolicy } from './filter-policy';
import { identifierCollision } from './identifier-collision';
import { invalidPrincipal } from './invalid-principal';
import { localEndpoint } from './local-endpoint';
import { nameCollision } from './name-collision';
import { nameTooLong } from './name-too-long';
import { outOfRange } from './out-of-range';
import { policyTooLarge } from './policy-too-large';
import { principalAccountNotAllowed } from './principal-account-not-allowed';
import { principalOutsideEnvironments } from './principal-outside-environments';
import { principalPartition } from './principal-partition';
import { resourceRetired } from './resource-retired';
import type { PlanRule, Rule, RuleMetadata } from './rule';
import { subscriptionNotAllowed } from './subscription-not-allowed';
import { teamDeclarationMismatch } from './team-declaration-mismatch';
import { teamFileLocation } from './team-file-location';
import { topicNotInEnvironment } from './topic-not-in-environment';
import { unknownEnvironment } from './unknown-environment';
import { unknownTeam, unknownTopic } from './unknown-topic';

export type { Finding, PlanCheck, PlanRule, Rule, RuleContext, RuleMetadata } from './rule';

/** The rules over the model, in the order the rules reference lists them. */
export const MODEL_RULES: readonly Rule[] = [
  teamFileLocation,
  teamDeclarationMismatch,
  duplicateResource,
  unknownEnvironment,
  localEndpoint,
  unknownTeam,
  unknownTopic,
  topicNotInEnvironment,
  subscriptionNotAllowed,
  duplicateSubscription,
  fifoMismatch,
  contentDeduplicationNeedsFifo,
  eventNotCarried,
  eventsFilterConflict,
  filterPolicy,
  invalidPrincipal,
  principalAccountNotAllowed,
  principalOutsideEnvironments,
  principalPartition,
  encryptionBreaksDelivery,
  outOfRange,
  deadLetterRetentionTooShort,
  deadLetterDisabled,
  resourceRetired,
];

/**
 * The rules over the planned stacks: they judge the names and policies the backends will render,
 * so they run only once the model rules found no error (plans assume a valid model).
 */
export const PLAN_RULES: readonly PlanRule[] = [
  nameTooLong,
  nameCollision,
  identifierCollision,
  policyTooLarge,
];

/** Every rule, model rules first, in the order the rules reference lists them. */
export const RULES: readonly RuleMetadata[] = [...MODEL_RULES, ...PLAN_RULES];
