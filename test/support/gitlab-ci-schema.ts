import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

const SCHEMA_FILE = path.resolve(__dirname, '../fixtures/gitlab-ci/ci.json');

let compiled: ValidateFunction | undefined;

/** GitLab's own `.gitlab-ci.yml` schema (see the fixture's README), compiled once per worker. */
function gitlabCiValidator(): ValidateFunction {
  if (compiled) return compiled;
  // Draft-07 is ajv's default dialect. Unknown keywords and formats stay errors, so nothing of the
  // schema is silently skipped; the checks of schema style (types, tuples, `required` of a property
  // defined elsewhere) are off, as GitLab's schema uses those constructs on purpose.
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
  });
  ajv.addKeyword('markdownDescription');
  // The formats the schema names, checked as their RFCs define them through Node's own parsers.
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'https://base.invalid/'));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  ajv.addFormat('regex', (value: string) => {
    try {
      new RegExp(value);
      return true;
    } catch {
      return false;
    }
  });
  compiled = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object);
  return compiled;
}

/** Every violation of GitLab's schema in a parsed pipeline, as `path: message`; empty when valid. */
export function gitlabCiViolations(pipeline: unknown): string[] {
  const validate = gitlabCiValidator();
  if (validate(pipeline)) return [];
  return (validate.errors ?? []).map(
    (error: ErrorObject) => `${error.instancePath || '/'}: ${error.message ?? error.keyword}`,
  );
}
