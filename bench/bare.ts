import { readOrganisation } from './description';

/**
 * Runs one bare engine program on a description that `bench/run.ts` wrote:
 *
 *     node dist/bench/bare.js cdktf|cdk <description.json> <outdir>
 *
 * Each engine is imported only when asked for, so neither run pays for the other's library.
 */
async function main(): Promise<void> {
  const [engine, description, outdir] = process.argv.slice(2);
  if ((engine !== 'cdktf' && engine !== 'cdk') || description === undefined || outdir === undefined) {
    process.stderr.write('usage: node dist/bench/bare.js cdktf|cdk <description.json> <outdir>\n');
    process.exitCode = 64;
    return;
  }
  const organisation = readOrganisation(description);
  if (engine === 'cdktf') {
    const { synthesizeBareTerraform } = await import('./bare-cdktf.js');
    synthesizeBareTerraform(organisation, outdir);
  } else {
    const { synthesizeBareCloudFormation } = await import('./bare-cdk.js');
    synthesizeBareCloudFormation(organisation, outdir);
  }
}

void main();
