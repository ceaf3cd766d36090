/**
 * The real Terraform engine, offline: `terraform` from PATH and the hashicorp/aws provider from a
 * local filesystem mirror. Stacks are copied into a work directory and given an
 * `override.tf.json` (provider pinned to the mirror's version, local state, test credentials);
 * the synthesized files themselves stay as synth wrote them. Nothing here reaches AWS:
 * `terraform plan -refresh=false` compares the configuration with a state file only.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runProcess } from './process';

/** The provider version the mirror holds; production output pins its own (newer) version. */
const PROVIDER_VERSION = '5.100.0';
const PROVIDER_SOURCE = 'registry.terraform.io/hashicorp/aws';
const PLATFORM = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;

/** Where an image may carry the mirror; EVENTBUS_TERRAFORM_MIRROR names another. */
const MIRROR_CANDIDATES = [
  process.env['EVENTBUS_TERRAFORM_MIRROR'],
  '/opt/tf-plugins',
  path.join(os.homedir(), '.terraform.d/plugins'),
  '/usr/local/share/terraform/plugins',
  '/usr/share/terraform/plugins',
].filter((candidate): candidate is string => candidate !== undefined);

export type TerraformTools =
  | { readonly available: true; readonly mirror: string }
  | { readonly available: false; readonly missing: string };

/** Finds terraform and the provider mirror, or says which of them is missing. */
export function findTerraform(): TerraformTools {
  const onPath = (process.env['PATH'] ?? '')
    .split(path.delimiter)
    .some((directory) => directory !== '' && fs.existsSync(path.join(directory, 'terraform')));
  if (!onPath) return { available: false, missing: 'the terraform CLI is not on PATH' };
  const mirror = MIRROR_CANDIDATES.find((candidate) =>
    fs.existsSync(path.join(candidate, PROVIDER_SOURCE, PROVIDER_VERSION, PLATFORM)),
  );
  if (!mirror) {
    return {
      available: false,
      missing: `no filesystem mirror holds ${PROVIDER_SOURCE} ${PROVIDER_VERSION} for ${PLATFORM} (looked in ${MIRROR_CANDIDATES.join(', ')}; set EVENTBUS_TERRAFORM_MIRROR)`,
    };
  }
  return { available: true, mirror };
}

/** Terraform's JSON plan (`terraform show -json`), as far as the tests read it. */
export interface PlanJson {
  readonly resource_changes?: readonly ResourceChange[];
  readonly planned_values?: { readonly root_module?: { readonly resources?: readonly PlannedResource[] } };
  readonly configuration?: {
    readonly root_module?: { readonly resources?: readonly ConfiguredResource[] };
  };
}

export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly change: { readonly actions: readonly string[]; readonly after_unknown?: Record<string, unknown> };
}

interface PlannedResource {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
}

interface ConfiguredResource {
  readonly address: string;
  readonly expressions?: Record<string, { readonly references?: readonly string[] }>;
}

/** A Terraform working directory per stack, sharing one provider installation. */
export class TerraformWorkspace {
  private readonly root: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly template: string;
  private readonly override: string;
  private schemaVersions?: Map<string, number>;

  private constructor(root: string, mirror: string, override: string) {
    this.root = root;
    this.override = override;
    const config = writeMirrorConfig(root, mirror);
    this.env = {
      ...process.env,
      TF_CLI_CONFIG_FILE: config,
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    this.template = path.join(root, 'template');
  }

  /**
   * Installs the provider once, in a template directory that every stack directory copies.
   * `override` is what each stack gets beside it: by default the offline settings below;
   * `PINNED_PROVIDER` for stacks that bring their own (an environment with an endpoint).
   */
  static async create(mirror: string, override: string = OVERRIDE): Promise<TerraformWorkspace> {
    const workspace = new TerraformWorkspace(
      fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-terraform-')),
      mirror,
      override,
    );
    fs.mkdirSync(workspace.template);
    fs.writeFileSync(path.join(workspace.template, 'override.tf.json'), override);
    await workspace.terraform(workspace.template, ['init', '-backend=true']);
    return workspace;
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  /**
   * A working directory for `stack` of a synth output: its `cdk.tf.json` as written, the test
   * override beside it, and the provider installed. Called again with another output, it swaps the
   * configuration and keeps the state, as a stack directory does between two applies.
   */
  useStack(outdir: string, stack: string, name = stack): string {
    const directory = path.join(this.root, 'stacks', name);
    if (!fs.existsSync(directory)) {
      fs.mkdirSync(directory, { recursive: true });
      fs.cpSync(path.join(this.template, '.terraform'), path.join(directory, '.terraform'), {
        recursive: true,
        verbatimSymlinks: true,
      });
      fs.copyFileSync(
        path.join(this.template, '.terraform.lock.hcl'),
        path.join(directory, '.terraform.lock.hcl'),
      );
      fs.writeFileSync(path.join(directory, 'override.tf.json'), this.override);
    }
    fs.copyFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), path.join(directory, 'cdk.tf.json'));
    return directory;
  }

  /** `terraform validate`: the configuration is one the engine accepts. */
  async validate(directory: string): Promise<void> {
    await this.terraform(directory, ['validate', '-no-color']);
  }

  /** `terraform apply`, of `targets` only when given; returns `terraform output -json`. */
  async apply(
    directory: string,
    targets: readonly string[] = [],
  ): Promise<Record<string, { value: unknown }>> {
    await this.terraform(directory, [
      'apply',
      '-auto-approve',
      '-no-color',
      '-parallelism=50',
      ...targets.map((target) => `-target=${target}`),
    ]);
    return JSON.parse(await this.terraform(directory, ['output', '-json'])) as Record<
      string,
      { value: unknown }
    >;
  }

  /** `terraform import`: a resource that exists takes its place in the state. */
  async importResource(directory: string, address: string, id: string): Promise<void> {
    await this.terraform(directory, ['import', '-no-color', address, id]);
  }

  /** A copy of another stack directory, state included: one applied organisation, many futures. */
  copyStack(from: string, to: string): void {
    fs.cpSync(path.join(this.root, 'stacks', from), path.join(this.root, 'stacks', to), {
      recursive: true,
      verbatimSymlinks: true,
    });
  }

  /** Plans against the directory's state without refreshing it (nothing reaches AWS). */
  async plan(directory: string): Promise<PlanJson> {
    await this.terraform(directory, ['plan', '-refresh=false', '-lock=false', '-no-color', '-out=plan.bin']);
    const shown = await this.terraform(directory, ['show', '-json', 'plan.bin']);
    fs.writeFileSync(path.join(directory, 'plan.json'), shown);
    return JSON.parse(shown) as PlanJson;
  }

  /**
   * Writes the state an apply of `plan` would leave: every planned resource with the values it
   * was planned with, and the values only AWS decides (ARNs, URLs, ids) filled in as AWS forms
   * them, following references so that dependent resources match. Planning the same
   * configuration again then shows no changes.
   */
  async applyToState(directory: string, plan: PlanJson, account: string, region: string): Promise<void> {
    const versions = await this.providerSchemaVersions(directory);
    const state = fakeState(plan, versions, account, region);
    fs.writeFileSync(path.join(directory, 'terraform.tfstate'), `${JSON.stringify(state, null, 2)}\n`);
  }

  private async providerSchemaVersions(directory: string): Promise<Map<string, number>> {
    if (!this.schemaVersions) {
      const shown = await this.terraform(directory, ['providers', 'schema', '-json']);
      const schemas = JSON.parse(shown) as {
        provider_schemas: Record<string, { resource_schemas: Record<string, { version: number }> }>;
      };
      const aws = schemas.provider_schemas[PROVIDER_SOURCE];
      this.schemaVersions = new Map(
        Object.entries(aws?.resource_schemas ?? {}).map(([type, schema]) => [type, schema.version]),
      );
    }
    return this.schemaVersions;
  }

  private async terraform(directory: string, args: readonly string[]): Promise<string> {
    const result = await runProcess('terraform', args, { cwd: directory, env: this.env, timeout: 300_000 });
    if (result.status !== 0) {
      throw new Error(
        `terraform ${args.join(' ')} failed in ${directory}:\n${result.stderr}\n${result.stdout}`,
      );
    }
    return result.stdout;
  }
}

/**
 * A Terraform CLI config in `directory` that installs the provider from the mirror, caching it
 * there: the first init copies the provider (hundreds of MB), later ones link to it.
 */
export function writeMirrorConfig(directory: string, mirror: string): string {
  const config = path.join(directory, 'terraform.tfrc');
  fs.mkdirSync(path.join(directory, 'plugin-cache'), { recursive: true });
  fs.writeFileSync(
    config,
    [
      'provider_installation {',
      `  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["${PROVIDER_SOURCE}"]\n  }`,
      `  direct {\n    exclude = ["${PROVIDER_SOURCE}"]\n  }`,
      '}',
      `plugin_cache_dir = ${JSON.stringify(path.join(directory, 'plugin-cache'))}`,
      '',
    ].join('\n'),
  );
  return config;
}

/** The provider version the mirror holds, for stacks that must be pinned to it. */
export const MIRROR_PROVIDER_VERSION = PROVIDER_VERSION;

/**
 * The provider pinned to the mirror's version, and local state: all that a stack which carries
 * its own provider settings (an environment with an endpoint) needs to run here.
 */
export const PINNED_PROVIDER = `${JSON.stringify(
  {
    terraform: {
      backend: { local: { path: 'terraform.tfstate' } },
      required_providers: { aws: { source: 'hashicorp/aws', version: PROVIDER_VERSION } },
    },
  },
  null,
  2,
)}\n`;

/**
 * What the tests change about a synthesized stack, and only that: the provider pinned to the
 * mirror's version, local state instead of S3, test credentials, and no account checks (there is
 * no AWS to ask which account the credentials belong to).
 */
const OVERRIDE = `${JSON.stringify(
  {
    terraform: {
      backend: { local: { path: 'terraform.tfstate' } },
      required_providers: { aws: { source: 'hashicorp/aws', version: PROVIDER_VERSION } },
    },
    provider: {
      aws: {
        access_key: 'test',
        secret_key: 'test',
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        allowed_account_ids: null,
      },
    },
  },
  null,
  2,
)}\n`;

function fakeState(plan: PlanJson, versions: ReadonlyMap<string, number>, account: string, region: string) {
  const unknown = new Map(
    (plan.resource_changes ?? []).map((change) => [change.address, change.change.after_unknown ?? {}]),
  );
  const references = new Map(
    (plan.configuration?.root_module?.resources ?? []).map((resource) => [
      resource.address,
      resource.expressions ?? {},
    ]),
  );
  const values = new Map<string, Record<string, unknown>>();
  // What an apply leaves: forgotten and destroyed resources are no longer in the state.
  const gone = new Set(
    (plan.resource_changes ?? [])
      .filter(({ change }) => change.actions.includes('forget') || change.actions.join() === 'delete')
      .map((change) => change.address),
  );
  const planned = (plan.planned_values?.root_module?.resources ?? []).filter(
    (resource) => !gone.has(resource.address),
  );
  for (const resource of planned) {
    values.set(resource.address, { ...resource.values, ...decidedByAws(resource, account, region) });
  }
  for (const resource of planned) {
    const own = values.get(resource.address) as Record<string, unknown>;
    for (const [attribute, isUnknown] of Object.entries(unknown.get(resource.address) ?? {})) {
      if (isUnknown !== true || own[attribute] !== undefined) continue;
      for (const reference of references.get(resource.address)?.[attribute]?.references ?? []) {
        const [type, name, referenced] = reference.split('.');
        const target = values.get(`${type}.${name}`);
        if (referenced !== undefined && target?.[referenced] !== undefined) {
          own[attribute] = target[referenced];
          break;
        }
      }
    }
    if (resource.type === 'aws_sns_topic_subscription') {
      own['arn'] = `${String(own['topic_arn'])}:${stableId(resource.address)}`;
      own['id'] = own['arn'];
    }
  }
  return {
    version: 4,
    terraform_version: '1.11.4',
    serial: 1,
    lineage: stableId(planned.map((resource) => resource.address).join(',')),
    outputs: {},
    resources: planned.map((resource) => ({
      mode: 'managed',
      type: resource.type,
      name: resource.name,
      provider: `provider["${PROVIDER_SOURCE}"]`,
      instances: [
        {
          schema_version: versions.get(resource.type) ?? 0,
          attributes: values.get(resource.address),
          sensitive_attributes: [],
        },
      ],
    })),
  };
}

/** The attributes AWS sets on create, formed as AWS forms them. */
function decidedByAws(resource: PlannedResource, account: string, region: string): Record<string, unknown> {
  const name = String(resource.values['name']);
  switch (resource.type) {
    case 'aws_sqs_queue': {
      const url = `https://sqs.${region}.amazonaws.com/${account}/${name}`;
      return { arn: `arn:aws:sqs:${region}:${account}:${name}`, url, id: url };
    }
    case 'aws_sns_topic': {
      const arn = `arn:aws:sns:${region}:${account}:${name}`;
      return { arn, id: arn };
    }
    case 'aws_kms_key': {
      const keyId = stableId(resource.address);
      return { key_id: keyId, id: keyId, arn: `arn:aws:kms:${region}:${account}:key/${keyId}` };
    }
    default:
      return { id: resource.address };
  }
}

function stableId(text: string): string {
  const hex = crypto.createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Addresses whose plan deletes them (alone, or to create them again), by type. */
export function destroyedAddresses(plan: PlanJson, types: readonly string[]): string[] {
  return (plan.resource_changes ?? [])
    .filter((change) => types.includes(change.type) && change.change.actions.includes('delete'))
    .map((change) => change.address)
    .sort();
}

/** The addresses a plan gives each action, for assertions that read like the plan. */
export function actionsByAddress(plan: PlanJson): Record<string, string> {
  return Object.fromEntries(
    (plan.resource_changes ?? []).map((change) => [change.address, change.change.actions.join(',')]),
  );
}
