import { createHash } from 'node:crypto';
import {
  Consumer,
  ensureConsumer,
  migrateConsumerStore,
  type ConsumerHandler,
  type ConsumerSettings,
  type LeaseProvider,
  type SchemaDatabase,
} from '@app/consumers';
import {
  type AppLogger,
  type EventStore,
  type RecordedEvent,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@app/event-store';
import { chainEvents } from '../chain/chain-events';
import { chainOf, GENESIS_HASH } from '../chain/event-hash';
import { merkleRoot } from '../merkle/merkle-tree';
import { sealLeafHash, type SealLeaf } from '../merkle/seal-leaf';
import {
  AUDIT_SEALS_STREAM,
  LOG_SEALED,
  LOG_SEALED_SCHEMA_VERSION,
  sealHash,
  toLogSealed,
  type LogSealedData,
  type SealBody,
} from '../seal/log-sealed';
import type { SealSigner } from '../seal/seal-keys';
import { contentHash } from '../verify/verify-chain';
import { toStoredEvent } from '../verify/stored-event';
import { migrateAudit } from './audit-migrations';
import { LeafIndex } from './leaf-index';

export const AUDIT_SEALER = 'audit-sealer';

export interface AuditSealerOptions extends ConsumerSettings {
  /** The store WITHOUT upcasting: leaves hash events as stored. */
  readonly rawEventStore: EventStore;
  readonly db: SchemaDatabase;
  readonly leases: LeaseProvider;
  readonly signer: SealSigner;
  readonly logger?: AppLogger;
  /** A seal at least every this many events (default 1,000)... */
  readonly maxEvents?: number;
  /** ...or once the oldest unsealed event waited this long (default 10 s). */
  readonly maxAgeMs?: number;
  /** The clock of the seal's `occurredAt`. */
  readonly now?: () => Date;
}

/** The seal's event id, from what it seals: a retried append stores it once. */
function sealEventId(body: SealBody): string {
  const hex = createHash('sha256')
    .update(`${AUDIT_SEALS_STREAM}:${body.sealNumber}:${body.merkleRoot}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The leaf of an event: its chain hash, or the hash of its content when written before the chain. */
export function leafOf(event: RecordedEvent): SealLeaf {
  return {
    position: event.position,
    streamId: event.streamId,
    version: event.streamVersion,
    hash: chainOf(event.metadata)?.hash ?? contentHash(toStoredEvent(event)),
  };
}

/**
 * The sealing consumer (docs/audit.md, "Seals"): one more consumer of the log on the core. Each
 * batch's events become pending leaves (with its checkpoint, in one transaction); at least every
 * `maxEvents` events or `maxAgeMs` it appends a signed `LogSealed` to `audit-seals` covering the
 * pending leaves, then gives them to that seal. A crash between the two is mended by the next
 * seal: the stream's newest seal is the truth and the index catches up with it.
 */
export class AuditSealer {
  readonly consumer: Consumer;
  readonly index: LeafIndex;
  private sealing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private readonly maxEvents: number;
  private readonly maxAgeMs: number;

  constructor(private readonly options: AuditSealerOptions) {
    const { rawEventStore, db, leases, logger, signer: _signer, ...settings } = options;
    this.index = new LeafIndex(db);
    this.maxEvents = options.maxEvents ?? 1_000;
    this.maxAgeMs = options.maxAgeMs ?? 10_000;
    this.consumer = new Consumer({
      ...settings,
      name: AUDIT_SEALER,
      handler: this.handler(),
      eventStore: rawEventStore,
      db,
      leases,
      ...(logger ? { logger } : {}),
      register: async () => {
        await migrateConsumerStore(db);
        await migrateAudit(db);
        await db.transaction((tx) => ensureConsumer(tx, AUDIT_SEALER));
      },
    });
  }

  start(): void {
    this.consumer.start();
    // Events that stopped arriving are sealed all the same once the oldest waited maxAgeMs.
    this.timer = setInterval(
      () => {
        if (this.consumer.state === 'running') void this.sealIfDue().catch(() => undefined);
      },
      Math.max(100, Math.floor(this.maxAgeMs / 2)),
    );
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.consumer.stop();
    await this.sealing.catch(() => undefined);
  }

  /** Seals whatever is pending now (tests, the CLI's "seal now"). */
  sealNow(): Promise<void> {
    return this.serialised(() => this.seal());
  }

  private handler(): ConsumerHandler {
    return {
      handle: async (batch) => {
        const leaves = batch.events
          .filter((event) => event.streamId !== AUDIT_SEALS_STREAM)
          .map(leafOf);
        await this.options.db.transaction(async (tx) => {
          await batch.open(tx);
          await this.index.addPending(tx, leaves);
          await batch.commit(tx);
        });
        batch.count('leaves', leaves.length);
        await this.sealIfDue();
      },
      sessionOf: () => undefined,
      clearsSession: () => false,
      sessionEvents: () => Promise.resolve('gone'),
    };
  }

  private sealIfDue(): Promise<void> {
    return this.serialised(async () => {
      const { count, oldestAgeMs } = await this.index.pendingSummary();
      if (count === 0) return;
      if (count < this.maxEvents && oldestAgeMs < this.maxAgeMs) return;
      await this.seal();
    });
  }

  private serialised(work: () => Promise<void>): Promise<void> {
    const next = this.sealing.catch(() => undefined).then(work);
    this.sealing = next;
    return next;
  }

  private async newestSeal(): Promise<{ seal: LogSealedData; hash?: string } | undefined> {
    try {
      const [last] = await this.options.rawEventStore.readStream(AUDIT_SEALS_STREAM, {
        direction: 'backwards',
        maxCount: 1,
      });
      const seal = last && toLogSealed(last.data);
      if (!last || !seal) return undefined;
      const hash = chainOf(last.metadata)?.hash;
      return hash === undefined ? { seal } : { seal, hash };
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  private async seal(): Promise<void> {
    const newest = await this.newestSeal();
    // The newest seal was appended but its leaves not given to it (a crash between the two).
    if (newest) await this.index.assign(newest.seal.sealNumber, newest.seal.toPosition);
    const leaves = await this.index.pending();
    const last = leaves[leaves.length - 1];
    if (last === undefined) return;
    const sealNumber = (newest?.seal.sealNumber ?? -1) + 1;
    const { signer } = this.options;
    const body: SealBody = {
      sealNumber,
      afterPosition: newest?.seal.toPosition ?? null,
      toPosition: last.position,
      count: leaves.length,
      merkleRoot: merkleRoot(leaves.map(sealLeafHash)),
      prevSealHash: newest ? sealHash(newest.seal) : GENESIS_HASH,
      keyId: signer.keyId,
    };
    const data: LogSealedData = { ...body, signature: signer.sign(body) };
    const eventId = sealEventId(body);
    const expectedVersion = sealNumber === 0 ? 'no-stream' : sealNumber - 1;
    const events = chainEvents(
      AUDIT_SEALS_STREAM,
      { version: sealNumber - 1, hash: newest?.hash },
      [
        {
          eventId,
          type: LOG_SEALED,
          schemaVersion: LOG_SEALED_SCHEMA_VERSION,
          data: { ...data },
          metadata: {
            occurredAt: (this.options.now?.() ?? new Date()).toISOString(),
            actor: { userId: AUDIT_SEALER, role: 'system' },
            correlationId: eventId,
            causationId: eventId,
          },
        },
      ],
    );
    try {
      await this.options.rawEventStore.append(AUDIT_SEALS_STREAM, events, expectedVersion);
    } catch (error) {
      // Another sealer (a replica that took the lease) sealed first: the next turn catches up.
      if (error instanceof WrongExpectedVersionError) return;
      throw error;
    }
    await this.index.assign(sealNumber, body.toPosition);
  }
}
