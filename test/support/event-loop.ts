/**
 * Lets a test worker's event loop turn during long in-process work. Vitest's worker answers its
 * RPC only between macrotasks, and gives up after a fixed 60 s ("Timeout calling onTaskUpdate"):
 * awaiting microtasks alone never yields, and on a loaded 2-core machine a few seconds of idle
 * work stretch past that limit.
 */
import fc from 'fast-check';

/** How long work may hold the event loop before it turns: far below the 60 s even at 10x load. */
const MAX_HOLD_MS = 250;

let heldSince = performance.now();

/** Resolves after a turn of the event loop. */
export function turnEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve)).then(() => {
    heldSince = performance.now();
  });
}

/** Turns the event loop when work has held it for a while; cheap to call in a tight loop. */
export async function turnEventLoopIfHeld(): Promise<void> {
  if (performance.now() - heldSince >= MAX_HOLD_MS) await turnEventLoop();
}

/** A property's predicate, as `fc.property` takes it: it fails by throwing or by returning false. */
type Predicate<Ts extends unknown[]> = (...values: Ts) => unknown;

/**
 * `fc.property` for `fc.assert` to await: before each run it turns the event loop if work has held
 * it, where a synchronous property would hold it for all its runs at once.
 */
export function yieldingProperty<Ts extends [unknown, ...unknown[]]>(
  ...args: [...arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> }, predicate: Predicate<Ts>]
): fc.IAsyncPropertyWithHooks<Ts> {
  const predicate = args[args.length - 1] as Predicate<Ts>;
  const arbitraries = args.slice(0, -1) as { [K in keyof Ts]: fc.Arbitrary<Ts[K]> };
  return fc.asyncProperty<Ts>(...arbitraries, async (...values: Ts) => {
    await turnEventLoopIfHeld();
    return predicate(...values) !== false;
  });
}
