import { type CliCommand, type CliIo, EXIT_FAILURE, EXIT_OK } from '../command';
import { parseFlags } from '../parse-flags';
import { UsageError } from '../usage-error';
import {
  type ConsumerRow,
  formatDuration,
  formatTable,
  openOperatorBackend,
  type OperatorBackend,
  ProgressReporter,
  type ProgressTerminal,
  type RebuildDone,
  stderrTerminal,
} from './operator';
import type { BackendOpener } from './session.command';

const HELP = `Usage:
  cli projections status [--json]
  cli projections rebuild [name] [--json]

status   position, lag (events and seconds) and state of each read-model projection and of the
         Kafka publisher. Lag in events is counted up to 10,000 (">=" beyond).
rebuild  replays the whole event log into a fresh generation of the projection's tables while
         queries keep reading the current one, then swaps it in. Without a name: every projection,
         one after the other. A progress bar on a terminal (events done, rate, time left); plain
         lines otherwise.

Flags:
  --json         JSON for scripts (default: a table)
  --token <jwt>  an admin token for the running app (default: one the CLI signs, valid
                 10 minutes, with JWT_SECRET or the development default)
  -h, --help     this help

Where the data comes from (said on stderr): READ_MODEL_STORE=postgres: the stores directly;
embedded: DATA_DIR belongs to one process. The app holding it (named in DATA_DIR/owner.lock,
with the address it serves, whatever PORT says) is asked through its admin API; when no
process holds it, the CLI takes the lock and opens the folder itself.`;

function statusTable(rows: readonly ConsumerRow[]): string {
  return formatTable(
    ['name', 'kind', 'state', 'position', 'lag events', 'lag seconds', 'last error'],
    rows.map((row) => [
      row.name,
      row.kind,
      row.state,
      row.position,
      row.lagEventsExact ? String(row.lagEvents) : `>=${row.lagEvents}`,
      row.lagSeconds.toFixed(1),
      row.lastError,
    ]),
  );
}

async function rebuildAll(
  backend: OperatorBackend,
  names: readonly string[],
  progress: ProgressReporter,
  io: CliIo,
  json: boolean,
): Promise<RebuildDone[]> {
  const done: RebuildDone[] = [];
  for (const name of names) {
    const result = await backend.rebuild(name, (p) => progress.update(name, p));
    progress.finish();
    if (!json) {
      io.err(`${name}: rebuilt, ${result.eventsDone} events in ${formatDuration(result.seconds)}`);
    }
    done.push(result);
  }
  return done;
}

/** `projections status|rebuild`, over whichever backend the environment leads to. */
export function createProjectionsCommand(
  open: BackendOpener = openOperatorBackend,
  terminal: () => ProgressTerminal = stderrTerminal,
): CliCommand {
  return {
    name: 'projections',
    summary: 'status of the projections and the publisher; rebuild a projection',
    help: HELP,
    async run(args, io) {
      const [sub, ...rest] = args;
      if (sub !== 'status' && sub !== 'rebuild') {
        throw new UsageError(
          sub === undefined
            ? 'missing the subcommand: status or rebuild'
            : `unknown subcommand "${sub}"`,
        );
      }
      const name =
        sub === 'rebuild' && rest[0] !== undefined && !rest[0].startsWith('-')
          ? rest[0]
          : undefined;
      const flags = parseFlags(name === undefined ? rest : rest.slice(1), {
        json: { type: 'boolean' },
        token: { type: 'string' },
      });
      const json = flags.json === true;
      const backend = await open(io.env, {
        command: ['projections', ...args].join(' '),
        ...(flags.token === undefined ? {} : { token: flags.token }),
        notice: (line) => io.err(`projections: ${line}`),
      });
      try {
        io.err(`projections: ${backend.description}`);
        if (sub === 'status') {
          const rows = await backend.status();
          io.out(json ? JSON.stringify(rows, null, 2) : statusTable(rows));
          return EXIT_OK;
        }
        const known = await backend.projections();
        if (name !== undefined && !known.includes(name)) {
          io.err(`projections: no projection named ${name} (known: ${known.join(', ')})`);
          return EXIT_FAILURE;
        }
        const names = name === undefined ? known : [name];
        const results = await rebuildAll(
          backend,
          names,
          new ProgressReporter(terminal()),
          io,
          json,
        );
        io.out(
          json
            ? JSON.stringify(results, null, 2)
            : formatTable(
                ['projection', 'events', 'seconds', 'position'],
                results.map((r) => [
                  r.projection,
                  r.eventsDone,
                  Number(r.seconds.toFixed(1)),
                  r.position,
                ]),
              ),
        );
        return EXIT_OK;
      } finally {
        await backend.close();
      }
    },
  };
}

export const projectionsCommand = createProjectionsCommand();
