/**
 * The real pipeline, from request files to files on disk, and the policies read back from them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesizeCloudFormation } from '../../lib/cloudformation';
import { planStacks, type EventBusModel, type StackPlan } from '../../lib/model';
import { validateRequests } from '../../lib/pipeline';
import { synthesizeTerraform } from '../../lib/terraform';
import { BusUnderTest } from './access';
import { intentOf } from './intent';
import { readCloudFormationOutput, readTerraformOutput, type Backend } from './rendered';

export interface Planned {
  readonly model: EventBusModel;
  readonly plans: readonly StackPlan[];
}

/** Validates and plans a requests directory; any error diagnostic fails with every diagnostic. */
export function planRequests(requestsDir: string, configFile: string, cwd: string): Planned {
  const { model, diagnostics } = validateRequests({ requestsDir, configFile, cwd });
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (!model || errors.length > 0) {
    throw new Error(
      `the requests are invalid:\n${errors.map((error) => `${error.file}:${error.line} ${error.code} ${error.message}`).join('\n')}`,
    );
  }
  return { model, plans: planStacks(model) };
}

/** Writes request files (path relative to requests/ -> YAML) and a platform config to a temporary project. */
export function writeProject(
  requests: Readonly<Record<string, string>>,
  config: string,
): { root: string; requestsDir: string; configFile: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-security-'));
  const requestsDir = path.join(root, 'requests');
  for (const [file, text] of Object.entries(requests)) {
    const target = path.join(requestsDir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  const configFile = path.join(root, 'eventbus.config.yaml');
  fs.writeFileSync(configFile, config);
  return { root, requestsDir, configFile };
}

/** Synthesizes with one backend into a temporary directory, reads the policies back, and removes it. */
export function render(backend: Backend, { model, plans }: Planned): BusUnderTest {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `eventbus-security-${backend}-`));
  try {
    if (backend === 'terraform') {
      synthesizeTerraform(model, plans, outdir);
      return new BusUnderTest(intentOf(plans, model.platform.environments), readTerraformOutput(outdir));
    }
    synthesizeCloudFormation(plans, outdir);
    return new BusUnderTest(intentOf(plans, model.platform.environments), readCloudFormationOutput(outdir));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

export const REPOSITORY = path.resolve(__dirname, '..', '..');

/** The bundled example: `requests/` and `eventbus.config.yaml` at the repository root. */
export function bundledExample(): Planned {
  return planRequests('requests', 'eventbus.config.yaml', REPOSITORY);
}

/** test/security/fixtures/encrypted: customer-managed keys and cross-account principals. */
export function encryptedExample(): Planned {
  const fixture = path.join(__dirname, 'fixtures', 'encrypted');
  return planRequests('requests', 'eventbus.config.yaml', fixture);
}
