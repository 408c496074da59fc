import { createHash } from 'node:crypto';
import type { NewEvent } from '@app/event-store';
import { chainEvents } from './chain-events';
import { GENESIS_HASH } from './event-hash';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const METADATA: NewEvent['metadata'] = {
  occurredAt: '2026-06-15T10:00:00.000Z',
  actor: { userId: 'pro-1', role: 'professional' },
  correlationId: 'c',
  causationId: 'c',
};
const CANONICAL_METADATA =
  '{"actor":{"role":"professional","userId":"pro-1"},"causationId":"c","correlationId":"c",' +
  '"occurredAt":"2026-06-15T10:00:00.000Z"}';

const event = (n: number, metadata: NewEvent['metadata'] = METADATA): NewEvent => ({
  eventId: `0000000${n}-AAAA-4AAA-8AAA-00000000000${n}`,
  type: 'Tested',
  schemaVersion: 1,
  data: { z: 1, a: 'é' },
  metadata,
});

/** docs/audit.md, "Chain", written out by hand: keys sorted, no spaces, the id lowercase. */
const canonical = (n: number, version: number, prevHash: string): string =>
  `{"data":{"a":"é","z":1},"eventId":"0000000${n}-aaaa-4aaa-8aaa-00000000000${n}",` +
  `"metadata":${CANONICAL_METADATA},"prevHash":"${prevHash}","schemaVersion":1,` +
  `"streamId":"session-1","type":"Tested","version":${version}}`;

describe('chainEvents', () => {
  it('links each event to the one before with the SHA-256 of its RFC 8785 form', () => {
    const [first, second] = chainEvents('session-1', { version: 4, hash: 'f'.repeat(64) }, [
      event(1),
      event(2),
    ]);
    const firstHash = sha256(canonical(1, 5, 'f'.repeat(64)));
    expect(first?.metadata).toEqual({
      ...METADATA,
      prevHash: 'f'.repeat(64),
      hash: firstHash,
    });
    expect(second?.metadata).toEqual({
      ...METADATA,
      prevHash: firstHash,
      hash: sha256(canonical(2, 6, firstHash)),
    });
    expect(first?.eventId).toBe('00000001-aaaa-4aaa-8aaa-000000000001');
  });

  it('leaves chain fields already in the metadata out of the hash, and replaces them', () => {
    const [only] = chainEvents('session-1', { version: -1 }, [
      event(1, { ...METADATA, hash: 'stale', prevHash: 'stale' }),
    ]);
    expect(only?.metadata).toEqual({
      ...METADATA,
      prevHash: GENESIS_HASH,
      hash: sha256(canonical(1, 0, GENESIS_HASH)),
    });
  });

  it('does not change the events it was given', () => {
    const given = event(1);
    chainEvents('session-1', { version: -1 }, [given]);
    expect(given.metadata).toEqual(METADATA);
  });
});
