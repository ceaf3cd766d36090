import { parseArgs } from 'node:util';
import { SCHEMAS } from '../../request';
import { EXIT, oneOf, type Output } from '../usage';

export function schemaCommand(args: readonly string[], output: Output): number {
  const { values } = parseArgs({ args: [...args], options: { kind: { type: 'string' } }, strict: true });
  const schemas =
    values.kind === undefined
      ? SCHEMAS
      : SCHEMAS[oneOf('kind', values.kind, ['request', 'platform-config'] as const)];
  output.stdout(`${JSON.stringify(schemas, null, 2)}\n`);
  return EXIT.ok;
}
