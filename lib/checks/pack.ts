import { forbiddenAction } from './rules/forbidden-action';
import { kmsKeyPolicy } from './rules/kms-key-policy';
import { kmsPublicPrincipal } from './rules/kms-public-principal';
import { kmsRotation } from './rules/kms-rotation';
import { notElements } from './rules/not-elements';
import { policyReadable } from './rules/policy-readable';
import { policyVariable } from './rules/policy-variable';
import { preventDestroy } from './rules/prevent-destroy';
import { publicPrincipal } from './rules/public-principal';
import { serviceSourceArn } from './rules/service-source-arn';
import { snsAwsManagedKey } from './rules/sns-aws-managed-key';
import { snsEncryption } from './rules/sns-encryption';
import { snsPrincipalCondition } from './rules/sns-principal-condition';
import { snsTls } from './rules/sns-tls';
import { sqsDlq } from './rules/sqs-dlq';
import { sqsEncryption } from './rules/sqs-encryption';
import { sqsTls } from './rules/sqs-tls';
import { subscriptionDlq } from './rules/subscription-dlq';
import { wildcardAction } from './rules/wildcard-action';
import type { CheckRule } from './types';

/** Every rule, in the order the rules reference lists them: transport, access, encryption, durability, keys. */
export const RULE_PACK: readonly CheckRule[] = [
  snsTls,
  sqsTls,
  policyReadable,
  publicPrincipal,
  wildcardAction,
  forbiddenAction,
  notElements,
  policyVariable,
  serviceSourceArn,
  snsPrincipalCondition,
  sqsEncryption,
  snsEncryption,
  snsAwsManagedKey,
  sqsDlq,
  subscriptionDlq,
  preventDestroy,
  kmsRotation,
  kmsPublicPrincipal,
  kmsKeyPolicy,
];
