import { randomBytes, randomUUID } from 'node:crypto';
import { chainEvents, chainOf, type VerificationReport } from '@app/audit';
import { sessionStream } from '@app/domain';
import type { NewEvent } from '@app/event-store';
import { createPgPool } from '@app/event-store/postgres';
import { describeWithService } from '@test/support/requires-service';
import { ProjectorHook } from '../../apps/api/src/composition';
import { startApi, type Api } from './support/api-harness';
import { cancelUrl, expectStatus, schedule, sessionUrl } from './support/fixtures';

jest.setTimeout(120_000);

const PRO = { role: 'professional' as const, sub: 'pro-1' };
const AUDITOR = { role: 'auditor' as const, sub: 'aud-1' };
const ADMIN = { role: 'admin' as const, sub: 'adm-1' };

/**
 * Tampering with the PostgreSQL rows directly, one case at a time (docs/audit.md): each is found
 * and named with its position or version; a legitimate deletion verifies.
 */
describeWithService('postgres', 'tamper evidence on PostgreSQL', (url) => {
  const prefix = `e2e_audit_${randomBytes(4).toString('hex')}`;
  const events = `${prefix}_events.events`;
  let api: Api;
  const pool = createPgPool({ connectionString: url, max: 2, onConnectionError: () => undefined });

  beforeAll(async () => {
    api = await startApi({ kind: 'postgres', url, schemaPrefix: prefix }, { runProjector: true });
    const methods = await api.request({
      method: 'PUT',
      url: '/api/v1/workstations/pro-1/payment-methods',
      as: PRO,
      body: { methods: ['card'] },
    });
    expectStatus(methods, 200);
  });

  afterAll(async () => {
    await api?.close();
    for (const suffix of ['events', 'read', 'idem']) {
      await pool.query(`DROP SCHEMA IF EXISTS ${prefix}_${suffix} CASCADE`);
    }
    await pool.end();
  });

  /** Waits until the sealer has seen everything written, then seals it. */
  async function sealEverything(sessionId?: string): Promise<void> {
    const sealer = api.app.get(ProjectorHook).auditSealer;
    if (!sealer) throw new Error('the sealer does not run');
    // Not headPosition: on a shared server it stays behind others' open transactions.
    const streams = sessionId ? [sessionStream(sessionId), `session-deletion-${sessionId}`] : [];
    const positions = await Promise.all(
      streams.map((stream) =>
        api.stores.rawEventStore
          .readStream(stream, { direction: 'backwards', maxCount: 1 })
          .then(([last]) => last?.position)
          .catch(() => undefined),
      ),
    );
    const target =
      positions
        .filter((p): p is string => p !== undefined)
        .sort((x, y) => (BigInt(x) < BigInt(y) ? 1 : -1))[0] ??
      (await api.stores.rawEventStore.headPosition());
    if (target) await sealer.consumer.waitForPosition(target, 30_000);
    await sealer.sealNow();
  }

  /** A session scheduled and cancelled late with a card charge (ClientCharged at version 2). */
  async function chargedSession(): Promise<string> {
    const id = await schedule(api, { startsIn: 2 * 60 * 60 * 1000 });
    const cancelled = await api.request({
      method: 'POST',
      url: cancelUrl(id),
      as: PRO,
      body: { reason: 'cancelled-by-client', charge: { method: 'card', amountMinor: 6000 } },
    });
    expectStatus(cancelled, 200);
    return id;
  }

  async function verify(id: string): Promise<VerificationReport & { status: number }> {
    const response = await api.request({
      method: 'GET',
      url: `${sessionUrl(id)}/verification`,
      as: AUDITOR,
    });
    return { status: response.status, ...(response.body as VerificationReport) };
  }

  async function rowOf(id: string, version: number) {
    const { rows } = await pool.query<{ global_sequence: string; data: unknown }>(
      `SELECT global_sequence::text, data FROM ${events} WHERE stream_id = $1 AND stream_version = $2`,
      [sessionStream(id), version],
    );
    return rows[0];
  }

  it('verifies an untouched session, first as not yet sealed, then as verified', async () => {
    const id = await chargedSession();
    const before = await verify(id);
    expect(before.status).toBe(200);
    expect(before.outcome).toBe('not-yet-sealed');
    const written = before.events;
    expect(before.notYetSealed).toHaveLength(written);
    await sealEverything(id);
    const after = await verify(id);
    expect(after).toMatchObject({
      outcome: 'verified',
      events: written,
      sealed: written,
      brokenLinks: [],
    });
  });

  it('names one changed byte of a charged amount: data-altered at its version and position', async () => {
    const id = await chargedSession();
    await sealEverything(id);
    await pool.query(
      `UPDATE ${events} SET data = jsonb_set(data, '{amountMinor}', '6001')
        WHERE stream_id = $1 AND type = 'ClientCharged'`,
      [sessionStream(id)],
    );
    const report = await verify(id);
    expect(report.outcome).toBe('data-altered');
    expect(report.brokenLinks[0]).toMatchObject({ streamId: sessionStream(id), version: 2 });
    expect(report.brokenLinks[0]?.position).toMatch(/^\d+$/);
  });

  it('names one deleted event row: event-missing at its version', async () => {
    const id = await chargedSession();
    await sealEverything(id);
    await pool.query(`DELETE FROM ${events} WHERE stream_id = $1 AND stream_version = 1`, [
      sessionStream(id),
    ]);
    const report = await verify(id);
    expect(report.outcome).toBe('event-missing');
    expect(report.brokenLinks[0]).toMatchObject({ streamId: sessionStream(id), version: 1 });
  });

  it('names two events whose versions were swapped: events-reordered', async () => {
    const id = await chargedSession();
    await sealEverything(id);
    const stream = sessionStream(id);
    await pool.query('BEGIN');
    await pool.query(
      `UPDATE ${events} SET stream_version = 100 WHERE stream_id = $1 AND stream_version = 1`,
      [stream],
    );
    await pool.query(
      `UPDATE ${events} SET stream_version = 1 WHERE stream_id = $1 AND stream_version = 2`,
      [stream],
    );
    await pool.query(
      `UPDATE ${events} SET stream_version = 2 WHERE stream_id = $1 AND stream_version = 100`,
      [stream],
    );
    await pool.query('COMMIT');
    const report = await verify(id);
    expect(report.outcome).toBe('events-reordered');
    expect(report.brokenLinks[0]?.reason).toBe('events-reordered');
    const reordered = report.brokenLinks.filter((link) => link.reason === 'events-reordered');
    expect(reordered.map((link) => link.version)).toEqual(expect.arrayContaining([1, 2]));
  });

  it('names a whole session removed without a deletion record once sealed: removal-not-accounted-for', async () => {
    const id = await chargedSession();
    await sealEverything(id);
    const first = await rowOf(id, 0);
    await pool.query(`DELETE FROM ${events} WHERE stream_id = $1`, [sessionStream(id)]);
    const report = await verify(id);
    expect(report.outcome).toBe('removal-not-accounted-for');
    expect(report.brokenLinks[0]).toMatchObject({ streamId: sessionStream(id), version: 0 });
    expect(first.global_sequence).toBeDefined();
  });

  it('catches a forged event inserted with a recomputed chain inside the sealed range: not-covered-by-a-seal', async () => {
    const id = await chargedSession();
    await sealEverything(id);
    const stream = sessionStream(id);
    const [head] = await api.stores.rawEventStore.readStream(stream, {
      direction: 'backwards',
      maxCount: 1,
    });
    const forged: NewEvent = {
      eventId: randomUUID(),
      type: 'NotificationRequested',
      schemaVersion: 1,
      data: { channel: 'default' },
      metadata: { ...head.metadata },
    };
    const version = head.streamVersion;
    const [chained] = chainEvents(stream, { version, hash: chainOf(head.metadata)?.hash }, [
      forged,
    ]);
    // Inside the sealed range: between the session's first two events, both sealed.
    const { rows } = await pool.query<{ transaction_id: string; global_sequence: string }>(
      `SELECT transaction_id::text, global_sequence::text FROM ${events}
        WHERE stream_id = $1 AND stream_version = 0`,
      [stream],
    );
    await pool.query(
      `INSERT INTO ${events} (global_sequence, transaction_id, stream_id, stream_version, event_id,
         type, schema_version, data, metadata)
       VALUES ($1::bigint + 1, $2::xid8, $3, $8, $4, $5, 1, $6, $7)`,
      [
        rows[0].global_sequence,
        rows[0].transaction_id,
        stream,
        chained.eventId,
        chained.type,
        JSON.stringify(chained.data),
        JSON.stringify(chained.metadata),
        version + 1,
      ],
    );
    const report = await verify(id);
    expect(report.outcome).toBe('not-covered-by-a-seal');
    expect(report.brokenLinks[0]).toMatchObject({ streamId: stream, version: version + 1 });
  });

  it('verifies a legitimate deletion before and after: every removed leaf accounted for', async () => {
    const id = await schedule(api);
    expectStatus(
      await api.request({
        method: 'POST',
        url: cancelUrl(id),
        as: PRO,
        body: { reason: 'cancelled-by-professional' },
      }),
      200,
    );
    await sealEverything(id);
    const sealed = await verify(id);
    expect(sealed.outcome).toBe('verified');
    expectStatus(await api.request({ method: 'DELETE', url: sessionUrl(id), as: PRO }), 204);
    const afterDelete = await verify(id);
    expect(afterDelete.brokenLinks).toEqual([]);
    expect(afterDelete.accountedRemovals).toBe(sealed.events);
    await sealEverything(id);
    expect(await verify(id)).toMatchObject({
      outcome: 'verified',
      accountedRemovals: sealed.events,
    });
  });

  it('names a seal whose signature was altered: bad-signature (last: it breaks every session)', async () => {
    const id = await chargedSession();
    await sealEverything(id);
    await pool.query(
      `UPDATE ${events} SET data = jsonb_set(data, '{signature}', to_jsonb('AAAA' || substr(data->>'signature', 5)))
        WHERE stream_id = 'audit-seals'`,
    );
    const report = await verify(id);
    expect(report.outcome).toBe('bad-signature');
    const log = await api.request({
      method: 'GET',
      url: '/api/v1/admin/audit/verification',
      as: ADMIN,
    });
    // The earlier cases' tampering comes first in log order; the seals' is among the links.
    expect((log.body as VerificationReport).brokenLinks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: 'bad-signature', streamId: 'audit-seals' }),
      ]),
    );
  });
});
