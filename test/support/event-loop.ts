/**
 * Lets a test worker's event loop turn during long in-process work. Vitest's worker answers its
 * RPC only between macrotasks, and gives up after a fixed 60 s ("Timeout calling onTaskUpdate"):
 * awaiting microtasks alone never yields, and on a loaded 2-core machine a few seconds of idle
 * work stretch past that limit.
 */

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
