import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { validateRequests } from '../lib/pipeline';
import { parseYaml } from '../lib/request/yaml';
import { describeOrganisation } from './description';
import { generateOrganisation, type GeneratedOrganisation } from './organisation';
import {
  cloudFormationResourceCounts,
  terraformResourceCounts,
  totalResources,
  type ResourceCounts,
} from './resource-counts';

/**
 * Speed and memory of the CLI against bare engine programs, and how fast hostile YAML (billion
 * laughs, a 40k-key file) is rejected:
 *
 *     npm run bench -- [--teams 10,100,500] [--rounds 4] [--cfn-validation off,on] [--instructions]
 *
 * For each size it generates an organisation, then runs every command as a child process, one
 * after the other in each round, so that a change in the machine's load reaches all of them
 * alike, each product beside its bare program and first every other round (see
 * {@link inRoundOrder}): `eventbus validate`, `eventbus synth` for both targets (Terraform in one
 * thread and in as many as the machine has cores), and the bare cdktf and aws-cdk-lib programs
 * (bench/bare-*.ts) that create the same resources in the same stacks in one thread. It prints
 * the median wall time, CPU time (user + system) and peak RSS of each, and the ratios of the
 * product to its bare program. aws-cdk-lib's built-in template validation is off on both sides
 * (eventbus synth leaves it to cdk synth); `--cfn-validation off,on` also times the bare
 * program with it on, to show what it costs.
 * The organisation is a git repository with one team changed since its commit, so that
 * `synth --changed-since HEAD` renders a merge request's worth of stacks.
 * Targets are checked here, not in tests: the bench exits non-zero when one is missed.
 * `--instructions` counts instructions instead of timing rounds (see {@link countInstructions}).
 */
const TARGETS = {
  billionLaughsRejectSeconds: 1,
  hugeFileRejectSeconds: 1,
  /** Every command at every size. */
  rssMegabytes: 2048,
  /** `eventbus validate`, wall, Node start-up included. */
  validateSeconds: 1,
  /** `eventbus synth --changed-since` of a change to one team, wall. */
  changedSinceSeconds: 2,
  /** Terraform synth in one thread over the bare cdktf program, CPU and peak RSS. */
  terraformOverBare: 0.9,
  /** CloudFormation synth over the bare aws-cdk-lib program, CPU and peak RSS. */
  cloudFormationOverBare: 1,
  /** Wall of Terraform synth in the default threads over the bare cdktf program in one: 1 / 1.7. */
  parallelOverBare: 1 / 1.7,
} as const;

/**
 * Sizes the targets hold from: below them start-up dominates and a ratio says little. Wall
 * targets assume an idle machine; the table prints the load beside each size.
 */
const TARGET_FROM_TEAMS = { ratios: 100, wall: 500 } as const;

const REPO = path.resolve(__dirname, '..', '..');
const EVENTBUS = path.join(REPO, 'dist', 'bin', 'eventbus.js');
const BARE = path.join(REPO, 'dist', 'bench', 'bare.js');
const CHILD_USAGE = path.join(REPO, 'dist', 'bench', 'child-usage.js');

type Validation = 'off' | 'on';

interface Options {
  readonly teams: readonly number[];
  readonly rounds: number;
  readonly cfnValidation: readonly Validation[];
  readonly instructions: boolean;
}

/** A generated organisation with the description the bare programs read. */
interface Prepared extends GeneratedOrganisation {
  readonly teams: number;
  readonly stacks: number;
  readonly description: string;
}

interface Command {
  readonly id: string;
  readonly label: string;
  /** The command line; `outdir` is where this run writes (see {@link runDirectory}). */
  readonly args: (prepared: Prepared, outdir: string) => string[];
  /** The folder under `out/` that holds what the command writes, one directory per run. */
  readonly output?: string;
  readonly validation?: Validation;
}

interface Measurement {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly rssMegabytes: number;
}

/** A product command and the bare program it is compared with. */
interface Comparison {
  readonly product: string;
  readonly bare: string;
}

function commands(validations: readonly Validation[]): { commands: Command[]; comparisons: Comparison[] } {
  const source = (prepared: Prepared) => [
    '--requests',
    prepared.requestsDir,
    '--config',
    prepared.configFile,
  ];
  // A bare program follows the product it is compared with by its CPU and memory: inRoundOrder
  // swaps each such pair every other round.
  const list: Command[] = [
    {
      id: 'validate',
      label: 'eventbus validate',
      args: (prepared) => [EVENTBUS, 'validate', ...source(prepared)],
    },
    {
      id: 'synth-terraform',
      label: 'eventbus synth --jobs 1',
      output: 'terraform',
      args: (prepared, outdir) => [EVENTBUS, 'synth', '--jobs', '1', ...source(prepared), '--out', outdir],
    },
    {
      id: 'bare-cdktf',
      label: 'bare cdktf',
      output: 'bare-cdktf',
      args: (prepared, outdir) => [BARE, 'cdktf', prepared.description, outdir],
    },
    {
      id: 'synth-terraform-parallel',
      label: 'eventbus synth (threads: the cores)',
      output: 'terraform-parallel',
      args: (prepared, outdir) => [EVENTBUS, 'synth', ...source(prepared), '--out', outdir],
    },
    {
      id: 'synth-changed-since',
      label: 'eventbus synth --changed-since (one team changed)',
      output: 'terraform-changed',
      args: (prepared, outdir) => [
        EVENTBUS,
        'synth',
        '--changed-since',
        'HEAD',
        ...source(prepared),
        '--out',
        outdir,
      ],
    },
  ];
  const comparisons: Comparison[] = [
    { product: 'synth-terraform', bare: 'bare-cdktf' },
    { product: 'synth-terraform-parallel', bare: 'bare-cdktf' },
  ];
  for (const validation of validations) {
    // eventbus synth leaves aws-cdk-lib's built-in validation off whatever CDK_VALIDATION says
    // (README, "CloudFormation"): with it on, only the bare program shows what it costs.
    if (validation === 'on') {
      list.push({
        id: 'bare-cdk-on',
        label: 'bare aws-cdk-lib',
        validation,
        output: 'bare-cdk-on',
        args: (prepared, outdir) => [BARE, 'cdk', prepared.description, outdir],
      });
      continue;
    }
    list.push(
      {
        id: `synth-cloudformation-${validation}`,
        label: 'eventbus synth --target cloudformation',
        validation,
        output: `cloudformation-${validation}`,
        args: (prepared, outdir) => [
          EVENTBUS,
          'synth',
          '--target',
          'cloudformation',
          ...source(prepared),
          '--cdk-out',
          outdir,
        ],
      },
      {
        id: `bare-cdk-${validation}`,
        label: 'bare aws-cdk-lib',
        validation,
        output: `bare-cdk-${validation}`,
        args: (prepared, outdir) => [BARE, 'cdk', prepared.description, outdir],
      },
    );
    comparisons.push({ product: `synth-cloudformation-${validation}`, bare: `bare-cdk-${validation}` });
  }
  return { commands: list, comparisons };
}

/**
 * Where one run of a command writes: a directory no run wrote before, so every run writes into
 * nothing. Nothing is deleted while commands run (see {@link withOrganisations}): on ext4 without a
 * journal, as on the VM the README's table comes from, the kernel will not reuse an inode for a
 * minute after it is freed, six while its inode table block is unwritten, and every file created
 * meanwhile is allocated past each one of them (Linux, fs/ext4/ialloc.c, `recently_deleted`). A
 * run that follows the deletion of another's 6,000 files then spends seconds more in the kernel
 * than the same run on a quiet file system, and which command paid it depended on the order.
 */
function runDirectory(command: Command, prepared: Prepared, run: number): string {
  const parent = path.join(prepared.root, 'out', command.output ?? command.id);
  // Made here: the bare programs create their output directory, not its parents.
  fs.mkdirSync(parent, { recursive: true });
  return path.join(parent, `run-${run}`);
}

/** The environment a command runs in: the bench's own, with aws-cdk-lib's validation setting the command's. */
function childEnvironment(command: Command): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['CDK_VALIDATION'];
  if (command.validation === 'off') env['CDK_VALIDATION'] = 'false';
  return env;
}

/** Runs one command as a child process; its CPU time and peak RSS come from its own getrusage. */
function measure(command: Command, prepared: Prepared, run: number): Measurement {
  const env = childEnvironment(command);
  const usageFile = path.join(prepared.root, `usage-${command.id}-${run}.json`);
  env['BENCH_USAGE_FILE'] = usageFile;
  // The targets hold on an idle machine: the previous command's tens of megabytes of output are
  // flushed to disk before the clock starts, not while the next command runs.
  spawnSync('sync');
  const start = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    ['--require', CHILD_USAGE, ...command.args(prepared, runDirectory(command, prepared, run))],
    {
      cwd: prepared.root,
      env,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const wallSeconds = seconds(start);
  if (result.status !== 0) {
    throw new Error(
      `${command.label} failed on ${prepared.teams} teams (exit ${result.status ?? result.signal}):\n${(result.stderr || result.stdout).slice(-2000)}`,
    );
  }
  const usage = JSON.parse(fs.readFileSync(usageFile, 'utf8')) as {
    userMicros: number;
    systemMicros: number;
    maxRssKilobytes: number;
  };
  return {
    wallSeconds,
    cpuSeconds: (usage.userMicros + usage.systemMicros) / 1e6,
    rssMegabytes: usage.maxRssKilobytes / 1024,
  };
}

/**
 * Instructions a command executes, counted by valgrind's cachegrind with V8 in one thread
 * (`node --single-threaded`: its compilers and garbage collector then run on the main thread, in
 * the same order every run). The count repeats to within about half a percent where the CPU time
 * of one run on a shared VM can differ from the next by a quarter, so it can settle a difference of
 * a few percent that timed rounds cannot. It counts neither the kernel's work (creating the output
 * files) nor stalls on memory, so it stands beside the CPU targets and does not replace them.
 */
function countInstructions(command: Command, prepared: Prepared): number {
  const env = childEnvironment(command);
  const result = spawnSync(
    'valgrind',
    [
      '--tool=cachegrind',
      '--cache-sim=no',
      '--cachegrind-out-file=/dev/null',
      process.execPath,
      '--single-threaded',
      ...command.args(prepared, runDirectory(command, prepared, 1)),
    ],
    { cwd: prepared.root, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  const count = /I\s+refs:\s+([\d,]+)/.exec(result.stderr ?? '')?.[1];
  if (result.status !== 0 || count === undefined) {
    throw new Error(
      `${command.label} failed under valgrind on ${prepared.teams} teams (exit ${result.status ?? result.signal}):\n${(result.stderr || result.stdout).slice(-2000)}`,
    );
  }
  return Number(count.replaceAll(',', ''));
}

/**
 * `--instructions`: validate and each single-threaded product beside its bare program, counted
 * once each (the count does not need rounds), with the same check that both create the same
 * resources.
 */
function instructionTables(
  options: Options,
  list: readonly Command[],
  comparisons: readonly Comparison[],
  organisations: string[],
): string {
  const counted = comparisons.filter(({ product }) => product !== 'synth-terraform-parallel');
  const byId = (id: string) => list.find((command) => command.id === id) as Command;
  const ids = ['validate', ...counted.flatMap(({ product, bare }) => [product, bare])];
  const billions = (count: number) => (count / 1e9).toFixed(2);
  const lines = ['| teams | command | instructions (billions) |', '| ---: | :--- | ---: |'];
  const ratios = ['| teams | product / bare | instructions |', '| ---: | :--- | ---: |'];
  for (const teams of options.teams) {
    const prepared = prepare(teams);
    organisations.push(prepared.root);
    const counts = new Map<string, number>();
    for (const id of ids) {
      const count = countInstructions(byId(id), prepared);
      counts.set(id, count);
      process.stderr.write(`${teams} teams: ${byId(id).label}: ${billions(count)} billion instructions\n`);
      lines.push(`| ${teams} | ${byId(id).label} | ${billions(count)} |`);
    }
    assertSameResources(prepared, list, counted);
    for (const { product, bare } of counted) {
      const ratio = (counts.get(product) as number) / (counts.get(bare) as number);
      ratios.push(`| ${teams} | ${byId(product).label} / ${byId(bare).label} | ${ratio.toFixed(3)}× |`);
    }
  }
  return `${[...lines, '', ...ratios].join('\n')}\n`;
}

/** Generates the organisation and, outside any measurement, the bare programs' description of its plans. */
function prepare(teams: number): Prepared {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `eventbus-bench-${teams}-`));
  const organisation = generateOrganisation(root, teams);
  commitThenChangeOneTeam(root, organisation.requestsDir);
  const { model, plans, diagnostics } = validateRequests({
    requestsDir: organisation.requestsDir,
    configFile: organisation.configFile,
    cwd: root,
  });
  if (!model || !plans) {
    throw new Error(`generated organisation is invalid: ${JSON.stringify(diagnostics.slice(0, 3))}`);
  }
  const description = path.join(root, 'description.json');
  fs.writeFileSync(description, JSON.stringify(describeOrganisation(model, plans)));
  return { ...organisation, teams, stacks: plans.length, description };
}

/**
 * Makes the organisation a repository of one commit, then adds a queue to one team in the working
 * tree: the merge request that `synth --changed-since HEAD` renders. Every other command reads the
 * changed tree, which the bare programs' description then describes.
 */
function commitThenChangeOneTeam(root: string, requestsDir: string): void {
  const git = (...args: string[]) => {
    const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr || result.error}`);
  };
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-qm', 'organisation');
  fs.appendFileSync(
    path.join(requestsDir, 'team-0.yaml'),
    '  bench-change:\n    subscriptions:\n      - topic: events-0\n',
  );
}

/** The bare programs are a fair baseline only while they create what the product creates. */
function assertSameResources(
  prepared: Prepared,
  list: readonly Command[],
  comparisons: readonly Comparison[],
): number {
  let terraformResources = 0;
  for (const { product, bare } of comparisons) {
    const outdirOf = (id: string) =>
      runDirectory(list.find((command) => command.id === id) as Command, prepared, 1);
    const count: (outdir: string) => ResourceCounts = product.startsWith('synth-terraform')
      ? terraformResourceCounts
      : cloudFormationResourceCounts;
    const [ours, theirs] = [count(outdirOf(product)), count(outdirOf(bare))];
    if (!isDeepStrictEqual(ours, theirs)) {
      throw new Error(`${bare} does not create the resources ${product} creates on ${prepared.teams} teams`);
    }
    if (product === 'synth-terraform') terraformResources = totalResources(ours);
  }
  return terraformResources;
}

/** Seconds parseYaml takes to reject hostile input (test/request/yaml/bad-input.test.ts checks how). */
function rejectSeconds(text: string, code: string): number {
  const start = process.hrtime.bigint();
  const { document, diagnostics } = parseYaml('requests/bench.yaml', new TextEncoder().encode(text));
  const elapsed = seconds(start);
  if (document !== undefined || diagnostics[0]?.code !== code)
    throw new Error(
      `hostile input was not rejected with ${code}: ${JSON.stringify(diagnostics.slice(0, 3))}`,
    );
  return elapsed;
}

/** Nine levels of nine aliases: 9^9 strings if a parser expanded them. */
function billionLaughs(): string {
  const names = [...'abcdefghi'];
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (const [index, name] of names.entries()) {
    if (index === 0) continue;
    const aliases = Array<string>(9).fill(`*${names[index - 1]}`);
    lines.push(`${name}: &${name} [${aliases.join(',')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The commands in the order one round runs them. Each product runs next to the bare program it is
 * compared with (see {@link commands}): first in odd rounds, second in even ones. Even with nothing
 * deleted while commands run (see {@link runDirectory}), the CPU time of a command on a VM depends
 * on what ran just before it (the page cache it left, the writeback of its output), so a product
 * that always ran first, or always after a heavier neighbour than its bare program, would be
 * measured on another machine than it. Over an even number of rounds both see the same neighbours
 * as often.
 */
function inRoundOrder(
  list: readonly Command[],
  comparisons: readonly Comparison[],
  round: number,
): readonly Command[] {
  if (round % 2 === 1) return list;
  const order = [...list];
  for (const { product, bare } of comparisons) {
    const at = order.findIndex((command) => command.id === product);
    const [first, second] = [order[at], order[at + 1]];
    if (first && second?.id === bare) order.splice(at, 2, second, first);
  }
  return order;
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function parseOptions(args: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...args],
    options: {
      teams: { type: 'string', default: '10,100,500' },
      rounds: { type: 'string', default: '4' },
      'cfn-validation': { type: 'string', default: 'off' },
      instructions: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const teams = values.teams.split(',').map(Number);
  const rounds = Number(values.rounds);
  const cfnValidation = values['cfn-validation'].split(',').filter((value) => value !== '');
  if (teams.some((count) => !Number.isInteger(count) || count < 2)) {
    throw new Error(`--teams must list whole numbers of at least 2, but ${values.teams} was given`);
  }
  if (!Number.isInteger(rounds) || rounds < 1) {
    throw new Error(`--rounds must be a whole number of at least 1, but ${values.rounds} was given`);
  }
  if (cfnValidation.some((value) => value !== 'off' && value !== 'on')) {
    throw new Error(`--cfn-validation must list off and/or on, but ${values['cfn-validation']} was given`);
  }
  return {
    teams,
    rounds,
    cfnValidation: cfnValidation as Validation[],
    instructions: values.instructions,
  };
}

interface SizeResult {
  readonly prepared: Prepared;
  readonly resources: number;
  readonly medians: ReadonlyMap<string, Measurement>;
  /** 1-minute load average before the first run and after the last. */
  readonly load: readonly [number, number];
}

/** Measures every command on one organisation, which it leaves for the caller to delete (see {@link runDirectory}). */
function runSize(
  teams: number,
  options: Options,
  list: readonly Command[],
  comparisons: readonly Comparison[],
  organisations: string[],
): SizeResult {
  const prepared = prepare(teams);
  organisations.push(prepared.root);
  const loadBefore = os.loadavg()[0] as number;
  const runs = new Map<string, Measurement[]>(list.map((command) => [command.id, []]));
  let resources = 0;
  for (let round = 1; round <= options.rounds; round += 1) {
    for (const command of inRoundOrder(list, comparisons, round)) {
      const measurement = measure(command, prepared, round);
      (runs.get(command.id) as Measurement[]).push(measurement);
      const setting = command.validation === undefined ? '' : ` (CDK validation ${command.validation})`;
      process.stderr.write(
        `${teams} teams, round ${round}/${options.rounds}: ${command.label}${setting}: ${measurement.wallSeconds.toFixed(2)} s wall, ${measurement.cpuSeconds.toFixed(2)} s CPU, ${Math.round(measurement.rssMegabytes)} MiB (load ${(os.loadavg()[0] as number).toFixed(2)})\n`,
      );
    }
    if (round === 1) resources = assertSameResources(prepared, list, comparisons);
  }
  const loadAfter = os.loadavg()[0] as number;
  const medians = new Map(
    [...runs].map(([id, measurements]) => [
      id,
      {
        wallSeconds: median(measurements.map((m) => m.wallSeconds)),
        cpuSeconds: median(measurements.map((m) => m.cpuSeconds)),
        rssMegabytes: median(measurements.map((m) => m.rssMegabytes)),
      },
    ]),
  );
  return { prepared, resources, medians, load: [loadBefore, loadAfter] };
}

function formatTables(
  results: readonly SizeResult[],
  list: readonly Command[],
  comparisons: readonly Comparison[],
): string {
  const byId = (id: string) => list.find((command) => command.id === id) as Command;
  const validation = (command: Command) =>
    command.validation === undefined ? '' : command.validation === 'off' ? 'off' : 'on (default)';
  const lines = [
    '| teams | stacks | resources | command | CDK validation | wall s | CPU s | peak RSS MiB | load (1 min) |',
    '| ---: | ---: | ---: | :--- | :--- | ---: | ---: | ---: | :--- |',
  ];
  for (const { prepared, resources, medians, load } of results) {
    for (const command of list) {
      const m = medians.get(command.id) as Measurement;
      lines.push(
        `| ${prepared.teams} | ${prepared.stacks} | ${resources} | ${command.label} | ${validation(command)} | ${m.wallSeconds.toFixed(2)} | ${m.cpuSeconds.toFixed(2)} | ${Math.round(m.rssMegabytes)} | ${load.map((value) => value.toFixed(2)).join(' → ')} |`,
      );
    }
  }
  lines.push(
    '',
    '| teams | product / bare | CDK validation | wall | CPU | peak RSS |',
    '| ---: | :--- | :--- | ---: | ---: | ---: |',
  );
  for (const { prepared, medians } of results) {
    for (const comparison of comparisons) {
      const [product, bare] = [byId(comparison.product), byId(comparison.bare)];
      const [ours, theirs] = [medians.get(product.id) as Measurement, medians.get(bare.id) as Measurement];
      const ratio = (key: keyof Measurement) => `${(ours[key] / theirs[key]).toFixed(2)}×`;
      lines.push(
        `| ${prepared.teams} | ${product.label} / ${bare.label} | ${validation(product)} | ${ratio('wallSeconds')} | ${ratio('cpuSeconds')} | ${ratio('rssMegabytes')} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Runs `work`, which lists every organisation it generates, and deletes them all once it is done:
 * every organisation and all it was given to write stay until the last command has run.
 */
function withOrganisations<T>(work: (organisations: string[]) => T): T {
  const organisations: string[] = [];
  try {
    return work(organisations);
  } finally {
    for (const root of organisations) fs.rmSync(root, { recursive: true, force: true });
  }
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const { commands: list, comparisons } = commands(options.cfnValidation);
  if (options.instructions) {
    if (spawnSync('valgrind', ['--version']).error) {
      process.stderr.write(
        'bench: --instructions counts with valgrind (cachegrind), which is not installed\n',
      );
      process.exitCode = 2;
      return;
    }
    const tables = withOrganisations((organisations) =>
      instructionTables(options, list, comparisons, organisations),
    );
    process.stdout.write(
      `instructions under valgrind, node ${process.version} --single-threaded; no target is checked\n\n${tables}`,
    );
    return;
  }

  const billionLaughsRejectSeconds = rejectSeconds(billionLaughs(), 'yaml-alias');
  const hugeFile = Array.from({ length: 40_000 }, (_, index) => `key${index}: ${index}`).join('\n');
  const hugeFileRejectSeconds = rejectSeconds(hugeFile, 'file-too-large');
  const results = withOrganisations((organisations) =>
    options.teams.map((teams) => runSize(teams, options, list, comparisons, organisations)),
  );

  const cpus = os.cpus();
  process.stdout.write(
    `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}; medians of ${options.rounds} rounds\n\n`,
  );
  process.stdout.write(formatTables(results, list, comparisons));
  process.stdout.write(
    `\nhostile YAML rejected in ${billionLaughsRejectSeconds.toFixed(3)} s (billion laughs), ${hugeFileRejectSeconds.toFixed(3)} s (40k keys)\n`,
  );

  const missed: string[] = [];
  const check = (name: keyof typeof TARGETS, value: number, what: string) => {
    if (value > TARGETS[name])
      missed.push(`${what}: ${value.toFixed(2)} > ${TARGETS[name].toFixed(2)} (${name})`);
  };
  check('billionLaughsRejectSeconds', billionLaughsRejectSeconds, 'billion laughs');
  check('hugeFileRejectSeconds', hugeFileRejectSeconds, '40k-key file');
  for (const { prepared, medians } of results) {
    const at = (id: string) => medians.get(id) as Measurement;
    const where = (what: string) => `${prepared.teams} teams, ${what}`;
    for (const command of list) {
      if (!command.id.startsWith('bare-'))
        check('rssMegabytes', at(command.id).rssMegabytes, where(command.id));
    }
    if (prepared.teams >= TARGET_FROM_TEAMS.wall) {
      check('validateSeconds', at('validate').wallSeconds, where('validate'));
      check('changedSinceSeconds', at('synth-changed-since').wallSeconds, where('synth-changed-since'));
      const parallel = at('synth-terraform-parallel').wallSeconds / at('bare-cdktf').wallSeconds;
      check('parallelOverBare', parallel, where('parallel synth wall / bare cdktf wall'));
    }
    if (prepared.teams >= TARGET_FROM_TEAMS.ratios) {
      for (const key of ['cpuSeconds', 'rssMegabytes'] as const) {
        const terraform = at('synth-terraform')[key] / at('bare-cdktf')[key];
        check('terraformOverBare', terraform, where(`synth --jobs 1 / bare cdktf, ${key}`));
        if (medians.has('synth-cloudformation-off')) {
          const cloudFormation = at('synth-cloudformation-off')[key] / at('bare-cdk-off')[key];
          check('cloudFormationOverBare', cloudFormation, where(`CloudFormation / bare aws-cdk-lib, ${key}`));
        }
      }
    }
  }
  if (missed.length > 0) {
    process.stderr.write(`missed targets:\n${missed.map((line) => `  ${line}\n`).join('')}`);
    process.exitCode = 1;
  }
}

main();
