import { randomUUID } from 'node:crypto';
import { sessionDeletionStream, sessionStream } from '@app/domain';
import type { JsonObject, NewEvent } from '@app/event-store';
import { InMemoryEventStore, newEvent } from '@app/event-store/testing';
import { readSessionHistory } from './session-history';
import { sessionStateAt } from './session-state-at';

// The read models' SessionWriter is out of reach here (the application does not import them):
// these write the same events, each recorded by its professional at the instant it names.
const byProfessional = (
  type: string,
  data: JsonObject,
  professionalId: string,
  at: string,
  schemaVersion = 1,
): NewEvent =>
  newEvent(type, data, {
    schemaVersion,
    metadata: {
      occurredAt: at,
      actor: { userId: professionalId, role: 'professional' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
    },
  });

const scheduled = (sessionId: string, professionalId: string, startsAt: string): NewEvent =>
  byProfessional(
    'SessionScheduled',
    {
      sessionId,
      professionalId,
      clientId: `client-of-${sessionId}`,
      startsAt,
      timeZone: 'UTC',
      durationMinutes: 50,
      fee: { amountMinor: 12000, currency: 'EUR' },
      payment: { kind: 'direct' },
    },
    professionalId,
    startsAt,
  );

const owner = { userId: 'pro-1', role: 'professional' };
const auditor = { userId: 'aud-1', role: 'auditor' };
const otherPro = { userId: 'pro-2', role: 'professional' };

describe('session history and state as of', () => {
  let clock = new Date('2026-03-01T10:00:00.000Z');
  const store = new InMemoryEventStore({ now: () => clock });

  beforeAll(async () => {
    await store.append(
      sessionStream('h1'),
      [scheduled('h1', 'pro-1', '2026-03-10T09:00:00.000Z')],
      'no-stream',
    );
    clock = new Date('2026-03-02T10:00:00.000Z');
    const cancelledAt = '2026-03-02T10:00:00.000Z';
    await store.append(
      sessionStream('h1'),
      [
        byProfessional(
          'SessionCancelled',
          {
            reason: 'other',
            noticeMinutes: 11_460,
            late: false,
            cancelledAt,
            note: 'very private',
          },
          'pro-1',
          cancelledAt,
        ),
        byProfessional('NotificationRequested', { channel: 'default' }, 'pro-1', cancelledAt),
      ],
      'any',
    );
    await store.append(
      sessionStream('legacy'),
      [scheduled('legacy', 'pro-1', '2026-03-10T09:00:00.000Z')],
      'no-stream',
    );
    store.appendUnreadable(
      'session-legacy',
      byProfessional(
        'ClientCharged',
        { amount: '1.234', currency: 'EUR', method: 'card' },
        'pro-1',
        '2026-03-02T10:00:00.000Z',
        1,
      ),
      { code: 'amount-precision', message: 'too many decimals' },
    );
    await store.append(
      sessionStream('gone'),
      [scheduled('gone', 'pro-1', '2026-03-10T09:00:00.000Z')],
      'no-stream',
    );
    const deletedAt = '2026-03-03T00:00:00.000Z';
    await store.append(
      sessionDeletionStream('gone'),
      [
        byProfessional(
          'SessionDeleted',
          {
            sessionId: 'gone',
            professionalId: 'pro-1',
            deletedBy: { userId: 'pro-1', role: 'professional' },
            deletedAt,
            reason: 'booked-by-mistake',
          },
          'pro-1',
          deletedAt,
        ),
      ],
      'no-stream',
    );
    await store.deleteStream(sessionStream('gone'));
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
