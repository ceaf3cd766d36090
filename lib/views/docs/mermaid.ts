/**
 * Mermaid flowchart syntax for diagrams that GitLab renders from a `mermaid` code block. Names
 * never reach the diagram as syntax: ids are spelled from a closed alphabet, labels are quoted and
 * every character outside a small safe set is a Mermaid entity code (`#35;`, Mermaid's
 * "Entity codes to escape characters").
 */

/**
 * A node or subgraph id: letters and digits stay, `_h` stands for a hyphen (the names' only other
 * character), `_x` and six hex digits for anything else, and `_s` separates parts. An `_` always
 * starts a code, so two different inputs never meet; the kind in front keeps every id clear of
 * keywords such as `end` and of words that start with `o` or `x` after an arrow.
 */
export function mermaidId(kind: 'topic' | 'queue' | 'team', ...parts: readonly string[]): string {
  return [kind, ...parts.map(encodeIdPart)].join('_s');
}

function encodeIdPart(part: string): string {
  return part.replace(/[^a-z0-9]/gu, (character) =>
    character === '-' ? '_h' : `_x${(character.codePointAt(0) ?? 0).toString(16).padStart(6, '0')}`,
  );
}

/** A quoted label: text between `"` that Mermaid reads as plain characters. */
export function mermaidLabel(value: string): string {
  return `"${value.replace(/[^A-Za-z0-9 ,./:()_-]/gu, (character) => `#${character.codePointAt(0) ?? 0};`)}"`;
}
