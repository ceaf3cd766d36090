#!/usr/bin/env node
import { run } from '../lib/cli';

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
