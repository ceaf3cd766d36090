import { stacksOfEnvironment, type ComparedRequests } from '../model';
import { validateWithBase } from '../pipeline';
import { GitReadError } from '../request/git';
import { formatText } from './report';
import { UsageError, type Output } from './usage';

/** The current requests and those at a git ref, both valid, each with its stack plans. */
export interface BaseComparison {
  readonly base: ComparedRequests;
  readonly current: ComparedRequests;
}

/**
 * Both sides of a change for diff, stacks and synth: problems of the working tree are printed as
 * validate prints them, and the command ends with exit 1; a base that does not validate cannot
 * be compared with, which is said in one line.
 */
export function compareWithBaseOrReport(
  sources: { readonly requests: string; readonly config: string },
  option: string,
  ref: string,
  output: Output,
  environment?: string,
): BaseComparison | undefined {
  let sides: ReturnType<typeof validateWithBase>;
  try {
    sides = validateWithBase({ requestsDir: sources.requests, configFile: sources.config }, ref);
  } catch (error) {
    if (error instanceof GitReadError) throw new UsageError(`${option} ${ref}: ${error.message}`);
    throw error;
  }
  const { current, base } = sides;
  if (!current.model || current.diagnostics.length > 0) output.stderr(formatText(current.diagnostics));
  if (!current.model || !current.plans) return undefined;
  if (!base.model || !base.plans) {
    output.stderr(
      `eventbus: the requests at ${ref} do not validate, so nothing can be compared with them; run "eventbus validate" at ${ref} to see why\n`,
    );
    return undefined;
  }
  return {
    base: { model: base.model, plans: stacksOfEnvironment(base.plans, environment) },
    current: { model: current.model, plans: stacksOfEnvironment(current.plans, environment) },
  };
}
