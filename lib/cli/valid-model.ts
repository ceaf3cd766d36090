import type { EventBusModel } from '../model';
import { validateRequests } from '../pipeline';
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
  const { model, diagnostics } = validateRequests({
    requestsDir: sources.requests,
    configFile: sources.config,
  });
  if (!model || diagnostics.length > 0) output.stderr(formatText(diagnostics));
  return model;
}
