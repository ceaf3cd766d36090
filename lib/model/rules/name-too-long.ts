import type { Rule } from './rule';
import { at } from './rule';
import { generatedNames } from './generated-names';

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
    const reported = new Set<string>();
    for (const generated of generatedNames(context)) {
      const limit = LIMITS[generated.service];
      const problem =
        generated.name.length > limit
          ? `is ${generated.name.length} characters long, but AWS allows at most ${limit}`
          : NAME_CHARACTERS.test(generated.name)
            ? undefined
            : 'has characters AWS does not allow (only letters, digits, "-" and "_")';
      const key = `${generated.origin.file}|${generated.origin.path.join('/')}`;
      if (!problem || reported.has(key)) continue;
      reported.add(key);
      yield {
        ...at(generated.origin, [], 'key'),
        message: `the AWS name of ${generated.describes} in ${generated.environment.name}, "${generated.name}", ${problem}`,
        hint: 'choose a shorter name',
      };
    }
  },
};
