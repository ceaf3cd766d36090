import {
  isRecord,
  resolveResource,
  resourcesOfType,
  type TerraformResource,
  type TerraformStack,
} from './stack';

/**
 * Resource and key policies as the rules see them. Policies are JSON strings on the resource
 * (the reference's advice: checkov reads `aws_iam_policy_document` data sources as identity
 * policies), so each is parsed here once, into one normalized shape.
 */
export type PolicyKind = 'topic' | 'queue' | 'key';

export interface PolicySource {
  readonly kind: PolicyKind;
  /** The resource whose `policy` attribute holds the document. */
  readonly holder: TerraformResource;
  /** The topic, queue or key the policy applies to, when this stack creates it. */
  readonly owner: TerraformResource | undefined;
}

export interface Principal {
  /** `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for `"Principal": "*"`. */
  readonly type: string;
  readonly value: string;
}

/** One key of one condition operator: `{ ArnEquals: { "aws:SourceArn": [...] } }`. */
export interface ConditionEntry {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

export interface Statement {
  /** 0-based, as checkov's CKV_AWS_72 counts ("statement 0"). */
  readonly index: number;
  /** `Statement[1] "AllowPublishers"`: how messages name it. */
  readonly label: string;
  readonly raw: Readonly<Record<string, unknown>>;
  readonly effect: 'Allow' | 'Deny';
  readonly principals: readonly Principal[];
  readonly actions: readonly string[];
  readonly conditions: readonly ConditionEntry[];
}

export interface Policy {
  readonly source: PolicySource;
  /** The attribute's text, as Terraform reads it (escapes included). */
  readonly text: string;
  readonly statements: readonly Statement[];
}

export type PolicyReading = { readonly policy: Policy } | { readonly problem: string };

const STANDALONE: readonly { type: string; kind: PolicyKind; ownerType: string; ownerKey: string }[] = [
  { type: 'aws_sns_topic_policy', kind: 'topic', ownerType: 'aws_sns_topic', ownerKey: 'arn' },
  { type: 'aws_sqs_queue_policy', kind: 'queue', ownerType: 'aws_sqs_queue', ownerKey: 'queue_url' },
  { type: 'aws_kms_key_policy', kind: 'key', ownerType: 'aws_kms_key', ownerKey: 'key_id' },
];

const INLINE: readonly { type: string; kind: PolicyKind }[] = [
  { type: 'aws_sns_topic', kind: 'topic' },
  { type: 'aws_sqs_queue', kind: 'queue' },
  { type: 'aws_kms_key', kind: 'key' },
];

/**
 * Each stack's policies, found and parsed once for every rule that reads them (about a dozen do),
 * and released with the stack.
 */
const sourcesOfStack = new WeakMap<TerraformStack, readonly PolicySource[]>();
const readings = new WeakMap<PolicySource, PolicyReading>();
const readableOfStack = new WeakMap<TerraformStack, readonly Policy[]>();

/** Every policy of the stack: policy resources, and `policy` attributes set on topics, queues and keys. */
export function policySources(stack: TerraformStack): readonly PolicySource[] {
  const known = sourcesOfStack.get(stack);
  if (known) return known;
  const sources = findPolicySources(stack);
  sourcesOfStack.set(stack, sources);
  return sources;
}

function findPolicySources(stack: TerraformStack): PolicySource[] {
  const sources: PolicySource[] = [];
  for (const { type, kind, ownerType, ownerKey } of STANDALONE) {
    for (const holder of resourcesOfType(stack, type)) {
      sources.push({ kind, holder, owner: resolveResource(stack, ownerType, holder.config[ownerKey]) });
    }
  }
  for (const { type, kind } of INLINE) {
    for (const holder of resourcesOfType(stack, type)) {
      if (holder.config['policy'] !== undefined) sources.push({ kind, holder, owner: holder });
    }
  }
  return sources;
}

/** Parses one policy; a policy that cannot be read is reported once, by EB-IAM-POLICY-READABLE. */
export function readPolicy(source: PolicySource): PolicyReading {
  const known = readings.get(source);
  if (known) return known;
  const reading = parsePolicy(source);
  readings.set(source, reading);
  return reading;
}

function parsePolicy(source: PolicySource): PolicyReading {
  const text = source.holder.config['policy'];
  if (typeof text !== 'string') return { problem: `policy is not a JSON string (found ${describe(text)})` };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { problem: 'policy is not valid JSON (a Terraform expression cannot be checked before apply)' };
  }
  if (!isRecord(document)) return { problem: 'policy is not a JSON object' };
  const raw = document['Statement'];
  if (raw === undefined) return { problem: 'policy has no Statement' };
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  const statements: Statement[] = [];
  for (const [index, entry] of list.entries()) {
    const statement = readStatement(index, entry);
    if (typeof statement === 'string') return { problem: `Statement[${index}] ${statement}` };
    statements.push(statement);
  }
  return { policy: { source, text, statements } };
}

/** The policies that could be read. */
export function readablePolicies(stack: TerraformStack): readonly Policy[] {
  const known = readableOfStack.get(stack);
  if (known) return known;
  const policies = policySources(stack).flatMap((source) => {
    const reading = readPolicy(source);
    return 'policy' in reading ? [reading.policy] : [];
  });
  readableOfStack.set(stack, policies);
  return policies;
}

function readStatement(index: number, entry: unknown): Statement | string {
  if (!isRecord(entry)) return 'is not an object';
  const effect = entry['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') return `has Effect ${describe(effect)}, not "Allow" or "Deny"`;
  const principals = readPrincipals(entry['Principal']);
  if (principals === undefined) return 'has a Principal that is not "*" or a map of strings';
  const actions = entry['Action'] === undefined ? [] : stringList(entry['Action']);
  if (actions === undefined) return 'has an Action that is not a string or a list of strings';
  const conditions = readConditions(entry['Condition']);
  if (conditions === undefined) return 'has a Condition that is not a map of operator to key to values';
  const sid = typeof entry['Sid'] === 'string' ? ` "${entry['Sid']}"` : '';
  return { index, label: `Statement[${index}]${sid}`, raw: entry, effect, principals, actions, conditions };
}

function readPrincipals(value: unknown): Principal[] | undefined {
  if (value === undefined) return [];
  if (value === '*') return [{ type: '*', value: '*' }];
  if (!isRecord(value)) return undefined;
  const principals: Principal[] = [];
  for (const [type, entries] of Object.entries(value)) {
    const values = stringList(entries);
    if (values === undefined) return undefined;
    principals.push(...values.map((principal) => ({ type, value: principal })));
  }
  return principals;
}

function readConditions(value: unknown): ConditionEntry[] | undefined {
  if (value === undefined) return [];
  if (!isRecord(value)) return undefined;
  const entries: ConditionEntry[] = [];
  for (const [operator, keys] of Object.entries(value)) {
    if (!isRecord(keys)) return undefined;
    for (const [key, raw] of Object.entries(keys)) {
      const values = (Array.isArray(raw) ? raw : [raw]).map(scalarText);
      if (values.some((text) => text === undefined)) return undefined;
      entries.push({ operator, key, values: values as string[] });
    }
  }
  return entries;
}

function stringList(value: unknown): string[] | undefined {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.every((item): item is string => typeof item === 'string') ? list : undefined;
}

function scalarText(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  return Array.isArray(value) ? 'a list' : typeof value;
}

/** Where a finding about a statement points: the resource holding the policy. */
export function statementMessage(policy: Policy, statement: Statement, problem: string): string {
  return `${statement.label} of the ${policy.source.kind} policy ${problem}`;
}

/**
 * Does a granted action pattern (wildcards `*` and `?`, case-insensitive as IAM compares
 * actions) cover this action? `sqs:Set*` covers `sqs:SetQueueAttributes`.
 */
export function actionCovers(pattern: string, action: string): boolean {
  let compiled = actionPatterns.get(pattern);
  if (compiled === undefined) {
    const escaped = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    compiled = new RegExp(`^${escaped}$`, 'i');
    // Policies repeat a few patterns thousands of times; the bound only keeps odd input from growing it.
    if (actionPatterns.size >= 10_000) actionPatterns.clear();
    actionPatterns.set(pattern, compiled);
  }
  return compiled.test(action);
}

/** Compiled action patterns: rules ask about the same patterns for every statement of every stack. */
const actionPatterns = new Map<string, RegExp>();

/** `*` or a whole service (`sqs:*`): every action of it, including the ones added next year. */
export function isServiceWildcard(action: string): boolean {
  return action === '*' || /^[a-z0-9-]+:\*$/i.test(action);
}

/**
 * The account root as principal: in a key policy, the statement that lets IAM policies of the
 * account grant use of the key (AWS KMS Developer Guide, "Default key policy").
 */
export function isAccountRoot(principal: Principal): boolean {
  return principal.type === 'AWS' && /^(arn:aws[a-z-]*:iam::\d{12}:root|\d{12})$/.test(principal.value);
}

/** The account-root delegation statement of a key policy; rules about grants to request owners skip it. */
export function isRootDelegation(policy: Policy, statement: Statement): boolean {
  return (
    policy.source.kind === 'key' &&
    statement.principals.length > 0 &&
    statement.principals.every(isAccountRoot)
  );
}
