import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyOfExample, runCli } from '../cli/run-cli';
import { problems } from '../support/workspace';

const ORDERS =
  'team: orders\nowner: o@example.com\ntopics:\n  events: {}\nqueues:\n  work:\n    subscriptions:\n      - topic: events\n        filter:\n';

/** One filter entry (line 10 of the request), as a request would smuggle it in. */
function withFilter(entry: string): Record<string, string> {
  return { 'orders.yaml': `${ORDERS}          ${entry}\n` };
}

describe('strings and numbers the engines would evaluate', () => {
  it.each([
    ["aws-cdk-lib's list token", "a: ['#{Token[AWS.AccountId.0]}']", 'template-expression', 16],
    ["cdktf's list token", "a: ['#{TfToken[TOKEN.1]}']", 'template-expression', 16],
    ["aws-cdk-lib's string token", "a: ['${Token[TOKEN.1]}']", 'template-expression', 16],
    ["cdktf's map token", "a: ['&{TfToken[TOKEN.2]}']", 'template-expression', 16],
    ['an encoded number token as text', "a: ['-1.8881545897087626e+289']", 'template-expression', 15],
    [
      'an encoded number token inside text',
      "a: [{ prefix: 'a-1.8881545897087626e+289' }]",
      'template-expression',
      25,
    ],
    ['an encoded number token as a number', 'a: [-1.8881545897087626e+289]', 'template-expression', 15],
    ['a Ref key', 'Ref: [x]', 'forbidden-key', 11],
    ['a Condition key', 'Condition: [x]', 'forbidden-key', 11],
    ['an Fn:: key', "a: { 'Fn::GetAtt': [x] }", 'forbidden-key', 16],
  ])('refuses %s at its position', (_, entry, code, column) => {
    expect(problems(withFilter(entry))).toEqual([
      { code, severity: 'error', file: 'requests/orders.yaml', line: 10, column },
    ]);
  });

  it('keeps numbers written as text as text, and real numbers near the marker range', () => {
    expect(problems(withFilter("a: ['12', '-1.5e+289', '1e300']"))).toEqual([]);
  });

  it.each(['terraform', 'cloudformation'])(
    'stops synth --target %s with the position, writing nothing and printing no stack trace',
    async (target) => {
      const root = copyOfExample();
      fs.writeFileSync(
        path.join(root, 'requests/evil.yaml'),
        "team: evil\nowner: e@example.com\nqueues:\n  q:\n    subscriptions:\n      - topic: orders/order-events\n        filter:\n          a: ['#{Token[AWS.AccountId.0]}', '-1.8881545897087626e+289']\n",
      );
      const result = await runCli(['synth', '--target', target], root);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('requests/evil.yaml:8:16 error template-expression');
      expect(result.stderr).toContain('requests/evil.yaml:8:44 error template-expression');
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(fs.existsSync(path.join(root, target === 'terraform' ? 'cdktf.out' : 'cdk.out'))).toBe(false);
    },
  );
});
