import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity, fromFile, Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import {
  createPayloadValidator,
  INTEGRATION_EVENT_TYPES,
  type IntegrationEventType,
} from '../integration-events';
import { DEFAULT_TOPIC_NAMES } from '../topics';

const DOCUMENT = join(__dirname, '..', '..', 'asyncapi.yaml');

type Example = { headers?: Record<string, string>; payload?: unknown };

describe('AsyncAPI document (libs/messaging/asyncapi.yaml)', () => {
  let parsed: Awaited<ReturnType<ReturnType<typeof fromFile>['parse']>>;

  beforeAll(async () => {
    parsed = await fromFile(new Parser(), DOCUMENT).parse();
  }, 30_000);

  it('parses and validates as AsyncAPI 3.1 with no error', () => {
    const errors = parsed.diagnostics.filter(
      // The diagnostics' enum comes from another copy of @stoplight/types: compare the values.
      (d) => Number(d.severity) === Number(DiagnosticSeverity.Error),
    );
    expect(errors.map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(parsed.document?.version()).toBe('3.1.0');
  });

  it("tells consumers to check a tombstone's null value before the CloudEvents SDK reads it", () => {
    const tombstone = (parsed.document?.messages().all() ?? []).find(
      (message) => message.id() === 'sessionStateTombstone',
    );
    expect(tombstone?.payload()?.type()).toBe('null');
    expect(tombstone?.description()).toMatch(/Kafka\.toEvent refuses .* checks the value first/s);
  });

  it('describes every topic of the contract, with its cleanup policy', () => {
    const channels = parsed.document?.channels().all() ?? [];
    expect(channels.map((c) => c.address()).sort()).toEqual(
      Object.values(DEFAULT_TOPIC_NAMES).sort(),
    );
    const policy = (address: string): unknown =>
      (
        channels
          .find((c) => c.address() === address)
          ?.bindings()
          .get('kafka')
          ?.value() as {
          topicConfiguration?: Record<string, unknown>;
        }
      ).topicConfiguration?.['cleanup.policy'];
    expect(policy('sessions.lifecycle.v1')).toEqual(['delete']);
    expect(policy('sessions.state.v1')).toEqual(['compact']);
  });

  it('has a message, keyed by session id, for every integration event type', () => {
    const names = (parsed.document?.messages().all() ?? []).map((m) => m.name());
    for (const type of Object.values(INTEGRATION_EVENT_TYPES)) expect(names).toContain(type);
    for (const message of parsed.document?.messages().all() ?? []) {
      expect(message.bindings().get('kafka')?.value()).toMatchObject({ key: { type: 'string' } });
      expect(message.hasHeaders()).toBe(true);
    }
  });

  it('gives examples whose payloads validate against the checked-in schemas and whose headers are CloudEvents', () => {
    const validatePayload = createPayloadValidator();
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const raw = parsed.document?.meta().asyncapi.parsed as {
      components: {
        messages: Record<string, { name: string; headers: unknown; examples: Example[] }>;
      };
    };
    let checked = 0;
    for (const message of Object.values(raw.components.messages)) {
      const validateHeaders = ajv.compile(message.headers as object);
      expect(message.examples.length).toBeGreaterThan(0);
      for (const example of message.examples) {
        expect(validateHeaders(example.headers)).toBe(true);
        expect(example.headers?.ce_type).toBe(message.name);
        if (example.payload === null) continue;
        expect(validatePayload(message.name as IntegrationEventType, example.payload)).toEqual([]);
        checked += 1;
      }
    }
    expect(checked).toBe(6);
  });

  it('refers to the JSON Schema files rather than copying them', () => {
    const text = readFileSync(DOCUMENT, 'utf8');
    expect(text).toContain('$ref: ./schemas/session-state.v1.json');
  });
});
