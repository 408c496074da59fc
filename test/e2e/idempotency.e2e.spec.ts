import { randomUUID } from 'node:crypto';
import { IdempotencyPurger, IdempotencyStore } from '@app/application';
import { quoteIdentifier } from '@app/event-store/sql';
import type { Api } from './support/api-harness';
import { describeOnEveryStore } from './support/every-store';
import { cancelUrl, HOUR, schedule, scheduleBody, sessionUrl } from './support/fixtures';
import { countOfType } from './support/store-queries';

jest.setTimeout(120_000);

const PRO = { role: 'professional' as const, sub: 'pro-1' };
const key = (): Record<string, string> => ({ 'idempotency-key': randomUUID() });

describeOnEveryStore('idempotency', (api: () => Api) => {
  it('replays the first answer for the same key and body (keys in any order), writing nothing', async () => {
    const headers = key();
    const body = scheduleBody(api());
    const first = await api().request({
      method: 'POST',
      url: '/api/v1/sessions',
      as: PRO,
      body,
      headers,
    });
    expect(first.status).toBe(201);
    const head = await api().headPosition();
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const replay = await api().request({
      method: 'POST',
      url: '/api/v1/sessions',
      as: PRO,
      body: reordered,
      headers,
    });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.location).toBe(first.headers.location);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await api().headPosition()).toBe(head);
  });

  it('answers 422 for the same key with another body', async () => {
    const headers = key();
    const id = await schedule(api());
    const url = cancelUrl(id);
    expect(
      (
        await api().request({
          method: 'POST',
          url,
          as: PRO,
          body: { reason: 'cancelled-by-client' },
          headers,
        })
      ).status,
    ).toBe(200);
    const reused = await api().request({
      method: 'POST',
      url,
      as: PRO,
      body: { reason: 'cancelled-by-professional' },
      headers,
    });
    expect(reused.status).toBe(422);
    expect((reused.body as { code: string }).code).toBe('idempotency-key-reused');
  });

  it('scopes a key to the caller and the path', async () => {
    const headers = key();
    const mine = await schedule(api());
    const theirs = await schedule(api(), { professionalId: 'pro-2' });
    const body = { reason: 'cancelled-by-client' };
    expect(
      (await api().request({ method: 'POST', url: cancelUrl(mine), as: PRO, body, headers }))
        .status,
    ).toBe(200);
    const other = await api().request({
      method: 'POST',
      url: cancelUrl(theirs),
      as: { role: 'professional', sub: 'pro-2' },
      body,
      headers,
    });
    expect(other.status).toBe(200);
    const another = await schedule(api());
    expect(
      (await api().request({ method: 'POST', url: cancelUrl(another), as: PRO, body, headers }))
        .status,
    ).toBe(200);
  });

  it('stores refusals: a replayed 404 stays a 404 even once the session exists', async () => {
    const headers = key();
    const id = randomUUID();
    const body = { reason: 'cancelled-by-client' };
    const first = await api().request({
      method: 'POST',
      url: cancelUrl(id),
      as: PRO,
      body,
      headers,
    });
    expect(first.status).toBe(404);
    await schedule(api(), { sessionId: id });
    const replay = await api().request({
      method: 'POST',
      url: cancelUrl(id),
      as: PRO,
      body,
      headers,
    });
    expect(replay.status).toBe(404);
    expect(replay.headers['content-type']).toContain('application/problem+json');
    expect(replay.body).toEqual(first.body);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('answers 409 while a key is in flight, and lets a retry take over after the 30 s lease', async () => {
    const id = await schedule(api());
    const idempotencyKey = randomUUID();
    const url = cancelUrl(id);
    const body = { reason: 'cancelled-by-client' };
    const records = api().app.get(IdempotencyStore);
    const held = await records.claim(
      { caller: 'pro-1', method: 'POST', path: url, key: idempotencyKey },
      'a-crashed-request',
      id,
      api().clock.now(),
    );
    expect(held.kind).toBe('claimed');
    const headers = { 'idempotency-key': idempotencyKey };
    const busy = await api().request({ method: 'POST', url, as: PRO, body, headers });
    expect(busy.status).toBe(409);
    expect((busy.body as { code: string }).code).toBe('idempotency-key-in-flight');
    expect(busy.headers['retry-after']).toBeDefined();
    api().clock.advanceBy(31_000);
    const takeover = await api().request({ method: 'POST', url, as: PRO, body, headers });
    expect(takeover.status).toBe(200);
  });

  it('has exactly one effect for 100 parallel duplicates of one key', async () => {
    const headers = key();
    const body = scheduleBody(api());
    const answers = await Promise.all(
      Array.from({ length: 100 }, () =>
        api().request({ method: 'POST', url: '/api/v1/sessions', as: PRO, body, headers }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status !== 201 && status !== 409)).toEqual([]);
    expect(statuses).toContain(201);
    for (const answer of answers.filter((a) => a.status === 201))
      expect(answer.body).toEqual(answers.find((a) => a.status === 201)?.body);
    expect(await countOfType(api(), `session-${String(body.sessionId)}`, 'SessionScheduled')).toBe(
      1,
    );
  });

  it('has exactly one cancellation for 100 parallel duplicate cancels of one key', async () => {
    const headers = key();
    const id = await schedule(api());
    const answers = await Promise.all(
      Array.from({ length: 100 }, () =>
        api().request({
          method: 'POST',
          url: cancelUrl(id),
          as: PRO,
          body: { reason: 'cancelled-by-client' },
          headers,
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status !== 200 && status !== 409)).toEqual([]);
    const successes = answers.filter((answer) => answer.status === 200);
    expect(successes.length).toBeGreaterThanOrEqual(1);
    for (const success of successes) expect(success.body).toEqual(successes[0]?.body);
    expect(await countOfType(api(), `session-${id}`, 'SessionCancelled')).toBe(1);
  });

  describe('with deletion', () => {
    it('replays a delete with its 204 and Position; a new delete answers 404', async () => {
      const headers = key();
      const id = await schedule(api());
      const first = await api().request({
        method: 'DELETE',
        url: sessionUrl(id),
        as: PRO,
        headers,
      });
      expect(first.status).toBe(204);
      const replay = await api().request({
        method: 'DELETE',
        url: sessionUrl(id),
        as: PRO,
        headers,
      });
      expect(replay.status).toBe(204);
      expect(replay.headers.position).toBe(first.headers.position);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect((await api().request({ method: 'DELETE', url: sessionUrl(id), as: PRO })).status).toBe(
        404,
      );
      expect(
        (await api().request({ method: 'DELETE', url: sessionUrl(id), as: PRO, headers: key() }))
          .status,
      ).toBe(404);
    });

    it('purges the session records but the delete own; a purged cancel replays as 410, without a key 404', async () => {
      const cancelKey = key();
      const id = await schedule(api(), { startsIn: 5 * HOUR });
      const body = { reason: 'cancelled-by-client' };
      expect(
        (
          await api().request({
            method: 'POST',
            url: cancelUrl(id),
            as: PRO,
            body,
            headers: cancelKey,
          })
        ).status,
      ).toBe(200);
      expect(
        (await api().request({ method: 'DELETE', url: sessionUrl(id), as: PRO, headers: key() }))
          .status,
      ).toBe(204);
      const rows = await api().stores.idempotencyDatabase.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM ${idempotencySchema(api())}.idempotency_records WHERE session_id = $1`,
        [id],
      );
      expect(rows[0]?.n).toBe('1');
      const replay = await api().request({
        method: 'POST',
        url: cancelUrl(id),
        as: PRO,
        body,
        headers: cancelKey,
      });
      expect(replay.status).toBe(410);
      expect(
        (await api().request({ method: 'POST', url: cancelUrl(id), as: PRO, body })).status,
      ).toBe(404);
      const stranger = await api().request({
        method: 'POST',
        url: cancelUrl(id),
        as: { role: 'professional', sub: 'pro-9' },
        body,
        headers: key(),
      });
      expect(stranger.status).toBe(404);
    });
  });

  it('keeps records 24 h, then the purge removes them', async () => {
    const headers = key();
    const id = await schedule(api(), { startsIn: 10 * 24 * HOUR });
    const url = cancelUrl(id);
    const first = await api().request({
      method: 'POST',
      url,
      as: PRO,
      body: { reason: 'cancelled-by-client' },
      headers,
    });
    expect(first.status).toBe(200);
    const purger = api().app.get(IdempotencyPurger);
    api().clock.advanceBy(23 * HOUR);
    await purger.purge();
    expect(
      (
        await api().request({
          method: 'POST',
          url,
          as: PRO,
          body: { reason: 'cancelled-by-client' },
          headers,
        })
      ).status,
    ).toBe(200);
    api().clock.advanceBy(2 * HOUR);
    expect(await purger.purge()).toBeGreaterThan(0);
    // The record is gone: the same request now runs again and meets the cancelled session.
    expect(
      (
        await api().request({
          method: 'POST',
          url,
          as: PRO,
          body: { reason: 'cancelled-by-client' },
          headers,
        })
      ).status,
    ).toBe(409);
  });
});

function idempotencySchema(api: Api): string {
  return quoteIdentifier(api.app.get(IdempotencyStore).schema);
}
