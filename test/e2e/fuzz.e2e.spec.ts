import fc from 'fast-check';
import type { Api } from './support/api-harness';
import { describeOnEveryStore } from './support/every-store';
import { schedule, scheduleBody } from './support/fixtures';

jest.setTimeout(120_000);

const RUNS = 100;
const PRO = { role: 'professional' as const, sub: 'pro-1' };

const printable = fc.string({ unit: 'grapheme-ascii', maxLength: 40 });
const jsonText = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null'),
  printable,
  fc.constantFrom('', '{', '[]', 'null', '{"reason":', '\u0000', '{"__proto__":{"x":1}}'),
);

/** A valid body with one field replaced by anything JSON can hold, or dropped. */
function mutated(valid: Record<string, unknown>) {
  return fc
    .tuple(
      fc.constantFrom(...Object.keys(valid), 'extra'),
      fc.option(fc.jsonValue({ maxDepth: 2 })),
    )
    .map(([field, value]) => {
      const copy: Record<string, unknown> = { ...valid };
      if (value === null) delete copy[field];
      else copy[field] = value;
      return JSON.stringify(copy);
    });
}

const headers = fc.record(
  {
    'idempotency-key': printable,
    'if-match': fc.oneof(
      printable,
      fc.nat().map(String),
      fc.nat().map((n) => `"${n}"`),
    ),
  },
  { requiredKeys: [] },
);

const ids = fc.oneof(
  printable.filter((s) => s.length > 0),
  fc.uuid(),
);

interface Target {
  readonly name: string;
  readonly method: 'POST' | 'PUT' | 'DELETE';
  readonly url: (id: string) => string;
  readonly body: (api: Api) => fc.Arbitrary<string | undefined>;
}

const TARGETS: readonly Target[] = [
  {
    name: 'schedule',
    method: 'POST',
    url: () => '/api/v1/sessions',
    body: (api) => fc.oneof(jsonText, mutated(scheduleBody(api))),
  },
  {
    name: 'cancel',
    method: 'POST',
    url: (id) => `/api/v1/sessions/${encodeURIComponent(id)}/cancel`,
    body: () =>
      fc.oneof(
        jsonText,
        mutated({
          reason: 'other',
          note: 'n',
          charge: { method: 'card', amountMinor: 1 },
          notifyClient: true,
        }),
      ),
  },
  {
    name: 'delete',
    method: 'DELETE',
    url: (id) => `/api/v1/sessions/${encodeURIComponent(id)}`,
    body: () => fc.option(jsonText, { nil: undefined }),
  },
  {
    name: 'payment methods',
    method: 'PUT',
    url: () => '/api/v1/workstations/pro-1/payment-methods',
    body: () => fc.oneof(jsonText, mutated({ methods: ['card'] })),
  },
];

describeOnEveryStore('fuzzing the command endpoints', (api: () => Api) => {
  let existing: string;
  beforeAll(async () => {
    existing = await schedule(api());
  });

  for (const target of TARGETS) {
    it(`${target.name}: never a 500, and nothing written when refused`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(ids, fc.constant('existing')),
          target.body(api()),
          headers,
          fc.boolean(),
          async (rawId, body, extraHeaders, withToken) => {
            const id = rawId === 'existing' ? existing : rawId;
            const before = await api().headPosition();
            const response = await api().request({
              method: target.method,
              url: target.url(id),
              ...(withToken ? { as: PRO } : {}),
              headers: {
                ...extraHeaders,
                ...(body === undefined ? {} : { 'content-type': 'application/json' }),
              },
              ...(body === undefined ? {} : { rawBody: body }),
            });
            expect(response.status).toBeLessThan(500);
            if (response.status >= 400) expect(await api().headPosition()).toBe(before);
          },
        ),
        { numRuns: RUNS },
      );
    });
  }
});
