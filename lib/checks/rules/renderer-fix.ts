/**
 * The fix of a finding that no request or platform config can cause, because the model always
 * renders it the other way: the output was edited by hand or written by another version, or the
 * Terraform renderer is wrong. `renders` says what the renderer must write.
 */
export function rendererFix(renders: string): string {
  return `No request or config setting causes this: regenerate the output with "eventbus synth" instead of editing it; if synth's own output fails, the Terraform renderer is wrong and must write ${renders}.`;
}
