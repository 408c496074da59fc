import { randomUUID } from 'node:crypto';
import type { Api, ApiResponse } from './support/api-harness';
import { describeOnEveryStore } from './support/every-store';
import { cancelUrl, DAY, HOUR, schedule, scheduleBody, sessionUrl } from './support/fixtures';

jest.setTimeout(60_000);

const PRO = { role: 'professional' as const, sub: 'pro-1' };

function fieldsOf(response: ApiResponse): string[] {
  const errors = (response.body as { errors?: Array<{ field: string }> }).errors ?? [];
  return errors.map((error) => error.field).sort();
}

function codeOf(response: ApiResponse): string | undefined {
  return (response.body as { code?: string } | undefined)?.code;
}

describeOnEveryStore(
  'commands',
  (api: () => Api) => {
    const cancel = (id: string, body: unknown, headers: Record<string, string> = {}, as = PRO) =>
      api().request({ method: 'POST', url: cancelUrl(id), as, body, headers });
    const configure = (methods: unknown, headers: Record<string, string> = {}, sub = 'pro-1') =>
      api().request({
        method: 'PUT',
        url: `/api/v1/workstations/${sub}/payment-methods`,
        as: { role: 'professional', sub },
        body: { methods },
        headers,
      });

    describe('schedule', () => {
      it('answers 201 with sessionId, version, position and Location', async () => {
        const body = scheduleBody(api());
        const response = await api().request({
          method: 'POST',
          url: '/api/v1/sessions',
          as: PRO,
          body,
        });
        expect(response.status).toBe(201);
        expect(response.body).toEqual({
          sessionId: body.sessionId,
          version: 0,
          position: expect.stringMatching(/^\d+$/),
        });
        expect(response.headers.location).toBe(`/api/v1/sessions/${String(body.sessionId)}`);
      });

      it('generates the id when absent', async () => {
        const { sessionId: _omit, ...body } = scheduleBody(api());
        const response = await api().request({
          method: 'POST',
          url: '/api/v1/sessions',
          as: PRO,
          body,
        });
        expect(response.status).toBe(201);
        expect((response.body as { sessionId: string }).sessionId).toMatch(/^[0-9a-f-]{36}$/);
      });

      it('names every bad field in one 400', async () => {
        const body = {
          ...scheduleBody(api()),
          startsAt: '2026-07-01T10:00:00',
          timeZone: '+02:00',
          durationMinutes: 4,
          fee: { amountMinor: -1, currency: 'EURO' },
          payment: { kind: 'direct', credits: 2 },
          extra: true,
        };
        const response = await api().request({
          method: 'POST',
          url: '/api/v1/sessions',
          as: PRO,
          body,
        });
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(fieldsOf(response)).toEqual([
          'durationMinutes',
          'extra',
          'fee.amountMinor',
          'fee.currency',
          'payment.credits',
          'startsAt',
          'timeZone',
        ]);
      });

      it.each([
        ['durationMinutes', { durationMinutes: 481 }],
        ['durationMinutes', { durationMinutes: 5.5 }],
        ['payment.credits', { payment: { kind: 'sponsored-credits' } }],
        ['payment.kind', { payment: { kind: 'voucher' } }],
        ['fee', { fee: null }],
        ['sessionId', { sessionId: 'not-a-uuid' }],
      ])('refuses a bad %s with 400', async (field, patch) => {
        const body = { ...scheduleBody(api()), ...patch };
        const response = await api().request({
          method: 'POST',
          url: '/api/v1/sessions',
          as: PRO,
          body,
        });
        expect(response.status).toBe(400);
        expect(fieldsOf(response)).toContain(field);
      });

      it('refuses an existing id with 409', async () => {
        const id = await schedule(api());
        const body = scheduleBody(api(), { sessionId: id });
        const response = await api().request({
          method: 'POST',
          url: '/api/v1/sessions',
          as: PRO,
          body,
        });
        expect(response.status).toBe(409);
        expect(codeOf(response)).toBe('session-already-exists');
      });

      it('lets a professional schedule only for themself (403 before 400)', async () => {
        const body = { ...scheduleBody(api(), { professionalId: 'pro-2' }), durationMinutes: 1 };
        const response = await api().request({
          method: 'POST',
          url: '/api/v1/sessions',
          as: PRO,
          body,
        });
        expect(response.status).toBe(403);
      });
    });

    describe('payment methods', () => {
      it('configures and answers the methods, version and position; If-Match guards it', async () => {
        const sub = `pro-${randomUUID()}`;
        const first = await configure(['invoice', 'card'], {}, sub);
        expect(first.status).toBe(200);
        expect(first.body).toEqual({
          professionalId: sub,
          methods: ['card', 'invoice'],
          version: 0,
          position: expect.stringMatching(/^\d+$/),
        });
        expect((await configure(['card'], { 'if-match': '"5"' }, sub)).status).toBe(412);
        const second = await configure(['card'], { 'if-match': '0' }, sub);
        expect(second.status).toBe(200);
        expect((second.body as { version: number }).version).toBe(1);
      });

      it('refuses sponsored-credits, duplicates and unknown fields with 400', async () => {
        expect((await configure(['sponsored-credits'])).status).toBe(400);
        expect((await configure(['card', 'card'])).status).toBe(400);
        expect((await configure('card')).status).toBe(400);
      });

      it("refuses another professional's workstation with 403", async () => {
        const response = await api().request({
          method: 'PUT',
          url: '/api/v1/workstations/pro-2/payment-methods',
          as: PRO,
          body: { methods: [] },
        });
        expect(response.status).toBe(403);
      });
    });

    describe('cancel', () => {
      it('answers the events written, the version and the position, note included for its owner', async () => {
        const id = await schedule(api());
        const response = await cancel(id, {
          reason: 'other',
          note: 'Private words',
          notifyClient: true,
        });
        expect(response.status).toBe(200);
        expect(response.body).toEqual({
          sessionId: id,
          version: 2,
          position: expect.stringMatching(/^\d+$/),
          events: [
            {
              eventId: expect.any(String),
              type: 'SessionCancelled',
              streamVersion: 1,
              schemaVersion: 1,
              data: {
                reason: 'other',
                note: 'Private words',
                noticeMinutes: 3 * 24 * 60,
                late: false,
                cancelledAt: api().clock.now().toISOString(),
              },
            },
            {
              eventId: expect.any(String),
              type: 'NotificationRequested',
              streamVersion: 2,
              schemaVersion: 1,
              data: { channel: 'default' },
            },
          ],
        });
      });

      it('charges a late cancellation with an enabled method', async () => {
        await configure(['card']);
        const id = await schedule(api(), { startsIn: 2 * HOUR });
        const response = await cancel(id, {
          reason: 'cancelled-by-client',
          charge: { method: 'card', amountMinor: 5000 },
          notifyClient: false,
        });
        expect(response.status).toBe(200);
        const events = (response.body as { events: Array<{ type: string; data: unknown }> }).events;
        expect(events.map((event) => event.type)).toEqual(['SessionCancelled', 'ClientCharged']);
        expect(events[1]?.data).toEqual({ method: 'card', amountMinor: 5000, currency: 'EUR' });
      });

      it.each([
        ['note', { reason: 'other' }],
        ['note', { reason: 'cancelled-by-client', note: 'x' }],
        ['note', { reason: 'other', note: 'x'.repeat(501) }],
        [
          'charge.amountMinor',
          { reason: 'cancelled-by-client', charge: { method: 'card', amountMinor: 0 } },
        ],
        [
          'charge.amountMinor',
          { reason: 'cancelled-by-client', charge: { method: 'card', amountMinor: 1.5 } },
        ],
        [
          'charge.amountMinor',
          { reason: 'client-no-show', charge: { method: 'sponsored-credits', amountMinor: 100 } },
        ],
        ['charge.method', { reason: 'cancelled-by-client', charge: { method: 'cash' } }],
        ['charge', { reason: 'cancelled-by-client', charge: null }],
        ['charge.extra', { reason: 'cancelled-by-client', charge: { method: 'card', extra: 1 } }],
        ['notifyClient', { reason: 'cancelled-by-client', notifyClient: 'yes' }],
        ['reason', { reason: 'bored' }],
      ])('refuses a bad %s with 400 (before 404)', async (field, body) => {
        const response = await cancel(randomUUID(), body);
        expect(response.status).toBe(400);
        expect(fieldsOf(response)).toContain(field);
      });

      it("answers 404 for a missing session and for another professional's", async () => {
        expect((await cancel(randomUUID(), { reason: 'cancelled-by-client' })).status).toBe(404);
        const id = await schedule(api(), { professionalId: 'pro-2' });
        const response = await cancel(id, { reason: 'cancelled-by-client' });
        expect(response.status).toBe(404);
        expect(codeOf(response)).toBe('session-not-found');
      });

      it('answers 409 to a second cancel, and 412 before 409 for a stale If-Match', async () => {
        const id = await schedule(api());
        expect((await cancel(id, { reason: 'cancelled-by-client' })).status).toBe(200);
        const again = await cancel(id, { reason: 'cancelled-by-client' });
        expect(again.status).toBe(409);
        expect(codeOf(again)).toBe('session-already-cancelled');
        const stale = await cancel(id, { reason: 'cancelled-by-client' }, { 'if-match': '"0"' });
        expect(stale.status).toBe(412);
        expect(codeOf(stale)).toBe('precondition-failed');
      });

      it('accepts a matching If-Match (quoted or bare) and refuses a malformed one with 400', async () => {
        const id = await schedule(api());
        expect(
          (await cancel(id, { reason: 'cancelled-by-client' }, { 'if-match': 'v1' })).status,
        ).toBe(400);
        expect(
          (await cancel(id, { reason: 'cancelled-by-client' }, { 'if-match': '"0' })).status,
        ).toBe(400);
        expect(
          (await cancel(id, { reason: 'cancelled-by-client' }, { 'if-match': '"0"' })).status,
        ).toBe(200);
        const other = await schedule(api());
        expect(
          (await cancel(other, { reason: 'cancelled-by-client' }, { 'if-match': '0' })).status,
        ).toBe(200);
      });

      it('answers 404 before 412 for a missing session', async () => {
        const response = await cancel(
          randomUUID(),
          { reason: 'cancelled-by-client' },
          { 'if-match': '7' },
        );
        expect(response.status).toBe(404);
      });

      it.each([
        ['no-show before the start', {}, { reason: 'client-no-show' }],
        [
          'a reason other than no-show after the end',
          { startsIn: -2 * HOUR },
          { reason: 'cancelled-by-client' },
        ],
        [
          'a method not enabled',
          { startsIn: HOUR },
          { reason: 'cancelled-by-client', charge: { method: 'external' } },
        ],
        [
          'an amount above the fee',
          { startsIn: HOUR },
          { reason: 'cancelled-by-client', charge: { method: 'card', amountMinor: 12001 } },
        ],
        [
          'a charge on a zero fee',
          { startsIn: HOUR, feeMinor: 0 },
          { reason: 'cancelled-by-client', charge: { method: 'card' } },
        ],
        [
          'a card charge on a sponsored session',
          { startsIn: HOUR, payment: { kind: 'sponsored-credits' as const, credits: 2 } },
          { reason: 'cancelled-by-client', charge: { method: 'card' } },
        ],
        [
          'credits on a direct session',
          { startsIn: HOUR },
          { reason: 'cancelled-by-client', charge: { method: 'sponsored-credits' } },
        ],
        [
          'credits with 24 h notice or more',
          { startsIn: 2 * DAY, payment: { kind: 'sponsored-credits' as const, credits: 2 } },
          { reason: 'cancelled-by-client', charge: { method: 'sponsored-credits' } },
        ],
      ])('refuses %s with 422', async (_name, session, body) => {
        await configure(['card']);
        const id = await schedule(api(), session);
        const response = await cancel(id, body);
        expect(response.status).toBe(422);
      });

      it('charges the credits of a late sponsored cancellation', async () => {
        const id = await schedule(api(), {
          startsIn: HOUR,
          payment: { kind: 'sponsored-credits', credits: 2 },
        });
        const response = await cancel(id, {
          reason: 'cancelled-by-client',
          charge: { method: 'sponsored-credits' },
        });
        expect(response.status).toBe(200);
        const events = (response.body as { events: Array<{ type: string; data: unknown }> }).events;
        expect(events[1]).toMatchObject({
          type: 'ClientCharged',
          schemaVersion: 2,
          data: { method: 'sponsored-credits', credits: 2 },
        });
      });
    });

    describe('delete', () => {
      it('answers 204 with the Position of the deletion record, then 404', async () => {
        const id = await schedule(api());
        const response = await api().request({ method: 'DELETE', url: sessionUrl(id), as: PRO });
        expect(response.status).toBe(204);
        expect(response.text).toBe('');
        expect(String(response.headers.position)).toMatch(/^\d+$/);
        expect(
          (await api().request({ method: 'DELETE', url: sessionUrl(id), as: PRO })).status,
        ).toBe(404);
      });

      it('refuses to delete a charged session with 422', async () => {
        await configure(['card']);
        const id = await schedule(api(), { startsIn: HOUR });
        await cancel(id, { reason: 'cancelled-by-client', charge: { method: 'card' } });
        const response = await api().request({ method: 'DELETE', url: sessionUrl(id), as: PRO });
        expect(response.status).toBe(422);
        expect(codeOf(response)).toBe('session-charged-cannot-delete');
      });

      it('checks If-Match (412) and refuses another professional (404)', async () => {
        const id = await schedule(api());
        const stale = await api().request({
          method: 'DELETE',
          url: sessionUrl(id),
          as: PRO,
          headers: { 'if-match': '3' },
        });
        expect(stale.status).toBe(412);
        const foreign = await api().request({
          method: 'DELETE',
          url: sessionUrl(id),
          as: { role: 'professional', sub: 'pro-2' },
        });
        expect(foreign.status).toBe(404);
      });
    });

    describe('current state', () => {
      it('answers the state with an ETag, the note only to its owner', async () => {
        const id = await schedule(api());
        await cancel(id, { reason: 'other', note: 'Only mine' });
        const own = await api().request({ method: 'GET', url: sessionUrl(id), as: PRO });
        expect(own.status).toBe(200);
        expect(own.headers.etag).toBe('"2"');
        expect(own.body).toMatchObject({
          sessionId: id,
          version: 2,
          state: { status: 'cancelled', cancellation: { note: 'Only mine', hasPrivateNote: true } },
        });
        const audited = await api().request({
          method: 'GET',
          url: sessionUrl(id),
          as: { role: 'auditor', sub: 'aud-1' },
        });
        expect(audited.status).toBe(200);
        expect(audited.text).not.toContain('Only mine');
        expect(audited.body).toMatchObject({ state: { cancellation: { hasPrivateNote: true } } });
      });
    });

    describe('read-your-writes', () => {
      it('answers 503 with Retry-After when the read model does not reach minPosition', async () => {
        const response = await api().request({
          method: 'GET',
          url: '/api/v1/calendar?from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z&minPosition=999999999999999999999999',
          as: PRO,
        });
        expect(response.status).toBe(503);
        expect(response.headers['retry-after']).toBeDefined();
        expect(codeOf(response)).toBe('read-model-not-caught-up');
        // The position the read model did apply, not a placeholder ("an earlier position").
        expect((response.body as { detail: string }).detail).toMatch(
          /^The read model has applied (position \d+, not yet|no position yet, so not) 999999999999999999999999; retry later$/,
        );
      });
    });
  },
  { readYourWritesTimeoutMs: 200 },
);
