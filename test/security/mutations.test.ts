/**
 * The assertions can fail: each weakens one rendered policy (or the planned identity policy) of
 * the encrypted fixture the way a plausible bug would, and the assertion meant to catch it must
 * report a request on exactly that resource or principal.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BusUnderTest, evaluate, type AccessCase } from './access';
import type { BusIntent } from './intent';
import { encryptedExample, render } from './pipeline';
import type { RenderedBus, RenderedKey, RenderedPolicy } from './rendered';
import type { PolicyDocumentJson } from './simulator';

type Statement = Readonly<Record<string, unknown>>;

const TOPIC = 'arn:aws:sns:eu-west-1:111111111111:dev-orders-order-events';
const QUEUE = 'arn:aws:sqs:eu-west-1:111111111111:dev-shipping-shipments';
const PARTNER = 'arn:aws:iam::222222222222:role/analytics-ingest';

let original: BusUnderTest;

beforeAll(() => {
  original = render('terraform', encryptedExample());
});

function withStatements(
  policy: PolicyDocumentJson,
  change: (statement: Statement) => Statement | undefined,
): PolicyDocumentJson {
  return {
    ...policy,
    Statement: (policy.Statement as Statement[]).flatMap((statement) => change(statement) ?? []),
  };
}

function mutateBy<T extends RenderedPolicy>(
  policies: readonly T[],
  matches: (policy: T) => boolean,
  sid: string,
  change: (statement: Statement) => Statement | undefined,
): T[] {
  let changed = 0;
  const result = policies.map((policy) => {
    if (!matches(policy)) return policy;
    return {
      ...policy,
      policy: withStatements(policy.policy, (statement) => {
        if (statement['Sid'] !== sid) return statement;
        changed += 1;
        return change(statement);
      }),
    };
  });
  if (changed === 0) throw new Error(`no statement ${sid} to mutate`);
  return result;
}

function mutated(
  change: (rendered: RenderedBus) => RenderedBus,
  intent: BusIntent = original.intent,
): BusUnderTest {
  return new BusUnderTest(intent, change(original.rendered));
}

const topicStatement =
  (sid: string, change: (statement: Statement) => Statement | undefined) =>
  (rendered: RenderedBus): RenderedBus => ({
    ...rendered,
    topics: mutateBy(rendered.topics, (policy) => policy.arn === TOPIC, sid, change),
  });

const queueStatement =
  (sid: string, change: (statement: Statement) => Statement | undefined) =>
  (rendered: RenderedBus): RenderedBus => ({
    ...rendered,
    queues: mutateBy(rendered.queues, (policy) => policy.arn === QUEUE, sid, change),
  });

const keyStatement =
  (encrypts: string, sid: string, change: (statement: Statement) => Statement | undefined) =>
  (rendered: RenderedBus): RenderedBus => ({
    ...rendered,
    keys: mutateBy(rendered.keys, (key: RenderedKey) => key.encrypts.includes(encrypts), sid, change),
  });

/** Failure messages of the cases on one resource (or by one principal). */
async function failuresOn(
  cases: readonly AccessCase[],
  subject: (accessCase: AccessCase) => boolean,
): Promise<string[]> {
  const evaluation = await evaluate(cases.filter(subject));
  return evaluation.failures.map((failure) => failure.message);
}

const onResource = (arn: string) => (accessCase: AccessCase) => accessCase.request.resource.arn === arn;
const keyOf = (bus: BusUnderTest, encrypts: string): string =>
  (bus.rendered.keys.find((key) => key.encrypts.includes(encrypts)) as RenderedKey).arn;

describe('the assertions catch a weakened policy', () => {
  it('the unchanged fixture passes the checks the mutations break', async () => {
    const bus = original;
    expect(await failuresOn(bus.publisherCases(), onResource(TOPIC))).toEqual([]);
    expect(await failuresOn(bus.deliveryCases(), onResource(QUEUE))).toEqual([]);
    expect(await failuresOn(bus.keyCases(), onResource(keyOf(bus, QUEUE)))).toEqual([]);
  });

  it('1. a topic policy that lets every principal publish', async () => {
    const bus = mutated(topicStatement('AllowPublishers', (statement) => ({ ...statement, Principal: '*' })));
    expect(await failuresOn(bus.unnamedPrincipalCases(), onResource(TOPIC))).toContainEqual(
      expect.stringContaining('eventbus-intruder sns:Publish'),
    );
  });

  it('2. a queue policy that gives consumers sqs:*', async () => {
    const bus = mutated(queueStatement('AllowConsumers', (statement) => ({ ...statement, Action: 'sqs:*' })));
    const failures = await failuresOn(bus.consumerCases(), onResource(QUEUE));
    expect(failures).toContainEqual(expect.stringContaining('role/shipping-worker sqs:PurgeQueue'));
    expect(failures).toContainEqual(expect.stringContaining('role/shipping-worker sqs:SendMessage'));
  });

  it('3. SNS delivery without aws:SourceArn, or with a pattern that fits namesakes in other accounts', async () => {
    const open = mutated(
      queueStatement(
        'AllowSnsDeliveryFromSubscribedTopics',
        ({ Condition: _condition, ...statement }) => statement,
      ),
    );
    expect(await failuresOn(open.deliveryCases(), onResource(QUEUE))).toContainEqual(
      expect.stringContaining('no aws:SourceArn'),
    );
    const pattern = mutated(
      queueStatement('AllowSnsDeliveryFromSubscribedTopics', (statement) => ({
        ...statement,
        Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:*:dev-orders-order-events' } },
      })),
    );
    expect(await failuresOn(pattern.deliveryCases(), onResource(QUEUE))).toContainEqual(
      expect.stringContaining('aws:SourceArn=arn:aws:sns:eu-west-1:444444444444:dev-orders-order-events'),
    );
  });

  it('4. a queue policy without its TLS deny, or with one that names only some actions', async () => {
    for (const bus of [
      mutated(queueStatement('DenyInsecureTransport', () => undefined)),
      mutated(
        queueStatement('DenyInsecureTransport', (statement) => ({ ...statement, Action: 'sqs:SendMessage' })),
      ),
    ]) {
      const allowed = [...bus.consumerCases(), ...bus.deliveryCases()].filter(onResource(QUEUE));
      expect(await failuresOn(bus.insecureTransportCases(allowed), () => true)).toContainEqual(
        expect.stringContaining(
          'sqs:ReceiveMessage on arn:aws:sqs:eu-west-1:111111111111:dev-shipping-shipments [aws:SecureTransport=false',
        ),
      );
    }
  });

  it("5. a queue policy that names the partner's account instead of its role", async () => {
    const bus = mutated(
      queueStatement('AllowConsumers', (statement) => ({
        ...statement,
        Principal: {
          AWS: ['arn:aws:iam::111111111111:role/shipping-worker', 'arn:aws:iam::222222222222:root'],
        },
      })),
    );
    expect(await failuresOn(bus.unnamedPrincipalCases(), onResource(QUEUE))).toContainEqual(
      expect.stringContaining('arn:aws:iam::222222222222:role/eventbus-intruder sqs:ReceiveMessage'),
    );
  });

  it('6. an identity policy for a partner role that reaches every queue of the account', async () => {
    const widened: BusIntent = {
      ...original.intent,
      identityPolicy: (environment, principal) => {
        const planned = original.intent.identityPolicy(environment, principal);
        return planned && principal === PARTNER
          ? withStatements(planned, (statement) =>
              statement['Sid'] === 'ConsumeFromEventBusQueues' ? { ...statement, Resource: '*' } : statement,
            )
          : planned;
      },
    };
    const bus = new BusUnderTest(widened, original.rendered);
    const failures = await failuresOn(
      bus.crossAccountCases([]),
      (accessCase) => accessCase.request.principal === PARTNER,
    );
    expect(failures).toContainEqual(
      expect.stringContaining(
        `${PARTNER} sqs:ReceiveMessage on arn:aws:sqs:eu-west-1:111111111111:not-on-the-bus`,
      ),
    );
  });

  it('7. key policies: publishers without kms:ViaService, SNS without aws:SourceArn, consumers with encrypt rights', async () => {
    const publishers = mutated(
      keyStatement(
        TOPIC,
        'AllowPublishersThroughSns',
        ({ Condition: _condition, ...statement }) => statement,
      ),
    );
    expect(await failuresOn(publishers.keyCases(), onResource(keyOf(publishers, TOPIC)))).toContainEqual(
      expect.stringMatching(
        /role\/orders-api kms:GenerateDataKey on .*\[aws:SecureTransport=true, no aws:SourceArn;/,
      ),
    );
    const sns = mutated(
      keyStatement(
        QUEUE,
        'AllowSnsDeliveryFromSubscribedTopics',
        ({ Condition: _condition, ...statement }) => statement,
      ),
    );
    expect(await failuresOn(sns.keyCases(), onResource(keyOf(sns, QUEUE)))).toContainEqual(
      expect.stringContaining('sns.amazonaws.com kms:GenerateDataKey on'),
    );
    const consumers = mutated(
      keyStatement(QUEUE, 'AllowConsumersToDecrypt', (statement) => ({
        ...statement,
        Action: ['kms:Decrypt', 'kms:Encrypt'],
      })),
    );
    expect(await failuresOn(consumers.keyCases(), onResource(keyOf(consumers, QUEUE)))).toContainEqual(
      expect.stringContaining('role/shipping-worker kms:Encrypt on'),
    );
  });
});
