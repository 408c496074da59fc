import { randomUUID } from 'node:crypto';
import {
  IdempotencyStore,
  SequentialEventWriter,
  type StreamAppend,
  type StreamDeletion,
  type WritePlan,
} from '@app/application';
import { createPgliteExecutor, InProcessLeaseProvider, type SchemaDatabase } from '@app/consumers';
import { PgliteDatabase } from '@app/event-store/embedded';
import { newEvent, storeOnWireServer, type WireStore } from '@app/event-store/testing';
import { ManualClock } from '@app/platform';
import {
  AuditLedger,
  AuditSealer,
  chainOf,
  generateSealKeyPem,
  sealSignerFromPem,
  verifyEvidence,
} from '@app/audit';

jest.setTimeout(60_000);

const signer = sealSignerFromPem(generateSealKeyPem());

const plan = (
  append: StreamAppend,
  deleteStreams: readonly StreamDeletion[] = [],
): WritePlan<null> => ({
  append,
  deleteStreams,
  result: () => null,
});

/**
 * The chain and the verification through the EventStoreDB adapter, on the wire-level test
 * server (the real client over gRPC): the same answers before and after a scavenge removes the
 * deleted sessions' events from `$all`.
 */
describe('the audit on EventStoreDB (wire-level test server)', () => {
  let wire: WireStore;
  let database: PgliteDatabase;
  let db: SchemaDatabase;
  let sealer: AuditSealer;
  let ledger: AuditLedger;
  let writer: SequentialEventWriter;

  beforeAll(async () => {
    wire = await storeOnWireServer();
    database = await PgliteDatabase.open();
    db = await createPgliteExecutor({ schema: 'audit_test', database });
    writer = new SequentialEventWriter(
      wire.store,
      database,
      new IdempotencyStore(database, 'audit_idem'),
      new ManualClock('2026-06-15T10:00:00.000Z'),
    );
    sealer = new AuditSealer({
      rawEventStore: wire.store,
      db,
      leases: new InProcessLeaseProvider(),
      signer,
      idleFlushMs: 5,
    });
    sealer.start();
    ledger = new AuditLedger(wire.store, db, signer.publicKeyPem);
  });

  afterAll(async () => {
    await sealer?.stop();
    await db?.close();
    await database?.close();
    await wire?.stop();
  });

  async function sealAll(): Promise<void> {
    const head = await wire.store.headPosition();
    if (head) await sealer.consumer.waitForPosition(head, 20_000);
    await sealer.sealNow();
  }

  /** A session's events through the application's write path: chained at append. */
  async function session(count: number): Promise<string> {
    const id = randomUUID();
    const events = Array.from({ length: count }, (_, i) =>
      newEvent(i === 0 ? 'SessionScheduled' : 'SessionCancelled', { professionalId: 'pro-1' }),
    );
    let head: string | undefined;
    for (const [index, next] of events.entries()) {
      await writer.write(
        plan({
          streamId: `session-${id}`,
          events: [next],
          expectedVersion: index === 0 ? 'no-stream' : index - 1,
          ...(head === undefined ? {} : { headHash: head }),
        }),
      );
      const [last] = await wire.store.readStream(`session-${id}`, {
        direction: 'backwards',
        maxCount: 1,
      });
      head = chainOf(last.metadata)?.hash;
    }
    return id;
  }

  /** The deletion as the application does it: the record listing every event, then the stream at its version. */
  async function remove(id: string): Promise<void> {
    const events = await wire.store.readStream(`session-${id}`);
    const removedEvents = events.map((e) => ({
      position: e.position,
      version: e.streamVersion,
      hash: chainOf(e.metadata)?.hash ?? null,
    }));
    await writer.write(
      plan(
        {
          streamId: `session-deletion-${id}`,
          events: [
            newEvent('SessionDeleted', { sessionId: id, professionalId: 'pro-1', removedEvents }),
          ],
          expectedVersion: 'no-stream',
        },
        [{ streamId: `session-${id}`, expectedVersion: events.length - 1 }],
      ),
    );
  }

  async function reports(ids: readonly string[]) {
    const sessions = await Promise.all(
      ids.map(async (id) => verifyEvidence((await ledger.sessionEvidence(id))!)),
    );
    return { sessions, log: verifyEvidence(await ledger.logEvidence()) };
  }

  it('verifies kept and deleted sessions alike before and after a scavenge', async () => {
    const kept = await session(3);
    const sealedThenDeleted = await session(2);
    await sealAll();
    await remove(sealedThenDeleted);
    // Deleted before any seal: its events are still in $all for the sealer (until a scavenge).
    const deletedUnsealed = await session(2);
    await remove(deletedUnsealed);
    await sealAll();

    const before = await reports([kept, sealedThenDeleted, deletedUnsealed]);
    expect(before.sessions.map((r) => r.brokenLinks)).toEqual([[], [], []]);
    expect(before.sessions.map((r) => r.outcome)).toEqual(['verified', 'verified', 'verified']);
    expect(before.sessions.map((r) => r.accountedRemovals)).toEqual([0, 2, 2]);
    expect(before.log).toMatchObject({ outcome: 'verified', brokenLinks: [] });

    expect(wire.server.log.scavenge()).toBeGreaterThan(0);
    const after = await reports([kept, sealedThenDeleted, deletedUnsealed]);
    expect(after).toEqual(before);
  });

  it('names a removal no deletion record accounts for', async () => {
    const id = await session(2);
    await sealAll();
    // A tombstone without a record: what an operator with direct access could do.
    await wire.store.deleteStream(`session-${id}`);
    const report = verifyEvidence((await ledger.sessionEvidence(id))!);
    expect(report.outcome).toBe('removal-not-accounted-for');
    expect(report.brokenLinks[0]).toMatchObject({ streamId: `session-${id}`, version: 0 });
  });
});
