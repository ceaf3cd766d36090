import { describe, expect, it } from 'vitest';
import { PLATFORM_CONFIG, workspace } from '../support/workspace';

function diagnosticsOf(request: string, config?: string) {
  return workspace({ 'orders.yaml': request }, config).validate().diagnostics;
}

describe('schema check', () => {
  it('reports an unknown field at its key, with the field it most likely meant', () => {
    const [problem] = diagnosticsOf(
      'team: orders\nowner: o@example.com\nqueues:\n  work:\n    visibiltyTimeout: 30s\n',
    );
    expect(problem).toMatchObject({
      code: 'schema-unknown-field',
      file: 'requests/orders.yaml',
      line: 5,
      column: 5,
      hint: 'did you mean "visibilityTimeout"?',
    });
  });

  it('lists the allowed fields when no name is close', () => {
    const [problem] = diagnosticsOf('team: orders\nowner: o@example.com\nsomething: 1\n');
    expect(problem?.hint).toContain('"topics"');
  });

  it('reports a missing required field at the mapping that lacks it', () => {
    const [problem] = diagnosticsOf(
      'team: orders\nqueues:\n  work:\n    subscriptions:\n      - events: [x]\n',
    );
    expect(diagnosticsOf('team: orders\n').map((diagnostic) => diagnostic.code)).toEqual([
      'schema-missing-field',
    ]);
    expect(problem).toMatchObject({ code: 'schema-missing-field', line: 1 });
    const subscriptionProblem = diagnosticsOf(
      'team: orders\nowner: o@example.com\nqueues:\n  work:\n    subscriptions:\n      - events: [x]\n',
    )[0];
    expect(subscriptionProblem).toMatchObject({
      code: 'schema-missing-field',
      line: 6,
      message: expect.stringContaining('"topic"'),
    });
  });

  it('tells to quote an account id written as a number', () => {
    const config = PLATFORM_CONFIG.replace('account: "111111111111"', 'account: 011111111111');
    const problem = diagnosticsOf('team: orders\nowner: o@example.com\n', config).find(
      (diagnostic) => diagnostic.code === 'schema-type',
    );
    expect(problem).toMatchObject({ file: 'eventbus.config.yaml', line: 2 });
    expect(problem?.hint).toContain('quote the value');
  });

  it('reports a value outside its pattern, with what was given', () => {
    const [problem] = diagnosticsOf('team: Orders\nowner: o@example.com\n');
    expect(problem).toMatchObject({ code: 'schema-pattern', line: 1, column: 7 });
    expect(problem?.message).toContain('"Orders"');
  });

  it('reports a duration that is not one', () => {
    const [problem] = diagnosticsOf(
      'team: orders\nowner: o@example.com\nqueues:\n  work:\n    retention: 4 days\n',
    );
    expect(problem).toMatchObject({ code: 'schema-pattern', line: 5, column: 16 });
    expect(problem?.hint).toContain('"30s"');
  });

  it('reports a value outside its set with a suggestion', () => {
    const [problem] = diagnosticsOf(
      'team: orders\nowner: o@example.com\nqueues:\n  work:\n    subscriptions:\n      - topic: t\n        filterScope: MessageBodie\n',
    );
    expect(problem).toMatchObject({ code: 'schema-enum', line: 7, hint: 'did you mean "MessageBody"?' });
  });

  it('reports a bad resource name at the name itself', () => {
    const [problem] = diagnosticsOf('team: orders\nowner: o@example.com\ntopics:\n  Order_Events: {}\n');
    expect(problem).toMatchObject({ code: 'schema-pattern', line: 4, column: 3 });
  });

  it('accepts deadLetter: false but not deadLetter: true', () => {
    expect(
      diagnosticsOf('team: orders\nowner: o@example.com\nqueues:\n  work:\n    deadLetter: true\n')[0],
    ).toMatchObject({
      code: 'schema-invalid',
      line: 5,
    });
  });

  it('reports every schema problem of a file in one run', () => {
    const codes = diagnosticsOf('team: Orders\nqueues:\n  work:\n    delay: soon\n    colour: red\n').map(
      (diagnostic) => diagnostic.code,
    );
    expect(codes.sort()).toEqual([
      'schema-missing-field',
      'schema-pattern',
      'schema-pattern',
      'schema-unknown-field',
    ]);
  });
});
