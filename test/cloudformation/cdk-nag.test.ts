import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { afterAll, describe, expect, it } from 'vitest';
import { planStacks } from '../../lib/model';
import {
  awsSolutionsFindings,
  buildApp,
  busModel,
  DEV,
  exampleModel,
  queue,
  removeTemporaryOutdirs,
  team,
  topic,
} from './fixtures';

afterAll(removeTemporaryOutdirs);

/** Every acknowledgement in the app, as "construct path: rule id". */
function acknowledgements(root: IConstruct): string[] {
  return root.node
    .findAll()
    .flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.keys(entry.data as object).map((id) => `${construct.node.path}: ${id}`)),
    );
}

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged in the example organisation, in every environment', () => {
    expect(awsSolutionsFindings(buildApp(planStacks(exampleModel())))).toEqual([]);
  });

  it('finds nothing unacknowledged when plans are split across stacks', () => {
    expect(awsSolutionsFindings(buildApp(planStacks(exampleModel()), { maxResourcesPerStack: 7 }))).toEqual(
      [],
    );
  });

  it('acknowledges only SQS3 on delivery dead-letter queues, never an encryption or TLS rule', () => {
    const app = buildApp(planStacks(exampleModel(), DEV.name));
    expect(acknowledgements(app).map((entry) => entry.replace(/Annotation::/, ''))).toEqual([
      'dev-orders-queues/queue-order-audit/DeliveryDeadLetter: AwsSolutions-SQS3',
      'dev-payments-queues/queue-ledger/DeliveryDeadLetterFifo: AwsSolutions-SQS3',
      'dev-payments-queues/queue-payment-requests/DeliveryDeadLetter: AwsSolutions-SQS3',
    ]);
  });

  it('still reports SQS3 on a queue whose request opted out of its dead-letter queue', () => {
    const model = busModel([
      team('search', {
        topics: [topic('search/reindex-requested')],
        queues: [queue('search/reindex', { deadLetter: false, subscriptions: ['search/reindex-requested'] })],
      }),
    ]);
    const findings = awsSolutionsFindings(buildApp(planStacks(model, DEV.name)));
    expect(
      findings.map((finding) => [finding.ruleName, finding.violatingResources.map((r) => r.constructPath)]),
    ).toEqual([['AwsSolutions-SQS3', ['dev-search-queues/queue-reindex/Queue']]]);
  });
});
