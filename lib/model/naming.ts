import type { Environment, PlatformSettings, ResourceKey } from './types';

/** The account and region a resource lives in: all its ARN needs besides its name. */
export type AwsEnvironment = Pick<Environment, 'account' | 'region'>;

/** Suffix of the queue that keeps messages a consumer failed to process maxReceiveCount times. */
export const DEAD_LETTER_SUFFIX = '-dlq';
/** Suffix of the queue that keeps messages SNS could not deliver to the queue at all. */
export const DELIVERY_DEAD_LETTER_SUFFIX = '-sns-dlq';

/** AWS requires FIFO topic and queue names to end in ".fifo" (SNS CreateTopic, SQS CreateQueue). */
export const FIFO_SUFFIX = '.fifo';

/** The AWS name of a topic or queue in an environment, from the platform's naming pattern. */
export function physicalName(
  platform: PlatformSettings,
  environment: Environment,
  key: ResourceKey,
  fifo: boolean,
  suffix = '',
): string {
  const base = platform.namingPattern
    .replaceAll('{env}', environment.name)
    .replaceAll('{team}', key.team)
    .replaceAll('{name}', key.name);
  return `${base}${suffix}${fifo ? FIFO_SUFFIX : ''}`;
}

/** A name with a suffix before its ".fifo", as a queue's dead-letter queues are named: "a-dlq.fifo". */
export function suffixedName(name: string, suffix: string): string {
  return name.endsWith(FIFO_SUFFIX)
    ? `${name.slice(0, -FIFO_SUFFIX.length)}${suffix}${FIFO_SUFFIX}`
    : `${name}${suffix}`;
}

/** The ARN partition of a region: China and GovCloud regions have their own. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function snsTopicArn(environment: AwsEnvironment, name: string): string {
  return `arn:${partitionOf(environment.region)}:sns:${environment.region}:${environment.account}:${name}`;
}

/**
 * The queue URL SQS returns for a queue: its regional endpoint, account and name (Amazon SQS
 * Developer Guide, "Amazon SQS queue and message identifiers"); China regions use amazonaws.com.cn.
 */
export function sqsQueueUrl(environment: Environment, name: string): string {
  // LocalStack and moto both answer at <endpoint>/<account>/<name>.
  if (environment.endpoint !== undefined) return `${environment.endpoint}/${environment.account}/${name}`;
  const domain = partitionOf(environment.region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${environment.region}.${domain}/${environment.account}/${name}`;
}

export function sqsQueueArn(environment: AwsEnvironment, name: string): string {
  return `arn:${partitionOf(environment.region)}:sqs:${environment.region}:${environment.account}:${name}`;
}

/** A stack: one per environment, team and layer. Neither name may contain a dot, so none collide. */
export function stackName(environment: string, team: string, layer: 'topics' | 'queues'): string {
  return `${environment}.${team}.${layer}`;
}

/** The account field of an ARN (`arn:partition:service:region:account:...`), if it has one. */
export function accountOfArn(arn: string): string | undefined {
  // Found by its colons rather than by splitting: every principal of every plan passes here.
  let start = 0;
  for (let field = 0; field < 4; field += 1) {
    const colon = arn.indexOf(':', start);
    if (colon === -1) return undefined;
    start = colon + 1;
  }
  const end = arn.indexOf(':', start);
  const account = arn.slice(start, end === -1 ? arn.length : end);
  return account === '' ? undefined : account;
}

export function accountRootArn(environment: AwsEnvironment): string {
  return `arn:${partitionOf(environment.region)}:iam::${environment.account}:root`;
}

/**
 * The alias of a resource's own key, per service so a topic and a queue of one name never share
 * it. Alias names allow letters, digits, "/", "_" and "-" (AWS KMS API Reference, CreateAlias),
 * so ".fifo" becomes "_fifo", which no resource name can contain.
 */
export function keyAlias(service: 'sns' | 'sqs', resourceName: string): string {
  return `alias/eventbus/${service}/${resourceName.replace(/\./g, '_')}`;
}

/** Every key of an account and region: identity policies narrow it to one key by its alias. */
export function kmsKeysArn(environment: Environment): string {
  return `arn:${partitionOf(environment.region)}:kms:${environment.region}:${environment.account}:key/*`;
}

/**
 * The letters-and-digits form of a name, for engines whose identifiers allow nothing else
 * (CloudFormation logical ids and stack names): "order-placed" reads "OrderPlaced". Different
 * names can meet here ("index-1" and "index1"); the identifier-collision rule reports them.
 */
export function alphanumericName(name: string): string {
  let known = alphanumericNames.get(name);
  if (known === undefined) {
    if (alphanumericNames.size >= 10_000) alphanumericNames.clear();
    known = joinWords(name);
    alphanumericNames.set(name, known);
  }
  return known;
}

/** Every logical id of every entry starts from these, and entries of different teams share names. */
const alphanumericNames = new Map<string, string>();

function joinWords(name: string): string {
  let result = '';
  for (let start = 0; start <= name.length;) {
    const dash = name.indexOf('-', start);
    const end = dash === -1 ? name.length : dash;
    if (end > start) result += name.charAt(start).toUpperCase() + name.slice(start + 1, end);
    start = end + 1;
  }
  return result;
}
