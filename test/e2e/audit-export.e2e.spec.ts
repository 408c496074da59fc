import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chainEvents,
  evidenceFromExport,
  ExportFormatError,
  verifyEvidence,
  type VerificationReport,
} from '@app/audit';
import { sessionStream } from '@app/domain';
import type { NewEvent } from '@app/event-store';
import { createAuditCommand } from '../../apps/cli/src/commands/audit.command';
import { recordingIo } from '../../apps/cli/src/testing/recording-io';
import { ProjectorHook } from '../../apps/api/src/composition';
import type { Api } from './support/api-harness';
import { describeOnEveryStore } from './support/every-store';
import { cancelUrl, expectStatus, schedule, sessionUrl } from './support/fixtures';

jest.setTimeout(120_000);

const PRO = { role: 'professional' as const, sub: 'pro-1' };
const AUDITOR = { role: 'auditor' as const, sub: 'aud-1' };
const ADMIN = { role: 'admin' as const, sub: 'adm-1' };

function legacyEvent(type: string, schemaVersion: number, data: NewEvent['data']): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion,
    data,
    metadata: {
      occurredAt: '2025-01-10T09:00:00.000Z',
      actor: { userId: 'legacy-import', role: 'admin' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
    },
  };
}

function scheduled(sessionId: string): NewEvent {
  return legacyEvent('SessionScheduled', 1, {
    sessionId,
    professionalId: 'pro-1',
    clientId: 'client-legacy',
    startsAt: '2026-06-20T10:00:00.000Z',
    timeZone: 'UTC',
    durationMinutes: 50,
    fee: { amountMinor: 12000, currency: 'EUR' },
    payment: { kind: 'direct' },
  });
}

/** One character changed to another of the same kind (JSON stays text). */
function flipped(text: string, at: number): string {
  const c = text[at];
  const next = /[0-9]/.test(c)
    ? String((Number(c) + 1) % 10)
    : /[a-z]/.test(c)
      ? c === 'z'
        ? 'a'
        : String.fromCharCode(c.charCodeAt(0) + 1)
      : c === 'x'
        ? 'y'
        : 'x';
  return `${text.slice(0, at)}${next}${text.slice(at + 1)}`;
}

describeOnEveryStore(
  'audit: export, offline verification, legacy events',
  (api: () => Api) => {
    async function sealEverything(sessionId?: string): Promise<void> {
      const sealer = api().app.get(ProjectorHook).auditSealer;
      if (!sealer) throw new Error('the sealer does not run');
      // Not headPosition: on a shared server it stays behind others' open transactions.
      const streams = sessionId ? [sessionStream(sessionId), `session-deletion-${sessionId}`] : [];
      const positions = await Promise.all(
        streams.map((stream) =>
          api()
            .stores.rawEventStore.readStream(stream, { direction: 'backwards', maxCount: 1 })
            .then(([last]) => last?.position)
            .catch(() => undefined),
        ),
      );
      const target =
        positions
          .filter((p): p is string => p !== undefined)
          .sort((x, y) => (BigInt(x) < BigInt(y) ? 1 : -1))[0] ??
        (await api().stores.rawEventStore.headPosition());
      if (target) await sealer.consumer.waitForPosition(target, 30_000);
      await sealer.sealNow();
    }

    const verify = async (id: string) =>
      (await api().request({ method: 'GET', url: `${sessionUrl(id)}/verification`, as: AUDITOR }))
        .body as VerificationReport;

    async function publicKey(): Promise<string> {
      const response = await api().request({ method: 'GET', url: '/api/v1/audit/public-key' });
      expectStatus(response, 200);
      expect(response.text).toContain('BEGIN PUBLIC KEY');
      return response.text;
    }

    it('exports a session that verifies offline, and fails when any one character changes', async () => {
      const id = await schedule(api());
      expectStatus(
        await api().request({
          method: 'POST',
          url: cancelUrl(id),
          as: PRO,
          body: { reason: 'cancelled-by-professional' },
        }),
        200,
      );
      await sealEverything(id);
      const exported = await api().request({
        method: 'GET',
        url: `/api/v1/admin/audit/sessions/${id}/export`,
        as: ADMIN,
      });
      expectStatus(exported, 200);
      const key = await publicKey();
      const report = verifyEvidence(evidenceFromExport(exported.text, key));
      expect(report).toMatchObject({ outcome: 'verified', brokenLinks: [] });
      expect(report.sealed).toBe(report.events);

      const outcomes = new Set<string>();
      for (let at = 0; at < exported.text.length - 1; at += 3) {
        const changed = flipped(exported.text, at);
        try {
          const after = verifyEvidence(evidenceFromExport(changed, key));
          expect({ at, outcome: after.outcome }).not.toEqual({ at, outcome: 'verified' });
          outcomes.add(after.outcome);
        } catch (error) {
          if (!(error instanceof ExportFormatError)) throw error;
          outcomes.add('format');
        }
      }
      expect(outcomes).toEqual(expect.objectContaining({ size: expect.any(Number) }));
      expect([...outcomes]).toEqual(expect.arrayContaining(['format', 'data-altered']));

      // The same through the CLI, offline: a file and the key, nothing else.
      const folder = await mkdtemp(join(tmpdir(), 'audit-export-'));
      try {
        await writeFile(join(folder, 'export.jsonl'), exported.text);
        await writeFile(join(folder, 'changed.jsonl'), flipped(exported.text, 200));
        await writeFile(join(folder, 'key.pem'), key);
        const command = createAuditCommand(() => Promise.reject(new Error('offline only')));
        const io = recordingIo();
        const args = ['--public-key', join(folder, 'key.pem')];
        expect(
          await command.run(['verify-export', join(folder, 'export.jsonl'), ...args], io),
        ).toBe(0);
        expect(io.stdout[0]).toBe('outcome: verified');
        expect(
          await command.run(['verify-export', join(folder, 'changed.jsonl'), ...args], io),
        ).toBe(1);
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    });

    it('reports events written before the chain as an unchained prefix, never as tampering', async () => {
      const id = randomUUID();
      await api().stores.rawEventStore.append(sessionStream(id), [scheduled(id)], 'no-stream');
      expectStatus(
        await api().request({
          method: 'POST',
          url: cancelUrl(id),
          as: PRO,
          body: { reason: 'cancelled-by-professional' },
        }),
        200,
      );
      await sealEverything(id);
      const report = await verify(id);
      expect(report).toMatchObject({
        outcome: 'unchained-prefix',
        brokenLinks: [],
        unchainedPrefix: [{ streamId: sessionStream(id), events: 1 }],
      });
      expect(report.sealed).toBe(report.events);
    });

    it('verifies legacy ClientCharged v1 events on their stored form, while history upcasts them', async () => {
      const id = randomUUID();
      const stream = sessionStream(id);
      // An import that chains what it writes, as the application does.
      const events = chainEvents(stream, { version: -1 }, [
        scheduled(id),
        legacyEvent('SessionCancelled', 1, {
          reason: 'cancelled-by-client',
          noticeMinutes: 600,
          late: true,
          cancelledAt: '2026-06-20T00:00:00.000Z',
        }),
        legacyEvent('ClientCharged', 1, { amount: '120.00', currency: 'EUR', method: 'card' }),
      ]);
      await api().stores.rawEventStore.append(stream, events, 'no-stream');
      await sealEverything(id);
      expect(await verify(id)).toMatchObject({ outcome: 'verified', events: 3, sealed: 3 });
      const history = await api().request({
        method: 'GET',
        url: `${sessionUrl(id)}/history`,
        as: AUDITOR,
      });
      expect(JSON.stringify(history.body)).toContain('"amountMinor":12000');
    });

    it('verifies the whole log through the admin endpoint', async () => {
      await sealEverything();
      const log = await api().request({
        method: 'GET',
        url: '/api/v1/admin/audit/verification',
        as: ADMIN,
      });
      expectStatus(log, 200);
      expect((log.body as VerificationReport).brokenLinks).toEqual([]);
    });
  },
  { runProjector: true },
);
