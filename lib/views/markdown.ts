/**
 * Markdown that GitLab renders as written: user text (names, filter values, principals) never
 * becomes markup, HTML, a reference (`@group`, `#1`, `!1`, `~label`) or a broken table.
 */

// C0 and C1 controls, DEL, and the bidirectional and zero-width characters of Trojan-source.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

function visible(text: string): string {
  return text.replace(INVISIBLE, (character) => `\\u{${character.codePointAt(0)?.toString(16)}}`);
}

/**
 * User text as a code span: GitLab neither parses markup nor resolves references inside one.
 * The fence is one backtick longer than the longest run inside (CommonMark 0.31, 6.1), and `|`
 * is escaped because GFM splits table rows on it even inside code spans (GFM 0.29, 4.10).
 */
export function markdownCode(text: string): string {
  const shown = visible(text).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const padding = shown.startsWith('`') || shown.endsWith('`') || shown.trim() === '' ? ' ' : '';
  return `${fence}${padding}${shown}${padding}${fence}`;
}
