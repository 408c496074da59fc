import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../command';
import { runCli } from '../run-cli';
import { recordingIo } from '../testing/recording-io';
import type { ConsumerStatus } from '@app/consumers';
import { consumerStatus, setAsideSession } from '@app/consumers/testing';
import { FakeBackend } from './operator/testing/fake-backend';
import { ProgressReporter } from './operator/progress';
import { createProjectionsCommand } from './projections.command';

const rows: ConsumerStatus[] = [
  consumerStatus({ position: '120', lagEvents: 3, lagSeconds: 0.42 }),
  consumerStatus({
    name: 'reporting',
    state: 'retrying',
    position: null,
    lagEvents: 10_000,
    lagEventsExact: false,
    lagSeconds: 80,
    lastError: 'db down',
    setAside: [setAsideSession('s-1')],
  }),
  consumerStatus({ name: 'kafka-publisher', kind: 'publisher', state: 'standby', position: '118' }),
];

function setUp(isTTY: boolean) {
  const written: string[] = [];
  const backend = new FakeBackend({}, rows);
  const command = createProjectionsCommand(
    () => Promise.resolve(backend),
    () => ({ isTTY, columns: 80, write: (text) => written.push(text) }),
  );
  const run = async (args: string[]) => {
    const io = recordingIo();
    const code = await runCli(['projections', ...args], [command], io);
    return { code, io };
  };
  return { run, written, backend };
}

describe('projections command', () => {
  it('prints the status of every projection and the publisher as a table or JSON', async () => {
    const { run } = setUp(false);
    const table = await run(['status']);
    expect(table.code).toBe(EXIT_OK);
    const lines = table.io.stdout[0].split('\n');
    expect(lines[0]).toMatch(
      /^name\s+kind\s+state\s+health\s+position\s+lag events\s+lag seconds\s+set aside\s+last error$/,
    );
    expect(lines[2]).toMatch(/^calendar\s+projection\s+running\s+up\s+120\s+3\s+0\.4\s+0\s+-$/);
    expect(lines[3]).toMatch(/^reporting\s+projection\s+retrying\s+degraded\s+-\s+>=10000/);
    expect(lines[3]).toContain('1: s-1');
    expect(lines[3]).toContain('db down');
    expect(lines[4]).toMatch(/^kafka-publisher\s+publisher\s+standby\s+standby/);
    // The set-aside sessions in detail: the event, the error, since when.
    expect(lines[6]).toMatch(
      /^consumer\s+set-aside session\s+event\s+type\s+position\s+error\s+since$/,
    );
    expect(lines[8]).toMatch(
      /^reporting\s+s-1\s+event-of-s-1\s+SessionScheduled\s+7\s+malformed-event: /,
    );
    const json = await run(['status', '--json']);
    expect(JSON.parse(json.io.stdout[0])).toEqual(rows);
  });

  it('rebuilds every projection with a progress bar on a terminal', async () => {
    const { run, written } = setUp(true);
    const { code, io } = await run(['rebuild']);
    expect(code).toBe(EXIT_OK);
    expect(written.filter((w) => w.startsWith('\r['))).toHaveLength(4);
    // A total and a share; the counts written the same in the bar, the lines and the table.
    expect(written[0]).toContain(
      '[########........]  50% calendar: 500 of ~1,000 events, 1,000/s, 0:01 left',
    );
    expect(written[1]).toContain('[################] 100% calendar: 1,000 of 1,000 events');
    expect(io.stderr).toContain('calendar: rebuilt, 1,000 events in 0:01');
    expect(io.stdout[0]).toMatch(/^projection\s+events\s+time\s+position\s+set aside$/m);
    expect(io.stdout[0]).toMatch(/^calendar\s+1,000\s+0:01\s+1000\s+0$/m);
    expect(io.stdout[0]).toMatch(/^reporting\s+1,000/m);
  });

  it('prints plain, throttled lines when not on a terminal, and refuses an unknown name', async () => {
    const { run, written } = setUp(false);
    const one = await run(['rebuild', 'calendar', '--json']);
    expect(one.code).toBe(EXIT_OK);
    expect(written).toEqual(['50% calendar: 500 of ~1,000 events, 1,000/s, 0:01 left\n']);
    expect(JSON.parse(one.io.stdout[0])).toEqual([
      { projection: 'calendar', eventsDone: 1000, position: '1000', seconds: 1, setAside: [] },
    ]);
    const unknown = await run(['rebuild', 'nope']);
    expect(unknown.code).toBe(EXIT_FAILURE);
    expect(unknown.io.stderr[1]).toContain('no projection named nope (known: calendar, reporting)');
  });

  it('reads flags before or after the projection name alike', async () => {
    for (const args of [
      ['rebuild', '--json', 'reporting'],
      ['rebuild', 'reporting', '--json'],
      ['--json', 'rebuild', 'reporting'],
    ]) {
      const { run } = setUp(false);
      const { code, io } = await run(args);
      expect(code).toBe(EXIT_OK);
      expect(JSON.parse(io.stdout[0])).toEqual([
        expect.objectContaining({ projection: 'reporting' }),
      ]);
    }
    const { run, backend } = setUp(false);
    expect((await run(['retry', '--session', 's-1', 'calendar'])).code).toBe(EXIT_OK);
    expect(backend.retries).toEqual([['calendar', 's-1']]);
    const stray = await run(['rebuild', 'calendar', 'reporting']);
    expect(stray.code).toBe(EXIT_USAGE);
    expect(stray.io.stderr[0]).toContain('unexpected argument: reporting');
    const misplaced = await run(['rebuild', '--session', 's-1']);
    expect(misplaced.code).toBe(EXIT_USAGE);
    expect(misplaced.io.stderr[0]).toContain('--session is a flag of `projections retry`');
  });

  it('retries one set-aside session, or all, saying what became of each', async () => {
    const { run, backend } = setUp(false);
    const one = await run(['retry', 'calendar', '--session', 's-1']);
    expect(one.code).toBe(EXIT_OK);
    expect(one.io.stdout[0]).toMatch(
      /^session\s+outcome\s+error\n-+\s+-+\s+-+\ns-1\s+cleared\s+-$/,
    );
    const all = await run(['retry', 'reporting', '--json']);
    expect(all.code).toBe(EXIT_FAILURE);
    expect(JSON.parse(all.io.stdout[0])).toMatchObject({
      requested: ['s-1', 'stuck'],
      cleared: ['s-1'],
      failed: [{ sessionId: 'stuck' }],
    });
    expect(backend.retries).toEqual([
      ['calendar', 's-1'],
      ['reporting', undefined],
    ]);
    const missing = await run(['retry']);
    expect(missing.code).not.toBe(EXIT_OK);
    expect(missing.io.stderr.join('\n')).toContain('retry needs the name');
  });

  it('reports at most one plain line per interval', () => {
    const written: string[] = [];
    let now = 0;
    const reporter = new ProgressReporter(
      { isTTY: false, write: (t) => written.push(t) },
      1_000,
      () => now,
    );
    const p = { eventsDone: 1, eventsPerSecond: 1 };
    now = 5_000;
    reporter.update('x', p);
    now = 5_500;
    reporter.update('x', p);
    now = 6_100;
    reporter.update('x', p);
    expect(written).toHaveLength(2);
    expect(written[0]).toBe('?% x: 1 events, 1/s, ? left\n');
  });
});
