import type {
  AsOf,
  SessionHistoryAnswer,
  SessionStateAnswer,
} from '@app/application/session-history';
import { type CliCommand, type CliIo, EXIT_FAILURE, EXIT_OK } from '../command';
import { parseCommandLine } from '../parse-command-line';
import { UsageError } from '../usage-error';
import {
  flatten,
  formatTable,
  type OpenBackendOptions,
  openOperatorBackend,
  type OperatorBackend,
} from './operator';

const HELP = `Usage:
  cli session history <id> [--json]
  cli session state <id> (--at <instant> | --version <n>) [--json]

For auditors: a session's stored events with their metadata, or its state as of an instant or a
stream version, replayed through the domain's own evolve. Private notes are never shown (the
auditor's view). A deleted session shows its deletion record.

Flags:
  --at <instant>   ISO-8601 instant: events recorded at or before it (state only)
  --version <n>    stream version, counting from 0, inclusive (state only)
  --json           the full answer as JSON, for scripts (default: a table)
  --token <jwt>    an admin token for the running app (default: one the CLI signs, valid
                   10 minutes, with JWT_SECRET or the development default)
  -h, --help       this help

Where the data comes from (said on stderr):
  READ_MODEL_STORE=postgres: the stores directly (EVENT_STORE, DATABASE_URL, EVENTSTORE_URL);
  embedded: DATA_DIR belongs to one process. The app holding it (named in DATA_DIR/owner.lock,
  with the address it serves, whatever PORT says) is asked through its API with an admin token;
  when no process holds it, the CLI takes the lock and opens the folder itself.

Exit codes: 0 found, 1 no such session or failure, 2 bad usage.`;

export type BackendOpener = (
  env: CliIo['env'],
  options?: OpenBackendOptions,
) => Promise<OperatorBackend>;

function parseAsOf(at: string | undefined, version: string | undefined): AsOf {
  if ((at === undefined) === (version === undefined))
    throw new UsageError('give exactly one of --at and --version');
  if (at !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}T/.test(at) || Number.isNaN(Date.parse(at))) {
      throw new UsageError(
        `--at must be an ISO-8601 instant such as 2026-03-01T10:00:00Z (got "${at}")`,
      );
    }
    return { at: new Date(at).toISOString() };
  }
  if (!/^(0|[1-9][0-9]*)$/.test(version ?? '')) {
    throw new UsageError(`--version must be an integer >= 0 (got "${String(version)}")`);
  }
  return { version: Number(version) };
}

function printDeleted(io: CliIo, answer: Extract<SessionHistoryAnswer, { kind: 'deleted' }>): void {
  const d = answer.deletion;
  io.out(
    `session ${answer.sessionId} was deleted (reason ${d.reason}) by ${d.deletedBy.userId} (${d.deletedBy.role}) at ${d.deletedAt}; deletion record at position ${d.position}`,
  );
}

function printHistory(io: CliIo, answer: SessionHistoryAnswer): number {
  if (answer.kind === 'not-found') {
    io.err(`session ${answer.sessionId}: no such session`);
    return EXIT_FAILURE;
  }
  if (answer.kind === 'deleted') {
    printDeleted(io, answer);
    return EXIT_OK;
  }
  io.out(
    `session ${answer.sessionId} (professional ${answer.professionalId ?? '-'}), version ${answer.version}`,
  );
  io.out(
    formatTable(
      ['version', 'position', 'type', 'schema', 'recorded at', 'actor', 'correlation id', 'note'],
      answer.events.map((e) => [
        e.streamVersion,
        e.position,
        e.type,
        e.storedSchemaVersion === e.schemaVersion
          ? `v${e.schemaVersion}`
          : `v${e.storedSchemaVersion}->v${e.schemaVersion}`,
        e.recordedAt,
        `${e.metadata.actor.userId} (${e.metadata.actor.role})`,
        e.metadata.correlationId,
        e.upcastError
          ? `upcast error: ${e.upcastError.message}`
          : e.data.hasPrivateNote === true
            ? 'has private note'
            : '',
      ]),
    ),
  );
  return EXIT_OK;
}

function printState(io: CliIo, answer: SessionStateAnswer): number {
  if (answer.kind === 'not-found') {
    io.err(
      `session ${answer.sessionId}: no such session (or deleted: see \`cli session history\`)`,
    );
    return EXIT_FAILURE;
  }
  if (answer.kind === 'deleted') {
    printDeleted(io, answer);
    return EXIT_OK;
  }
  const asOf =
    'at' in answer.asOf ? `as of ${answer.asOf.at}` : `as of version ${answer.asOf.version}`;
  io.out(`session ${answer.sessionId} ${asOf}: version ${answer.version}`);
  const rows = flatten(answer.state).map(([key, value]) => [key, value]);
  if (answer.unreadableVersions.length > 0)
    rows.push(['unreadableVersions', answer.unreadableVersions.join(', ')]);
  io.out(formatTable(['field', 'value'], rows));
  return EXIT_OK;
}

/** `session history|state`, over whichever backend the environment leads to. */
export function createSessionCommand(open: BackendOpener = openOperatorBackend): CliCommand {
  return {
    name: 'session',
    summary: 'a session’s history, or its state as of an instant or a version (auditors)',
    help: HELP,
    async run(args, io) {
      const { flags, positionals } = parseCommandLine(
        args,
        {
          json: { type: 'boolean' },
          token: { type: 'string' },
          at: { type: 'string' },
          version: { type: 'string' },
        },
        2,
      );
      const [sub, id] = positionals;
      if (sub !== 'history' && sub !== 'state') {
        throw new UsageError(
          sub === undefined
            ? 'missing the subcommand: history or state'
            : `unknown subcommand "${sub}"`,
        );
      }
      if (id === undefined) throw new UsageError('missing the session <id>');
      if (sub === 'history' && (flags.at !== undefined || flags.version !== undefined)) {
        throw new UsageError('--at and --version are flags of `session state`');
      }
      const asOf = sub === 'state' ? parseAsOf(flags.at, flags.version) : undefined;
      const backend = await open(io.env, {
        command: ['session', ...args].join(' '),
        ...(flags.token === undefined ? {} : { token: flags.token }),
        notice: (line) => io.err(`session: ${line}`),
      });
      try {
        io.err(`session: reading ${backend.description}`);
        if (asOf === undefined) {
          const answer = await backend.history(id);
          if (flags.json) {
            io.out(JSON.stringify(answer, null, 2));
            return answer.kind === 'not-found' ? EXIT_FAILURE : EXIT_OK;
          }
          return printHistory(io, answer);
        }
        const answer = await backend.state(id, asOf);
        if (flags.json) {
          io.out(JSON.stringify(answer, null, 2));
          return answer.kind === 'not-found' ? EXIT_FAILURE : EXIT_OK;
        }
        return printState(io, answer);
      } finally {
        await backend.close();
      }
    },
  };
}

export const sessionCommand = createSessionCommand();
