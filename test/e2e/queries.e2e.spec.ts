import type { Api } from './support/api-harness';
import { describeOnEveryStore } from './support/every-store';
import { cancelUrl, DAY, schedule, sessionUrl } from './support/fixtures';

jest.setTimeout(60_000);

const PRO = { role: 'professional' as const, sub: 'pro-q' };
const AUDITOR = { role: 'auditor' as const, sub: 'aud-1' };
const RANGE = 'from=2026-06-15T00:00:00Z&to=2026-06-30T00:00:00Z';

interface CalendarBody {
  position: string;
  sessions: Array<{ sessionId: string; status: string; note?: string; hasPrivateNote: boolean }>;
}

describeOnEveryStore(
  'queries',
  (api: () => Api) => {
    it('reads its own writes in the calendar with minPosition; the note only for its owner', async () => {
      const id = await schedule(api(), { professionalId: 'pro-q', startsIn: 2 * DAY });
      const cancelled = await api().request({
        method: 'POST',
        url: cancelUrl(id),
        as: PRO,
        body: { reason: 'other', note: 'calendar secret' },
      });
      const position = (cancelled.body as { position: string }).position;
      const own = await api().request({
        method: 'GET',
        url: `/api/v1/calendar?${RANGE}&minPosition=${position}`,
        as: PRO,
      });
      expect(own.status).toBe(200);
      const entry = (own.body as CalendarBody).sessions.find((session) => session.sessionId === id);
      expect(entry).toMatchObject({
        status: 'cancelled',
        note: 'calendar secret',
        hasPrivateNote: true,
      });
      const audited = await api().request({
        method: 'GET',
        url: `/api/v1/calendar?${RANGE}&professionalId=pro-q&minPosition=${position}`,
        as: AUDITOR,
      });
      expect(audited.status).toBe(200);
      expect(audited.text).not.toContain('calendar secret');
    });

    it('reports cancellations with groupBy, forced to the professional', async () => {
      const id = await schedule(api(), { professionalId: 'pro-q', startsIn: 3 * DAY });
      const cancelled = await api().request({
        method: 'POST',
        url: cancelUrl(id),
        as: PRO,
        body: { reason: 'cancelled-by-client' },
      });
      const position = (cancelled.body as { position: string }).position;
      const report = await api().request({
        method: 'GET',
        url: `/api/v1/reports/cancellations?from=2026-06-01&to=2026-07-01&tz=Europe/Paris&groupBy=reason&minPosition=${position}`,
        as: PRO,
      });
      expect(report.status).toBe(200);
      expect(report.body).toMatchObject({
        from: '2026-06-01',
        to: '2026-07-01',
        tz: 'Europe/Paris',
        totals: expect.any(Object),
      });
      expect(report.text).not.toContain('calendar secret');
      const bad = await api().request({
        method: 'GET',
        url: '/api/v1/reports/cancellations?from=2026-07-01&to=2026-06-01',
        as: AUDITOR,
      });
      expect(bad.status).toBe(400);
      const badZone = await api().request({
        method: 'GET',
        url: '/api/v1/reports/cancellations?from=2026-06-01&to=2026-07-01&tz=Mars/Olympus',
        as: AUDITOR,
      });
      expect(badZone.status).toBe(400);
    });

    it('lists deletions once applied', async () => {
      const id = await schedule(api(), { professionalId: 'pro-q' });
      const deleted = await api().request({ method: 'DELETE', url: sessionUrl(id), as: PRO });
      const position = String(deleted.headers.position);
      const list = await api().request({
        method: 'GET',
        url: `/api/v1/deletions?from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z&minPosition=${position}`,
        as: PRO,
      });
      expect(list.status).toBe(200);
      const deletions = (
        list.body as { deletions: Array<{ sessionId: string; professionalId: string }> }
      ).deletions;
      expect(deletions.map((d) => d.sessionId)).toContain(id);
      expect(deletions.every((d) => d.professionalId === 'pro-q')).toBe(true);
    });

    it('answers history with metadata and state as of a version or an instant', async () => {
      const id = await schedule(api(), { professionalId: 'pro-q', startsIn: 4 * DAY });
      await api().request({
        method: 'POST',
        url: cancelUrl(id),
        as: PRO,
        body: { reason: 'other', note: 'history note' },
        headers: { 'x-correlation-id': 'corr-cancel-1' },
      });
      const history = await api().request({
        method: 'GET',
        url: `${sessionUrl(id)}/history`,
        as: AUDITOR,
      });
      expect(history.status).toBe(200);
      const events = (
        history.body as {
          events: Array<{
            type: string;
            metadata: Record<string, unknown>;
            schemaVersion: number;
            storedSchemaVersion: number;
          }>;
        }
      ).events;
      expect(events.map((e) => e.type)).toEqual([
        'SessionScheduled',
        'SessionCancelled',
        'NotificationRequested',
      ]);
      expect(events[0]?.metadata).toMatchObject({
        actor: { userId: 'pro-q', role: 'professional' },
        correlationId: expect.any(String),
        causationId: expect.any(String),
        occurredAt: api().clock.now().toISOString(),
      });
      expect(events[1]?.metadata.correlationId).toBe('corr-cancel-1');
      expect(events[2]?.metadata.causationId).toBe(events[1]?.metadata.causationId);
      expect(history.text).not.toContain('history note');
      const own = await api().request({ method: 'GET', url: `${sessionUrl(id)}/history`, as: PRO });
      expect(own.text).toContain('history note');
      const atZero = await api().request({
        method: 'GET',
        url: `${sessionUrl(id)}/state?version=0`,
        as: AUDITOR,
      });
      expect(atZero.status).toBe(200);
      expect(atZero.body).toMatchObject({ version: 0, state: { status: 'scheduled' } });
      const now = await api().request({
        method: 'GET',
        url: `${sessionUrl(id)}/state?at=2099-01-01T00:00:00Z`,
        as: AUDITOR,
      });
      expect(now.body).toMatchObject({ version: 2, state: { status: 'cancelled' } });
      const both = await api().request({
        method: 'GET',
        url: `${sessionUrl(id)}/state?version=0&at=2099-01-01T00:00:00Z`,
        as: AUDITOR,
      });
      expect(both.status).toBe(400);
      const neither = await api().request({
        method: 'GET',
        url: `${sessionUrl(id)}/state`,
        as: AUDITOR,
      });
      expect(neither.status).toBe(400);
    });

    it('shows the projections in /health/ready', async () => {
      const ready = await api().request({ method: 'GET', url: '/health/ready' });
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({
        status: 'ok',
        checks: { 'consumer:calendar': { state: 'up', consumerState: 'running' } },
      });
    });
  },
  { runProjector: true },
);
