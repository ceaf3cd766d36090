import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { buildModel } from '../../model/build';
import { isTeamFile, newTeamFile } from '../../model/team-files';
import { loadRequests, SCHEMAS } from '../../request';
import { passesSchema } from '../../request/schema-check';
import { renderNewRequest } from '../../views/new-request';
import { describeEnvironmentFailure } from '../environment-failure';
import { FileExists, writeNewFile } from '../new-file';
import { formatText, neutralize } from '../report';
import { EXIT, UsageError, type Output } from '../usage';

const DEFAULTS = { dir: 'requests', config: 'eventbus.config.yaml' } as const;

/** Where the example files point their editors; the README keeps the schemas there too. */
const REQUEST_SCHEMA = 'schemas/request.schema.json';

export function initCommand(args: readonly string[], output: Output): number {
  const { values } = parseArgs({
    args: [...args],
    options: {
      team: { type: 'string' },
      dir: { type: 'string', default: DEFAULTS.dir },
      config: { type: 'string', default: DEFAULTS.config },
    },
    strict: true,
  });
  const { team, dir, config } = values;
  if (team === undefined) throw new UsageError('init needs --team NAME');
  assertTeamName(team);

  const loaded = loadRequests({ requestsDir: dir, configFile: config });
  if (!loaded.config) {
    // Only the platform config matters here: a missing requests directory is created.
    const shown = loaded.files[0];
    output.stderr(formatText(loaded.diagnostics.filter((diagnostic) => diagnostic.file === shown)));
    return EXIT.invalid;
  }
  const { platform } = buildModel(loaded.config, []).model;

  const existing = loaded.requests.find((file) => file.request.team === team);
  if (existing || loaded.teamsWithBrokenFiles.has(team)) {
    throw new UsageError(
      `team "${team}" already has a request file${existing ? ` (${existing.file})` : ''}: add to it instead`,
    );
  }
  const requestsRoot = path.resolve(dir);
  const inPlace = loaded.files
    .slice(1)
    .find((file) =>
      isTeamFile(platform.teamFiles, team, toPosix(path.relative(requestsRoot, path.resolve(file)))),
    );
  if (inPlace) throw new UsageError(`team "${team}" already has a file in its place: ${neutralize(inPlace)}`);

  const place = newTeamFile(platform.teamFiles, team);
  if (place === undefined) {
    throw new UsageError(
      `the platform config's teamFiles (${platform.teamFiles.join(', ')}) name no YAML file for team "${team}": write the file by hand`,
    );
  }
  const target = path.join(dir, place);
  const shown = toPosix(path.relative(process.cwd(), path.resolve(target)));
  const schema = toPosix(path.relative(path.dirname(path.resolve(target)), path.resolve(REQUEST_SCHEMA)));
  try {
    writeNewFile(target, renderNewRequest({ team, platform, file: shown, schema }));
  } catch (error) {
    if (error instanceof FileExists) throw new UsageError(`refusing to overwrite ${neutralize(shown)}`);
    const failure = describeEnvironmentFailure(error);
    if (failure === undefined) throw error;
    output.stderr(`${failure}\n`);
    return EXIT.invalid;
  }
  output.stdout(
    `wrote ${neutralize(shown)} for team ${team}\nnext: edit it, then run "${neutralize(validateCommandLine(dir, config))}"\n`,
  );
  return EXIT.ok;
}

/** The request schema decides, so init refuses exactly the names validate would. */
function assertTeamName(team: string): void {
  if (passesSchema('request', { team, owner: 'x' })) return;
  const rule = (SCHEMAS.request as { $defs: { teamName: { description: string } } }).$defs.teamName
    .description;
  throw new UsageError(`--team "${neutralize(team)}" is not a team name: ${rule}`);
}

/** The validate command that reads the same files, options only where they differ from its defaults. */
function validateCommandLine(dir: string, config: string): string {
  return [
    'eventbus validate',
    ...(dir === DEFAULTS.dir ? [] : [`--requests ${shellWord(dir)}`]),
    ...(config === DEFAULTS.config ? [] : [`--config ${shellWord(config)}`]),
  ].join(' ');
}

function shellWord(word: string): string {
  return /^[\w./-]+$/.test(word) ? word : `'${word.split("'").join("'\\''")}'`;
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
