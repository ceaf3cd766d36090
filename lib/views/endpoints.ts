import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareStrings } from '../diagnostics';
import { sqsQueueUrl, type StackPlan } from '../model';

/** What a consumer or publisher configures itself with, per team, in one environment. */
export interface EnvironmentEndpoints {
  readonly [team: string]: {
    readonly topics: Readonly<Record<string, { readonly arn: string }>>;
    readonly queues: Readonly<
      Record<
        string,
        {
          readonly url: string;
          readonly arn: string;
          readonly deadLetterUrl?: string;
          readonly deadLetterArn?: string;
        }
      >
    >;
  };
}

/**
 * The addresses of every live topic and queue, by environment: written from the plans, so they
 * are known before anything is applied and the same on every synth. Retired entries are left out:
 * nothing should start using them.
 */
export function planEndpoints(plans: readonly StackPlan[]): Map<string, EnvironmentEndpoints> {
  const byEnvironment = new Map<
    string,
    Record<string, { topics: Record<string, unknown>; queues: Record<string, unknown> }>
  >();
  for (const plan of [...plans].sort((a, b) => compareStrings(a.name, b.name))) {
    const teams = byEnvironment.get(plan.environment.name) ?? {};
    byEnvironment.set(plan.environment.name, teams);
    const team = (teams[plan.team.name] ??= { topics: {}, queues: {} });
    for (const topic of plan.topics) {
      if (!topic.topic.retired) team.topics[topic.topic.key.name] = { arn: topic.arn };
    }
    for (const queue of plan.queues) {
      if (queue.queue.retired) continue;
      team.queues[queue.queue.key.name] = {
        url: sqsQueueUrl(plan.environment, queue.name),
        arn: queue.arn,
        ...(queue.deadLetter
          ? {
              deadLetterUrl: sqsQueueUrl(plan.environment, queue.deadLetter.name),
              deadLetterArn: queue.deadLetter.arn,
            }
          : {}),
      };
    }
  }
  return byEnvironment as Map<string, EnvironmentEndpoints>;
}

/** Writes `endpoints/<env>.json` for every environment with a topic or queue. */
export function writeEndpoints(plans: readonly StackPlan[], outdir: string): void {
  for (const [environment, endpoints] of planEndpoints(plans)) {
    const file = path.join(outdir, 'endpoints', `${environment}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(endpoints, null, 2)}\n`);
  }
}
