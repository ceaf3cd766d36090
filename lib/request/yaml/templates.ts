/**
 * Openers of expressions that tools downstream evaluate inside plain strings (security.md §3):
 * Terraform templates, the engines' token markers (`${Token[..]}`, `#{TfToken[..]}`, ...) and
 * CloudFormation's `{{resolve:...}}`. A request value never needs them.
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
 * The engines encode number tokens as doubles whose top 16 bits are 0xFBFF or 0xFDFF: such a
 * value, as a number or as text, would resolve to something else or crash synthesis.
 */
const NUMBER_TOKEN_MARKERS = new Set([0xfbff, 0xfdff]);
const bits = new DataView(new ArrayBuffer(8));

export function isEncodedNumberToken(value: number): boolean {
  bits.setFloat64(0, value);
  return Number.isFinite(value) && NUMBER_TOKEN_MARKERS.has(bits.getUint16(0));
}

/**
 * Text holding a number in the token range, alone or inside other text (aws-cdk-lib looks inside
 * strings too). Such numbers need an exponent or at least 289 digits; other text is not parsed.
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
 * Keys CloudFormation and aws-cdk-lib evaluate as intrinsic functions wherever they stand
 * ("Intrinsic function reference"): a filter policy with one would not reach SNS as written.
 */
export function isIntrinsicKey(key: string): boolean {
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::');
}
