import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as fs from 'node:fs';
const app = new cdk.App({ outdir: '/tmp/cfnproto/out', analyticsReporting: false });
const stack = new cdk.Stack(app, 'dev.orders', { stackName: 'dev-orders', env: { account: '111111111111', region: 'eu-west-1' }, synthesizer: new cdk.DefaultStackSynthesizer({ generateBootstrapVersionRule: false }) });
const dlq = new sqs.Queue(stack, 'Dlq', { queueName: 'dev-orders-x-dlq', encryption: sqs.QueueEncryption.SQS_MANAGED, removalPolicy: cdk.RemovalPolicy.RETAIN,
  redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.BY_QUEUE, sourceQueues: [sqs.Queue.fromQueueArn(stack, 'src', 'arn:aws:sqs:eu-west-1:111111111111:dev-orders-x')] } });
const q = new sqs.Queue(stack, 'Q', { queueName: 'dev-orders-x', encryption: sqs.QueueEncryption.SQS_MANAGED, removalPolicy: cdk.RemovalPolicy.RETAIN,
  visibilityTimeout: cdk.Duration.seconds(30), deadLetterQueue: { queue: sqs.Queue.fromQueueArn(stack, 'dlqref', 'arn:aws:sqs:eu-west-1:111111111111:dev-orders-x-dlq'), maxReceiveCount: 5 } });
q.node.addDependency(dlq);
const t = new sns.Topic(stack, 'T', { topicName: 'dev-orders-t.fifo', fifo: true, contentBasedDeduplication: false });
cdk.Tags.of(stack).add('zeta', '1'); cdk.Tags.of(stack).add('alpha', '2');
cdk.Tags.of(q).add('request-file', 'a/b.yaml');
(q.node.defaultChild as cdk.CfnResource).overrideLogicalId('QueueX');
cdk.Validations.of(dlq).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'x' });
const asm = app.synth();
console.log(asm.stacks.map(s => [s.id, s.stackName, s.templateFile]));
for (const f of fs.readdirSync('/tmp/cfnproto/out')) console.log(f);
console.log(fs.readFileSync('/tmp/cfnproto/out/' + asm.stacks[0]!.templateFile, 'utf8'));
console.log(fs.readFileSync('/tmp/cfnproto/out/manifest.json', 'utf8'));
