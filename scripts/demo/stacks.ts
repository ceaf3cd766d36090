import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A stack of the synthesized output, ready for terraform in a scratch copy of its directory. */
export interface DemoStack {
  readonly name: string;
  readonly directory: string;
}

export interface StackDocument {
  readonly resource?: Record<string, Record<string, { policy?: string; lifecycle?: unknown }>>;
}

/** Stacks in the order Terraform must apply them: each layer's dependencies come before it. */
export function layersOf(outdir: string): string[][] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { dependencies: string[] }>;
  };
  const done = new Set<string>();
  const layers: string[][] = [];
  let remaining = Object.keys(manifest.stacks).sort();
  while (remaining.length > 0) {
    const ready = remaining.filter((stack) =>
      (manifest.stacks[stack]?.dependencies ?? []).every((dependency) => done.has(dependency)),
    );
    if (ready.length === 0) throw new Error(`the stacks ${remaining.join(', ')} depend on each other`);
    layers.push(ready);
    for (const stack of ready) done.add(stack);
    remaining = remaining.filter((stack) => !done.has(stack));
  }
  return layers;
}

export interface StackOptions {
  /** Pins the provider, for a machine whose Terraform mirror holds another version. */
  readonly providerVersion?: string;
  /** The endpoint is moto's server, which lacks parts of the AWS API (see below). */
  readonly moto: boolean;
}

/**
 * A throwaway copy of a stack for the demo: what synth wrote, and beside it an override that
 * lets `terraform destroy` remove what the demo applied (the output protects queues, topics and
 * keys with prevent_destroy), plus what moto needs.
 */
export function prepareStack(
  outdir: string,
  name: string,
  workdir: string,
  options: StackOptions,
): DemoStack {
  const directory = path.join(workdir, name);
  fs.mkdirSync(directory, { recursive: true });
  const source = path.join(outdir, 'stacks', name, 'cdk.tf.json');
  fs.copyFileSync(source, path.join(directory, 'cdk.tf.json'));
  const document = JSON.parse(fs.readFileSync(source, 'utf8')) as StackDocument;
  const resources: Record<string, Record<string, object>> = {};
  for (const [type, byName] of Object.entries(document.resource ?? {})) {
    for (const [resourceName, resource] of Object.entries(byName)) {
      const override: Record<string, unknown> = {};
      if (resource.lifecycle !== undefined) override['lifecycle'] = { prevent_destroy: false };
      // moto evaluates a key policy's Deny without its conditions: the TLS-only Deny would
      // refuse every call to the key, so moto gets the policy without it.
      if (options.moto && type === 'aws_kms_key' && resource.policy !== undefined) {
        override['policy'] = withoutDeny(resource.policy);
      }
      if (Object.keys(override).length > 0) (resources[type] ??= {})[resourceName] = override;
    }
  }
  const terraform = {
    backend: { local: { path: 'terraform.tfstate' } },
    ...(options.providerVersion
      ? { required_providers: { aws: { source: 'hashicorp/aws', version: options.providerVersion } } }
      : {}),
  };
  fs.writeFileSync(
    path.join(directory, 'demo_override.tf.json'),
    `${JSON.stringify({ terraform, ...(Object.keys(resources).length > 0 ? { resource: resources } : {}) }, null, 2)}\n`,
  );
  return { name, directory };
}

/**
 * The resources to apply: all of them, but on moto not the SQS redrive-allow policies, which
 * moto does not implement (the provider would wait for them forever).
 */
export function applyTargets(stack: DemoStack, moto: boolean): string[] {
  if (!moto) return [];
  return targetsMotoCanApply(
    JSON.parse(fs.readFileSync(path.join(stack.directory, 'cdk.tf.json'), 'utf8')) as StackDocument,
  );
}

/** Every resource of a stack but the SQS redrive-allow policies, which moto does not implement. */
export function targetsMotoCanApply(document: StackDocument): string[] {
  return Object.entries(document.resource ?? {})
    .filter(([type]) => type !== 'aws_sqs_queue_redrive_allow_policy')
    .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
}

/** A key policy without its Deny statements, which moto evaluates without their conditions. */
export function withoutDeny(policyJson: string): string {
  const policy = JSON.parse(policyJson) as { Statement: { Effect: string }[] };
  return JSON.stringify({
    ...policy,
    Statement: policy.Statement.filter((statement) => statement.Effect !== 'Deny'),
  });
}

export class TerraformFailed extends Error {
  constructor(
    readonly stackName: string,
    readonly command: string,
    readonly output: string,
  ) {
    super(`terraform ${command} failed for stack ${stackName}`);
  }
}

/** Runs terraform in the stack's directory; a failure carries Terraform's own words. */
export function terraform(stack: DemoStack, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', [...args, '-no-color'], {
      cwd: stack.directory,
      env: { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', (error) => reject(new TerraformFailed(stack.name, args[0] ?? '', error.message)));
    child.on('close', (status) =>
      status === 0 ? resolve() : reject(new TerraformFailed(stack.name, args[0] ?? '', output)),
    );
  });
}
