import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { planStacks, type StackPlan } from '../../lib/model';
import { validateRequests } from '../../lib/pipeline';
import {
  DEFAULT_SYNTH_JOB,
  DEFAULT_TERRAFORM_IMAGE,
  NOTHING_TO_PLAN_JOB,
  outputDirectoryProblem,
  renderGitlabPipeline,
  type GitlabPipelineOptions,
} from '../../lib/views/gitlab-pipeline';
import { gitlabCiViolations } from '../support/gitlab-ci-schema';

const REPO = path.resolve(__dirname, '../..');
const OPTIONS: GitlabPipelineOptions = { eventbus: 'npx --yes --package eventbus-infra@9.9.9 eventbus' };
const PARENT_SYNTH = { pipeline: '$PARENT_PIPELINE_ID', job: DEFAULT_SYNTH_JOB };
const DEFAULT_BRANCH_MANUAL = [
  { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', when: 'manual', allow_failure: false },
];

interface Job {
  stage?: string;
  image?: string | { name: string; entrypoint?: string[] };
  needs?: ({ job: string; artifacts?: boolean } | { pipeline: string; job: string })[];
  rules?: object[];
  script: string[];
  artifacts?: { paths?: string[]; when?: string; reports?: { terraform?: string } };
  resource_group?: string;
}
interface Pipeline {
  stages: string[];
  variables: Record<string, string>;
  [job: string]: unknown;
}

/** The example organisation's stacks, as synth plans them. */
function exampleStacks(): StackPlan[] {
  const { model } = validateRequests({
    requestsDir: path.join(REPO, 'requests'),
    configFile: path.join(REPO, 'eventbus.config.yaml'),
  });
  if (!model) throw new Error('the example organisation is invalid');
  return planStacks(model);
}

function render(stacks: readonly StackPlan[], allStacks: readonly StackPlan[], options = OPTIONS): Pipeline {
  // uniqueKeys (the yaml default) rejects a job name written twice.
  return parse(renderGitlabPipeline({ stacks, allStacks }, options), { uniqueKeys: true }) as Pipeline;
}

function jobsOf(pipeline: Pipeline): Map<string, Job> {
  return new Map(
    Object.entries(pipeline)
      .filter(([key]) => key !== 'stages' && key !== 'variables')
      .map(([name, job]) => [name, job as Job]),
  );
}

function job(pipeline: Pipeline, name: string): Job {
  const found = jobsOf(pipeline).get(name);
  if (!found) throw new Error(`no job "${name}"`);
  return found;
}

function neededJobs(target: Job): string[] {
  return (target.needs ?? []).filter((need) => !('pipeline' in need)).map((need) => need.job);
}

const ALL = exampleStacks();

describe('the GitLab child pipeline', () => {
  it('plans, guards and offers to apply every stack, each job once', () => {
    const pipeline = render(ALL, ALL);
    const expected = ALL.flatMap((stack) => [
      `apply ${stack.name}`,
      `guard ${stack.name}`,
      `plan ${stack.name}`,
    ]).sort();
    expect([...jobsOf(pipeline).keys()]).toEqual(expected);
    for (const name of jobsOf(pipeline).keys()) {
      // Hidden jobs start with "."; GitLab caps job names at 255 characters.
      expect(name).toMatch(/^(plan|guard|apply) [a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.(topics|queues)$/);
      expect(name.length).toBeLessThanOrEqual(255);
    }
    expect(pipeline.stages).toEqual(['plan', 'guard', 'apply']);
  });

  it('plans each stack in its synth directory, from the parent pipeline synth job, keeping the plan files', () => {
    const pipeline = render(ALL, ALL);
    for (const stack of ALL) {
      const directory = `cdktf.out/stacks/${stack.name}`;
      const plan = job(pipeline, `plan ${stack.name}`);
      expect(plan.needs).toEqual([PARENT_SYNTH]);
      expect(plan.image).toEqual({ name: DEFAULT_TERRAFORM_IMAGE, entrypoint: [''] });
      expect(plan.script).toEqual([
        `terraform -chdir=${directory} init -input=false`,
        `terraform -chdir=${directory} plan -input=false -out=plan.tfplan`,
        `terraform -chdir=${directory} show -json plan.tfplan > ${directory}/plan.json`,
      ]);
      expect(plan.artifacts?.paths).toEqual([
        `${directory}/plan.tfplan`,
        `${directory}/plan.json`,
        `${directory}/.terraform.lock.hcl`,
      ]);
      expect(plan.rules).toBeUndefined();

      const guard = job(pipeline, `guard ${stack.name}`);
      expect(guard.needs).toEqual([{ job: `plan ${stack.name}` }]);
      expect(guard.script).toEqual([
        `${OPTIONS.eventbus} guard ${directory}/plan.json --terraform-report ${directory}/terraform-report.json`,
      ]);
      expect(guard.artifacts).toMatchObject({
        when: 'always',
        reports: { terraform: `${directory}/terraform-report.json` },
      });
      expect(guard.rules).toBeUndefined();
    }
  });

  it("applies on the default branch only, by hand, after its own plan and its topic stacks' applies", () => {
    const pipeline = render(ALL, ALL);
    const withDependencies = ALL.filter((stack) => stack.dependsOn.length > 0);
    expect(withDependencies.length).toBeGreaterThan(0);
    for (const stack of ALL) {
      const apply = job(pipeline, `apply ${stack.name}`);
      expect(apply.rules).toEqual(DEFAULT_BRANCH_MANUAL);
      expect(apply.needs).toEqual([
        PARENT_SYNTH,
        { job: `plan ${stack.name}` },
        { job: `guard ${stack.name}`, artifacts: false },
        ...stack.dependsOn.map((name) => ({ job: `apply ${name}`, artifacts: false })),
      ]);
      expect(apply.script.at(-1)).toBe(
        `terraform -chdir=cdktf.out/stacks/${stack.name} apply -input=false plan.tfplan`,
      );
      expect(apply.resource_group).toBe(`eventbus/${stack.name}`);
    }
  });

  it('orders the applies topics before queues, with every need present and in no later stage', () => {
    const pipeline = render(ALL, ALL);
    const jobs = jobsOf(pipeline);
    const stageIndex = (name: string): number => pipeline.stages.indexOf(jobs.get(name)?.stage ?? '');
    for (const [name, current] of jobs) {
      for (const needed of neededJobs(current)) {
        expect(jobs.has(needed), `${name} needs ${needed}`).toBe(true);
        expect(stageIndex(needed)).toBeLessThanOrEqual(stageIndex(name));
      }
      const appliesNeeded = neededJobs(current).filter((needed) => needed.startsWith('apply '));
      if (appliesNeeded.length > 0) {
        expect(name).toMatch(/\.queues$/);
        for (const needed of appliesNeeded) expect(needed).toMatch(/\.topics$/);
      }
    }
  });

  it('needs only the topic stacks that the same pipeline applies', () => {
    const queueStack = ALL.find((stack) => stack.dependsOn.length > 0) as StackPlan;
    const [firstDependency] = queueStack.dependsOn as [string];
    const alone = render([queueStack], ALL);
    expect([...jobsOf(alone).keys()].sort()).toEqual(
      [`apply ${queueStack.name}`, `guard ${queueStack.name}`, `plan ${queueStack.name}`].sort(),
    );
    expect(neededJobs(job(alone, `apply ${queueStack.name}`))).toEqual([
      `plan ${queueStack.name}`,
      `guard ${queueStack.name}`,
    ]);

    const dependency = ALL.find((stack) => stack.name === firstDependency) as StackPlan;
    const withDependency = render([queueStack, dependency], ALL);
    expect(neededJobs(job(withDependency, `apply ${queueStack.name}`))).toEqual([
      `plan ${queueStack.name}`,
      `guard ${queueStack.name}`,
      `apply ${firstDependency}`,
    ]);
    expect(neededJobs(job(withDependency, `apply ${firstDependency}`))).toEqual([
      `plan ${firstDependency}`,
      `guard ${firstDependency}`,
    ]);
  });

  it('is one no-op job when no stack is to be planned, since GitLab refuses a pipeline without jobs', () => {
    const pipeline = render([], ALL);
    expect([...jobsOf(pipeline).keys()]).toEqual([NOTHING_TO_PLAN_JOB]);
    expect(job(pipeline, NOTHING_TO_PLAN_JOB).script).toEqual([
      'echo "No event bus stack changed: nothing to plan or apply."',
    ]);
    expect(gitlabCiViolations(pipeline)).toEqual([]);
  });

  it('is the same text for the same stacks, whatever their order', () => {
    const text = renderGitlabPipeline({ stacks: ALL, allStacks: ALL }, OPTIONS);
    const shuffled = [...ALL].reverse();
    expect(renderGitlabPipeline({ stacks: shuffled, allStacks: shuffled }, OPTIONS)).toBe(text);
    expect(renderGitlabPipeline({ stacks: ALL, allStacks: ALL }, OPTIONS)).toBe(text);
    const names = [...jobsOf(parse(text) as Pipeline).keys()];
    expect(names).toEqual([...names].sort());
  });

  it('takes the engine, images, output directory, synth job and stage names it is given', () => {
    const stack = ALL[0] as StackPlan;
    const pipeline = render([stack], ALL, {
      binary: 'tofu',
      image: 'registry.example.com/tools/tofu:1.10',
      nodeImage: 'node:20',
      eventbus: 'npx eventbus',
      outdir: 'build/terraform/',
      synthJob: 'make-stacks',
      stages: { plan: 'check', apply: 'deploy' },
    });
    expect(pipeline.stages).toEqual(['check', 'guard', 'deploy']);
    const plan = job(pipeline, `plan ${stack.name}`);
    expect(plan.stage).toBe('check');
    expect(plan.image).toEqual({ name: 'registry.example.com/tools/tofu:1.10', entrypoint: [''] });
    expect(plan.needs).toEqual([{ pipeline: '$PARENT_PIPELINE_ID', job: 'make-stacks' }]);
    expect(plan.script[0]).toBe(`tofu -chdir=build/terraform/stacks/${stack.name} init -input=false`);
    const guard = job(pipeline, `guard ${stack.name}`);
    expect(guard.image).toBe('node:20');
    expect(guard.script[0]).toMatch(/^npx eventbus guard build\/terraform\/stacks\//);
    expect(job(pipeline, `apply ${stack.name}`).stage).toBe('deploy');
    expect(gitlabCiViolations(pipeline)).toEqual([]);
  });

  it("passes GitLab's own CI schema, which rejects a broken job", () => {
    const pipeline = render(ALL, ALL);
    expect(gitlabCiViolations(pipeline)).toEqual([]);
    const stack = ALL[0] as StackPlan;
    const broken = {
      ...pipeline,
      [`apply ${stack.name}`]: { ...job(pipeline, `apply ${stack.name}`), when: 'sometimes' },
    };
    expect(gitlabCiViolations(broken).length).toBeGreaterThan(0);
  });

  it('refuses stacks whose dependencies are not topic stacks of the bus, and stacks listed twice', () => {
    const queueStack = ALL.find((stack) => stack.dependsOn.length > 0) as StackPlan;
    expect(() => renderGitlabPipeline({ stacks: [queueStack], allStacks: [queueStack] }, OPTIONS)).toThrow(
      /no topic stack of the bus/,
    );
    expect(() => renderGitlabPipeline({ stacks: [queueStack, queueStack], allStacks: ALL }, OPTIONS)).toThrow(
      /listed twice/,
    );
  });

  it('accepts output directories inside the repository only, in characters that need no quoting', () => {
    for (const good of ['cdktf.out', 'build/cdktf.out', 'out/'])
      expect(outputDirectoryProblem(good)).toBeUndefined();
    for (const bad of ['/tmp/out', '../out', 'a/../../b', '.', 'out dir', 'out/*', '$OUT', '']) {
      expect(outputDirectoryProblem(bad), bad).toMatch(/relative path inside the repository/);
    }
  });
});
