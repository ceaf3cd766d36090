import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tokenStackTraces from 'cdktf/lib/tokens/private/stack-trace';
import { afterAll, describe, expect, it } from 'vitest';
import { generateOrganisation } from '../../bench/organisation';
import { validateRequests } from '../../lib/pipeline';
import { buildTerraformApp, synthesizeTerraform } from '../../lib/terraform';

function readTree(directory: string): Record<string, string> {
  return Object.fromEntries(
    (fs.readdirSync(directory, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return [path.relative(directory, file), fs.readFileSync(file, 'utf8')];
      }),
  );
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
    const withTraces = readTree(path.join(root, 'with-traces'));
    expect(Object.keys(withTraces).length).toBeGreaterThan(8);
    expect(readTree(path.join(root, 'without-traces'))).toEqual(withTraces);
  });
});
