import type { Origin } from '../types';
import { oncePerContext, type RuleContext } from './rule';

/**
 * An IAM role or user ARN: the only principals requests may name. Paths and names use IAM's
 * character set (IAM User Guide, "IAM identifiers"), so no wildcard or policy variable fits.
 */
export const PRINCIPAL_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):(role|user)(\/[\w+=,.@-]+)*\/[\w+=,.@-]{1,64}$/;

export interface WrittenPrincipal {
  readonly arn: string;
  /** The list entry, as written in its file. */
  readonly origin: Origin;
  /** The team, kind and name of the topic or queue that lists it. */
  readonly team: string;
  readonly kind: 'topic' | 'queue';
  readonly name: string;
}

/** Every publisher and consumer ARN as written, with its position in its list. */
export const writtenPrincipals: (context: RuleContext) => readonly WrittenPrincipal[] = oncePerContext(
  (context) => [...eachWrittenPrincipal(context)],
);

function* eachWrittenPrincipal({ requests }: RuleContext): Iterable<WrittenPrincipal> {
  for (const file of requests) {
    const origin = (path: Origin['path']): Origin => ({
      file: file.file,
      relativePath: file.relativePath,
      path,
    });
    for (const [name, topic] of Object.entries(file.request.topics ?? {})) {
      for (const [index, arn] of (topic.publishers ?? []).entries()) {
        yield {
          arn,
          origin: origin(['topics', name, 'publishers', index]),
          team: file.request.team,
          kind: 'topic',
          name,
        };
      }
    }
    for (const [name, queue] of Object.entries(file.request.queues ?? {})) {
      for (const [index, arn] of (queue.consumers ?? []).entries()) {
        yield {
          arn,
          origin: origin(['queues', name, 'consumers', index]),
          team: file.request.team,
          kind: 'queue',
          name,
        };
      }
    }
  }
}
