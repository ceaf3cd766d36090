/**
 * The topic, queue and key policies as the backends wrote them to disk, with every reference
 * between resources resolved to the ARN it will have in AWS. Nothing here reads the plan: what is
 * simulated is exactly what `terraform apply` or CloudFormation would receive.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PolicedResource, PolicyDocumentJson } from './simulator';

export type Backend = 'terraform' | 'cloudformation';

export interface RenderedPolicy extends PolicedResource {
  /** Where the policy was found: backend, stack and resource, for failure messages. */
  readonly where: string;
  readonly region: string;
}

export interface RenderedKey extends RenderedPolicy {
  readonly aliases: readonly string[];
  /** ARNs of the topics and queues it encrypts. */
  readonly encrypts: readonly string[];
}

export interface RenderedBus {
  readonly backend: Backend;
  readonly topics: readonly RenderedPolicy[];
  readonly queues: readonly RenderedPolicy[];
  readonly keys: readonly RenderedKey[];
}

/** Where a stack deploys, from the output itself (provider block, cloud-assembly manifest). */
interface StackEnvironment {
  readonly stack: string;
  readonly account: string;
  readonly region: string;
  readonly partition: string;
}

// ---------------------------------------------------------------------------------------------
// Terraform: cdktf's `stacks/<stack>/cdk.tf.json`

type TerraformResources = Readonly<
  Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>
>;

interface TerraformDocument {
  readonly provider?: {
    readonly aws?: readonly {
      readonly region?: unknown;
      readonly allowed_account_ids?: unknown;
      readonly endpoints?: unknown;
      readonly access_key?: unknown;
    }[];
  };
  readonly resource?: TerraformResources;
}

/** Reads every `stacks/*\/cdk.tf.json` under a cdktf output directory. */
export function readTerraformOutput(outdir: string): RenderedBus {
  const topics: RenderedPolicy[] = [];
  const queues: RenderedPolicy[] = [];
  const keys: RenderedKey[] = [];
  const stacksDir = path.join(outdir, 'stacks');
  for (const stack of fs.readdirSync(stacksDir).sort()) {
    const document = JSON.parse(
      fs.readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8'),
    ) as TerraformDocument;
    const stackOutput = readTerraformStack(stack, document);
    topics.push(...stackOutput.topics);
    queues.push(...stackOutput.queues);
    keys.push(...stackOutput.keys);
  }
  return { backend: 'terraform', topics, queues, keys };
}

function readTerraformStack(stack: string, document: TerraformDocument): Omit<RenderedBus, 'backend'> {
  const provider = document.provider?.aws?.[0];
  // A stack of a local AWS has no account guard: the emulator acts in the account its access key names.
  const accounts = provider?.endpoints ? [provider.access_key] : provider?.allowed_account_ids;
  const region = provider?.region;
  if (
    !Array.isArray(accounts) ||
    accounts.length !== 1 ||
    typeof accounts[0] !== 'string' ||
    typeof region !== 'string'
  ) {
    throw new Error(`terraform ${stack}: the aws provider names no single allowed account and region`);
  }
  const environment: StackEnvironment = {
    stack,
    account: accounts[0],
    region,
    partition: partitionOf(region),
  };
  const resources = document.resource ?? {};
  const where = (type: string, address: string): string => `terraform ${stack} ${type}.${address}`;
  const render = (text: string, at: string): string =>
    renderTemplate(text, at, (reference) => resolveTerraform(reference, resources, environment, at));
  const attribute = (type: string, address: string, name: string): string => {
    const value = resources[type]?.[address]?.[name];
    if (typeof value !== 'string') throw new Error(`${where(type, address)} has no string attribute ${name}`);
    return render(value, where(type, address));
  };
  const policyOf = (type: string, address: string, name: string): PolicyDocumentJson =>
    parsePolicy(attribute(type, address, name), where(type, address));

  const topics = Object.keys(resources['aws_sns_topic_policy'] ?? {}).map((address): RenderedPolicy => ({
    where: where('aws_sns_topic_policy', address),
    arn: attribute('aws_sns_topic_policy', address, 'arn'),
    account: environment.account,
    region,
    policy: policyOf('aws_sns_topic_policy', address, 'policy'),
  }));
  const queues = Object.keys(resources['aws_sqs_queue_policy'] ?? {}).map((address): RenderedPolicy => ({
    where: where('aws_sqs_queue_policy', address),
    arn: queueArnOfUrl(attribute('aws_sqs_queue_policy', address, 'queue_url'), environment),
    account: environment.account,
    region,
    policy: policyOf('aws_sqs_queue_policy', address, 'policy'),
  }));
  const keys = Object.keys(resources['aws_kms_key'] ?? {}).map((address): RenderedKey => {
    const arn = keyArn(environment, address);
    const keyId = arn.slice(arn.indexOf('key/') + 'key/'.length);
    return {
      where: where('aws_kms_key', address),
      arn,
      account: environment.account,
      region,
      policy: policyOf('aws_kms_key', address, 'policy'),
      aliases: Object.keys(resources['aws_kms_alias'] ?? {})
        .filter((alias) => attribute('aws_kms_alias', alias, 'target_key_id') === keyId)
        .map((alias) => attribute('aws_kms_alias', alias, 'name')),
      encrypts: [
        ...encryptedBy(resources, 'aws_sns_topic', arn, (text) => render(text, stack)).map((name) =>
          arnOf(environment, 'sns', name),
        ),
        ...encryptedBy(resources, 'aws_sqs_queue', arn, (text) => render(text, stack)).map((name) =>
          arnOf(environment, 'sqs', name),
        ),
      ],
    };
  });
  return { topics, queues, keys };
}

/** Names of the resources of a type whose `kms_master_key_id` is this key. */
function encryptedBy(
  resources: TerraformResources,
  type: string,
  keyArnValue: string,
  render: (text: string) => string,
): string[] {
  return Object.values(resources[type] ?? {})
    .filter(
      (resource) =>
        typeof resource['kms_master_key_id'] === 'string' &&
        render(resource['kms_master_key_id']) === keyArnValue,
    )
    .map((resource) => String(resource['name']));
}

/**
 * Terraform's JSON strings are templates: `${type.address.attribute}` is a reference, `$${` and
 * `%%{` are escaped literals, and any other `%{` directive is unexpected in a policy.
 */
function renderTemplate(text: string, at: string, resolve: (reference: string) => string): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    if (text.startsWith('$${', index) || text.startsWith('%%{', index)) {
      out += `${text[index] as string}{`;
      index += 3;
    } else if (text.startsWith('${', index)) {
      const end = text.indexOf('}', index);
      if (end === -1) throw new Error(`${at}: unterminated template in ${text}`);
      out += resolve(text.slice(index + 2, end));
      index = end + 1;
    } else if (text.startsWith('%{', index)) {
      throw new Error(`${at}: template directive in ${text}`);
    } else {
      out += text[index] as string;
      index += 1;
    }
  }
  return out;
}

function resolveTerraform(
  reference: string,
  resources: TerraformResources,
  environment: StackEnvironment,
  at: string,
): string {
  const match = /^([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)$/.exec(reference);
  if (!match) throw new Error(`${at}: unsupported reference \${${reference}}`);
  const [, type, address, attribute] = match as unknown as [string, string, string, string];
  const resource = resources[type]?.[address];
  if (!resource) throw new Error(`${at}: reference to missing resource ${type}.${address}`);
  const name = resource['name'];
  switch (`${type}.${attribute}`) {
    case 'aws_sns_topic.arn':
    case 'aws_sns_topic.id':
      return arnOf(environment, 'sns', String(name));
    case 'aws_sqs_queue.arn':
      return arnOf(environment, 'sqs', String(name));
    case 'aws_sqs_queue.url':
    case 'aws_sqs_queue.id':
      return queueUrl(environment, String(name));
    case 'aws_kms_key.arn':
      return keyArn(environment, address);
    case 'aws_kms_key.key_id':
    case 'aws_kms_key.id':
      return keyArn(environment, address).split('key/')[1] as string;
    default:
      throw new Error(`${at}: unsupported reference \${${reference}}`);
  }
}

// ---------------------------------------------------------------------------------------------
// CloudFormation: a cloud assembly, `manifest.json` and `<stack>.template.json`

interface CloudAssemblyManifest {
  readonly artifacts?: Readonly<
    Record<
      string,
      {
        readonly type?: string;
        readonly environment?: string;
        readonly properties?: { readonly templateFile?: string };
      }
    >
  >;
}

interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
}

type TemplateResources = Readonly<Record<string, TemplateResource>>;

/** Reads every stack template of a cloud assembly. */
export function readCloudFormationOutput(outdir: string): RenderedBus {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'),
  ) as CloudAssemblyManifest;
  const topics: RenderedPolicy[] = [];
  const queues: RenderedPolicy[] = [];
  const keys: RenderedKey[] = [];
  for (const [stack, artifact] of Object.entries(manifest.artifacts ?? {}).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const target = /^aws:\/\/(\d{12})\/([a-z0-9-]+)$/.exec(artifact.environment ?? '');
    const templateFile = artifact.properties?.templateFile;
    if (!target || templateFile === undefined)
      throw new Error(`cloudformation ${stack}: no concrete environment or template`);
    const [, account, region] = target as unknown as [string, string, string];
    const environment: StackEnvironment = { stack, account, region, partition: partitionOf(region) };
    const template = JSON.parse(fs.readFileSync(path.join(outdir, templateFile), 'utf8')) as {
      Resources?: TemplateResources;
    };
    const stackOutput = readTemplate(environment, template.Resources ?? {});
    topics.push(...stackOutput.topics);
    queues.push(...stackOutput.queues);
    keys.push(...stackOutput.keys);
  }
  return { backend: 'cloudformation', topics, queues, keys };
}

function readTemplate(
  environment: StackEnvironment,
  resources: TemplateResources,
): Omit<RenderedBus, 'backend'> {
  const where = (logicalId: string): string =>
    `cloudformation ${environment.stack} ${resources[logicalId]?.Type ?? '?'} ${logicalId}`;
  const resolve = (value: unknown, at: string): unknown =>
    resolveIntrinsics(value, resources, environment, at);
  const resolvedString = (value: unknown, at: string): string => {
    const resolved = resolve(value, at);
    if (typeof resolved !== 'string')
      throw new Error(`${at}: expected a string, got ${JSON.stringify(resolved)}`);
    return resolved;
  };
  const ofType = (type: string): [string, Readonly<Record<string, unknown>>][] =>
    Object.entries(resources)
      .filter(([, resource]) => resource.Type === type)
      .map(([logicalId, resource]) => [logicalId, resource.Properties ?? {}]);
  const list = (value: unknown, at: string): unknown[] => {
    if (!Array.isArray(value)) throw new Error(`${at}: expected a list`);
    return value as unknown[];
  };
  const policy = (value: unknown, at: string): PolicyDocumentJson =>
    parsePolicy(JSON.stringify(resolve(value, at)), at);

  const topics = ofType('AWS::SNS::TopicPolicy').flatMap(([logicalId, properties]) =>
    list(properties['Topics'], where(logicalId)).map((topic): RenderedPolicy => ({
      where: where(logicalId),
      arn: resolvedString(topic, where(logicalId)),
      account: environment.account,
      region: environment.region,
      policy: policy(properties['PolicyDocument'], where(logicalId)),
    })),
  );
  const queues = ofType('AWS::SQS::QueuePolicy').flatMap(([logicalId, properties]) =>
    list(properties['Queues'], where(logicalId)).map((queue): RenderedPolicy => ({
      where: where(logicalId),
      arn: queueArnOfUrl(resolvedString(queue, where(logicalId)), environment),
      account: environment.account,
      region: environment.region,
      policy: policy(properties['PolicyDocument'], where(logicalId)),
    })),
  );
  const keys = ofType('AWS::KMS::Key').map(([logicalId, properties]): RenderedKey => {
    const arn = keyArn(environment, logicalId);
    const keyId = arn.split('key/')[1] as string;
    const encrypting = (type: string): string[] =>
      ofType(type)
        .filter(([id, props]) => {
          const value = props['KmsMasterKeyId'];
          return value !== undefined && [arn, keyId].includes(resolvedString(value, where(id)));
        })
        .map(([id]) => physicalArn(id, resources, environment, where(id)));
    return {
      where: where(logicalId),
      arn,
      account: environment.account,
      region: environment.region,
      policy: policy(properties['KeyPolicy'], where(logicalId)),
      aliases: ofType('AWS::KMS::Alias')
        .filter(([id, props]) => [arn, keyId].includes(resolvedString(props['TargetKeyId'], where(id))))
        .map(([id, props]) => resolvedString(props['AliasName'], where(id))),
      encrypts: [...encrypting('AWS::SNS::Topic'), ...encrypting('AWS::SQS::Queue')],
    };
  });
  return { topics, queues, keys };
}

/** Ref, Fn::GetAtt, Fn::Join and the pseudo parameters; anything else is reported, not guessed. */
function resolveIntrinsics(
  value: unknown,
  resources: TemplateResources,
  environment: StackEnvironment,
  at: string,
): unknown {
  if (Array.isArray(value))
    return value.map((item: unknown) => resolveIntrinsics(item, resources, environment, at));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const [first] = entries;
  if (entries.length === 1 && first && (first[0] === 'Ref' || first[0].startsWith('Fn::'))) {
    const [intrinsic, argument] = first;
    if (intrinsic === 'Ref' && typeof argument === 'string')
      return reference(argument, resources, environment, at);
    if (intrinsic === 'Fn::GetAtt') {
      const [logicalId, attribute] = Array.isArray(argument)
        ? (argument as unknown[])
        : String(argument).split('.');
      return attributeOf(String(logicalId), String(attribute), resources, environment, at);
    }
    if (intrinsic === 'Fn::Join' && Array.isArray(argument)) {
      const [separator, parts] = argument as [unknown, unknown];
      const resolved = resolveIntrinsics(parts, resources, environment, at);
      if (typeof separator === 'string' && Array.isArray(resolved))
        return resolved.map(String).join(separator);
    }
    throw new Error(`${at}: unsupported intrinsic ${JSON.stringify(value)}`);
  }
  return Object.fromEntries(
    entries.map(([key, item]) => [key, resolveIntrinsics(item, resources, environment, at)]),
  );
}

function reference(
  logicalId: string,
  resources: TemplateResources,
  environment: StackEnvironment,
  at: string,
): string {
  switch (logicalId) {
    case 'AWS::Partition':
      return environment.partition;
    case 'AWS::AccountId':
      return environment.account;
    case 'AWS::Region':
      return environment.region;
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
  }
  switch (resources[logicalId]?.Type) {
    case 'AWS::SNS::Topic':
      return physicalArn(logicalId, resources, environment, at);
    case 'AWS::SQS::Queue':
      return queueUrl(environment, physicalName(logicalId, resources, at));
    case 'AWS::KMS::Key':
      return keyArn(environment, logicalId).split('key/')[1] as string;
    default:
      throw new Error(`${at}: unsupported Ref to ${logicalId}`);
  }
}

function attributeOf(
  logicalId: string,
  attribute: string,
  resources: TemplateResources,
  environment: StackEnvironment,
  at: string,
): string {
  switch (`${resources[logicalId]?.Type ?? '?'}.${attribute}`) {
    case 'AWS::SNS::Topic.TopicArn':
    case 'AWS::SQS::Queue.Arn':
      return physicalArn(logicalId, resources, environment, at);
    case 'AWS::SQS::Queue.QueueUrl':
      return queueUrl(environment, physicalName(logicalId, resources, at));
    case 'AWS::KMS::Key.Arn':
      return keyArn(environment, logicalId);
    case 'AWS::KMS::Key.KeyId':
      return keyArn(environment, logicalId).split('key/')[1] as string;
    default:
      throw new Error(`${at}: unsupported Fn::GetAtt ${logicalId}.${attribute}`);
  }
}

function physicalName(logicalId: string, resources: TemplateResources, at: string): string {
  const resource = resources[logicalId];
  const name = resource?.Properties?.[resource.Type === 'AWS::SNS::Topic' ? 'TopicName' : 'QueueName'];
  if (typeof name !== 'string') throw new Error(`${at}: ${logicalId} has no literal physical name`);
  return name;
}

function physicalArn(
  logicalId: string,
  resources: TemplateResources,
  environment: StackEnvironment,
  at: string,
): string {
  const service = resources[logicalId]?.Type === 'AWS::SNS::Topic' ? 'sns' : 'sqs';
  return arnOf(environment, service, physicalName(logicalId, resources, at));
}

// ---------------------------------------------------------------------------------------------
// Shared

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function arnOf(environment: StackEnvironment, service: 'sns' | 'sqs', name: string): string {
  return `arn:${environment.partition}:${service}:${environment.region}:${environment.account}:${name}`;
}

function queueUrl(environment: StackEnvironment, name: string): string {
  return `https://sqs.${environment.region}.amazonaws.com/${environment.account}/${name}`;
}

function queueArnOfUrl(url: string, environment: StackEnvironment): string {
  const match = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com\/(\d{12})\/([\w.-]+)$/.exec(url);
  if (!match || match[1] !== environment.region || match[2] !== environment.account) {
    throw new Error(
      `${environment.stack}: ${url} is not a queue URL of ${environment.account} in ${environment.region}`,
    );
  }
  return arnOf(environment, 'sqs', match[3] as string);
}

/** Key ids exist only once a key does: a stable stand-in, unique per stack and resource. */
function keyArn(environment: StackEnvironment, resourceId: string): string {
  const hex = createHash('sha256').update(`${environment.stack}/${resourceId}`).digest('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return `arn:${environment.partition}:kms:${environment.region}:${environment.account}:key/${id}`;
}

function parsePolicy(text: string, at: string): PolicyDocumentJson {
  const parsed: unknown = JSON.parse(text);
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    typeof (parsed as { Version?: unknown }).Version !== 'string' ||
    !Array.isArray((parsed as { Statement?: unknown }).Statement)
  ) {
    throw new Error(`${at}: not a policy document: ${text}`);
  }
  return parsed as PolicyDocumentJson;
}
