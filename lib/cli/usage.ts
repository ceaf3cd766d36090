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
            [--requests DIR] [--config FILE] [--format text|json|gitlab|junit]
            [--base GIT_REF]
            --format gitlab: a GitLab Code Quality report; junit: a JUnit XML report
            with a test case per file.
            --base: also report each topic or queue of GIT_REF that the change would
            destroy or replace without "retired: true" (read through git).
  init      Write a new team's first request file, with a commented topic, queue and
            subscription that validate as written, where the platform config's
            teamFiles put it; never over an existing file or team.
            --team NAME [--dir DIR] [--config FILE]   (--dir defaults to requests)
  synth     Validate, then write Terraform (cdktf layout), a CloudFormation cloud
            assembly, or both; the Terraform output must pass the rule pack (check).
            [--requests DIR] [--config FILE] [--target terraform|cloudformation|all]
            [--out DIR] [--cdk-out DIR] [--env NAME] [--previous DIR]
            [--changed-since GIT_REF] [--jobs N]
            --out and --cdk-out must be new, empty or earlier outputs of synth.
            --previous: an earlier Terraform output; synth refuses to write if the
            new output would let Terraform destroy a queue, topic or key of it.
            --changed-since: write only the stacks that render differently than at
            GIT_REF (new ones included); identity policies and endpoints stay whole.
            --jobs: threads that render the Terraform stacks (default: the cores,
            from 64 stacks on); the output is the same whatever the number.
  diff      Say what a change does to the bus against GIT_REF: topics, queues,
            subscriptions, filters, grants, encryption and settings added, removed,
            changed, replaced or retired, per environment and team, destructive ones
            first, and the stacks to plan.
            --base GIT_REF [--requests DIR] [--config FILE] [--format text|markdown|json]
  stacks    List the stacks, or with --changed-since those that render differently
            than at GIT_REF.
            [--requests DIR] [--config FILE] [--changed-since GIT_REF] [--env NAME]
            [--format text|json]
  route     Show which queues an event published to a topic reaches, and which
            filter key turns it away from the others.
            --topic TEAM/TOPIC [--attributes JSON | --attributes-file FILE]
            [--body FILE] [--env NAME] [--format text|json]
  access    List who can do what on topics and queues, read off the generated policies.
            [--topic TEAM/TOPIC | --queue TEAM/QUEUE | --principal ARN] [--env NAME]
            [--format text|json]
  docs      Validate, then write a Markdown catalog of the bus for GitLab: an index,
            a page per team, per event type and per environment (with a Mermaid
            diagram of its topics and queues).
            [--requests DIR] [--config FILE] [--out DIR] [--env NAME]
            --out must be new, empty or an earlier output of docs.
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
            [--requests DIR] [--config FILE] [--env NAME] [--changed-since GIT_REF]
            [--out DIR] [--image IMAGE]
            [--binary terraform|tofu] [--file PATH] [--node-image IMAGE]
            [--eventbus COMMAND] [--synth-job NAME]
            --out: the synth output, relative to the repository root. --file: write
            there (atomically) instead of stdout. --binary tofu needs --image.
  schema    Print the JSON Schemas of request files and the platform config.
            [--kind request|platform-config]

Defaults: --requests requests, --config eventbus.config.yaml, --target terraform,
          --out cdktf.out (docs: docs.out), --cdk-out cdk.out, --format text.
`;

export function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option} must be ${allowed.join(' or ')}, not "${value}"`);
}
