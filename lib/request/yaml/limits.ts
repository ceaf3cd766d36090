/** Bounds on what one request file may make the reader do. */
export interface YamlLimits {
  /** Largest file accepted, in bytes. Checked before decoding. Default 64 KiB. */
  readonly maxBytes: number;
  /** Deepest nesting of mappings and lists, the top-level mapping counting as 1. Default 32. */
  readonly maxDepth: number;
  /**
   * How many times aliases (`*name`) may be expanded in one file, every expansion counted, also
   * those inside other expansions. Default 0: anchors and aliases are rejected outright, since a
   * request file has no need for them and they are the billion-laughs vector.
   */
  readonly maxAliases: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = Object.freeze({
  maxBytes: 64 * 1024,
  maxDepth: 32,
  maxAliases: 0,
});

/**
 * Ceilings no caller can raise a limit past. The reference (security.md §3) observed yaml's
 * composer exhausting the stack at about 1,000 levels, after which a second parse aborted Node;
 * and a hostile 1 MiB file of errors took seconds to read when tried. These keep every file far
 * from both, whatever a caller passes.
 */
export const YAML_LIMIT_CEILINGS: YamlLimits = Object.freeze({
  maxBytes: 256 * 1024,
  maxDepth: 128,
  maxAliases: 1000,
});

/** Fills in defaults and clamps each limit to [0 or 1, ceiling]; ignores values that are not whole numbers. */
export function resolveLimits(requested: Partial<YamlLimits> | undefined): YamlLimits {
  const clamp = (key: keyof YamlLimits, lowest: number): number => {
    const value = requested?.[key];
    return Number.isInteger(value)
      ? Math.min(Math.max(value as number, lowest), YAML_LIMIT_CEILINGS[key])
      : DEFAULT_YAML_LIMITS[key];
  };
  return {
    maxBytes: clamp('maxBytes', 0),
    maxDepth: clamp('maxDepth', 1),
    maxAliases: clamp('maxAliases', 0),
  };
}
