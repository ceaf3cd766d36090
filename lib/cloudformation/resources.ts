import { Validations, type CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Every topic and queue names the request file that defines it, for whoever finds it in the console. */
export const REQUEST_FILE_TAG = 'request-file';

/** The CloudFormation resource an L2 construct renders. */
export function cfnResourceOf(construct: IConstruct): CfnResource {
  return construct.node.defaultChild as CfnResource;
}

/**
 * Acknowledges a cdk-nag finding, with its reason, on a construct and everything below it.
 * `Validations.acknowledge` records the caller's stack trace beside the reason, and aws-cdk-lib
 * 2.276 does so even with `stackTraces: false`: this checkout's absolute paths would land in the
 * assembly's metadata and differ on every machine. With no stack frames to capture, it records none.
 */
export function acknowledgeFinding(construct: IConstruct, id: string, reason: string): void {
  const { stackTraceLimit } = Error;
  Error.stackTraceLimit = 0;
  try {
    Validations.of(construct).acknowledge({ id, reason });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}
