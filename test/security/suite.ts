/**
 * The least-privilege assertions, written once and run on every bus: the bundled example and the
 * encrypted fixture through each backend, and generated organisations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, type AccessCase, type BusUnderTest, type Evaluation } from './access';
import { triage } from './known-gaps';

/** The allowed cases of assertions 1, 2, 3 and 7: what TLS and cross-account checks start from. */
function allowedCases(bus: BusUnderTest): AccessCase[] {
  return [...bus.publisherCases(), ...bus.consumerCases(), ...bus.deliveryCases(), ...bus.keyCases()].filter(
    (accessCase) => accessCase.expected === 'Allowed',
  );
}

/** Failure messages that no known gap explains, at most `limit` of them, with a count. */
function unexplained(evaluation: Evaluation, problems: readonly string[] = [], limit = 40): string[] {
  const { unexpected } = triage(evaluation.failures);
  const all = [...problems, ...unexpected];
  return all.length > limit ? [...all.slice(0, limit), `... and ${all.length - limit} more`] : all;
}

export function describeLeastPrivilege(title: string, load: () => BusUnderTest): void {
  describe(title, () => {
    let bus: BusUnderTest;
    const simulations = new Map<string, number>();
    const run = async (assertion: string, cases: readonly AccessCase[]): Promise<Evaluation> => {
      const evaluation = await evaluate(cases);
      simulations.set(assertion, evaluation.simulations);
      return evaluation;
    };

    beforeAll(() => {
      bus = load();
    });

    afterAll(() => {
      const total = [...simulations.values()].reduce((sum, count) => sum + count, 0);
      const parts = [...simulations.entries()].map(([assertion, count]) => `${assertion}: ${count}`);
      console.info(`[security] ${title}: ${total} simulations (${parts.join(', ')})`);
    });

    it('renders exactly one policy on every planned topic and queue, and no policy elsewhere', () => {
      expect(bus.policyCoverage()).toEqual([]);
    });

    it('renders one key for each encrypted topic and queue, with its alias, and no other key', () => {
      expect(bus.keyCoverage()).toEqual([]);
    });

    it('1. lets each publisher sns:Publish to its topics, and nothing else on any topic', async () => {
      const evaluation = await run('publishers', bus.publisherCases());
      expect(unexplained(evaluation), `of ${evaluation.simulations} simulations`).toEqual([]);
    });

    it('2. lets each consumer receive, delete, change visibility and read attributes and URL of its queues and their DLQs, and nothing else', async () => {
      const evaluation = await run('consumers', bus.consumerCases());
      expect(unexplained(evaluation), `of ${evaluation.simulations} simulations`).toEqual([]);
    });

    it('3. lets sns.amazonaws.com send to a queue only for a topic it subscribes to (not another topic, a namesake elsewhere, or no aws:SourceArn)', async () => {
      const evaluation = await run('sns delivery', bus.deliveryCases());
      expect(unexplained(evaluation), `of ${evaluation.simulations} simulations`).toEqual([]);
    });

    it('4. denies every allowed request when it does not use TLS (aws:SecureTransport = false)', async () => {
      const evaluation = await run('insecure transport', bus.insecureTransportCases(allowedCases(bus)));
      expect(unexplained(evaluation), `of ${evaluation.simulations} simulations`).toEqual([]);
    });

    it('5. denies principals no request names, in the bus account and in others, whatever their own account allows', async () => {
      const evaluation = await run('unnamed principals', bus.unnamedPrincipalCases());
      expect(unexplained(evaluation), `of ${evaluation.simulations} simulations`).toEqual([]);
    });

    it('6. allows cross-account principals only with their planned identity policy, which reaches nothing else', async () => {
      const evaluation = await run('cross-account', bus.crossAccountCases(allowedCases(bus)));
      expect(
        unexplained(evaluation, bus.identityPolicyCoverage()),
        `of ${evaluation.simulations} simulations`,
      ).toEqual([]);
    });

    it('7. keys: SNS for subscribed topics only, consumers decrypt, publishers encrypt only through SNS in the region', async () => {
      const evaluation = await run('keys', bus.keyCases());
      expect(unexplained(evaluation), `of ${evaluation.simulations} simulations`).toEqual([]);
    });

    it("8. keeps environments apart: a principal of one environment's account gets nothing in another", async () => {
      const cases = bus.environmentIsolationCases(allowedCases(bus));
      const evaluation = await run('environment isolation', cases);
      expect(unexplained(evaluation), `of ${evaluation.simulations} simulations`).toEqual([]);
    });
  });
}

/** Every assertion at once, for generated organisations: the problems and the simulations run. */
export async function checkEverything(
  bus: BusUnderTest,
): Promise<{ problems: string[]; simulations: number }> {
  const problems = [...bus.policyCoverage(), ...bus.keyCoverage(), ...bus.identityPolicyCoverage()];
  let simulations = 0;
  const groups = [
    bus.publisherCases(),
    bus.consumerCases(),
    bus.deliveryCases(),
    bus.insecureTransportCases(allowedCases(bus)),
    bus.unnamedPrincipalCases(),
    bus.crossAccountCases(allowedCases(bus)),
    bus.environmentIsolationCases(allowedCases(bus)),
    bus.keyCases(),
  ];
  for (const cases of groups) {
    const evaluation = await evaluate(cases);
    simulations += evaluation.simulations;
    problems.push(...unexplained(evaluation, [], 10));
  }
  return { problems, simulations };
}
