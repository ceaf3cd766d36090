import type { LoadCode, SchemaCode } from '../diagnostics';

/** What each code means, for the rules reference. Records, so a new code cannot go undocumented. */
export const LOAD_CODES: Readonly<Record<LoadCode, string>> = {
  'file-unreadable':
    'The file or directory cannot be read, or is not one the loader reads: missing, a directory, a symbolic link, a hidden YAML file or directory, a pipe, device or socket.',
  'file-too-large': 'The file is larger than the loader reads (64 KiB).',
  'file-encoding': 'The file is not UTF-8.',
  'yaml-syntax': 'YAML syntax error, or a YAML warning (treated as an error).',
  'yaml-nesting-too-deep': 'Nesting deeper than any request needs.',
  'yaml-multiple-documents': 'More than one YAML document in a file.',
  'yaml-directive': 'A `%YAML` or `%TAG` directive.',
  'yaml-tag': 'An explicit tag such as `!!binary` or `!Ref`.',
  'yaml-alias': 'Anchors and aliases.',
  'yaml-duplicate-key': 'The same key twice in one mapping.',
  'yaml-empty': 'The file is empty or is not a mapping of fields.',
  'forbidden-key':
    'A key such as `__proto__` or `constructor`, or one CloudFormation evaluates (`Ref`, `Condition`, `Fn::*`).',
  'forbidden-character': 'Control, bidirectional or zero-width characters.',
  'template-expression':
    '`${`, `%{`, `{{`, `#{` or `&{` (Terraform templates, CloudFormation dynamic references, aws-cdk-lib and cdktf token markers), or a number in the range the engines use for number tokens.',
};

export const SCHEMA_CODES: Readonly<Record<SchemaCode, string>> = {
  'schema-unknown-field': 'A field the schema does not define (with a "did you mean" hint).',
  'schema-missing-field': 'A required field is missing.',
  'schema-type': 'A value of the wrong type (identifiers written as unquoted numbers get a "quote it" hint).',
  'schema-pattern': 'A value or name that does not match its pattern.',
  'schema-enum': 'A value outside its allowed set.',
  'schema-range': 'A value, list or text outside its size limits.',
  'schema-invalid': 'Any other schema violation.',
};
