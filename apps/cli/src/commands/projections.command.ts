import type { ConsumerStatus, RetryReport } from '@app/consumers';
import { type CliCommand, type CliIo, EXIT_FAILURE, EXIT_OK } from '../command';
import { parseCommandLine } from '../parse-command-line';
import { UsageError } from '../usage-error';
import {
  formatCount,
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
  cli projections retry <name> [--session <id>] [--json]

status   state, health, position, lag (events and seconds), set-aside sessions and last error of
         each read-model projection and of the Kafka publisher. Lag in events is counted up to
         10,000 (">=" beyond). Health is degraded while a consumer fails, has sessions set aside
         (an event of theirs cannot be applied; the consumer skips that session and carries on),
         or is held back by an open transaction.
rebuild  replays the whole event log into a fresh generation of the projection's tables while
         queries keep reading the current one, then swaps it in. Without a name: every projection,
         one after the other. A progress bar on a terminal (events done, rate, time left); plain
         lines otherwise. A rebuild starts with no session set aside and sets aside its own.
retry    re-applies a consumer's set-aside sessions in order, once their cause is fixed (say, an
         upcaster that mends the data): the one given with --session, else all of them. Says
         which cleared, which failed again (with the error) and which are still pending (the
         consumer is not running, or busy: it retries them when it gets to them). A deleted
         session is simply dropped from the list. Exit status 1 when any failed again.

Flags:
  --session <id>  retry: the set-aside session to retry
  --json          JSON for scripts (default: a table)
  --token <jwt>   an admin token for the running app (default: one the CLI signs, valid
                  10 minutes, with JWT_SECRET or the development default)
  -h, --help      this help

Where the data comes from (said on stderr): READ_MODEL_STORE=postgres: the stores directly;
embedded: DATA_DIR belongs to one process. The app holding it (named in DATA_DIR/owner.lock,
with the address it serves, whatever PORT says) is asked through its admin API; when no
process holds it, the CLI takes the lock and opens the folder itself.`;

function statusTable(rows: readonly ConsumerStatus[]): string {
  return formatTable(
    [
      'name',
      'kind',
      'state',
      'health',
      'position',
      'lag events',
      'lag seconds',
      'set aside',
      'last error',
    ],
    rows.map((row) => [
      row.name,
      row.kind,
      row.state,
      row.health.state,
      row.position,
      row.lagEventsExact ? String(row.lagEvents) : `>=${row.lagEvents}`,
      row.lagSeconds.toFixed(1),
      row.setAsideCount === 0
        ? '0'
        : `${row.setAsideCount}: ${row.setAside.map((s) => s.sessionId).join(' ')}`,
      row.lastError,
    ]),
  );
}

/** The set-aside sessions in detail: which event, why, since when. */
function setAsideTable(rows: readonly ConsumerStatus[]): string | undefined {
  const sessions = rows.flatMap((row) => row.setAside.map((s) => ({ consumer: row.name, ...s })));
  if (sessions.length === 0) return undefined;
  return formatTable(
    ['consumer', 'set-aside session', 'event', 'type', 'position', 'error', 'since'],
    sessions.map((s) => [
      s.consumer,
      s.sessionId,
      s.event.eventId,
      s.event.type,
      s.event.position,
      `${s.errorCode}: ${s.errorMessage}`,
      s.setAsideAt,
    ]),
  );
}

function retryTable(report: RetryReport): string {
  return formatTable(
    ['session', 'outcome', 'error'],
    [
      ...report.cleared.map((id) => [id, 'cleared', null]),
      ...report.failed.map((f) => [f.sessionId, 'failed again', f.error]),
      ...report.pending.map((id) => [id, 'pending', null]),
    ],
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
      io.err(
        `${name}: rebuilt, ${formatCount(result.eventsDone)} events in ${formatDuration(result.seconds)}`,
      );
      if (result.setAside.length > 0) {
        io.err(`${name}: set aside in the new generation: ${result.setAside.join(', ')}`);
      }
    }
    done.push(result);
  }
  return done;
}

const SUBCOMMANDS = ['status', 'rebuild', 'retry'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];
const isSubcommand = (value: string | undefined): value is Subcommand =>
  (SUBCOMMANDS as readonly (string | undefined)[]).includes(value);

/** `projections status|rebuild|retry`, over whichever backend the environment leads to. */
export function createProjectionsCommand(
  open: BackendOpener = openOperatorBackend,
  terminal: () => ProgressTerminal = stderrTerminal,
): CliCommand {
  return {
    name: 'projections',
    summary:
      'status of the projections and the publisher; rebuild a projection; retry set-aside sessions',
    help: HELP,
    async run(args, io) {
      const { flags, positionals } = parseCommandLine(
        args,
        { json: { type: 'boolean' }, token: { type: 'string' }, session: { type: 'string' } },
        2,
      );
      const [sub, name] = positionals;
      if (!isSubcommand(sub)) {
        throw new UsageError(
          sub === undefined
            ? 'missing the subcommand: status, rebuild or retry'
            : `unknown subcommand "${sub}"`,
        );
      }
      if (sub === 'status' && name !== undefined) {
        throw new UsageError(`unexpected argument: ${name} (status lists every consumer)`);
      }
      if (sub === 'retry' && name === undefined) {
        throw new UsageError('retry needs the name of a projection (or kafka-publisher)');
      }
      if (sub !== 'retry' && flags.session !== undefined) {
        throw new UsageError('--session is a flag of `projections retry`');
      }
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
          if (json) io.out(JSON.stringify(rows, null, 2));
          else io.out([statusTable(rows), setAsideTable(rows)].filter(Boolean).join('\n\n'));
          return EXIT_OK;
        }
        if (sub === 'retry' && name !== undefined) {
          const session = typeof flags.session === 'string' ? flags.session : undefined;
          const report = await backend.retry(name, session);
          if (session !== undefined && report.requested.length === 0) {
            io.err(`projections: ${name} has no set-aside session ${session}`);
            return EXIT_FAILURE;
          }
          io.out(json ? JSON.stringify(report, null, 2) : retryTable(report));
          if (!json && report.requested.length === 0) io.err(`${name}: no session is set aside`);
          return report.failed.length > 0 ? EXIT_FAILURE : EXIT_OK;
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
                ['projection', 'events', 'time', 'position', 'set aside'],
                results.map((r) => [
                  r.projection,
                  formatCount(r.eventsDone),
                  formatDuration(r.seconds),
                  r.position,
                  r.setAside.length,
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
