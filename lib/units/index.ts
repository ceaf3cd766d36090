/**
 * Typed durations and sizes. Request files give them as text ("30s", "14d") or numbers; they
 * become these values once, when a file is read, and numbers again only inside a backend.
 */

const SECONDS_PER_UNIT = { s: 1, m: 60, h: 3600, d: 86400 } as const;
type DurationUnit = keyof typeof SECONDS_PER_UNIT;

export class Duration {
  static seconds(amount: number): Duration {
    return new Duration(amount);
  }

  static minutes(amount: number): Duration {
    return new Duration(amount * SECONDS_PER_UNIT.m);
  }

  static hours(amount: number): Duration {
    return new Duration(amount * SECONDS_PER_UNIT.h);
  }

  static days(amount: number): Duration {
    return new Duration(amount * SECONDS_PER_UNIT.d);
  }

  /**
   * Reads whole seconds (a non-negative integer) or "<n><unit>" with unit s, m, h or d.
   * Returns undefined for anything else; the schema has already reported it.
   */
  static parse(input: unknown): Duration | undefined {
    if (typeof input === 'number') {
      return Number.isSafeInteger(input) && input >= 0 ? new Duration(input) : undefined;
    }
    if (typeof input !== 'string') return undefined;
    const match = /^(\d{1,9})([smhd])$/.exec(input);
    if (!match) return undefined;
    const [, amount, unit] = match as unknown as [string, string, DurationUnit];
    return new Duration(Number(amount) * SECONDS_PER_UNIT[unit]);
  }

  private constructor(private readonly totalSeconds: number) {}

  toSeconds(): number {
    return this.totalSeconds;
  }

  /** The largest unit that divides the value exactly: 43200 s reads "12h", 90 s reads "90s". */
  toHumanString(): string {
    for (const unit of ['d', 'h', 'm'] as const) {
      const perUnit = SECONDS_PER_UNIT[unit];
      if (this.totalSeconds >= perUnit && this.totalSeconds % perUnit === 0) {
        return `${this.totalSeconds / perUnit}${unit}`;
      }
    }
    return `${this.totalSeconds}s`;
  }

  /** "12h (43200 s)": both the unit a person wrote and the number AWS documents. */
  toString(): string {
    const human = this.toHumanString();
    return /^\d+s$/.test(human) ? human : `${human} (${this.totalSeconds} s)`;
  }
}

export class Size {
  static bytes(amount: number): Size {
    return new Size(amount);
  }

  static kibibytes(amount: number): Size {
    return new Size(amount * 1024);
  }

  private constructor(private readonly totalBytes: number) {}

  toBytes(): number {
    return this.totalBytes;
  }

  toString(): string {
    const kib = this.totalBytes / 1024;
    return Number.isInteger(kib) ? `${this.totalBytes} bytes (${kib} KiB)` : `${this.totalBytes} bytes`;
  }
}
