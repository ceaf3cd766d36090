import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from '../lib/cli';
import type { ValidationResult } from '../lib/pipeline';
import { yieldingProperty } from './support/event-loop';
import { workspace } from './support/workspace';

const EXAMPLE = fs.readFileSync(path.join(__dirname, '../requests/shipping.yaml'), 'utf8');
const ORDERS = fs.readFileSync(path.join(__dirname, '../requests/orders.yaml'), 'utf8');

/** Edits a valid request file the way hurried hands and hostile ones do. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('replace-char' as const),
    at: fc.nat(),
    text: fc.string({ unit: 'binary', maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      '${x}',
      '{{resolve:ssm:x}}',
      '&a [1]',
      '*a',
      '!!binary',
      '\t',
      '- ',
      ': ',
      '\u202e',
      '"',
      '%{',
    ),
  }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat() }),
);

function mutate(text: string, edits: readonly { kind: string; at: number; text?: string }[]): string {
  let lines = text.split('\n');
  for (const edit of edits) {
    const index = edit.at % Math.max(lines.length, 1);
    const line = lines[index] ?? '';
    switch (edit.kind) {
      case 'delete-line':
        lines = lines.filter((_, position) => position !== index);
        break;
      case 'duplicate-line':
        lines.splice(index, 0, line);
        break;
      case 'indent':
        lines[index] = `  ${line}`;
        break;
      default: {
        const column = edit.at % Math.max(line.length, 1);
        const replaceLength = edit.kind === 'replace-char' ? 1 : 0;
        lines[index] = `${line.slice(0, column)}${edit.text ?? ''}${line.slice(column + replaceLength)}`;
      }
    }
  }
  return lines.join('\n');
}

function expectWellFormed(result: ValidationResult): void {
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  expect(result.model === undefined).toBe(errors.length > 0);
  for (const diagnostic of result.diagnostics) {
    expect(diagnostic.line).toBeGreaterThanOrEqual(1);
    expect(diagnostic.column).toBeGreaterThanOrEqual(1);
    expect(diagnostic.file).toMatch(/^(requests\/|eventbus\.config\.yaml)/);
    expect(diagnostic.message.length).toBeGreaterThan(0);
  }
}

describe('the validator on arbitrary input', () => {
  it('never throws on random text and always explains a rejection', async () => {
    await fc.assert(
      yieldingProperty(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        expectWellFormed(workspace({ 'orders.yaml': ORDERS, 'random.yaml': text }).validate());
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on mutated request files', async () => {
    await fc.assert(
      yieldingProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), (edits) => {
        expectWellFormed(
          workspace({ 'orders.yaml': ORDERS, 'shipping.yaml': mutate(EXAMPLE, edits) }).validate(),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on random JSON-shaped documents', async () => {
    await fc.assert(
      yieldingProperty(fc.jsonValue({ maxDepth: 4 }), (value) => {
        expectWellFormed(workspace({ 'value.yaml': JSON.stringify(value) }).validate());
      }),
      { numRuns: 150 },
    );
  });

  it('writes no output for mutated requests that are invalid', async () => {
    const silent = { stdout: () => undefined, stderr: () => undefined };
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (edits) => {
        const project = workspace({ 'orders.yaml': ORDERS, 'shipping.yaml': mutate(EXAMPLE, edits) });
        if (project.validate().model) return;
        const out = path.join(project.root, 'out');
        const code = await run(
          ['synth', '--requests', project.requestsDir, '--config', project.configFile, '--out', out],
          silent,
        );
        expect(code).toBe(1);
        expect(fs.readdirSync(project.root).sort()).toEqual(['eventbus.config.yaml', 'requests']);
      }),
      { numRuns: 25 },
    );
  });
});
