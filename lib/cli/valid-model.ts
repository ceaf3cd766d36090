import type { EventBusModel, StackPlan } from '../model';
import { validateLoaded } from '../pipeline';
import { loadRequests, type LoadedRequests, type LoadOptions } from '../request';
import { formatText } from './report';
import type { Output } from './usage';

/**
 * The model for commands that need valid requests (route, access): any problem is printed to
 * stderr, and the command then ends with exit 1.
 */
export function validModelOrReport(
  sources: { readonly requests: string; readonly config: string },
  output: Output,
): EventBusModel | undefined {
  return validPlansOrReport(sources, output)?.model;
}

/** The valid model with every environment's stacks, as validation planned them; else as above. */
export function validPlansOrReport(
  sources: { readonly requests: string; readonly config: string },
  output: Output,
  load: (options: LoadOptions) => LoadedRequests = loadRequests,
): { readonly model: EventBusModel; readonly plans: readonly StackPlan[] } | undefined {
  const { model, plans, diagnostics } = validateLoaded(
    load({ requestsDir: sources.requests, configFile: sources.config }),
  );
  if (!model || diagnostics.length > 0) output.stderr(formatText(diagnostics));
  return model && plans ? { model, plans } : undefined;
}
