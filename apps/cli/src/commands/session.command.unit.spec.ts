import type { SessionHistoryAnswer } from '@app/application/session-history';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../command';
import { runCli } from '../run-cli';
import { recordingIo } from '../testing/recording-io';
import { FakeBackend } from './operator/testing/fake-backend';
import { createSessionCommand } from './session.command';

const metadata = {
  occurredAt: '2026-03-01T09:00:00.000Z',
  actor: { userId: 'pro-1', role: 'professional' },
  correlationId: 'corr-1',
  causationId: 'corr-1',
};

const history: SessionHistoryAnswer = {
  kind: 'history',
  sessionId: 's-1',
  professionalId: 'pro-1',
  version: 1,
  events: [
    {
      eventId: 'e1',
      type: 'SessionScheduled',
      streamVersion: 0,
      position: '10',
      schemaVersion: 1,
      storedSchemaVersion: 1,
      data: {},
      metadata,
      recordedAt: '2026-03-01T09:00:00.000Z',
    },
    {
      eventId: 'e2',
      type: 'ClientCharged',
      streamVersion: 1,
      position: '11',
      schemaVersion: 2,
      storedSchemaVersion: 1,
      data: {},
      metadata,
      recordedAt: '2026-03-01T10:00:00.000Z',
    },
  ],
};

const deleted: SessionHistoryAnswer = {
  kind: 'deleted',
  sessionId: 's-2',
  deletion: {
    sessionId: 's-2',
    professionalId: 'pro-1',
    deletedBy: { userId: 'pro-1', role: 'professional' },
    deletedAt: '2026-03-02T08:00:00.000Z',
    reason: 'booked-by-mistake',
    position: '99',
  },
};

function setUp() {
  const backend = new FakeBackend({ 's-1': history, 's-2': deleted });
  const command = createSessionCommand(() => Promise.resolve(backend));
  return {
    backend,
    run: (args: string[]) => {
      const io = recordingIo();
      return runCli(['session', ...args], [command], io).then((code) => ({ code, io }));
    },
  };
}

describe('session command', () => {
  it('prints a history as a table, with stored and shown schema versions, and says where it read', async () => {
    const { backend, run } = setUp();
    const { code, io } = await run(['history', 's-1']);
    expect(code).toBe(EXIT_OK);
    expect(io.stderr).toEqual(['session: reading a fake']);
    expect(io.stdout[0]).toBe('session s-1 (professional pro-1), version 1');
    expect(io.stdout[1]).toMatch(/^version\s+position\s+type/);
    expect(io.stdout[1]).toContain('v1->v2');
    expect(io.stdout[1]).toContain('corr-1');
    expect(backend.closed).toBe(true);
  });

  it('prints JSON for scripts, and the deletion record of a deleted session', async () => {
    const { run } = setUp();
    const json = await run(['history', 's-1', '--json']);
    expect(JSON.parse(json.io.stdout[0])).toEqual(history);
    const gone = await run(['history', 's-2']);
    expect(gone.code).toBe(EXIT_OK);
    expect(gone.io.stdout[0]).toContain('was deleted (reason booked-by-mistake) by pro-1');
    const missing = await run(['history', 'nope']);
    expect(missing.code).toBe(EXIT_FAILURE);
    expect(missing.io.stderr[1]).toBe('session nope: no such session');
  });

  it('reads flags before, between or after the positionals alike', async () => {
    const { backend, run } = setUp();
    for (const args of [
      ['history', 's-1', '--json'],
      ['history', '--json', 's-1'],
      ['--json', 'history', 's-1'],
    ]) {
      const { code, io } = await run(args);
      expect(code).toBe(EXIT_OK);
      expect(JSON.parse(io.stdout[0])).toEqual(history);
    }
    await run(['state', '--version', '1', 's-1']);
    expect(backend.asked).toEqual([{ version: 1 }]);
  });

  it('asks the state as of an instant or a version', async () => {
    const { backend, run } = setUp();
    const at = await run(['state', 's-1', '--at', '2026-03-01T09:30:00+01:00']);
    expect(at.code).toBe(EXIT_OK);
    expect(at.io.stdout[0]).toBe('session s-1 as of 2026-03-01T08:30:00.000Z: version 0');
    expect(at.io.stdout[1]).toContain('status');
    await run(['state', 's-1', '--version', '1', '--json']);
    expect(backend.asked).toEqual([{ at: '2026-03-01T08:30:00.000Z' }, { version: 1 }]);
  });

  it.each([
    [['state', 's-1'], 'give exactly one of --at and --version'],
    [['state', 's-1', '--at', 'x', '--version', '1'], 'give exactly one of --at and --version'],
    [['state', 's-1', '--at', 'yesterday'], '--at must be an ISO-8601 instant'],
    [['state', 's-1', '--version=-1'], '--version must be an integer >= 0'],
    [['history'], 'missing the session <id>'],
    [['history', 's-1', '--at', 'x'], '--at and --version are flags of `session state`'],
    [['history', 's-1', 's-2'], 'unexpected argument: s-2'],
    [['history', 's-1', '--verbose'], "Unknown option '--verbose'"],
    [['replay', 's-1'], 'unknown subcommand "replay"'],
  ])('refuses %j with exit 2', async (args, message) => {
    const { run } = setUp();
    const { code, io } = await run(args);
    expect(code).toBe(EXIT_USAGE);
    expect(io.stderr[0]).toContain(message);
  });

  it('has a help', async () => {
    const { run } = setUp();
    const { code, io } = await run(['state', '--help']);
    expect(code).toBe(EXIT_OK);
    expect(io.stdout[0]).toContain('cli session state <id> (--at <instant> | --version <n>)');
  });
});
