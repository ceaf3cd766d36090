/**
 * Openers of expressions that tools downstream evaluate inside plain strings (security.md §3):
 * Terraform JSON strings are templates, aws-cdk-lib and cdktf resolve their token markers
 * (`${Token[..]}`, `#{Token[..]}`, `${TfToken[..]}`, `#{TfToken[..]}`, `&{TfToken[..]}`),
 * CloudFormation resolves `{{resolve:...}}` in any property. A request value never needs them.
 */
const TEMPLATE_OPENERS: Readonly<Record<string, string>> = {
  '${': 'Terraform evaluates as an interpolation (and aws-cdk-lib and cdktf resolve as a token)',
  '%{': 'Terraform evaluates as a template directive',
  '{{': 'CloudFormation resolves as a dynamic reference',
  '#{': 'aws-cdk-lib and cdktf resolve as an encoded list token',
  '&{': 'cdktf resolves as an encoded map token',
};
const TEMPLATE_OPENER = /\$\{|%\{|\{\{|#\{|&\{/;

/** The earliest template opener in `text`, if any, and what would evaluate it. */
export function findTemplateExpression(text: string): { opener: string; evaluator: string } | undefined {
  const opener = TEMPLATE_OPENER.exec(text)?.[0];
  return opener === undefined ? undefined : { opener, evaluator: TEMPLATE_OPENERS[opener] ?? '' };
}

/**
 * The engines encode number tokens as doubles whose top 16 bits are a marker (aws-cdk-lib
 * 0xFBFF; cdktf 0xFDFF for numbers and 0xFBFF for lists): such a value, as a number or as text
 * that reads as one, would be resolved as a reference to something else, or crash synthesis.
 */
const NUMBER_TOKEN_MARKERS = new Set([0xfbff, 0xfdff]);
const bits = new DataView(new ArrayBuffer(8));

export function isEncodedNumberToken(value: number): boolean {
  bits.setFloat64(0, value);
  return Number.isFinite(value) && NUMBER_TOKEN_MARKERS.has(bits.getUint16(0));
}

/**
 * Text that holds a number in the engines' token range, alone or inside other text: aws-cdk-lib
 * looks for number tokens inside strings too. Such doubles are near -1e289 or beyond, so they are
 * written with an exponent or with at least 289 digits; other text is not parsed at all.
 */
export function holdsEncodedNumberToken(text: string): boolean {
  if (text.length < 289 && !/\de[-+]?\d/i.test(text)) return false;
  const trimmed = text.trim();
  if (trimmed !== '' && isEncodedNumberToken(Number(trimmed))) return true;
  return Array.from(text.matchAll(/[-+]?\d*\.?\d+e[-+]?\d+/gi)).some(([number]) =>
    isEncodedNumberToken(Number(number)),
  );
}

/**
 * Keys CloudFormation (and aws-cdk-lib's resolver) treat as intrinsic functions or conditions
 * wherever they stand in a template ("Intrinsic function reference", AWS CloudFormation User
 * Guide): a filter policy with such a key would be evaluated, not sent to SNS.
 */
export function isIntrinsicKey(key: string): boolean {
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::');
}
