import { isRecord, isTrue, resourcesOfType } from '../stack';
import type { CheckRule } from '../types';
import { rendererFix } from './renderer-fix';

/**
 * Destroying a queue destroys its messages. `prevent_destroy` makes Terraform refuse a plan that
 * would (Terraform, "The lifecycle meta-argument"); it does not cover a block removed from the
 * configuration, which CI has to catch (reference, "Deletion").
 */
export const preventDestroy: CheckRule = {
  id: 'EB-SQS-PREVENT-DESTROY',
  severity: 'error',
  description: 'Every queue and dead-letter queue has `lifecycle.prevent_destroy = true`.',
  fix: rendererFix('`lifecycle.prevent_destroy = true` on every queue and dead-letter queue'),
  mirrors: 'Terraform, "The lifecycle meta-argument"; cdk-nag has no equivalent (CDK: RemovalPolicy.RETAIN)',
  *check(stack) {
    for (const queue of resourcesOfType(stack, 'aws_sqs_queue')) {
      const lifecycle = queue.config['lifecycle'];
      // Terraform JSON accepts a block as an object or as a list of objects.
      const blocks: unknown[] = Array.isArray(lifecycle) ? lifecycle : [lifecycle];
      if (blocks.some((block) => isRecord(block) && isTrue(block['prevent_destroy']))) continue;
      yield {
        address: queue.address,
        message:
          'queue does not set lifecycle.prevent_destroy = true, so a plan may destroy it with its messages',
      };
    }
  },
};
