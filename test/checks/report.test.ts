import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateOrganisation } from '../../bench/organisation';
import { terraformResourceCounts } from '../../bench/resource-counts';
import { checkTerraformOutput, reportTerraformStack, type StackReport } from '../../lib/checks';
import { validateRequests } from '../../lib/pipeline';
import { synthesizeTerraform } from '../../lib/terraform';

describe('reportTerraformStack on the documents synth writes', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-report-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds what the pack finds in the written files, and counts what they declare', () => {
    const { model, plans } = validateRequests({ ...generateOrganisation(root, 3), cwd: root });
    if (!model || !plans) throw new Error('generated organisation is invalid');
    const outdir = path.join(root, 'out');
    const reports: StackReport[] = [];
    synthesizeTerraform(model, plans, outdir, (name, document) =>
      reports.push(reportTerraformStack(name, document)),
    );
    const fromFiles = checkTerraformOutput(outdir);
    expect(fromFiles.length).toBeGreaterThan(0);
    const byStack = [...reports].sort((a, b) => (a.stack < b.stack ? -1 : a.stack > b.stack ? 1 : 0));
    expect(byStack.flatMap((report) => report.findings)).toEqual(fromFiles);

    const written = terraformResourceCounts(outdir);
    expect(Object.fromEntries(reports.map((report) => [report.stack, report.resources]))).toEqual(written);
    const removedBlocks = Object.keys(written).reduce((sum, stack) => {
      const document = JSON.parse(
        fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'),
      ) as { removed?: unknown[] };
      return sum + (document.removed?.length ?? 0);
    }, 0);
    expect(reports.reduce((sum, report) => sum + report.forgotten, 0)).toBe(removedBlocks);
  });
});
