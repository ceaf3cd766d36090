import type { DocumentPath } from '../../diagnostics';
import { describeForbiddenCharacters, findForbiddenCharacters, quoteForMessage } from './characters';
import type { Problem } from './problems';
import type { SourceText } from './source-text';
import { findTemplateExpression, holdsEncodedNumberToken } from './templates';

/** Where a key or string value sits in the file. */
export interface TextSite {
  readonly source: SourceText;
  /** [start, end) of the scalar in the source, quotes and block indicators included. */
  readonly start: number;
  readonly end: number;
  readonly path: DocumentPath;
  readonly role: 'key' | 'value';
}

/** Problems in the text of one key or string value. */
export function checkText(text: string, site: TextSite): Problem[] {
  const problems: Problem[] = [];
  const escaped = escapedForbiddenCharacters(text, site);
  if (escaped !== undefined) {
    problems.push(escaped);
  }
  const template = templateProblem(text, site);
  if (template !== undefined) {
    problems.push(template);
  }
  if (holdsEncodedNumberToken(text)) {
    problems.push(numberTokenProblem(quoteForMessage(text), site));
  }
  return problems;
}

/** A number (or text that reads as one) in the range the engines use to encode number tokens. */
export function numberTokenProblem(
  written: string,
  site: Pick<TextSite, 'source' | 'start' | 'path'> & { readonly role: 'key' | 'value' },
): Problem {
  const what = site.role === 'key' ? 'Key' : 'Value';
  return {
    code: 'template-expression',
    position: site.source.position(site.start),
    path: site.path,
    message: `${what} ${written} is how aws-cdk-lib and cdktf encode a number token: the generated Terraform or CloudFormation would resolve it to something else, or fail to synthesize.`,
    hint: 'Write the number you mean; no real value lies in this range (near -1.9e+289).',
  };
}

/**
 * Forbidden characters the decoded text holds beyond those written raw in the scalar's source
 * (reported per line already): they came from escapes such as "\u202e".
 */
function escapedForbiddenCharacters(text: string, site: TextSite): Problem | undefined {
  const found = findForbiddenCharacters(text);
  if (
    found.length === 0 ||
    found.length <= findForbiddenCharacters(site.source.text.slice(site.start, site.end)).length
  ) {
    return undefined;
  }
  const what = site.role === 'key' ? 'Key' : 'Value';
  return {
    code: 'forbidden-character',
    position: site.source.position(site.start),
    path: site.path,
    message: `${what} contains ${describeForbiddenCharacters(found)}, written as an escape sequence: keys and values may hold only printable text, tabs and line breaks; ${site.role} given: ${quoteForMessage(text)}.`,
    hint: 'Remove the escape sequence (such as \\u202e or \\x1b) from the quoted text.',
  };
}

function templateProblem(text: string, site: TextSite): Problem | undefined {
  const template = findTemplateExpression(text);
  if (template === undefined) {
    return undefined;
  }
  // Point at the opener itself when it is written as is; escapes like "$\x7b" only have the scalar's position.
  const written = site.source.text.indexOf(template.opener, site.start);
  const offset = written !== -1 && written + template.opener.length <= site.end ? written : site.start;
  const what = site.role === 'key' ? 'Key' : 'Value';
  return {
    code: 'template-expression',
    position: site.source.position(offset),
    path: site.path,
    message: `${what} contains "${template.opener}", which ${template.evaluator}: keys and values may not contain "\${", "%{", "{{", "#{" or "&{"; ${site.role} given: ${quoteForMessage(text)}.`,
    hint: `Remove "${template.opener}" from the text; request values are taken literally, and the generated Terraform or CloudFormation would evaluate it.`,
  };
}
