#!/usr/bin/env node
import { run } from '../lib/cli';

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
