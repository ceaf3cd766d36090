import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_MARKER } from '../../lib/cli/output-directory';
import { copyExampleOutput, copyOfExample, readTree, probeEngineModules, runCli } from './run-cli';

describe('eventbus docs', () => {
  it('writes the catalog of the bundled example, byte for byte the same on every run', async () => {
    const root = copyOfExample();
    const first = await runCli(['docs'], root);
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('');
    const written = readTree(path.join(root, 'docs.out'));
    const pages = [...written.keys()].filter((file) => file !== OUTPUT_MARKER);
    expect(first.stdout).toBe(`wrote ${pages.length} pages to docs.out\n`);
    expect(pages).toContain('README.md');
    expect(pages).toContain('teams/shipping.md');
    expect(pages).toContain('events/orders.v1.OrderCreated.md');
    expect(pages).toContain('environments/prod.md');
    expect(written.get('README.md')).toContain(
      '| [analytics](teams/analytics.md) | data-platform@example.com | 0 | 1 |',
    );
    expect(written.get('environments/prod.md')).toContain('```mermaid\nflowchart LR\n');

    fs.writeFileSync(path.join(root, 'docs.out/teams/stale.md'), 'from an older run');
    const second = await runCli(['docs', '--out', 'docs.out'], root);
    expect(second.status).toBe(0);
    expect(readTree(path.join(root, 'docs.out'))).toEqual(written);
  });

  it('writes only the environment asked for', async () => {
    const root = copyOfExample();
    const result = await runCli(['docs', '--env', 'prod', '--out', 'catalog'], root);
    expect(result.status).toBe(0);
    expect(fs.readdirSync(path.join(root, 'catalog/environments'))).toEqual(['prod.md']);
    expect((await runCli(['docs', '--env', 'staging'], root)).status).toBe(2);
  });

  it("refuses a directory it did not write, and synth's output, touching neither", async () => {
    const root = copyOfExample();
    fs.mkdirSync(path.join(root, 'notes'));
    fs.writeFileSync(path.join(root, 'notes/keep.md'), 'mine');
    const foreign = await runCli(['docs', '--out', 'notes'], root);
    expect(foreign.status).toBe(2);
    expect(foreign.stderr).toMatch(/holds files that docs did not write \(keep\.md\)/);
    expect(readTree(path.join(root, 'notes'))).toEqual(new Map([['keep.md', 'mine']]));

    for (const out of ['.', 'requests']) expect((await runCli(['docs', '--out', out], root)).status).toBe(2);

    const terraform = readTree(await copyExampleOutput(root));
    const synthOutput = await runCli(['docs', '--out', 'cdktf.out'], root);
    expect(synthOutput.status).toBe(2);
    expect(synthOutput.stderr).toMatch(/it is an output of eventbus synth/);
    expect(readTree(path.join(root, 'cdktf.out'))).toEqual(terraform);
  });

  it('writes nothing for invalid requests, and keeps an earlier catalog', async () => {
    const root = copyOfExample();
    fs.appendFileSync(path.join(root, 'requests/shipping.yaml'), '      - topic: orders/no-such-topic\n');
    const fresh = await runCli(['docs'], root);
    expect(fresh.status).toBe(1);
    expect(fresh.stderr).toMatch(/requests\/shipping\.yaml:\d+:\d+ error unknown-topic /);
    expect(fresh.stderr).toContain('nothing was written');
    expect(fs.existsSync(path.join(root, 'docs.out'))).toBe(false);

    const valid = copyOfExample();
    expect((await runCli(['docs'], valid)).status).toBe(0);
    const earlier = readTree(path.join(valid, 'docs.out'));
    fs.copyFileSync(path.join(root, 'requests/shipping.yaml'), path.join(valid, 'requests/shipping.yaml'));
    expect((await runCli(['docs'], valid)).status).toBe(1);
    expect(readTree(path.join(valid, 'docs.out'))).toEqual(earlier);
  });

  it('loads neither cdktf nor aws-cdk-lib', async () => {
    const root = copyOfExample();
    const { code, heavy, stderr } = await probeEngineModules(['docs'], root);
    expect(stderr).toBe('');
    expect({ code, heavy }).toEqual({ code: 0, heavy: [] });
    expect(fs.existsSync(path.join(root, 'docs.out/README.md'))).toBe(true);
  });
});
