/** Bounds on what one file may make the reader do; aliases, the billion-laughs vector, are all refused. */
export interface YamlLimits {
  /** Largest file accepted, in bytes. Checked before decoding. Default 64 KiB. */
  readonly maxBytes: number;
  /** Deepest nesting of mappings and lists, the top-level mapping counting as 1. Default 32. */
  readonly maxDepth: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = Object.freeze({ maxBytes: 64 * 1024, maxDepth: 32 });

/**
 * Ceilings no caller can raise a limit past, far from what failed in the reference (security.md
 * §3): yaml's composer overflowing near 1,000 levels, a 1 MiB file of errors taking seconds.
 */
export const YAML_LIMIT_CEILINGS: YamlLimits = Object.freeze({ maxBytes: 256 * 1024, maxDepth: 128 });

/** Fills in defaults and clamps each limit to [0 or 1, ceiling]; ignores values that are not whole numbers. */
export function resolveLimits(requested: Partial<YamlLimits> | undefined): YamlLimits {
  const clamp = (key: keyof YamlLimits, lowest: number): number => {
    const value = requested?.[key];
    return Number.isInteger(value)
      ? Math.min(Math.max(value as number, lowest), YAML_LIMIT_CEILINGS[key])
      : DEFAULT_YAML_LIMITS[key];
  };
  return { maxBytes: clamp('maxBytes', 0), maxDepth: clamp('maxDepth', 1) };
}
