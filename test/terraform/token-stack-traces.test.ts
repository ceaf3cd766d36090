import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tokenStackTraces from 'cdktf/lib/tokens/private/stack-trace';
import { afterAll, describe, expect, it } from 'vitest';
import { generateOrganisation } from '../../bench/organisation';
import { validateRequests } from '../../lib/pipeline';
import { buildTerraformApp, synthesizeTerraform } from '../../lib/terraform';
import { readTree } from '../cli/run-cli';

/** Every file below `directory` by relative path, as a record that `toEqual` diffs per file. */
function readFiles(directory: string): Record<string, string> {
  return Object.fromEntries(readTree(directory));
}

describe('synthesizeTerraform without token stack traces', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-traces-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes the bytes cdktf writes with them, and restores their capture afterwards', () => {
    const { model, plans } = validateRequests({ ...generateOrganisation(root, 2), cwd: root });
    if (!model || !plans) throw new Error('generated organisation is invalid');
    const capture = tokenStackTraces.captureStackTrace;

    buildTerraformApp(model, plans, path.join(root, 'with-traces')).synth();
    synthesizeTerraform(model, plans, path.join(root, 'without-traces'));

    expect(tokenStackTraces.captureStackTrace).toBe(capture);
    const withTraces = readFiles(path.join(root, 'with-traces'));
    expect(Object.keys(withTraces).length).toBeGreaterThan(8);
    expect(readFiles(path.join(root, 'without-traces'))).toEqual(withTraces);
  });
});
