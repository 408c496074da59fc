import type { KafkaMessage } from 'kafkajs';
import { ReportingProjection } from './reporting-consumer';

const record = (
  type: string,
  id: string,
  value: unknown,
  source = '/session-cancellation/sessions/lifecycle',
): KafkaMessage => ({
  key: Buffer.from('s-1'),
  value: value === null ? null : Buffer.from(JSON.stringify(value)),
  headers: { ce_type: type, ce_id: id, ce_source: source },
  timestamp: '0',
  attributes: 0,
  offset: '0',
});

describe('Example reporting consumer', () => {
  it('drops duplicates by (ce_source, ce_id) and erases a deleted session', () => {
    const projection = new ReportingProjection();
    const scheduled = record('sessions.session-scheduled.v1', 'e1', {
      professionalId: 'p',
      startsAt: 'x',
    });
    expect(projection.apply(scheduled)).toBe(true);
    expect(projection.apply(scheduled)).toBe(false);
    projection.apply(
      record('sessions.session-cancelled.v1', 'e2', { reason: 'client-no-show', late: true }),
    );
    expect(projection.sessions.get('s-1')).toMatchObject({
      cancelledReason: 'client-no-show',
      late: true,
    });
    projection.apply(record('sessions.session-deleted.v1', 'e3', { sessionId: 's-1' }));
    expect(projection.sessions.size).toBe(0);
  });
});
