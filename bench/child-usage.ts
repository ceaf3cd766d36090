import * as fs from 'node:fs';

/**
 * Preloaded into every measured command (`node --require dist/bench/child-usage.js ...`): when
 * the process exits, it writes its own CPU time and peak resident memory, as getrusage(2) counts
 * them, to the file named by BENCH_USAGE_FILE.
 */
const file = process.env['BENCH_USAGE_FILE'];
if (file !== undefined) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    fs.writeFileSync(
      file,
      JSON.stringify({
        userMicros: usage.userCPUTime,
        systemMicros: usage.systemCPUTime,
        maxRssKilobytes: usage.maxRSS,
      }),
    );
  });
}
