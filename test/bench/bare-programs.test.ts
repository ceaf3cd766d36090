import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesizeBareCloudFormation } from '../../bench/bare-cdk';
import { synthesizeBareTerraform } from '../../bench/bare-cdktf';
import { describeOrganisation, type BareOrganisation } from '../../bench/description';
import { generateOrganisation } from '../../bench/organisation';
import { cloudFormationResourceCounts, terraformResourceCounts } from '../../bench/resource-counts';
import { synthesizeCloudFormation } from '../../lib/cloudformation';
import type { EventBusModel, StackPlan } from '../../lib/model';
import { validateRequests } from '../../lib/pipeline';
import { synthesizeTerraform } from '../../lib/terraform';

/**
 * The bench compares the CLI with bare engine programs; the comparison means something only while
 * both create the same resources in the same stacks. Three teams reach every kind of resource the
 * generator makes: keys on topics and queues, cross-team and body-filtered subscriptions.
 */
describe('the bare engine programs of the bench', () => {
  let root: string;
  let model: EventBusModel;
  let plans: readonly StackPlan[];
  let organisation: BareOrganisation;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-bare-'));
    const generated = generateOrganisation(root, 3);
    const result = validateRequests({ ...generated, cwd: root });
    if (!result.model || !result.plans) {
      throw new Error(`generated organisation is invalid: ${JSON.stringify(result.diagnostics.slice(0, 3))}`);
    }
    expect(result.diagnostics).toEqual([]);
    ({ model, plans } = result);
    organisation = JSON.parse(JSON.stringify(describeOrganisation(model, plans))) as BareOrganisation;
  });

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('create the resources of eventbus synth, per type and stack, with Terraform', () => {
    synthesizeTerraform(model, plans, path.join(root, 'terraform'));
    synthesizeBareTerraform(organisation, path.join(root, 'bare-cdktf'));

    const product = terraformResourceCounts(path.join(root, 'terraform'));
    expect(Object.keys(product)).toHaveLength(12);
    expect(product['dev.team-0.topics']).toEqual({
      aws_kms_alias: 1,
      aws_kms_key: 1,
      aws_sns_topic: 3,
      aws_sns_topic_policy: 3,
    });
    expect(product['prod.team-1.queues']).toMatchObject({ aws_kms_key: 1, aws_sns_topic_subscription: 11 });
    expect(terraformResourceCounts(path.join(root, 'bare-cdktf'))).toEqual(product);
  });

  it('create the resources of eventbus synth --target cloudformation, per type and stack', () => {
    synthesizeCloudFormation(plans, path.join(root, 'cloudformation'));
    synthesizeBareCloudFormation(organisation, path.join(root, 'bare-cdk'));

    const product = cloudFormationResourceCounts(path.join(root, 'cloudformation'));
    expect(Object.keys(product)).toHaveLength(12);
    expect(product['dev-team-0-topics']).toEqual({
      'AWS::KMS::Alias': 1,
      'AWS::KMS::Key': 1,
      'AWS::SNS::Topic': 3,
      'AWS::SNS::TopicPolicy': 3,
    });
    expect(cloudFormationResourceCounts(path.join(root, 'bare-cdk'))).toEqual(product);
  });
});
