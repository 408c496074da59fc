import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { dirname, join } from 'node:path';
import { Document, Spectral, type RulesetDefinition } from '@stoplight/spectral-core';
import { Json as JsonParser } from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import ts from 'typescript';
import { type Api, startApi } from './support/api-harness';
import { cancelUrl, schedule, scheduleBody } from './support/fixtures';
import { OpenApiContract } from './support/openapi-contract';

// Booting the app (a fresh PGlite) takes seconds, more on a busy machine.
jest.setTimeout(60_000);

type Json = Record<string, unknown>;

const OPERATION_METHODS = ['get', 'put', 'post', 'delete'] as const;
const PUBLIC_PATHS = ['/health/live', '/health/ready', '/metrics', '/api/v1/audit/public-key'];
/** Answers that are not JSON, by operation: the seals' key as PEM, an export as JSON Lines. */
const NON_JSON_SUCCESS: Record<string, string> = {
  'get /api/v1/audit/public-key': 'application/x-pem-file',
  'get /api/v1/admin/audit/sessions/{id}/export': 'application/jsonl',
};
/** Spectral's severities 0 and 1 (its DiagnosticSeverity); 2 and 3 are information and hints. */
const ERROR_OR_WARNING: ReadonlySet<number> = new Set([0, 1]);
const CLIENT_DIR = join(__dirname, '..', '..', '.tmp', 'openapi-client');

function operationsOf(document: Json): Array<{ path: string; method: string; operation: Json }> {
  return Object.entries(document.paths as Record<string, Json>).flatMap(([path, item]) =>
    OPERATION_METHODS.filter((method) => item[method] !== undefined).map((method) => ({
      path,
      method,
      operation: item[method] as Json,
    })),
  );
}

/** The request body schema of an operation, compiled against the document's components. */
function requestValidator(document: Json, schemaName: string): (body: unknown) => boolean {
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }), { keywords: true });
  ajv.addSchema({ ...document, $id: 'https://contract.test/openapi.json' });
  return ajv.compile({
    $ref: `https://contract.test/openapi.json#/components/schemas/${schemaName}`,
  });
}

describe('the OpenAPI document (served at /api/docs-json)', () => {
  let api: Api | undefined;
  let document: Json;

  beforeAll(async () => {
    api = await startApi({ kind: 'embedded' });
    document = (await started().request({ method: 'GET', url: '/api/docs-json' })).body as Json;
  });
  afterAll(async () => {
    await api?.close();
  });
  const started = (): Api => {
    if (api === undefined) throw new Error('the app did not start');
    return api;
  };

  it('is OpenAPI 3.1 with servers, a contact and every tag declared', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([expect.objectContaining({ url: expect.any(String) })]);
    const declared = (document.tags as Json[]).map((tag) => tag.name);
    for (const { operation } of operationsOf(document)) {
      for (const tag of operation.tags as string[]) expect(declared).toContain(tag);
    }
  });

  it('gives every /api/v1 operation a summary, its roles, security and typed answers', () => {
    const api = operationsOf(document).filter(({ path }) => path.startsWith('/api/v1/'));
    expect(api.length).toBeGreaterThanOrEqual(13);
    for (const { path, method, operation } of api) {
      const name = `${method} ${path}`;
      expect([name, typeof operation.summary]).toEqual([name, 'string']);
      expect([name, operation.description]).toEqual([name, expect.stringContaining('Roles: ')]);
      expect([name, (operation['x-roles'] as string[]).length > 0]).toEqual([name, true]);
      const responses = operation.responses as Record<string, Json>;
      if (!PUBLIC_PATHS.includes(path)) {
        expect([name, operation.security]).toEqual([name, [{ bearer: [] }]]);
        expect([name, '401' in responses]).toEqual([name, true]);
      }
      expect([name, 'default' in responses]).toEqual([name, true]);
      for (const [status, response] of Object.entries(responses)) {
        if (status === '204') continue;
        const media = Object.keys(response.content as Json);
        const expected = /^[45]|default/.test(status)
          ? 'application/problem+json'
          : (NON_JSON_SUCCESS[`${method} ${path}`] ?? 'application/json');
        expect([name, status, media]).toEqual([name, status, [expected]]);
      }
    }
    for (const path of PUBLIC_PATHS) {
      expect((document.paths as Record<string, Json>)[path]?.get).not.toHaveProperty('security');
    }
  });

  it('describes each answer in one plain text, never a media type glued to another text', () => {
    for (const { path, method, operation } of operationsOf(document)) {
      for (const [status, response] of Object.entries(
        operation.responses as Record<string, Json>,
      )) {
        const text = String(response.description);
        expect([method, path, status, text]).toEqual([
          method,
          path,
          status,
          expect.not.stringMatching(/application\/problem\+json\)|\n/),
        ]);
      }
    }
    const paths = document.paths as Record<
      string,
      Record<string, { responses: Record<string, Json> }>
    >;
    expect(paths['/api/v1/sessions/{id}']?.delete?.responses['422']?.description).toBe(
      'The session was charged (money moved), or the Idempotency-Key was used with another body',
    );
  });

  it('declares the headers: ETag, Location, Position, Retry-After, Idempotent-Replayed', () => {
    const paths = document.paths as Record<
      string,
      Record<string, { responses: Record<string, Json> }>
    >;
    const headersOf = (path: string, method: string, status: string): string[] =>
      Object.keys(paths[path]?.[method]?.responses[status]?.headers ?? {});
    expect(headersOf('/api/v1/sessions/{id}', 'get', '200')).toEqual(['ETag']);
    expect(headersOf('/api/v1/sessions', 'post', '201')).toEqual([
      'Location',
      'Idempotent-Replayed',
    ]);
    expect(headersOf('/api/v1/sessions/{id}', 'delete', '204')).toEqual([
      'Position',
      'Idempotent-Replayed',
    ]);
    expect(headersOf('/api/v1/sessions/{id}/cancel', 'post', '200')).toEqual([
      'Idempotent-Replayed',
    ]);
    expect(headersOf('/api/v1/calendar', 'get', '503')).toEqual(['Retry-After']);
    // Every protected operation answers 503 while the keys that verify tokens are unreachable.
    for (const { path, operation } of operationsOf(document)) {
      if (!path.startsWith('/api/v1/') || PUBLIC_PATHS.includes(path)) continue;
      const responses = operation.responses as Record<string, Json>;
      expect([path, String(responses['503']?.description)]).toEqual([
        path,
        expect.stringContaining('the keys that verify tokens could not be fetched'),
      ]);
    }
  });

  it("passes Spectral's spectral:oas ruleset with no error and no warning", async () => {
    const spectral = new Spectral();
    spectral.setRuleset({ extends: [[oas as RulesetDefinition, 'recommended']] });
    const results = await spectral.run(new Document(JSON.stringify(document), JsonParser));
    const findings = results
      .filter((result) => ERROR_OR_WARNING.has(result.severity))
      .map((result) => `${result.code} at ${result.path.join('.')}: ${result.message}`);
    expect(findings).toEqual([]);
  }, 60_000);

  describe('request bodies are as strict as the server', () => {
    const refusedByBoth = async (
      schemaName: string,
      url: (id: string) => string,
      body: (id: string) => Json,
    ): Promise<void> => {
      const id = await schedule(started());
      const sent = body(id);
      expect([sent, requestValidator(document, schemaName)(sent)]).toEqual([sent, false]);
      const answer = await started().request({
        method: 'POST',
        url: url(id),
        as: { role: 'professional', sub: 'pro-1' },
        body: sent,
      });
      expect([sent, answer.status]).toEqual([sent, 400]);
    };
    const scheduleUrl = (): string => '/api/v1/sessions';

    it.each<[string, (body: Json) => Json]>([
      [
        'a fee of 10.5 minor units',
        (body) => ({ ...body, fee: { amountMinor: 10.5, currency: 'EUR' } }),
      ],
      ['50.5 minutes', (body) => ({ ...body, durationMinutes: 50.5 })],
      ['an unknown field', (body) => ({ ...body, room: 'B' })],
      ['a date before 2000', (body) => ({ ...body, startsAt: '1999-12-31T23:00:00Z' })],
      ['an offset for a time zone', (body) => ({ ...body, timeZone: '+02:00' })],
      [
        'credits on a direct session',
        (body) => ({ ...body, payment: { kind: 'direct', credits: 2 } }),
      ],
    ])('schedule: %s', async (_name, change) => {
      await refusedByBoth('ScheduleSessionRequest', scheduleUrl, () =>
        change(scheduleBody(started(), { professionalId: 'pro-1' })),
      );
    });

    it.each<[string, Json]>([
      [
        'a charge of 10.5',
        { reason: 'cancelled-by-client', charge: { method: 'card', amountMinor: 10.5 } },
      ],
      ['an empty note', { reason: 'other', note: '' }],
      ['other without a note', { reason: 'other' }],
      ['a note with another reason', { reason: 'cancelled-by-client', note: 'x' }],
      ['an unknown field', { reason: 'cancelled-by-client', because: 'x' }],
      [
        'an amount with credits',
        { reason: 'client-no-show', charge: { method: 'sponsored-credits', amountMinor: 1 } },
      ],
      ['a note of 501 characters', { reason: 'other', note: 'x'.repeat(501) }],
    ])('cancel: %s', async (_name, body) => {
      await refusedByBoth('CancelSessionRequest', cancelUrl, () => body);
    });

    it("accepts the document's own examples", () => {
      const paths = document.paths as Record<string, Record<string, Json>>;
      const cases: Array<[string, string, string]> = [
        ['/api/v1/sessions', 'post', 'ScheduleSessionRequest'],
        ['/api/v1/sessions/{id}/cancel', 'post', 'CancelSessionRequest'],
        ['/api/v1/workstations/{professionalId}/payment-methods', 'put', 'PaymentMethodsRequest'],
      ];
      for (const [path, method, schemaName] of cases) {
        const body = paths[path]?.[method]?.requestBody as Json;
        const media = (body.content as Record<string, Json>)['application/json'];
        const examples = Object.values(media.examples as Record<string, { value: unknown }>);
        expect(examples.length).toBeGreaterThan(0);
        const validate = requestValidator(document, schemaName);
        for (const example of examples)
          expect([example.value, validate(example.value)]).toEqual([example.value, true]);
      }
    });
  });

  it('the contract check finds an answer or an accepted request that departs', () => {
    const contract = new OpenApiContract(document);
    const json = { 'content-type': 'application/json' };
    expect(
      contract.violations(
        { method: 'GET', url: '/api/v1/sessions/s-1' },
        { status: 200, headers: json, text: '{"sessionId":"s-1"}' },
      ),
    ).toEqual(
      expect.arrayContaining([
        expect.stringContaining("must have required property 'version'"),
        expect.stringContaining('header etag is missing'),
      ]),
    );
    expect(
      contract.violations(
        { method: 'GET', url: '/api/v1/calendar?from=x' },
        { status: 500, headers: json, text: '{}' },
      ),
    ).toEqual([expect.stringContaining('status 500 is not declared')]);
    expect(
      contract.violations(
        { method: 'POST', url: '/api/v1/sessions', body: { room: 'B' } },
        {
          status: 201,
          headers: { ...json, location: '/api/v1/sessions/s-1', 'idempotent-replayed': 'yes' },
          text: '{"sessionId":"s-1","version":0,"position":"7"}',
        },
      ),
    ).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'header idempotent-replayed must be equal to one of the allowed values',
        ),
        expect.stringContaining('accepted request body must NOT have additional properties'),
      ]),
    );
  });

  it('generates a TypeScript client (openapi-typescript) whose answers are typed', async () => {
    mkdirSync(CLIENT_DIR, { recursive: true });
    // The generator's CLI, as a client's build would run it (its library is ESM-only inside).
    writeFileSync(join(CLIENT_DIR, 'openapi.json'), JSON.stringify(document));
    await promisify(execFile)(process.execPath, [
      join(dirname(require.resolve('openapi-typescript/package.json')), 'bin', 'cli.js'),
      join(CLIENT_DIR, 'openapi.json'),
      '--output',
      join(CLIENT_DIR, 'api.d.ts'),
    ]);
    writeFileSync(join(CLIENT_DIR, 'usage.ts'), USAGE);
    writeFileSync(join(CLIENT_DIR, 'misuse.ts'), MISUSE);
    const diagnostics = (file: string): string[] => {
      const program = ts.createProgram([join(CLIENT_DIR, file)], {
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
      });
      return ts
        .getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    };
    expect(diagnostics('usage.ts')).toEqual([]);
    // The same checks fail on wrong types: the usage file proves something.
    expect(diagnostics('misuse.ts')).toHaveLength(3);
    // A generator run and two compilations: seconds, more on a busy machine.
  }, 120_000);
});

/** Fails to compile when an answer is `unknown` or `never`, or a field has the wrong type. */
const USAGE = `import type { paths } from './api';

type IsNever<T> = [T] extends [never] ? true : false;
type IsUnknown<T> = unknown extends T ? true : false;
type Typed<T> = IsNever<T> extends true ? false : IsUnknown<T> extends true ? false : true;

type Schedule = paths['/api/v1/sessions']['post']['responses'][201]['content']['application/json'];
type Cancel = paths['/api/v1/sessions/{id}/cancel']['post']['responses'][200]['content']['application/json'];
type Report = paths['/api/v1/reports/cancellations']['get']['responses'][200]['content']['application/json'];
type Refusal = paths['/api/v1/sessions/{id}/cancel']['post']['responses'][422]['content']['application/problem+json'];

export const typed: [Typed<Schedule>, Typed<Cancel>, Typed<Report>, Typed<Refusal>] = [true, true, true, true];

export function read(schedule: Schedule, cancel: Cancel, report: Report, refusal: Refusal): void {
  const sessionId: string = schedule.sessionId;
  const position: string = schedule.position;
  const version: number = cancel.version;
  const eventTypes: string[] = cancel.events.map((event) => event.type);
  const scheduled: number = report.totals.scheduled;
  const noShowRate: number | null = report.totals.noShowRate;
  const code: string = refusal.code;
  const fields: string[] | undefined = refusal.errors?.map((error) => error.field);
  void [sessionId, position, version, eventTypes, scheduled, noShowRate, code, fields];
}
`;

const MISUSE = `import type { paths } from './api';

type Schedule = paths['/api/v1/sessions']['post']['responses'][201]['content']['application/json'];
type Cancel = paths['/api/v1/sessions/{id}/cancel']['post']['responses'][200]['content']['application/json'];
type Report = paths['/api/v1/reports/cancellations']['get']['responses'][200]['content']['application/json'];

export function read(schedule: Schedule, cancel: Cancel, report: Report): void {
  const version: string = schedule.version;
  const events: number = cancel.events;
  const scheduled: string = report.totals.scheduled;
  void [version, events, scheduled];
}
`;
