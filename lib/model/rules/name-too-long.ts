import type { PlanRule } from './rule';
import { at } from './rule';
import { describePlannedName, plannedNames, type PlannedName } from './planned-names';

/**
 * AWS name limits: SQS queue names are 1-80 characters including ".fifo" (SQS CreateQueue),
 * SNS topic names 1-256 (SNS CreateTopic); both allow only letters, digits, "-" and "_".
 */
const LIMITS = { sqs: 80, sns: 256 } as const;
const NAME_CHARACTERS = /^[A-Za-z0-9_-]+(\.fifo)?$/;

export const nameTooLong: PlanRule = {
  code: 'name-too-long',
  severity: 'error',
  summary: "Generated queue names fit 80 characters and topic names 256, in AWS's character set.",
  source: 'Amazon SQS API Reference, CreateQueue; Amazon SNS API Reference, CreateTopic',
  start() {
    // One finding per definition, at its first bad name, with a hint that also fixes the longest
    // one it makes (a queue's dead-letter queues, another environment's longer name).
    const first = new Map<string, PlannedName>();
    const longest = new Map<string, PlannedName>();
    return {
      stack(plan) {
        for (const planned of plannedNames(plan)) {
          const problem = problemOf(planned);
          const excess = overflow(planned);
          // Almost every name fits: only the others need the key of their definition.
          if (problem === undefined && excess <= 0) continue;
          const key = `${planned.origin.file}|${planned.origin.path.join('/')}`;
          if (problem !== undefined && !first.has(key)) first.set(key, planned);
          if (excess > 0 && excess > overflow(longest.get(key))) longest.set(key, planned);
        }
        return [];
      },
      *end() {
        for (const [key, planned] of first) {
          yield {
            ...at(planned.origin, [], 'key'),
            message: `the AWS name of ${describePlannedName(planned)} in ${planned.environment.name}, "${planned.name}", ${problemOf(planned) ?? ''}`,
            hint: hintFor(planned, longest.get(key)),
          };
        }
      },
    };
  },
};

function overflow(planned: PlannedName | undefined): number {
  return planned === undefined ? 0 : planned.name.length - LIMITS[planned.service];
}

function problemOf(planned: PlannedName): string | undefined {
  return awsNameProblem(planned.service, planned.name);
}

/** What is wrong with an SNS topic or SQS queue name, if anything: "is 81 characters long, ...". */
export function awsNameProblem(service: 'sns' | 'sqs', name: string): string | undefined {
  const limit = LIMITS[service];
  if (name.length > limit) {
    return `is ${name.length} characters long, but AWS allows at most ${limit}`;
  }
  if (name.length === 0) return 'is empty';
  return NAME_CHARACTERS.test(name)
    ? undefined
    : 'has characters AWS does not allow (only letters, digits, "-" and "_")';
}

function hintFor(planned: PlannedName, longest: PlannedName | undefined): string {
  if (longest === undefined) {
    // Names, teams and environments are schema-checked, so stray characters come from the pattern.
    return 'keep only letters, digits, "-" and "_" besides {env}, {team} and {name} in the platform config\'s naming.pattern';
  }
  const excess = overflow(longest);
  const name = planned.origin.path.at(-1);
  const what =
    typeof name === 'string' && name.length > excess ? 'the name' : "the team's name or the naming pattern";
  return `shorten ${what} by at least ${excess} character${excess === 1 ? '' : 's'}: its longest AWS name, "${longest.name}", is ${longest.name.length} characters, and AWS allows ${LIMITS[longest.service]}`;
}
