/**
 * `npm run demo`: the bundled bus on a local AWS. Synthesizes the local environment, applies its
 * stacks with terraform (topics, then queues; the stacks of a layer in parallel), publishes one
 * sample event per topic, long-polls every queue, prints what each received beside what
 * `eventbus route` predicts, and destroys what it applied (unless --keep).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';
import { run } from '../../lib/cli';
import { formatKey, planStacks, type Environment, type EventBusModel, type Topic } from '../../lib/model';
import { validateRequests } from '../../lib/pipeline';
import { routeEvent } from '../../lib/views/route';
import { applyTargets, layersOf, prepareStack, terraform, TerraformFailed, type DemoStack } from './stacks';
import { clientsFor, drain, publish, type SampleEvent } from './traffic';

/** Where `terraform init` records the providers it selected, with their checksums. */
const TERRAFORM_LOCK_FILE = '.terraform.lock.hcl';

const { values } = parseArgs({
  options: {
    env: { type: 'string', default: 'local' },
    endpoint: { type: 'string' },
    requests: { type: 'string', default: 'requests' },
    config: { type: 'string', default: 'eventbus.config.yaml' },
    keep: { type: 'boolean', default: false },
    'provider-version': { type: 'string' },
  },
});

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<number> {
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-demo-'));
  const configFile = path.join(workdir, 'eventbus.config.yaml');
  fs.cpSync(values.requests, path.join(workdir, 'requests'), { recursive: true });
  const configText = fs.readFileSync(values.config, 'utf8');
  fs.writeFileSync(
    configFile,
    values.endpoint ? withEndpoint(configText, values.env, values.endpoint) : configText,
  );

  const { model, diagnostics } = validateRequests({
    requestsDir: path.join(workdir, 'requests'),
    configFile,
    cwd: workdir,
  });
  const environment = model?.platform.environments.find((candidate) => candidate.name === values.env);
  if (!model || !environment?.endpoint) {
    process.stderr.write(
      model
        ? `demo: environment "${values.env}" has no endpoint in ${values.config}; give one with --endpoint URL\n`
        : `demo: the requests are invalid (run eventbus validate):\n${diagnostics.map((d) => `  ${d.file}:${d.line} ${d.code}`).join('\n')}\n`,
    );
    return 2;
  }
  const emulator = await reachLocalAws(environment);
  if (!emulator) return 2;
  const stacks: DemoStack[] = [];
  try {
    const outdir = path.join(workdir, 'cdktf.out');
    const silent = { stdout: () => undefined, stderr: (text: string) => process.stderr.write(text) };
    if (
      (await run(
        [
          'synth',
          '--env',
          environment.name,
          '--requests',
          path.join(workdir, 'requests'),
          '--config',
          configFile,
          '--out',
          outdir,
        ],
        silent,
      )) !== 0
    )
      return 1;
    const options = {
      moto: emulator.moto,
      ...(values['provider-version'] ? { providerVersion: values['provider-version'] } : {}),
    };
    // Terraform 1.4 and later install a provider afresh into a stack without a lock file, even
    // when the plugin cache holds it, and inits that install at once race to unpack it there
    // (hashicorp/terraform#31964). Every stack pins the same provider, so the first stack's lock
    // file serves them all: with it, an init links the cached provider instead of unpacking it.
    // Inits still run one at a time; the applies run side by side.
    const initialized = new Map<DemoStack, Promise<void>>();
    let firstLockFile: string | undefined;
    let previousInit: Promise<unknown> = Promise.resolve();
    const init = (stack: DemoStack): Promise<void> => {
      const started = initialized.get(stack);
      if (started) return started;
      const lockFile = path.join(stack.directory, TERRAFORM_LOCK_FILE);
      const done = previousInit
        .then(async () => {
          if (firstLockFile && !fs.existsSync(lockFile)) fs.copyFileSync(firstLockFile, lockFile);
          await terraform(stack, ['init', '-input=false']);
          firstLockFile ??= lockFile;
        })
        .then(() => undefined);
      previousInit = done.catch(() => undefined);
      initialized.set(stack, done);
      return done;
    };
    for (const layer of layersOf(outdir)) {
      const layerStacks = layer.map((name) =>
        prepareStack(outdir, name, path.join(workdir, 'stacks'), options),
      );
      stacks.push(...layerStacks);
      await Promise.all(
        layerStacks.map(async (stack) => {
          const { name } = stack;
          const started = Date.now();
          say(`  applying ${name} ...`);
          await init(stack);
          await terraform(stack, [
            'apply',
            '-auto-approve',
            '-input=false',
            '-parallelism=50',
            ...applyTargets(stack, emulator.moto).map((target) => `-target=${target}`),
          ]);
          say(`  applied  ${name} (${Math.round((Date.now() - started) / 1000)} s)`);
        }),
      );
    }
    return await exchangeSamples(model, environment, emulator.endpoint);
  } catch (error) {
    if (!(error instanceof TerraformFailed)) throw error;
    process.stderr.write(`demo: ${error.message}:\n${error.output}\n`);
    return 1;
  } finally {
    if (!values.keep) await destroy(stacks);
    else say(`kept the stacks applied; their directories are under ${path.join(workdir, 'stacks')}`);
    emulator.stop();
  }
}

/** The platform config with the environment's endpoint replaced, comments kept. */
function withEndpoint(text: string, environment: string, endpoint: string): string {
  const document = parseDocument(text);
  document.setIn(['environments', environment, 'endpoint'], endpoint);
  return document.toString();
}

interface Emulator {
  readonly endpoint: string;
  readonly moto: boolean;
  stop(): void;
}

/** A local AWS that answers at the endpoint, or moto_server started there when none does. */
async function reachLocalAws(environment: Environment): Promise<Emulator | undefined> {
  const endpoint = environment.endpoint as string;
  const isMoto = async (): Promise<boolean> =>
    (await fetch(`${endpoint}/moto-api/`).catch(() => undefined))?.ok === true;
  if (await answers(endpoint)) return { endpoint, moto: await isMoto(), stop: () => undefined };
  const url = new URL(endpoint);
  if (!['localhost', '127.0.0.1'].includes(url.hostname)) {
    process.stderr.write(`demo: nothing answers at ${endpoint}\n`);
    return undefined;
  }
  say(`no local AWS answers at ${endpoint}: starting moto_server there`);
  const child: ChildProcess = spawn('moto_server', ['-H', url.hostname, '-p', url.port || '80'], {
    detached: true,
    stdio: 'ignore',
    // moto acts in the account MOTO_ACCOUNT_ID names; LocalStack reads it from the access key.
    env: { ...process.env, MOTO_ACCOUNT_ID: environment.account },
  });
  const failed = new Promise<false>((resolve) => child.once('error', () => resolve(false)));
  const stop = (): void => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  };
  for (let attempt = 0; attempt < 120; attempt += 1) {
    const up = await Promise.race([answers(endpoint), failed]);
    if (up) return { endpoint, moto: true, stop };
    if (child.exitCode !== null || (await Promise.race([failed, Promise.resolve(true)])) === false) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  stop();
  process.stderr.write(
    `demo: nothing answers at ${endpoint}, and moto_server could not be started there (is it installed? pip install "moto[server]")\n`,
  );
  return undefined;
}

async function answers(endpoint: string): Promise<boolean> {
  return (await fetch(endpoint).catch(() => undefined)) !== undefined;
}

/** One sample per topic: the first event type it lists, as attribute and in a JSON body. */
function sampleOf(topic: Topic, arn: string, model: EventBusModel): SampleEvent {
  const eventType = topic.events?.[0] ?? 'demo.Sample';
  const attributes = { [model.platform.eventTypeAttribute]: eventType };
  return {
    topicArn: arn,
    fifo: topic.fifo,
    attributes,
    body: JSON.stringify({ type: eventType, sample: formatKey(topic.key) }),
  };
}

async function exchangeSamples(
  model: EventBusModel,
  environment: Environment,
  endpoint: string,
): Promise<number> {
  const plans = planStacks(model, environment.name);
  const clients = clientsFor(endpoint, environment.region, environment.account);
  const predicted = new Map<string, string[]>();
  const topics = plans.flatMap((plan) => plan.topics).filter((topic) => !topic.topic.retired);
  for (const topic of topics) {
    const sample = sampleOf(topic.topic, topic.arn, model);
    await publish(clients, sample);
    const message = {
      attributes: Object.fromEntries(
        Object.entries(sample.attributes).map(([name, value]) => [
          name,
          { DataType: 'String' as const, StringValue: value },
        ]),
      ),
      body: sample.body,
    };
    for (const decision of routeEvent(model, topic.topic.key, message, environment.name).decisions) {
      if (decision.delivered)
        predicted.set(decision.queue, [...(predicted.get(decision.queue) ?? []), formatKey(topic.topic.key)]);
    }
  }
  const rows: [string, string, string, string][] = [];
  let mismatches = 0;
  for (const queue of plans.flatMap((plan) => plan.queues).filter((candidate) => !candidate.queue.retired)) {
    const name = formatKey(queue.queue.key);
    const bodies = await drain(clients, `${endpoint}/${environment.account}/${queue.name}`);
    const received = topics
      .map((topic) => formatKey(topic.topic.key))
      .filter((key) =>
        bodies.some(
          (body) => body.includes(`"sample":"${key}"`) || body.includes(`\\"sample\\":\\"${key}\\"`),
        ),
      );
    const expected = predicted.get(name) ?? [];
    const same = received.join() === expected.join() && bodies.length === received.length;
    if (!same) mismatches += 1;
    rows.push([name, received.join(', ') || '-', expected.join(', ') || '-', same ? 'ok' : 'DIFFERS']);
  }
  say('');
  say(table([['queue', 'received from', 'route predicts', ''], ...rows]));
  say(
    mismatches === 0
      ? 'every queue received what route predicts'
      : `${mismatches} queue(s) received something else than route predicts`,
  );
  return mismatches === 0 ? 0 : 1;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function destroy(stacks: readonly DemoStack[]): Promise<void> {
  // Queue stacks before the topic stacks they subscribe to.
  for (const layer of [
    stacks.filter((stack) => stack.name.endsWith('.queues')),
    stacks.filter((stack) => !stack.name.endsWith('.queues')),
  ]) {
    await Promise.all(
      layer.map(async (stack) => {
        await terraform(stack, ['destroy', '-auto-approve', '-input=false', '-parallelism=50']).catch(
          (error: unknown) => {
            process.stderr.write(
              `demo: could not destroy ${stack.name}: ${error instanceof TerraformFailed ? error.output : String(error)}\n`,
            );
          },
        );
        say(`  destroyed ${stack.name}`);
      }),
    );
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
