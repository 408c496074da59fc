import { randomUUID } from 'node:crypto';
import { sessionDeletionStream, sessionStream } from '@app/domain';
import { StreamDeletedError } from '@app/event-store';
import type { Api } from './support/api-harness';
import { describeOnEveryStore } from './support/every-store';
import { cancelUrl, schedule, scheduleBody, sessionUrl } from './support/fixtures';
import { eventsOfStream } from './support/store-queries';

jest.setTimeout(60_000);

const PRO = { role: 'professional' as const, sub: 'pro-1' };
const AUDITOR = { role: 'auditor' as const, sub: 'aud-1' };

describeOnEveryStore('deletion', (api: () => Api) => {
  it('removes every event of the session and keeps a deletion record without personal data', async () => {
    const id = await schedule(api());
    await api().request({
      method: 'POST',
      url: cancelUrl(id),
      as: PRO,
      body: { reason: 'other', note: 'secret' },
    });
    const deleted = await api().request({ method: 'DELETE', url: sessionUrl(id), as: PRO });
    expect(deleted.status).toBe(204);
    expect(await eventsOfStream(api(), sessionStream(id))).toEqual([]);
    const records = await eventsOfStream(api(), sessionDeletionStream(id));
    expect(records).toHaveLength(1);
    expect(records[0]?.position).toBe(deleted.headers.position);
    expect(records[0]?.data).toEqual({
      sessionId: id,
      professionalId: 'pro-1',
      deletedBy: { userId: 'pro-1', role: 'professional' },
      deletedAt: api().clock.now().toISOString(),
      reason: 'booked-by-mistake',
      // Scheduled, cancelled, notification requested: what the audit needs to account for each
      // removed event (docs/audit.md).
      removedEvents: [0, 1, 2].map((version) => ({
        position: expect.stringMatching(/^\d+$/),
        version,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      })),
    });
    expect(JSON.stringify(records)).not.toContain('client-1');
    await expect(api().stores.eventStore.readStream(sessionStream(id))).rejects.toBeInstanceOf(
      StreamDeletedError,
    );
  });

  it('answers 404 for the deleted id, 409 for scheduling it again, 410 with the record for its history', async () => {
    const id = await schedule(api());
    expect((await api().request({ method: 'DELETE', url: sessionUrl(id), as: PRO })).status).toBe(
      204,
    );
    expect((await api().request({ method: 'GET', url: sessionUrl(id), as: PRO })).status).toBe(404);
    expect(
      (
        await api().request({
          method: 'GET',
          url: `${sessionUrl(id)}/state?version=0`,
          as: AUDITOR,
        })
      ).status,
    ).toBe(404);
    const again = await api().request({
      method: 'POST',
      url: '/api/v1/sessions',
      as: PRO,
      body: scheduleBody(api(), { sessionId: id }),
    });
    expect(again.status).toBe(409);
    for (const viewer of [PRO, AUDITOR, { role: 'admin' as const, sub: 'adm' }]) {
      const history = await api().request({
        method: 'GET',
        url: `${sessionUrl(id)}/history`,
        as: viewer,
      });
      expect(history.status).toBe(410);
      expect(history.headers['content-type']).toContain('application/problem+json');
      expect(history.body).toMatchObject({
        status: 410,
        code: 'session-deleted',
        deletion: {
          sessionId: id,
          professionalId: 'pro-1',
          reason: 'booked-by-mistake',
          position: expect.any(String),
        },
      });
    }
    const stranger = await api().request({
      method: 'GET',
      url: `${sessionUrl(id)}/history`,
      as: { role: 'professional', sub: 'pro-2' },
    });
    expect(stranger.status).toBe(404);
  });

  it('finishes a half-done delete (record written, stream left) on a repeated delete, answering 404', async () => {
    const id = await schedule(api());
    await api().stores.eventStore.append(
      sessionDeletionStream(id),
      [
        {
          eventId: randomUUID(),
          type: 'SessionDeleted',
          schemaVersion: 1,
          data: {
            sessionId: id,
            professionalId: 'pro-1',
            deletedBy: { userId: 'pro-1', role: 'professional' },
            deletedAt: api().clock.now().toISOString(),
            reason: 'booked-by-mistake',
          },
          metadata: {
            occurredAt: api().clock.now().toISOString(),
            actor: { userId: 'pro-1', role: 'professional' },
            correlationId: 'crash',
            causationId: 'crash',
          },
        },
      ],
      'no-stream',
    );
    expect((await api().request({ method: 'GET', url: sessionUrl(id), as: PRO })).status).toBe(404);
    expect((await eventsOfStream(api(), sessionStream(id))).length).toBe(1);
    expect((await api().request({ method: 'DELETE', url: sessionUrl(id), as: PRO })).status).toBe(
      404,
    );
    expect(await eventsOfStream(api(), sessionStream(id))).toEqual([]);
  });

  it('lets exactly one of concurrent deletes win', async () => {
    const id = await schedule(api());
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        api().request({ method: 'DELETE', url: sessionUrl(id), as: PRO }),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 204)).toHaveLength(1);
    expect(statuses.filter((status) => status !== 204 && status !== 404)).toEqual([]);
    expect(await eventsOfStream(api(), sessionDeletionStream(id))).toHaveLength(1);
  });
});
