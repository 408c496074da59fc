import { readFile, writeFile } from 'node:fs/promises';
import {
  evidenceFromExport,
  ExportFormatError,
  verifyEvidence,
  type VerificationReport,
} from '@app/audit';
import { type CliCommand, type CliIo, EXIT_FAILURE, EXIT_OK } from '../command';
import { parseCommandLine } from '../parse-command-line';
import { UsageError } from '../usage-error';
import { formatTable, openOperatorBackend } from './operator';
import type { BackendOpener } from './session.command';

const HELP = `Usage:
  cli audit verify [--session <id>] [--json]
  cli audit export --session <id> [--out <file>]
  cli audit verify-export <file> --public-key <pem file> [--json]

For auditors (docs/audit.md): whether the history read is the history written.
verify         checks the hash chain of each stream and every event against the signed seals
               (Merkle inclusion proofs): one session with --session, else the whole log.
               Outcome: verified, unchained-prefix (events from before the chain: never called
               tampering), not-yet-sealed (the newest events), or the first broken link with its
               position or version and why: data-altered, event-missing, events-reordered,
               not-covered-by-a-seal, removal-not-accounted-for, bad-signature.
export         writes the session's events as stored with their hashes, the covering seals and
               the inclusion proofs, as JSON Lines (stdout, or --out).
verify-export  checks an export offline with nothing but the seals' public key (the app serves it
               at GET /api/v1/audit/public-key).

Flags:
  --session <id>      the session
  --out <file>        export: where to write (default: stdout)
  --public-key <pem>  verify-export: the SPKI PEM file of the seals' public key
  --json              the full report as JSON
  --token <jwt>       an admin token for the running app (default: one the CLI signs)
  -h, --help          this help

Where the data comes from: as for \`cli session\` (the embedded store through the app holding
DATA_DIR, else directly). Exit codes: 0 no broken link, 1 a broken link or failure, 2 bad usage.`;

function printReport(io: CliIo, report: VerificationReport, json: boolean): number {
  if (json) io.out(JSON.stringify(report, null, 2));
  else {
    io.out(`outcome: ${report.outcome}`);
    io.out(
      `events: ${report.events}, sealed: ${report.sealed}, not yet sealed: ${report.notYetSealed.length}, removals accounted for: ${report.accountedRemovals}`,
    );
    for (const prefix of report.unchainedPrefix) {
      io.out(`unchained prefix: ${prefix.streamId}, ${prefix.events} events from before the chain`);
    }
    if (report.brokenLinks.length > 0) {
      io.out(
        formatTable(
          ['reason', 'stream', 'version', 'position', 'detail'],
          report.brokenLinks.map((link) => [
            link.reason,
            link.streamId,
            link.version === undefined ? '' : String(link.version),
            link.position ?? '',
            link.detail,
          ]),
        ),
      );
    }
  }
  return report.brokenLinks.length === 0 ? EXIT_OK : EXIT_FAILURE;
}

const TOKEN = { token: { type: 'string' } } as const;

export function createAuditCommand(open: BackendOpener = openOperatorBackend): CliCommand {
  const withBackend = async <T>(
    io: CliIo,
    token: string | undefined,
    work: (backend: Awaited<ReturnType<BackendOpener>>) => Promise<T>,
  ): Promise<T> => {
    const backend = await open(io.env, { ...(token ? { token } : {}), command: 'audit' });
    io.err(`audit: ${backend.description}`);
    try {
      return await work(backend);
    } finally {
      await backend.close();
    }
  };
  return {
    name: 'audit',
    summary: 'verify the tamper-evident history, export it, verify an export offline',
    help: HELP,
    async run(args, io) {
      const [sub, ...rest] = args;
      if (sub === 'verify') {
        const { flags } = parseCommandLine(rest, {
          session: { type: 'string' },
          json: { type: 'boolean' },
          ...TOKEN,
        });
        return withBackend(io, flags.token, async (backend) => {
          if (flags.session === undefined) {
            return printReport(io, await backend.verifyLog(), flags.json ?? false);
          }
          const report = await backend.verifySession(flags.session);
          if (report === undefined) {
            io.err(`audit: nothing of session ${flags.session} exists`);
            return EXIT_FAILURE;
          }
          return printReport(io, report, flags.json ?? false);
        });
      }
      if (sub === 'export') {
        const { flags } = parseCommandLine(rest, {
          session: { type: 'string' },
          out: { type: 'string' },
          ...TOKEN,
        });
        const sessionId = flags.session;
        if (sessionId === undefined) throw new UsageError('export needs --session <id>');
        return withBackend(io, flags.token, async (backend) => {
          const lines = await backend.exportSession(sessionId);
          if (lines === undefined) {
            io.err(`audit: nothing of session ${sessionId} exists`);
            return EXIT_FAILURE;
          }
          if (flags.out === undefined) io.out(lines.replace(/\n$/, ''));
          else await writeFile(flags.out, lines);
          return EXIT_OK;
        });
      }
      if (sub === 'verify-export') {
        const { flags, positionals } = parseCommandLine(
          rest,
          { 'public-key': { type: 'string' }, json: { type: 'boolean' } },
          1,
        );
        const [file] = positionals;
        if (file === undefined) throw new UsageError('missing the <file>');
        const keyFile = flags['public-key'];
        if (keyFile === undefined) throw new UsageError('verify-export needs --public-key <pem>');
        const [text, publicKeyPem] = await Promise.all([
          readFile(file, 'utf8'),
          readFile(keyFile, 'utf8'),
        ]);
        try {
          return printReport(
            io,
            verifyEvidence(evidenceFromExport(text, publicKeyPem)),
            flags.json ?? false,
          );
        } catch (error) {
          if (!(error instanceof ExportFormatError)) throw error;
          io.err(`audit: ${file} is not an intact audit export: ${error.message}`);
          return EXIT_FAILURE;
        }
      }
      throw new UsageError('give a subcommand: verify, export or verify-export');
    },
  };
}

export const auditCommand = createAuditCommand();
