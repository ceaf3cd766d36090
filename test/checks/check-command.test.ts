import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../lib/cli/commands/check';
import { EXIT, UsageError, type Output } from '../../lib/cli/usage';
import { cleanStack, resource } from './fixtures';
import { writeOutput } from './support';

function run(args: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const output: Output = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) };
  return { status: checkCommand(args, output), stdout, stderr };
}

function outputWith(change: (stack: ReturnType<typeof cleanStack>) => void): string {
  const stack = cleanStack();
  change(stack);
  return writeOutput({ 'dev.shipping.queues': stack });
}

describe('eventbus check', () => {
  it('exits 0 and says so when nothing is found', () => {
    expect(run(['--out', writeOutput({ 'dev.a': cleanStack() })])).toEqual({
      status: EXIT.ok,
      stdout: 'no findings\n',
      stderr: '',
    });
  });

  it('prints "stack address severity id message" and the fix, and exits 1 on an error finding', () => {
    const outdir = outputWith((stack) => {
      resource(stack, 'aws_sqs_queue', 'queue_work')['lifecycle'] = {};
    });
    const result = run(['--out', outdir]);
    expect(result.status).toBe(EXIT.invalid);
    expect(result.stdout.split('\n')).toEqual([
      expect.stringMatching(
        /^dev\.shipping\.queues aws_sqs_queue\.queue_work error EB-SQS-PREVENT-DESTROY queue does not set/,
      ),
      expect.stringMatching(
        /^ {2}fix: No request or config setting causes this: .*`lifecycle\.prevent_destroy = true`/,
      ),
      '1 error, 0 warnings',
      '',
    ]);
  });

  it('exits 0 when every finding is a warning', () => {
    const outdir = outputWith((stack) => {
      delete resource(stack, 'aws_sns_topic', 'topic_events')['kms_master_key_id'];
    });
    const result = run(['--out', outdir]);
    expect(result.status).toBe(EXIT.ok);
    expect(result.stdout).toContain('0 errors, 1 warning');
  });

  it('writes JSON with --format json', () => {
    const outdir = outputWith((stack) => {
      delete resource(stack, 'aws_sns_topic', 'topic_events')['kms_master_key_id'];
    });
    const result = run(['--out', outdir, '--format', 'json']);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: true,
      findings: [
        {
          stack: 'dev.shipping.queues',
          address: 'aws_sns_topic.topic_events',
          severity: 'warning',
          ruleId: 'EB-SNS-ENCRYPTION',
          message: expect.stringContaining('kms_master_key_id') as string,
          fix: expect.any(String) as string,
        },
      ],
    });
  });

  it('neutralizes bidirectional and control characters that messages echo from the output', () => {
    const outdir = outputWith((stack) => {
      // JSON.stringify in the message leaves U+202E (right-to-left override) as it is.
      resource(stack, 'aws_sns_topic_subscription', 'subscription_work')['redrive_policy'] = JSON.stringify({
        deadLetterTargetArn: 'x\u202ey',
      });
    });
    const result = run(['--out', outdir]);
    expect(result.stdout).not.toContain('\u202e');
    expect(result.stdout).toContain('x\\u{202e}y');
  });

  it('reports a directory without synth output as a usage error (exit 2 through the CLI)', () => {
    expect(() => run(['--out', '/nonexistent/cdktf.out'])).toThrow(UsageError);
    expect(() => run(['--out', '/nonexistent/cdktf.out'])).toThrow(
      /run "eventbus synth --out \/nonexistent\/cdktf.out" first/,
    );
  });

  it('rejects an unknown format or option', () => {
    expect(() => run(['--format', 'xml'])).toThrow(UsageError);
    expect(() => run(['--bogus'])).toThrow(
      expect.objectContaining({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' }) as Error,
    );
  });
});
