import type { ErrorObject } from 'ajv';
import platformConfigSchema from '../../schemas/platform-config.schema.json';
import requestSchema from '../../schemas/request.schema.json';
import type { Diagnostic, DocumentPath, SchemaCode } from '../diagnostics';
import * as generated from './schema-validators.generated';
import type { ParsedYaml } from './yaml';
import { didYouMean } from './suggest';

export type SchemaKind = 'request' | 'platform-config';

export const SCHEMAS: Readonly<Record<SchemaKind, object>> = {
  request: requestSchema,
  'platform-config': platformConfigSchema,
};

/** A schema compiled to code by ajv (scripts/compile-schemas.ts): errors are left on the function. */
type CompiledValidator = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

const validators: Readonly<Record<SchemaKind, CompiledValidator>> = {
  request: generated.request as CompiledValidator,
  'platform-config': generated.platformConfig as CompiledValidator,
};

/** Whether a value passes its schema, without describing why not. */
export function passesSchema(kind: SchemaKind, value: unknown): boolean {
  return validators[kind](value);
}

/** Checks a parsed file against its JSON Schema and reports every problem at its YAML position. */
export function checkSchema(kind: SchemaKind, document: ParsedYaml): Diagnostic[] {
  const validate = validators[kind];
  if (validate(document.value)) return [];
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const error of validate.errors ?? []) {
    const mapped = describeError(error, document.value);
    if (!mapped) continue;
    const key = `${mapped.path.join('\u0000')}|${mapped.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const position = document.locate(mapped.path, mapped.part);
    diagnostics.push({
      code: mapped.code,
      severity: 'error',
      message: mapped.message,
      ...(mapped.hint === undefined ? {} : { hint: mapped.hint }),
      file: document.file,
      line: position.line,
      column: position.column,
      path: mapped.path,
    });
  }
  return diagnostics;
}

interface MappedError {
  readonly code: SchemaCode;
  readonly path: DocumentPath;
  readonly part: 'key' | 'value';
  readonly message: string;
  readonly hint?: string;
}

function describeError(error: ErrorObject, root: unknown): MappedError | undefined {
  const path = toDocumentPath(error.instancePath, root);
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  if (propertyName !== undefined) return describeBadName(error, [...path, propertyName]);
  const field = fieldName(path);
  const given = describeValue(error.data);
  const description = describeSchema(error.parentSchema);
  switch (error.keyword) {
    case 'additionalProperties': {
      const unknown = String(error.params['additionalProperty']);
      const allowed = Object.keys(propertiesOf(error.parentSchema));
      const suggestion = didYouMean(unknown, allowed);
      return {
        code: 'schema-unknown-field',
        path: [...path, unknown],
        part: 'key',
        message: `unknown field "${unknown}" ${path.length === 0 ? 'at the top level' : `in ${field}`}`,
        hint: suggestion
          ? `did you mean "${suggestion}"?`
          : `allowed fields: ${allowed.map((name) => `"${name}"`).join(', ')}`,
      };
    }
    case 'required': {
      const missing = String(error.params['missingProperty']);
      return {
        code: 'schema-missing-field',
        path,
        part: 'key',
        message: `${field} is missing the required field "${missing}"`,
        hint: `add "${missing}:"${describeSchema(propertiesOf(error.parentSchema)[missing]) ? ` (${describeSchema(propertiesOf(error.parentSchema)[missing])})` : ''}`,
      };
    }
    case 'type': {
      const expected = String(error.params['type']).split(',').join(' or ');
      const isIdentifierAsNumber = typeof error.data === 'number' && expected.includes('string');
      return {
        code: 'schema-type',
        path,
        part: 'value',
        message: `${field} must be ${withArticle(expected)}, but ${given} was given`,
        hint: isIdentifierAsNumber
          ? 'quote the value ("..."): unquoted digits are read as a number and lose leading zeros'
          : description,
      };
    }
    case 'pattern':
      return {
        code: 'schema-pattern',
        path,
        part: 'value',
        message: `${field} must match ${String(error.params['pattern'])}, but ${given} was given`,
        hint: description,
      };
    case 'enum': {
      const allowed = (error.params['allowedValues'] as unknown[]).map(String);
      const suggestion = typeof error.data === 'string' ? didYouMean(error.data, allowed) : undefined;
      return {
        code: 'schema-enum',
        path,
        part: 'value',
        message: `${field} must be one of ${allowed.join(', ')}, but ${given} was given`,
        hint: suggestion ? `did you mean "${suggestion}"?` : description,
      };
    }
    case 'const':
      return {
        code: 'schema-invalid',
        path,
        part: 'value',
        message: `${field} must be ${describeValue(error.params['allowedValue'])} or a mapping, but ${given} was given`,
        hint: `write ${describeValue(error.params['allowedValue'])}, or leave the field out to keep the default`,
      };
    case 'minimum':
    case 'maximum':
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
      return {
        code: 'schema-range',
        path,
        part: 'value',
        message: `${field} ${error.message ?? 'is out of range'}, but ${given} was given`,
        hint: rangeHint(error.keyword, error.params['limit']) ?? description,
      };
    case 'uniqueItems':
      return {
        code: 'schema-invalid',
        path,
        part: 'value',
        message: `${field} lists the same value twice (items ${String(error.params['j'])} and ${String(error.params['i'])})`,
        hint: 'remove the repeated entry',
      };
    case 'if':
    case 'propertyNames':
      // Summaries ajv adds beside the error that says what is wrong.
      return undefined;
    default:
      return {
        code: 'schema-invalid',
        path,
        part: 'value',
        message: `${field} ${error.message ?? 'is invalid'}`,
        hint: description,
      };
  }
}

/** The change that brings a value within the limit the schema gives. */
function rangeHint(keyword: string, limit: unknown): string | undefined {
  if (typeof limit !== 'number') return undefined;
  const characters = `${limit} character${limit === 1 ? '' : 's'}`;
  const entries = `${limit} ${limit === 1 ? 'entry' : 'entries'}`;
  switch (keyword) {
    case 'minimum':
      return `use a value of ${limit} or more`;
    case 'maximum':
      return `use a value of ${limit} or less`;
    case 'minLength':
      return `write at least ${characters}`;
    case 'maxLength':
      return `shorten it to at most ${characters}`;
    case 'minItems':
      return `list at least ${entries}, or leave the field out`;
    case 'maxItems':
      return `list at most ${entries}`;
    case 'minProperties':
      return `add at least ${entries}`;
    default:
      return undefined;
  }
}

function describeBadName(error: ErrorObject, path: DocumentPath): MappedError {
  const name = String(path[path.length - 1]);
  const limit =
    error.keyword === 'pattern'
      ? `must match ${String(error.params['pattern'])}`
      : (error.message ?? 'is not allowed');
  return {
    code: error.keyword === 'pattern' ? 'schema-pattern' : 'schema-invalid',
    path,
    part: 'key',
    message: `name "${name}" ${limit}`,
    hint:
      describeSchema(error.parentSchema) ??
      'use lower case letters, digits and hyphens, starting with a letter',
  };
}

/** Turns ajv's JSON Pointer into keys and indexes, reading indexes where the value is an array. */
function toDocumentPath(pointer: string, root: unknown): DocumentPath {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(segment);
      path.push(index);
      node = node[index];
    } else {
      path.push(segment);
      node =
        node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

function fieldName(path: DocumentPath): string {
  if (path.length === 0) return 'the file';
  const last = path[path.length - 1];
  if (typeof last === 'number') return `item ${last + 1} of "${String(path[path.length - 2])}"`;
  return `"${last}"`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return `${typeof value === 'number' ? 'the number ' : ''}${String(value)}`;
}

function withArticle(type: string): string {
  const words: Record<string, string> = {
    string: 'text',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    object: 'a mapping',
    array: 'a list',
    null: 'empty',
  };
  return type
    .split(' or ')
    .map((name) => words[name] ?? name)
    .join(' or ');
}

function describeSchema(schema: unknown): string | undefined {
  if (schema !== null && typeof schema === 'object' && 'description' in schema) {
    const { description } = schema as { description: unknown };
    return typeof description === 'string' ? description : undefined;
  }
  return undefined;
}

function propertiesOf(schema: unknown): Record<string, unknown> {
  if (schema !== null && typeof schema === 'object' && 'properties' in schema) {
    return (schema as { properties: Record<string, unknown> }).properties;
  }
  return {};
}
