#!/usr/bin/env node
import { run } from '../lib/cli';

// yaml reads process.env.LOG_TOKENS and LOG_STREAM for every token it lexes, and each read of
// Node's process.env goes to the C environment (several times a plain object's cost): reading
// 500 request files spends about 0.1 s on it. A plain copy taken at start-up answers the same;
// child processes and threads inherit the copy as they would the environment.
process.env = { ...process.env };

// A reader that stops early (`eventbus validate | head`) closes the pipe. The command still runs
// to its end, so the exit code says what it found; what it would have printed is dropped.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Bad input is reported as diagnostics; reaching here means a bug in eventbus itself.
    process.stderr.write(
      `eventbus: internal error, please report it:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 70;
  },
);
