import { compareStrings } from '../diagnostics';
/**
 * A read-only view of one synthesized `cdk.tf.json`: its resources by address, and the
 * references between them. Rules read this, never the raw JSON.
 */
export interface TerraformResource {
  readonly type: string;
  readonly name: string;
  /** `<type>.<name>`, as Terraform prints it. */
  readonly address: string;
  readonly config: Readonly<Record<string, unknown>>;
}

export interface TerraformStack {
  readonly name: string;
  readonly resources: readonly TerraformResource[];
  /** The accounts the AWS provider may run against (`allowed_account_ids`). */
  readonly accounts: readonly string[];
}

/** The synthesized JSON is not a Terraform JSON document: nothing can be checked. */
export class CheckInputError extends Error {}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Builds the view from a parsed `cdk.tf.json`, or from its text. */
export function readTerraformStack(name: string, cdkTfJson: unknown): TerraformStack {
  const document = typeof cdkTfJson === 'string' ? parseJson(name, cdkTfJson) : cdkTfJson;
  if (!isRecord(document)) throw new CheckInputError(`stack ${name}: cdk.tf.json is not a JSON object`);
  const byType = document['resource'] ?? {};
  if (!isRecord(byType)) throw new CheckInputError(`stack ${name}: "resource" is not an object`);
  const resources: TerraformResource[] = [];
  // In name order, whatever order the document's keys are in: a parsed file and the document
  // synth wrote it from read the same.
  for (const [type, byName] of sortedEntries(byType)) {
    if (!isRecord(byName)) throw new CheckInputError(`stack ${name}: resource.${type} is not an object`);
    for (const [resourceName, config] of sortedEntries(byName)) {
      if (!isRecord(config))
        throw new CheckInputError(`stack ${name}: ${type}.${resourceName} is not an object`);
      resources.push({ type, name: resourceName, address: `${type}.${resourceName}`, config });
    }
  }
  return { name, resources, accounts: providerAccounts(document['provider']) };
}

function sortedEntries(record: Readonly<Record<string, unknown>>): [string, unknown][] {
  return Object.entries(record).sort(([a], [b]) => compareStrings(a, b));
}

function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CheckInputError(`stack ${name}: cdk.tf.json is not valid JSON (${(error as Error).message})`);
  }
}

function providerAccounts(provider: unknown): string[] {
  const aws = isRecord(provider) ? provider['aws'] : undefined;
  const blocks = Array.isArray(aws) ? aws : [aws];
  return blocks.flatMap((block) =>
    isRecord(block) && Array.isArray(block['allowed_account_ids'])
      ? block['allowed_account_ids'].filter((id): id is string => typeof id === 'string')
      : [],
  );
}

/** A stack's resources by type, built once per stack and released with it. */
const resourcesByType = new WeakMap<TerraformStack, ReadonlyMap<string, readonly TerraformResource[]>>();

export function resourcesOfType(stack: TerraformStack, type: string): readonly TerraformResource[] {
  let byType = resourcesByType.get(stack);
  if (!byType) {
    const grouped = new Map<string, TerraformResource[]>();
    for (const resource of stack.resources) {
      const group = grouped.get(resource.type);
      if (group) group.push(resource);
      else grouped.set(resource.type, [resource]);
    }
    byType = grouped;
    resourcesByType.set(stack, byType);
  }
  return byType.get(type) ?? [];
}

/**
 * Terraform JSON converts the string "true" to a boolean, so both spellings mean the same.
 */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** A non-empty string attribute, or undefined. */
export function stringAttribute(resource: TerraformResource, key: string): string | undefined {
  const value = resource.config[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The resource that a reference, ARN or queue URL names, when it is in this stack. cdktf writes
 * references as `${<type>.<name>.<attribute>}`; literal ARNs and URLs end in the resource's name.
 * Escaped text (`$${`) is user data, never a reference.
 */
export function resolveResource(
  stack: TerraformStack,
  type: string,
  value: unknown,
): TerraformResource | undefined {
  if (typeof value !== 'string') return undefined;
  const reference = /^\$\{([a-z0-9_]+)\.([^.}]+)\.[a-z_]+\}$/.exec(value);
  if (reference) {
    if (reference[1] !== type) return undefined;
    return resourcesOfType(stack, type).find((resource) => resource.name === reference[2]);
  }
  const name = literalName(type, value);
  if (name === undefined) return undefined;
  return resourcesOfType(stack, type).find((resource) => resource.config['name'] === name);
}

const SERVICE_OF_TYPE: Readonly<Record<string, string>> = { aws_sqs_queue: 'sqs', aws_sns_topic: 'sns' };

function literalName(type: string, value: string): string | undefined {
  const service = SERVICE_OF_TYPE[type];
  if (service === undefined) return undefined;
  // arn:<partition>:<service>:<region>:<account>:<name>
  const arn = /^arn:[a-z-]+:([a-z0-9-]+):[a-z0-9-]*:\d{12}:([A-Za-z0-9_.-]+)$/.exec(value);
  if (arn) return arn[1] === service ? arn[2] : undefined;
  // https://sqs.<region>.amazonaws.com/<account>/<name>
  const url = /^https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/\d{12}\/([A-Za-z0-9_.-]+)$/.exec(value);
  return url && service === 'sqs' ? url[1] : undefined;
}

/** A JSON object held in a string attribute (redrive policies), or undefined when it is not one. */
export function jsonObjectAttribute(
  resource: TerraformResource,
  key: string,
): Readonly<Record<string, unknown>> | undefined {
  const value = resource.config[key];
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The `deadLetterTargetArn` of a redrive policy attribute, when it is readable. */
export function deadLetterTarget(resource: TerraformResource): string | undefined {
  const target = jsonObjectAttribute(resource, 'redrive_policy')?.['deadLetterTargetArn'];
  return typeof target === 'string' && target !== '' ? target : undefined;
}
