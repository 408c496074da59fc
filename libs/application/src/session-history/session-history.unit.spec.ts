import { InMemoryEventStore } from '@app/event-store/testing';
import { SessionWriter, clientChargedEvent } from '@test/support/session-writer';
import { readSessionHistory } from './session-history';
import { sessionStateAt } from './session-state-at';

const owner = { userId: 'pro-1', role: 'professional' };
const auditor = { userId: 'aud-1', role: 'auditor' };
const otherPro = { userId: 'pro-2', role: 'professional' };

describe('session history and state as of', () => {
  let clock = new Date('2026-03-01T10:00:00.000Z');
  const store = new InMemoryEventStore({ now: () => clock });
  const writer = new SessionWriter(store);

  beforeAll(async () => {
    await writer.schedule({
      sessionId: 'h1',
      professionalId: 'pro-1',
      startsAt: '2026-03-10T09:00:00.000Z',
    });
    clock = new Date('2026-03-02T10:00:00.000Z');
    await writer.cancel('h1', 'pro-1', {
      reason: 'other',
      note: 'very private',
      cancelledAt: '2026-03-02T10:00:00.000Z',
      notify: true,
    });
    await writer.schedule({
      sessionId: 'legacy',
      professionalId: 'pro-1',
      startsAt: '2026-03-10T09:00:00.000Z',
    });
    store.appendUnreadable(
      'session-legacy',
      clientChargedEvent(
        { amount: '1.234', currency: 'EUR', method: 'card' },
        'pro-1',
        '2026-03-02T10:00:00.000Z',
        1,
      ),
      { code: 'amount-precision', message: 'too many decimals' },
    );
    await writer.schedule({
      sessionId: 'gone',
      professionalId: 'pro-1',
      startsAt: '2026-03-10T09:00:00.000Z',
    });
    await writer.delete('gone', 'pro-1', '2026-03-03T00:00:00.000Z');
  });

  it('lists the events in order with metadata, the note only for its owner', async () => {
    const mine = await readSessionHistory(store, 'h1', owner);
    if (mine.kind !== 'history') throw new Error(mine.kind);
    expect(mine.events.map((e) => [e.type, e.streamVersion])).toEqual([
      ['SessionScheduled', 0],
      ['SessionCancelled', 1],
      ['NotificationRequested', 2],
    ]);
    expect(mine.events[1]?.data).toMatchObject({ note: 'very private', hasPrivateNote: true });
    expect(mine.events[0]?.metadata.actor).toEqual(owner);
    expect(mine.professionalId).toBe('pro-1');

    for (const viewer of [auditor, otherPro]) {
      const theirs = await readSessionHistory(store, 'h1', viewer);
      expect(JSON.stringify(theirs)).not.toContain('very private');
      if (theirs.kind !== 'history') throw new Error(theirs.kind);
      expect(theirs.events[1]?.data).toMatchObject({ reason: 'other', hasPrivateNote: true });
    }
  });

  it('shows the stored schema version and the upcast error of a legacy event', async () => {
    const answer = await readSessionHistory(store, 'legacy', auditor);
    if (answer.kind !== 'history') throw new Error(answer.kind);
    expect(answer.events[1]).toMatchObject({
      type: 'ClientCharged',
      schemaVersion: 1,
      storedSchemaVersion: 1,
      upcastError: { code: 'amount-precision', message: 'too many decimals' },
    });
  });

  it('answers a deleted session with its deletion record, and an unknown one as not found', async () => {
    const gone = await readSessionHistory(store, 'gone', auditor);
    expect(gone).toMatchObject({
      kind: 'deleted',
      deletion: {
        sessionId: 'gone',
        professionalId: 'pro-1',
        reason: 'booked-by-mistake',
        deletedAt: '2026-03-03T00:00:00.000Z',
      },
    });
    expect(await readSessionHistory(store, 'never', auditor)).toEqual({
      kind: 'not-found',
      sessionId: 'never',
    });
  });

  it('replays the state as of a version or an instant through the domain evolve', async () => {
    const atVersion0 = await sessionStateAt(store, 'h1', { version: 0 }, owner);
    expect(atVersion0).toMatchObject({ kind: 'state', version: 0, state: { status: 'scheduled' } });

    const beforeCancel = await sessionStateAt(
      store,
      'h1',
      { at: '2026-03-01T23:59:59.000Z' },
      auditor,
    );
    expect(beforeCancel).toMatchObject({
      version: 0,
      state: { status: 'scheduled', notificationRequested: false },
    });

    const now = await sessionStateAt(store, 'h1', { at: '2026-03-05T00:00:00.000Z' }, auditor);
    expect(now).toMatchObject({
      version: 2,
      state: {
        status: 'cancelled',
        notificationRequested: true,
        cancellation: { reason: 'other', hasPrivateNote: true },
      },
    });
    expect(JSON.stringify(now)).not.toContain('very private');
    const ownerNow = await sessionStateAt(store, 'h1', { version: 5 }, owner);
    expect(ownerNow).toMatchObject({
      state: { cancellation: { note: 'very private', hasPrivateNote: true } },
    });

    const legacy = await sessionStateAt(store, 'legacy', { version: 1 }, auditor);
    expect(legacy).toMatchObject({ version: 1, unreadableVersions: [1] });
    expect(await sessionStateAt(store, 'gone', { version: 0 }, auditor)).toMatchObject({
      kind: 'deleted',
    });
  });
});
