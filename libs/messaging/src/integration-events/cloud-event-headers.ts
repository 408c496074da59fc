import type { TopicRole } from '../topics';
import { CE_SOURCES, schemaId, type IntegrationEventType } from './event-types';

export const CORRELATION_HEADER = 'ce_correlationid';

export interface CloudEventFields {
  readonly role: TopicRole;
  /** The domain event's id: consumers drop duplicates by (ce_source, ce_id). */
  readonly id: string;
  readonly type: IntegrationEventType;
  readonly time: string;
  readonly sessionId: string;
  readonly correlationId: string | undefined;
  /** False for a tombstone: no data, hence no content type or data schema. */
  readonly hasData: boolean;
}

/**
 * CloudEvents 1.0 in Kafka binary mode: attributes as `ce_` headers, `content-type` for the data.
 * The correlation id travels as the `correlationid` extension attribute.
 */
export function cloudEventHeaders(fields: CloudEventFields): Record<string, string> {
  const headers: Record<string, string> = {
    ce_specversion: '1.0',
    ce_id: fields.id,
    ce_type: fields.type,
    ce_source: CE_SOURCES[fields.role],
    ce_time: fields.time,
    ce_subject: fields.sessionId,
  };
  if (fields.hasData) {
    headers['content-type'] = 'application/json';
    headers.ce_dataschema = schemaId(fields.type);
  }
  if (fields.correlationId !== undefined) headers[CORRELATION_HEADER] = fields.correlationId;
  return headers;
}
