import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';

/** One record as it was on the wire: raw bytes, so tests can scan every one of them. */
export interface RecordedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, Buffer>>;
}

export const header = (record: RecordedRecord, name: string): string | undefined =>
  record.headers[name]?.toString('utf8');

export const jsonValue = (record: RecordedRecord): unknown =>
  record.value === null ? null : (JSON.parse(record.value.toString('utf8')) as unknown);

/** Every byte of a record, for scans (the private note must appear in none). */
export function allBytes(record: RecordedRecord): Buffer {
  const parts: Buffer[] = [Buffer.from(record.topic)];
  if (record.key !== null) parts.push(record.key);
  if (record.value !== null) parts.push(record.value);
  for (const [name, value] of Object.entries(record.headers)) parts.push(Buffer.from(name), value);
  return Buffer.concat(parts);
}

/**
 * Reads topics from the beginning with a fresh consumer group until a condition on what it has
 * read holds: tests wait on what arrived, never on time.
 */
export async function readUntil(
  brokers: string,
  topics: readonly string[],
  done: (records: readonly RecordedRecord[]) => boolean,
  timeoutMs = 30_000,
): Promise<RecordedRecord[]> {
  const kafka = new Kafka({
    clientId: 'test-recorder',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer: Consumer = kafka.consumer({ groupId: `test-${randomUUID()}` });
  const records: RecordedRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`condition not met within ${timeoutMs} ms (${records.length} records read)`),
          ),
        timeoutMs,
      );
      if (done(records)) {
        clearTimeout(timer);
        resolve();
        return;
      }
      consumer
        .run({
          eachMessage: async ({ topic, partition, message }) => {
            const headers: Record<string, Buffer> = {};
            for (const [name, value] of Object.entries(message.headers ?? {})) {
              if (Buffer.isBuffer(value)) headers[name] = value;
              else if (typeof value === 'string') headers[name] = Buffer.from(value);
            }
            records.push({
              topic,
              partition,
              offset: message.offset,
              key: message.key,
              value: message.value,
              headers,
            });
            if (done(records)) {
              clearTimeout(timer);
              resolve();
            }
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}
