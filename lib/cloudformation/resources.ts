import type { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Every topic and queue names the request file that defines it, for whoever finds it in the console. */
export const REQUEST_FILE_TAG = 'request-file';

/** Gives an L2 construct's CloudFormation resource a logical id of our choosing. */
export function setLogicalId(construct: IConstruct, logicalId: string): void {
  (construct.node.defaultChild as CfnResource).overrideLogicalId(logicalId);
}
