import type { SchemaDatabase } from '@app/consumers';
import {
  StreamDeletedError,
  StreamNotFoundError,
  type EventStore,
  type RecordedEvent,
} from '@app/event-store';
import { inclusionProof } from '../merkle/merkle-tree';
import { sealLeafHash } from '../merkle/seal-leaf';
import { AUDIT_SEALS_STREAM, toLogSealed } from '../seal/log-sealed';
import type { Evidence, ProvenLeaf, RemovedEntry, StoredSeal } from '../verify/evidence';
import { toStoredEvent } from '../verify/stored-event';
import { migrateAudit } from './audit-migrations';
import { LeafIndex, type IndexedLeaf } from './leaf-index';

const SESSION_PREFIX = 'session-';
const DELETION_PREFIX = 'session-deletion-';
const DELETED = 'SessionDeleted';

async function readRaw(store: EventStore, streamId: string): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(streamId);
  } catch (error) {
    if (error instanceof StreamNotFoundError || error instanceof StreamDeletedError) return [];
    throw error;
  }
}

function removedEntries(data: unknown): RemovedEntry[] | undefined {
  const list = (data as { removedEvents?: unknown }).removedEvents;
  if (!Array.isArray(list)) return undefined;
  return list.flatMap((item: unknown) => {
    const entry = item as { position?: unknown; version?: unknown; hash?: unknown };
    return typeof entry.position === 'string' && typeof entry.version === 'number'
      ? [
          {
            position: entry.position,
            version: entry.version,
            hash: typeof entry.hash === 'string' ? entry.hash : null,
          },
        ]
      : [];
  });
}

/** The removals a deletion record's stream lists, keyed by the session stream it removed. */
function removalsOf(events: readonly RecordedEvent[]): Map<string, RemovedEntry[]> {
  const removals = new Map<string, RemovedEntry[]>();
  for (const event of events) {
    if (event.type !== DELETED || !event.streamId.startsWith(DELETION_PREFIX)) continue;
    const sessionId = event.streamId.slice(DELETION_PREFIX.length);
    removals.set(`${SESSION_PREFIX}${sessionId}`, removedEntries(event.data) ?? []);
  }
  return removals;
}

/**
 * Gathers the evidence a verification needs from the store as written (no upcasting), the seals
 * and the sealer's leaf index: for one session through the leaves of its streams and their
 * inclusion proofs, not by scanning the log; or for the whole log.
 */
export class AuditLedger {
  private readonly index: LeafIndex;
  private migrated: Promise<void> | undefined;

  constructor(
    private readonly rawEventStore: EventStore,
    private readonly db: SchemaDatabase,
    private readonly publicKeyPem: string,
  ) {
    this.index = new LeafIndex(db);
  }

  /** The leaf index exists even before the sealer first ran (a verification may come first). */
  private ready(): Promise<void> {
    this.migrated ??= migrateAudit(this.db).catch((error: unknown) => {
      this.migrated = undefined;
      throw error;
    });
    return this.migrated;
  }

  /** Undefined when nothing of the session exists: no events, no record, no sealed leaf. */
  async sessionEvidence(sessionId: string): Promise<Evidence | undefined> {
    await this.ready();
    const streamIds = [`${SESSION_PREFIX}${sessionId}`, `${DELETION_PREFIX}${sessionId}`];
    const [session, deletion] = await Promise.all(
      streamIds.map((id) => readRaw(this.rawEventStore, id)),
    );
    const indexed = await this.index.ofStreams(streamIds);
    if (session.length === 0 && deletion.length === 0 && indexed.length === 0) return undefined;
    const seals = await this.seals();
    const removals = removalsOf(deletion);
    return {
      streams: [
        { streamId: streamIds[0], events: removals.size > 0 ? [] : session.map(toStoredEvent) },
        { streamId: streamIds[1], events: deletion.map(toStoredEvent) },
      ],
      leaves: await this.prove(indexed),
      seals: this.usedSeals(seals, indexed),
      ...this.sealedUpTo(seals),
      removals,
      publicKeyPem: this.publicKeyPem,
    };
  }

  /** The whole log: every stream, every seal, every sealed leaf. */
  async logEvidence(): Promise<Evidence> {
    await this.ready();
    const byStream = new Map<string, RecordedEvent[]>();
    let after: string | undefined;
    for (;;) {
      const page = await this.rawEventStore.readAll({
        ...(after ? { after } : {}),
        maxCount: 1_000,
      });
      for (const event of page) {
        const list = byStream.get(event.streamId) ?? [];
        list.push(event);
        byStream.set(event.streamId, list);
      }
      const last = page[page.length - 1];
      if (last === undefined) break;
      after = last.position;
    }
    const all = [...byStream.values()].flat();
    const removals = removalsOf(all);
    const seals = await this.seals();
    const indexed = await this.index.sealed();
    const streams = [...byStream.entries()]
      // A deleted session's events may still be in the log (EventStoreDB until a scavenge): the
      // answer is the same either way, from the deletion record.
      .filter(([streamId]) => !removals.has(streamId))
      .map(([streamId, events]) => ({
        streamId,
        events: [...events].sort((a, b) => a.streamVersion - b.streamVersion).map(toStoredEvent),
      }));
    return {
      streams,
      leaves: await this.prove(indexed),
      seals,
      ...this.sealedUpTo(seals),
      removals,
      publicKeyPem: this.publicKeyPem,
    };
  }

  private async seals(): Promise<StoredSeal[]> {
    const events = await readRaw(this.rawEventStore, AUDIT_SEALS_STREAM);
    return events.flatMap((event) => {
      const seal = toLogSealed(event.data);
      return seal ? [{ seal, position: event.position }] : [];
    });
  }

  /** The seals the leaves name, the one before each (its link is checked), and the newest. */
  private usedSeals(seals: readonly StoredSeal[], leaves: readonly IndexedLeaf[]): StoredSeal[] {
    const newest = seals[seals.length - 1]?.seal.sealNumber;
    const wanted = new Set<number>(newest === undefined ? [] : [newest, newest - 1]);
    for (const { sealNumber } of leaves) {
      if (sealNumber !== undefined) wanted.add(sealNumber).add(sealNumber - 1);
    }
    return seals.filter((stored) => wanted.has(stored.seal.sealNumber));
  }

  private sealedUpTo(seals: readonly StoredSeal[]): { sealedUpTo?: string } {
    const newest = seals[seals.length - 1];
    return newest ? { sealedUpTo: newest.seal.toPosition } : {};
  }

  private async prove(indexed: readonly IndexedLeaf[]): Promise<ProvenLeaf[]> {
    const trees = new Map<number, string[]>();
    const proven: ProvenLeaf[] = [];
    for (const { leaf, sealNumber, leafIndex } of indexed) {
      if (sealNumber === undefined || leafIndex === undefined) continue;
      let tree = trees.get(sealNumber);
      if (tree === undefined) {
        tree = (await this.index.ofSeal(sealNumber)).map(sealLeafHash);
        trees.set(sealNumber, tree);
      }
      const proof = leafIndex < tree.length ? inclusionProof(tree, leafIndex) : [];
      proven.push({ leaf, sealNumber, leafIndex, proof });
    }
    return proven;
  }
}
