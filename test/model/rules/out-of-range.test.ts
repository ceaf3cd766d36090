import { describe, expect, it } from 'vitest';
import { expectClean } from '../../support/expect';
import { PLATFORM_CONFIG, problems, workspace } from '../../support/workspace';

const queue = (settings: string): Record<string, string> => ({
  'orders.yaml': `team: orders\nowner: o@example.com\nqueues:\n  work:\n${settings}`,
});

describe('out-of-range', () => {
  it.each([
    ['visibilityTimeout above 12h', '    visibilityTimeout: 13h\n', 5],
    ['retention below 60 s', '    retention: 59\n', 5],
    ['retention above 14 days', '    retention: 15d\n', 5],
    ['delay above 15 minutes', '    delay: 16m\n', 5],
    ['receiveWaitTime above 20 s', '    receiveWaitTime: 21s\n', 5],
    ['maxMessageSize below 1 KiB', '    maxMessageSize: 1023\n', 5],
    ['maxMessageSize above 1 MiB', '    maxMessageSize: 1048577\n', 5],
    ['maxReceiveCount of 0', '    deadLetter:\n      maxReceiveCount: 0\n', 6],
  ])('reports %s at the value', (_, settings, line) => {
    const found = problems(queue(settings)).filter((problem) => problem.code === 'out-of-range');
    expect(found).toEqual([expect.objectContaining({ file: 'requests/orders.yaml', line })]);
  });

  it('says what was given and the limit, in units a person wrote', () => {
    const [problem] = workspace(queue('    visibilityTimeout: 13h\n')).validate().diagnostics;
    expect(problem?.message).toBe(
      'visibilityTimeout must be at most 12h (43200 s), but 13h (46800 s) was given',
    );
  });

  it('reports a platform default out of range in the platform config', () => {
    const config = `${PLATFORM_CONFIG}defaults:\n  queue:\n    delay: 1h\n`;
    const found = problems(queue('    visibilityTimeout: 1m\n'), config).filter(
      (problem) => problem.code === 'out-of-range',
    );
    expect(found).toEqual([expect.objectContaining({ file: 'eventbus.config.yaml', line: 7 })]);
  });

  it('accepts the bounds themselves', () => {
    expectClean(
      'out-of-range',
      queue(
        '    visibilityTimeout: 12h\n    retention: 14d\n    delay: 15m\n    receiveWaitTime: 0\n    maxMessageSize: 1048576\n',
      ),
    );
  });
});
