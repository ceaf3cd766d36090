import { Match } from 'aws-cdk-lib/assertions';
import { AnyPrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { CfnTopic } from 'aws-cdk-lib/aws-sns';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventTopic } from '../../lib/cloudformation';
import { buildApp, examplePlans, ORDERS_API, removeTemporaryOutdirs, stackOf, templateOf } from './fixtures';

afterAll(removeTemporaryOutdirs);

const orders = () => templateOf(buildApp(examplePlans()), 'dev-orders-topics');
const topicArn = (name: string) => `arn:aws:sns:eu-west-1:111111111111:${name}`;

describe('EventTopic', () => {
  it('renders a standard topic with its planned name', () => {
    orders().hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'dev-orders-order-placed',
      FifoTopic: false,
      ContentBasedDeduplication: Match.absent(),
      KmsMasterKeyId: Match.absent(),
    });
  });

  it('renders a FIFO topic with content-based deduplication', () => {
    orders().hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'dev-orders-order-ledger.fifo',
      FifoTopic: true,
      ContentBasedDeduplication: true,
    });
  });

  it("renders the plan's topic policy: TLS deny on sns:Publish for everyone, then the publishers", () => {
    const template = orders();
    template.resourceCountIs('AWS::SNS::TopicPolicy', 2);
    const arn = topicArn('dev-orders-order-placed');
    template.hasResource('AWS::SNS::TopicPolicy', {
      Properties: {
        Topics: [arn],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'DenyInsecureTransport',
              Effect: 'Deny',
              Principal: '*',
              Action: 'sns:Publish',
              Resource: arn,
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
            {
              Sid: 'AllowPublishers',
              Effect: 'Allow',
              Principal: { AWS: ORDERS_API },
              Action: 'sns:Publish',
              Resource: arn,
            },
          ],
        },
      },
      DependsOn: ['TopicOrderPlaced'],
    });
  });

  it('tags the topic with the stack tags and its request file', () => {
    orders().hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'dev-orders-order-placed',
      Tags: [
        { Key: 'cost-center', Value: 'platform' },
        { Key: 'environment', Value: 'dev' },
        { Key: 'managed-by', Value: 'eventbus-infra' },
        { Key: 'owner', Value: 'orders-team@example.com' },
        { Key: 'request-file', Value: 'orders.yaml' },
        { Key: 'team', Value: 'orders' },
      ],
    });
  });

  it('uses logical ids made of the topic name alone', () => {
    const resources = orders().toJSON().Resources as Record<string, { Type: string }>;
    const topics = Object.entries(resources).filter(([, resource]) =>
      resource.Type.startsWith('AWS::SNS::Topic'),
    );
    expect(topics.map(([id]) => id).sort()).toEqual([
      'TopicOrderLedger',
      'TopicOrderLedgerPolicy',
      'TopicOrderPlaced',
      'TopicOrderPlacedPolicy',
    ]);
  });

  it('refuses statements added behind the plan: a grant on the topic fails instead of adding a policy', () => {
    const stack = buildApp(examplePlans()).node.findChild('dev-orders-topics');
    const { topic } = stack.node.findChild('topic-order-placed') as EventTopic;
    const statement = new PolicyStatement({ actions: ['sns:Publish'], principals: [new AnyPrincipal()] });
    expect(() => topic.addToResourcePolicy(statement)).toThrow(
      /policy of topic dev-orders-topics\/topic-order-placed\/Topic is rendered from its plan and its grants: use EventTopic.grantPublish/,
    );
  });

  it('hands aws-cdk-lib code the topic it renders: the ITopic wraps the CfnTopic and refers to it', () => {
    const stack = stackOf(buildApp(examplePlans()), 'dev-orders-topics');
    const { topic } = stack.node.findChild('topic-order-placed') as EventTopic;
    const resource = topic.node.defaultChild as CfnTopic;
    expect(resource.cfnResourceType).toBe('AWS::SNS::Topic');
    expect(stack.resolve(resource.logicalId)).toBe('TopicOrderPlaced');
    expect(stack.resolve(topic.topicArn)).toEqual({ Ref: 'TopicOrderPlaced' });
    expect(stack.resolve(topic.topicName)).toEqual({ 'Fn::GetAtt': ['TopicOrderPlaced', 'TopicName'] });
    expect(topic.fifo).toBe(false);
  });
});
