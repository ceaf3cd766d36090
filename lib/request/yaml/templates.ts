/**
 * Openers of expressions that tools downstream evaluate inside plain strings (security.md §3):
 * Terraform JSON strings are templates, aws-cdk-lib and cdktf resolve their token markers
 * (`${Token[..]}`, `#{Token[..]}`, `${TfToken[..]}`, `#{TfToken[..]}`, `&{TfToken[..]}`),
 * CloudFormation resolves `{{resolve:...}}` in any property. A request value never needs them.
 */
const TEMPLATE_OPENERS: readonly { readonly opener: string; readonly evaluator: string }[] = [
  {
    opener: '${',
    evaluator: 'Terraform evaluates as an interpolation (and aws-cdk-lib and cdktf resolve as a token)',
  },
  { opener: '%{', evaluator: 'Terraform evaluates as a template directive' },
  { opener: '{{', evaluator: 'CloudFormation resolves as a dynamic reference' },
  { opener: '#{', evaluator: 'aws-cdk-lib and cdktf resolve as an encoded list token' },
  { opener: '&{', evaluator: 'cdktf resolves as an encoded map token' },
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

/**
 * The engines encode number tokens as doubles whose top 16 bits are a marker (aws-cdk-lib
 * 0xFBFF; cdktf 0xFDFF for numbers and 0xFBFF for lists): such a value, as a number or as text
 * that reads as one, would be resolved as a reference to something else, or crash synthesis.
 */
const NUMBER_TOKEN_MARKERS = new Set([0xfbff, 0xfdff]);

export function isEncodedNumberToken(value: number): boolean {
  if (!Number.isFinite(value)) return false;
  const bits = new DataView(new ArrayBuffer(8));
  bits.setFloat64(0, value);
  return NUMBER_TOKEN_MARKERS.has(bits.getUint16(0));
}

/**
 * Text that holds a number in the engines' token range, alone or inside other text:
 * aws-cdk-lib looks for number tokens inside strings too. Such doubles always print with an
 * exponent (near -1.9e+289), so only numbers written with one are candidates.
 */
export function holdsEncodedNumberToken(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed !== '' && isEncodedNumberToken(Number(trimmed))) return true;
  for (const [candidate] of text.matchAll(/[-+]?\d*\.?\d+e[-+]?\d+/gi)) {
    if (isEncodedNumberToken(Number(candidate))) return true;
  }
  return false;
}

/**
 * Keys CloudFormation (and aws-cdk-lib's resolver) treat as intrinsic functions or conditions
 * wherever they stand in a template ("Intrinsic function reference", AWS CloudFormation User
 * Guide): a filter policy with such a key would be evaluated, not sent to SNS.
 */
export function isIntrinsicKey(key: string): boolean {
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::');
}
