/**
 * An example consumer for a reporting team to copy (kafkajs 2.2.4). It shows the three habits the
 * contract asks of consumers:
 *   1. a consumer group of its own, so it reads every record and can scale out by partition;
 *   2. deduplication by (ce_source, ce_id), because delivery is at least once;
 *   3. offsets committed only after a record was processed, so a crash re-reads rather than loses.
 * It keeps its facts in memory; a real consumer writes them, the dedupe key and (ideally) its
 * offsets in one database transaction, and replaces the Map and Set below with tables.
 *
 *   KAFKA_BROKERS=127.0.0.1:9092 npx tsx libs/messaging/examples/reporting-consumer.ts
 */
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';

const LIFECYCLE = 'sessions.lifecycle.v1';

interface SessionFacts {
  professionalId: string;
  startsAt?: string;
  cancelledReason?: string;
  late?: boolean;
  charged?: unknown;
}

const header = (message: KafkaMessage, name: string): string | undefined => {
  const value = message.headers?.[name];
  return Buffer.isBuffer(value)
    ? value.toString('utf8')
    : typeof value === 'string'
      ? value
      : undefined;
};

export class ReportingProjection {
  /** In a database: a table with a unique (source, id) constraint, written with the facts. */
  private readonly seen = new Set<string>();
  readonly sessions = new Map<string, SessionFacts>();

  /** Applies one record; answers false for a duplicate, which changes nothing. */
  apply(message: KafkaMessage): boolean {
    const dedupeKey = `${header(message, 'ce_source')}|${header(message, 'ce_id')}`;
    if (this.seen.has(dedupeKey)) return false;
    this.seen.add(dedupeKey);
    const sessionId = message.key?.toString('utf8') ?? '';
    const data =
      message.value === null
        ? null
        : (JSON.parse(message.value.toString('utf8')) as Record<string, unknown>);
    switch (header(message, 'ce_type')) {
      case 'sessions.session-scheduled.v1':
        this.sessions.set(sessionId, {
          professionalId: String(data?.professionalId),
          startsAt: String(data?.startsAt),
        });
        break;
      case 'sessions.session-cancelled.v1': {
        const facts = this.sessions.get(sessionId);
        if (facts) Object.assign(facts, { cancelledReason: data?.reason, late: data?.late });
        break;
      }
      case 'sessions.client-charged.v1': {
        const facts = this.sessions.get(sessionId);
        if (facts) facts.charged = data?.charge;
        break;
      }
      case 'sessions.session-deleted.v1':
        // The contract: erase every copy of a deleted session.
        this.sessions.delete(sessionId);
        break;
      default:
        // Types added later (a v2 beside a v1) are ignored until the consumer learns them.
        break;
    }
    return true;
  }
}

export async function runReportingConsumer(
  brokers: string[],
  signal: AbortSignal,
): Promise<ReportingProjection> {
  const projection = new ReportingProjection();
  const kafka = new Kafka({ clientId: 'reporting-example', brokers, logLevel: logLevel.WARN });
  const consumer = kafka.consumer({ groupId: 'reporting-example' });
  await consumer.connect();
  await consumer.subscribe({ topics: [LIFECYCLE], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic, partition, message }) => {
      projection.apply(message);
      // Committed after processing: the next offset to read is this one + 1.
      await consumer.commitOffsets([
        { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
      ]);
    },
  });
  await new Promise<void>((resolve) =>
    signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  await consumer.disconnect();
  return projection;
}

if (require.main === module) {
  const controller = new AbortController();
  process.on('SIGINT', () => controller.abort());
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  runReportingConsumer(brokers, controller.signal).then(
    (projection) => process.stdout.write(`${projection.sessions.size} sessions\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
