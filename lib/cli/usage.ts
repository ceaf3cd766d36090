import type { ParseArgsConfig } from 'node:util';

/** Exit codes: 0 valid, 1 invalid requests, 2 a usage error. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Wrong words on the command line: reported with the usage text, exit 2. */
export class UsageError extends Error {}

export const SOURCE_OPTIONS = {
  requests: { type: 'string', default: 'requests' },
  config: { type: 'string', default: 'eventbus.config.yaml' },
} as const satisfies ParseArgsConfig['options'];

export const USAGE = `Usage: eventbus <command> [options]

Commands:
  validate  Check the request files and report every problem.
            [--requests DIR] [--config FILE] [--format text|json] [--base GIT_REF]
            --base: also report each topic or queue of GIT_REF that the change would
            destroy or replace without "retired: true" (read through git).
  synth     Validate, then write Terraform (cdktf layout), a CloudFormation cloud
            assembly, or both; the Terraform output must pass the rule pack (check).
            [--requests DIR] [--config FILE] [--target terraform|cloudformation|all]
            [--out DIR] [--cdk-out DIR] [--env NAME] [--previous DIR]
            --out and --cdk-out must be new, empty or earlier outputs of synth.
            --previous: an earlier Terraform output; synth refuses to write if the
            new output would let Terraform destroy a queue, topic or key of it.
  route     Show which queues an event published to a topic reaches, and which
            filter key turns it away from the others.
            --topic TEAM/TOPIC [--attributes JSON | --attributes-file FILE]
            [--body FILE] [--env NAME] [--format text|json]
  access    List who can do what on topics and queues, read off the generated policies.
            [--topic TEAM/TOPIC | --queue TEAM/QUEUE | --principal ARN] [--env NAME]
            [--format text|json]
  check     Run the Terraform rule pack over a synth output (TLS, least privilege,
            encryption, DLQs, deletion protection, KMS).
            [--out DIR] [--format text|json]
  guard     Refuse Terraform plans that destroy or replace a queue, topic or key:
            run it on "terraform show -json PLANFILE" between plan and apply.
            PLAN_JSON|DIR... [--format text|json] [--terraform-report FILE]
  codeowners  Print the GitLab CODEOWNERS section that gives each team's request
            files to the approvers its request names, and the platform config,
            CODEOWNERS and new teams' files to the platform config's codeowners.
            Paths start at the current directory, the repository root.
            [--requests DIR] [--config FILE] [--codeowners-file FILE] [--check]
            --check: exit 1 unless --codeowners-file holds the section as printed.
  pipeline  Print the GitLab child pipeline that plans every stack (terraform plan,
            then guard) and, on the default branch, applies each plan by hand.
            [--requests DIR] [--config FILE] [--env NAME] [--out DIR] [--image IMAGE]
            [--binary terraform|tofu] [--file PATH] [--node-image IMAGE]
            [--eventbus COMMAND] [--synth-job NAME]
            --out: the synth output, relative to the repository root. --file: write
            there (atomically) instead of stdout. --binary tofu needs --image.
  schema    Print the JSON Schemas of request files and the platform config.
            [--kind request|platform-config]

Defaults: --requests requests, --config eventbus.config.yaml, --target terraform,
          --out cdktf.out, --cdk-out cdk.out, --format text.
`;

export function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option} must be ${allowed.join(' or ')}, not "${value}"`);
}
