/**
 * Openers of expressions that tools downstream evaluate inside plain strings (security.md §3):
 * Terraform JSON strings are templates, aws-cdk-lib resolves `${Token[...]}`, CloudFormation
 * resolves `{{resolve:...}}` in any property. A request value never needs them.
 */
const TEMPLATE_OPENERS: readonly { readonly opener: string; readonly evaluator: string }[] = [
  {
    opener: '${',
    evaluator: 'Terraform evaluates as an interpolation (and aws-cdk-lib resolves as a token)',
  },
  { opener: '%{', evaluator: 'Terraform evaluates as a template directive' },
  { opener: '{{', evaluator: 'CloudFormation resolves as a dynamic reference' },
];

export interface TemplateExpression {
  readonly index: number;
  readonly opener: string;
  readonly evaluator: string;
}

/** The earliest template opener in `text`, if any. */
export function findTemplateExpression(text: string): TemplateExpression | undefined {
  let earliest: TemplateExpression | undefined;
  for (const { opener, evaluator } of TEMPLATE_OPENERS) {
    const index = text.indexOf(opener);
    if (index !== -1 && (earliest === undefined || index < earliest.index)) {
      earliest = { index, opener, evaluator };
    }
  }
  return earliest;
}
