/**
 * Reads one CloudFormation template as CloudFormation does: `Ref` and `Fn::GetAtt` are
 * references, resolved here to the plans' names and ARNs (and a key to its alias) and noted as
 * creation-order edges.
 */
import { keyReference, required, type PlanIndex } from './facts';

export interface TemplateResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
  readonly DependsOn?: string | readonly string[];
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

/** Resolves a template's intrinsic functions to the plans' names and ARNs, noting each reference. */
export class TemplateReader {
  private readonly references = new Map<string, Set<string>>();
  /** Each key's alias, by the key's logical id. */
  private readonly aliases = new Map<string, string>();

  constructor(
    private readonly stackName: string,
    private readonly resources: ReadonlyMap<string, TemplateResource>,
    private readonly index: PlanIndex,
  ) {
    for (const resource of resources.values()) {
      const target = resource.Properties['TargetKeyId'] as { Ref?: unknown } | undefined;
      if (resource.Type !== 'AWS::KMS::Alias' || typeof target?.Ref !== 'string') continue;
      this.aliases.set(target.Ref, resource.Properties['AliasName'] as string);
    }
  }

  aliasOf(logicalId: string): string {
    return required(this.aliases.get(logicalId), `${this.stackName}: ${logicalId} has no alias`);
  }

  resolve(from: string, value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.resolve(from, item));
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'string' && /\{\{resolve:|\$\{Token\[/.test(value)) {
        throw new Error(
          `${this.stackName}: ${from} has text CloudFormation or the CDK would evaluate: ${value}`,
        );
      }
      return value;
    }
    const entries = Object.entries(value);
    const [first] = entries;
    if (entries.length === 1 && first && (first[0] === 'Ref' || first[0].startsWith('Fn::'))) {
      return this.intrinsic(from, first[0], first[1]);
    }
    return Object.fromEntries(entries.map(([key, child]) => [key, this.resolve(from, child)]));
  }

  private intrinsic(from: string, name: string, argument: unknown): string {
    const target =
      typeof argument === 'string' ? argument : Array.isArray(argument) ? argument[0] : undefined;
    const attribute = Array.isArray(argument) ? argument[1] : undefined;
    const resource = required(
      typeof target === 'string' ? this.resources.get(target) : undefined,
      `${this.stackName}: ${from} refers to ${JSON.stringify(argument)}, which the template does not define`,
    );
    this.references.set(from, (this.references.get(from) ?? new Set()).add(target as string));
    const physicalName = (resource.Properties['QueueName'] ?? resource.Properties['TopicName']) as string;
    if (resource.Type === 'AWS::SQS::Queue' && name === 'Ref') return `sqs-queue-url:${physicalName}`;
    if (resource.Type === 'AWS::SQS::Queue' && name === 'Fn::GetAtt' && attribute === 'Arn')
      return this.index.arnOf('sqs', physicalName);
    if (
      resource.Type === 'AWS::SNS::Topic' &&
      (name === 'Ref' || (name === 'Fn::GetAtt' && attribute === 'TopicArn'))
    )
      return this.index.arnOf('sns', physicalName);
    if (
      resource.Type === 'AWS::KMS::Key' &&
      (name === 'Ref' || (name === 'Fn::GetAtt' && ['Arn', 'KeyId'].includes(attribute as string)))
    ) {
      return keyReference(this.aliasOf(target as string));
    }
    throw new Error(
      `${this.stackName}: ${from} uses ${name} ${JSON.stringify(argument)}, which the parity facts do not resolve`,
    );
  }

  /** Each resource with its prerequisites (DependsOn and references), by identity. */
  *edges(): Iterable<readonly [string, string | undefined]> {
    for (const [logicalId, resource] of this.resources) {
      const from = this.identity(logicalId);
      yield [from, undefined];
      const dependsOn =
        resource.DependsOn === undefined
          ? []
          : typeof resource.DependsOn === 'string'
            ? [resource.DependsOn]
            : resource.DependsOn;
      for (const target of [...dependsOn, ...(this.references.get(logicalId) ?? [])]) {
        required(
          this.resources.get(target),
          `${this.stackName}: ${logicalId} depends on ${target}, which the template does not define`,
        );
        yield [from, this.identity(target)];
      }
    }
  }

  private identity(logicalId: string): string {
    const resource = this.resources.get(logicalId) as TemplateResource;
    const properties = this.resolve(logicalId, resource.Properties) as Record<string, unknown>;
    switch (resource.Type) {
      case 'AWS::SNS::Topic':
        return `topic ${properties['TopicName'] as string}`;
      case 'AWS::SQS::Queue':
        return `queue ${properties['QueueName'] as string}`;
      case 'AWS::SNS::TopicPolicy':
        return `topic-policy ${this.index.nameOf(single(logicalId, properties['Topics']))}`;
      case 'AWS::SQS::QueuePolicy':
        return `queue-policy ${queueName(single(logicalId, properties['Queues']))}`;
      case 'AWS::SNS::Subscription':
        return `subscription ${this.index.nameOf(properties['Endpoint'] as string)} <- ${properties['TopicArn'] as string}`;
      case 'AWS::KMS::Key':
        return `kms-key ${this.aliasOf(logicalId)}`;
      case 'AWS::KMS::Alias':
        return `kms-alias ${properties['AliasName'] as string}`;
      default:
        throw new Error(`${this.stackName}: ${logicalId} has a resource type the parity facts do not cover`);
    }
  }
}

export function single(what: string, values: unknown): string {
  if (!Array.isArray(values) || values.length !== 1 || typeof values[0] !== 'string') {
    throw new Error(`${what}: expected exactly one resource, got ${JSON.stringify(values)}`);
  }
  return values[0];
}

export function queueName(url: string): string {
  if (!url.startsWith('sqs-queue-url:')) throw new Error(`expected a reference to a queue's URL, got ${url}`);
  return url.slice('sqs-queue-url:'.length);
}
