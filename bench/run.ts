import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { planStacks } from '../lib/model';
import { validateRequests } from '../lib/pipeline';
import { parseYaml } from '../lib/request/yaml';

/**
 * Speed and memory of validate and synth on a generated organisation, and how fast hostile YAML
 * (billion laughs, a 40k-key file) is rejected. Targets are checked here, not in tests:
 * `npm run bench [teams]` exits non-zero when one is missed.
 */
const TARGETS = {
  validateSeconds: 3,
  synthSeconds: 60,
  rssMegabytes: 2048,
  billionLaughsRejectSeconds: 1,
  hugeFileRejectSeconds: 1,
} as const;

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

function generateOrganisation(root: string, teams: number): void {
  const requests = path.join(root, 'requests');
  fs.mkdirSync(requests, { recursive: true });
  fs.writeFileSync(
    path.join(root, 'eventbus.config.yaml'),
    'environments:\n  dev: { account: "111111111111", region: eu-west-1 }\n  prod: { account: "999999999999", region: eu-west-1 }\n',
  );
  for (let index = 0; index < teams; index += 1) {
    const upstream = `team-${(index + teams - 1) % teams}`;
    const lines = [
      `team: team-${index}`,
      'owner: team@example.com',
      'topics:',
      ...[0, 1, 2].flatMap((topic) => [
        `  events-${topic}:`,
        '    events: [Created, Updated, Deleted]',
        `    publishers: [arn:aws:iam::111111111111:role/team-${index}-api]`,
      ]),
      'queues:',
      ...[0, 1, 2, 3, 4].flatMap((queue) => [
        `  work-${queue}:`,
        `    consumers: [arn:aws:iam::111111111111:role/team-${index}-worker]`,
        '    subscriptions:',
        `      - topic: ${upstream}/events-${queue % 3}`,
        '        events: [Created]',
        '        filter: { region: [{ prefix: eu- }] }',
        `      - topic: events-${(queue + 1) % 3}`,
      ]),
    ];
    fs.writeFileSync(path.join(requests, `team-${index}.yaml`), `${lines.join('\n')}\n`);
  }
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function main(): Promise<void> {
  const teams = Number(process.argv[2] ?? 200);
  const billionLaughsRejectSeconds = rejectSeconds(billionLaughs(), 'yaml-alias');
  const hugeFile = Array.from({ length: 40_000 }, (_, index) => `key${index}: ${index}`).join('\n');
  const hugeFileRejectSeconds = rejectSeconds(hugeFile, 'file-too-large');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-bench-'));
  generateOrganisation(root, teams);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);

  const validateStart = process.hrtime.bigint();
  const { model, diagnostics } = validateRequests({
    requestsDir: path.join(root, 'requests'),
    configFile: path.join(root, 'eventbus.config.yaml'),
    cwd: root,
  });
  const validateSeconds = seconds(validateStart);
  if (!model)
    throw new Error(`generated organisation is invalid: ${JSON.stringify(diagnostics.slice(0, 3))}`);

  const synthStart = process.hrtime.bigint();
  const plans = planStacks(model);
  const { synthesizeTerraform } = await import('../lib/terraform/index.js');
  synthesizeTerraform(model, plans, path.join(root, 'cdktf.out'));
  const synthSeconds = seconds(synthStart);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  const rssMegabytes = Math.round(peakRss / 1024 / 1024);
  const results = {
    teams,
    stacks: plans.length,
    validateSeconds,
    synthSeconds,
    rssMegabytes,
    billionLaughsRejectSeconds,
    hugeFileRejectSeconds,
  };
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  const missed = (Object.keys(TARGETS) as (keyof typeof TARGETS)[]).filter(
    (key) => results[key] > TARGETS[key],
  );
  fs.rmSync(root, { recursive: true, force: true });
  if (missed.length > 0) {
    process.stderr.write(
      `missed targets: ${missed.map((key) => `${key} ${results[key]} > ${TARGETS[key]}`).join(', ')}\n`,
    );
    process.exitCode = 1;
  }
}

void main();
