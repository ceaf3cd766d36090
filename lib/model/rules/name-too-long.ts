import type { Rule } from './rule';
import { at } from './rule';
import { generatedNames, type GeneratedName } from './generated-names';

/**
 * AWS name limits: SQS queue names are 1-80 characters including ".fifo" (SQS CreateQueue),
 * SNS topic names 1-256 (SNS CreateTopic); both allow only letters, digits, "-" and "_".
 */
const LIMITS = { sqs: 80, sns: 256 } as const;
const NAME_CHARACTERS = /^[A-Za-z0-9_-]+(\.fifo)?$/;

export const nameTooLong: Rule = {
  code: 'name-too-long',
  severity: 'error',
  summary: "Generated queue names fit 80 characters and topic names 256, in AWS's character set.",
  source: 'Amazon SQS API Reference, CreateQueue; Amazon SNS API Reference, CreateTopic',
  *check(context) {
    // One finding per definition, at its first bad name, with a hint that also fixes the longest
    // one it makes (a queue's dead-letter queues, another environment's longer name).
    const first = new Map<string, GeneratedName>();
    const longest = new Map<string, GeneratedName>();
    for (const generated of generatedNames(context)) {
      const key = `${generated.origin.file}|${generated.origin.path.join('/')}`;
      if (problemOf(generated) !== undefined && !first.has(key)) first.set(key, generated);
      const excess = overflow(generated);
      if (excess > 0 && excess > overflow(longest.get(key))) longest.set(key, generated);
    }
    for (const [key, generated] of first) {
      yield {
        ...at(generated.origin, [], 'key'),
        message: `the AWS name of ${generated.describes} in ${generated.environment.name}, "${generated.name}", ${problemOf(generated) ?? ''}`,
        hint: hintFor(generated, longest.get(key)),
      };
    }
  },
};

function overflow(generated: GeneratedName | undefined): number {
  return generated === undefined ? 0 : generated.name.length - LIMITS[generated.service];
}

function problemOf(generated: GeneratedName): string | undefined {
  const limit = LIMITS[generated.service];
  if (generated.name.length > limit) {
    return `is ${generated.name.length} characters long, but AWS allows at most ${limit}`;
  }
  return NAME_CHARACTERS.test(generated.name)
    ? undefined
    : 'has characters AWS does not allow (only letters, digits, "-" and "_")';
}

function hintFor(generated: GeneratedName, longest: GeneratedName | undefined): string {
  if (longest === undefined) {
    // Names, teams and environments are schema-checked, so stray characters come from the pattern.
    return 'keep only letters, digits, "-" and "_" besides {env}, {team} and {name} in the platform config\'s naming.pattern';
  }
  const excess = overflow(longest);
  const name = generated.origin.path.at(-1);
  const what =
    typeof name === 'string' && name.length > excess ? 'the name' : "the team's name or the naming pattern";
  return `shorten ${what} by at least ${excess} character${excess === 1 ? '' : 's'}: its longest AWS name, "${longest.name}", is ${longest.name.length} characters, and AWS allows ${LIMITS[longest.service]}`;
}
