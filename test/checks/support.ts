import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { planStacks } from '../../lib/model';
import { validateRequests } from '../../lib/pipeline';
import { synthesizeTerraform } from '../../lib/terraform';

const REPO = path.resolve(__dirname, '../..');

/** Synthesizes the bundled example organisation (requests/ and eventbus.config.yaml) into a fresh directory. */
export function synthesizeBundledExample(): string {
  const { model, diagnostics } = validateRequests({
    requestsDir: path.join(REPO, 'requests'),
    configFile: path.join(REPO, 'eventbus.config.yaml'),
    cwd: REPO,
  });
  if (!model) throw new Error(`the bundled requests are invalid: ${JSON.stringify(diagnostics, null, 2)}`);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-checks-'));
  synthesizeTerraform(model, planStacks(model), outdir);
  return outdir;
}

/** A directory with a manifest and the given stack documents, as cdktf lays them out. */
export function writeOutput(stacks: Record<string, unknown>): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-checks-'));
  const manifest: Record<string, unknown> = {};
  for (const [name, document] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(outdir, 'stacks', name), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(document));
    manifest[name] = { name, synthesizedStackPath: `stacks/${name}/cdk.tf.json` };
  }
  fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ stacks: manifest }));
  return outdir;
}
