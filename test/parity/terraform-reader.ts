/**
 * Reads the attribute values of one cdktf stack as Terraform does: strings are templates, and a
 * whole-string `${type.address.attribute}` is a reference, resolved here to the plans' names and
 * ARNs (and a key to its alias) and noted as a creation-order edge.
 */
import { keyReference, required, type PlanIndex } from './facts';

export interface Resource {
  readonly type: string;
  readonly address: string;
  readonly attributes: Record<string, unknown>;
}

const REFERENCE = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/;

/** Reads one stack's attribute values, resolving references and recording them as creation-order edges. */
export class StackReader {
  /** Each key's alias, by the key's `type.address`. */
  private readonly aliases = new Map<string, string>();

  constructor(
    private readonly stack: string,
    private readonly resources: ReadonlyMap<string, Resource>,
    private readonly index: PlanIndex,
  ) {
    for (const resource of resources.values()) {
      if (resource.type !== 'aws_kms_alias') continue;
      const target = REFERENCE.exec(String(resource.attributes['target_key_id']));
      if (target)
        this.aliases.set(`${target[1]}.${target[2]}`, unescape(resource.attributes['name'] as string));
    }
  }

  aliasOf(key: string): string {
    return required(this.aliases.get(key), `${this.stack}: ${key} has no alias`);
  }

  optionalText(value: unknown): string | undefined {
    return value === undefined ? undefined : this.text(value);
  }

  /** A string attribute: a literal (with Terraform's escapes undone) or a reference, resolved from the plans. */
  text(value: unknown): string {
    if (typeof value !== 'string')
      throw new Error(`${this.stack}: expected a string, got ${JSON.stringify(value)}`);
    const reference = REFERENCE.exec(value);
    if (!reference) {
      if (/(^|[^$])\$\{|(^|[^%])%\{/.test(value))
        throw new Error(`${this.stack}: unresolvable template in ${value}`);
      return unescape(value);
    }
    const [, type, address, attribute] = reference as unknown as [string, string, string, string];
    const target = this.resource(`${type}.${address}`);
    if (type === 'aws_kms_key' && ['arn', 'key_id', 'id'].includes(attribute)) {
      return keyReference(this.aliasOf(`${type}.${address}`));
    }
    const name = unescape(target.attributes['name'] as string);
    if (type === 'aws_sqs_queue' && attribute === 'arn') return this.index.arnOf('sqs', name);
    if (type === 'aws_sns_topic' && (attribute === 'arn' || attribute === 'id'))
      return this.index.arnOf('sns', name);
    if (type === 'aws_sqs_queue' && (attribute === 'url' || attribute === 'id'))
      return `sqs-queue-url:${name}`;
    throw new Error(`${this.stack}: a reference the parity facts do not resolve: ${value}`);
  }

  json(value: unknown): unknown {
    return JSON.parse(this.text(value));
  }

  /** A queue URL: here always a reference to the queue (SQS policies and settings address queues by URL). */
  queueName(value: unknown): string {
    const url = this.text(value);
    if (!url.startsWith('sqs-queue-url:'))
      throw new Error(`${this.stack}: expected a queue URL reference, got ${url}`);
    return url.slice('sqs-queue-url:'.length);
  }

  /**
   * Each resource with its prerequisites (explicit `depends_on` and references), by identity. The
   * redrive-allow resource has no CloudFormation counterpart and takes no part in the order.
   */
  *edges(): Iterable<readonly [string, string | undefined]> {
    for (const resource of this.resources.values()) {
      const from = this.identity(resource);
      if (from === undefined) continue;
      yield [from, undefined];
      const dependsOn = (resource.attributes['depends_on'] as string[] | undefined) ?? [];
      for (const target of [...dependsOn, ...referencesIn(resource.attributes)]) {
        const to = this.identity(this.resource(target));
        if (to !== undefined) yield [from, to];
      }
    }
  }

  private identity(resource: Resource): string | undefined {
    const { attributes } = resource;
    switch (resource.type) {
      case 'aws_sns_topic':
        return `topic ${this.text(attributes['name'])}`;
      case 'aws_sqs_queue':
        return `queue ${this.text(attributes['name'])}`;
      case 'aws_sns_topic_policy':
        return `topic-policy ${this.index.nameOf(this.text(attributes['arn']))}`;
      case 'aws_sqs_queue_policy':
        return `queue-policy ${this.queueName(attributes['queue_url'])}`;
      case 'aws_sns_topic_subscription':
        return `subscription ${this.index.nameOf(this.text(attributes['endpoint']))} <- ${this.text(attributes['topic_arn'])}`;
      case 'aws_kms_key':
        return `kms-key ${this.aliasOf(`${resource.type}.${resource.address}`)}`;
      case 'aws_kms_alias':
        return `kms-alias ${this.text(attributes['name'])}`;
      default:
        return undefined;
    }
  }

  private resource(key: string): Resource {
    return required(
      this.resources.get(key),
      `${this.stack}: a reference to ${key}, which the stack does not define`,
    );
  }
}

/** `type.address` of every reference in a resource's attributes (its own metadata aside). */
function referencesIn(attributes: Record<string, unknown>): string[] {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(/\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\./g))
        found.push(`${match[1]}.${match[2]}`);
    } else if (value !== null && typeof value === 'object') {
      for (const child of Object.values(value)) visit(child);
    }
  };
  for (const [key, value] of Object.entries(attributes))
    if (key !== '//' && key !== 'depends_on') visit(value);
  return found;
}

/** Terraform's escapes for literal template characters: `$${` is `${`, `%%{` is `%{`. */
export function unescape(text: string): string {
  return text.replaceAll('$${', '${').replaceAll('%%{', '%{');
}
