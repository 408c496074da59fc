import { generateKeyPairSync, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { type Bound, BOUNDS, boundViolation } from '@app/domain';
import type { Role } from '@app/platform';
import { type Api, TEST_JWT_SECRET } from './support/api-harness';
import { describeOnEveryStore } from './support/every-store';
import { schedule, scheduleBody } from './support/fixtures';

jest.setTimeout(180_000);

const RUNS = 100;
/** Requests per endpoint and value class: every pair runs, each with its own seed. */
const RUNS_PER_CLASS = 12;
const SEED = 20261201;
const PRO = { role: 'professional' as const, sub: 'pro-1' };

// ---------------------------------------------------------------------------------------------
// Part 1: valid requests with one field replaced by anything JSON can hold (wrong types, unknown
// fields, malformed JSON texts), on the command endpoints.

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
            const before = await api().writeMark();
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
            if (response.status >= 400) expect(await api().writeMark()).toBe(before);
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Part 2: hostile values, by class, on every endpoint. Each request is valid but for exactly one
// hostile value, so it must be refused, with the status the contract documents for that class,
// as problem+json, and nothing may be written (the store's head position and the session's
// history stay as they were).

/** The classes of hostile input, as a reader of the report should see them. */
const VALUE_CLASSES = [
  'control characters',
  'lone surrogates',
  'invalid UTF-8',
  'huge and tiny numbers',
  'impossible and out-of-range dates',
  'deep nesting',
  'wrong content types',
  'long ids',
  'malformed tokens',
] as const;
type ValueClass = (typeof VALUE_CLASSES)[number];

type Caller = { readonly role: Role; readonly sub: string };
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A place a hostile value goes: a body field (dotted path), a query parameter, a path parameter. */
type Place =
  | { readonly at: 'body'; readonly field: string }
  | { readonly at: 'query'; readonly field: string }
  | { readonly at: 'path'; readonly field: string };

interface Endpoint {
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** `:name` segments are path parameters. */
  readonly path: string;
  readonly params: (existing: string) => Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: () => Record<string, Json>;
  readonly as: Caller;
  /** Text fields: ids, names, the note (which may hold tab, CR and LF). */
  readonly texts: readonly (Place & { readonly lines?: boolean })[];
  /** Number fields in the body, with their bound; numeric strings in the query. */
  readonly numbers?: readonly (Place & { readonly bound?: Bound })[];
  readonly dates?: readonly (Place & { readonly bound: Bound })[];
  readonly ids: readonly Place[];
  /** A path parameter looked up in a fixed list (a projection's name) answers 404 as well. */
  readonly lookup404?: boolean;
}

const SESSION = '/api/v1/sessions/:id';
const RANGE = { from: '2026-06-01T00:00:00Z', to: '2026-07-01T00:00:00Z' };
const AUDITOR: Caller = { role: 'auditor', sub: 'aud-1' };

const ENDPOINTS: readonly Endpoint[] = [
  {
    name: 'POST /sessions (schedule)',
    method: 'POST',
    path: '/api/v1/sessions',
    params: () => ({}),
    body: () => ({
      sessionId: randomUUID(),
      professionalId: 'pro-1',
      clientId: 'client-1',
      startsAt: '2026-07-01T09:00:00+02:00',
      timeZone: 'Europe/Paris',
      durationMinutes: 50,
      fee: { amountMinor: 12000, currency: 'EUR' },
      payment: { kind: 'sponsored-credits', credits: 2 },
    }),
    as: PRO,
    texts: [
      { at: 'body', field: 'professionalId' },
      { at: 'body', field: 'clientId' },
      { at: 'body', field: 'timeZone' },
      { at: 'body', field: 'fee.currency' },
    ],
    numbers: [
      { at: 'body', field: 'durationMinutes', bound: BOUNDS.durationMinutes },
      { at: 'body', field: 'fee.amountMinor', bound: BOUNDS.feeAmountMinor },
      { at: 'body', field: 'payment.credits', bound: BOUNDS.credits },
    ],
    dates: [{ at: 'body', field: 'startsAt', bound: BOUNDS.instant }],
    ids: [
      { at: 'body', field: 'clientId' },
      { at: 'body', field: 'professionalId' },
    ],
  },
  {
    name: 'POST /sessions/{id}/cancel',
    method: 'POST',
    path: `${SESSION}/cancel`,
    params: (existing) => ({ id: existing }),
    body: () => ({
      reason: 'other',
      note: 'moved to Tuesday',
      charge: { method: 'card', amountMinor: 100 },
      notifyClient: false,
    }),
    as: PRO,
    texts: [
      { at: 'body', field: 'note', lines: true },
      { at: 'body', field: 'charge.method' },
      { at: 'path', field: 'id' },
    ],
    numbers: [{ at: 'body', field: 'charge.amountMinor', bound: BOUNDS.chargeAmountMinor }],
    ids: [{ at: 'path', field: 'id' }],
  },
  {
    name: 'DELETE /sessions/{id}',
    method: 'DELETE',
    path: SESSION,
    params: (existing) => ({ id: existing }),
    as: PRO,
    texts: [{ at: 'path', field: 'id' }],
    ids: [{ at: 'path', field: 'id' }],
  },
  {
    name: 'PUT /workstations/{professionalId}/payment-methods',
    method: 'PUT',
    path: '/api/v1/workstations/:professionalId/payment-methods',
    params: () => ({ professionalId: 'pro-1' }),
    body: () => ({ methods: ['card', 'invoice'] }),
    as: PRO,
    texts: [
      { at: 'path', field: 'professionalId' },
      { at: 'body', field: 'methods.0' },
    ],
    ids: [{ at: 'path', field: 'professionalId' }],
  },
  {
    name: 'GET /sessions/{id}',
    method: 'GET',
    path: SESSION,
    params: (existing) => ({ id: existing }),
    query: { minPosition: '0' },
    as: PRO,
    texts: [{ at: 'path', field: 'id' }],
    numbers: [{ at: 'query', field: 'minPosition' }],
    ids: [{ at: 'path', field: 'id' }],
  },
  {
    name: 'GET /sessions/{id}/history',
    method: 'GET',
    path: `${SESSION}/history`,
    params: (existing) => ({ id: existing }),
    as: AUDITOR,
    texts: [{ at: 'path', field: 'id' }],
    ids: [{ at: 'path', field: 'id' }],
  },
  {
    name: 'GET /sessions/{id}/state?at',
    method: 'GET',
    path: `${SESSION}/state`,
    params: (existing) => ({ id: existing }),
    query: { at: '2026-06-20T10:00:00Z' },
    as: AUDITOR,
    texts: [{ at: 'path', field: 'id' }],
    dates: [{ at: 'query', field: 'at', bound: BOUNDS.instant }],
    ids: [{ at: 'path', field: 'id' }],
  },
  {
    name: 'GET /sessions/{id}/state?version',
    method: 'GET',
    path: `${SESSION}/state`,
    params: (existing) => ({ id: existing }),
    query: { version: '0' },
    as: PRO,
    texts: [{ at: 'path', field: 'id' }],
    numbers: [{ at: 'query', field: 'version' }],
    ids: [{ at: 'path', field: 'id' }],
  },
  {
    name: 'GET /calendar',
    method: 'GET',
    path: '/api/v1/calendar',
    params: () => ({}),
    query: { ...RANGE, professionalId: 'pro-1' },
    as: AUDITOR,
    texts: [{ at: 'query', field: 'professionalId' }],
    dates: [
      { at: 'query', field: 'from', bound: BOUNDS.instant },
      { at: 'query', field: 'to', bound: BOUNDS.instant },
    ],
    ids: [{ at: 'query', field: 'professionalId' }],
  },
  {
    name: 'GET /reports/cancellations',
    method: 'GET',
    path: '/api/v1/reports/cancellations',
    params: () => ({}),
    query: { from: '2026-06-01', to: '2026-07-01', tz: 'Europe/Paris', groupBy: 'reason' },
    as: AUDITOR,
    texts: [
      { at: 'query', field: 'tz' },
      { at: 'query', field: 'groupBy' },
    ],
    dates: [
      { at: 'query', field: 'from', bound: BOUNDS.date },
      { at: 'query', field: 'to', bound: BOUNDS.date },
    ],
    ids: [{ at: 'query', field: 'professionalId' }],
  },
  {
    name: 'GET /deletions',
    method: 'GET',
    path: '/api/v1/deletions',
    params: () => ({}),
    query: { ...RANGE },
    as: PRO,
    texts: [{ at: 'query', field: 'professionalId' }],
    dates: [
      { at: 'query', field: 'from', bound: BOUNDS.instant },
      { at: 'query', field: 'to', bound: BOUNDS.instant },
    ],
    ids: [{ at: 'query', field: 'professionalId' }],
  },
  {
    name: 'GET /admin/projections',
    method: 'GET',
    path: '/api/v1/admin/projections',
    params: () => ({}),
    as: { role: 'admin', sub: 'adm-1' },
    texts: [],
    ids: [],
  },
  {
    name: 'POST /admin/projections/{name}/rebuild',
    method: 'POST',
    path: '/api/v1/admin/projections/:name/rebuild',
    // Never a real projection: a valid request would start a rebuild.
    params: () => ({ name: 'no-such-projection' }),
    as: { role: 'admin', sub: 'adm-1' },
    lookup404: true,
    texts: [{ at: 'path', field: 'name' }],
    ids: [{ at: 'path', field: 'name' }],
  },
];

/** One hostile request: where the value went, and what the contract says the answer is. */
interface Hostile {
  readonly place: string;
  /** Replaces a field (body, query, path), or the whole request's body, headers or token. */
  readonly value?: { readonly place: Place; readonly value: Json | RawNumber };
  readonly path?: { readonly field: string; readonly encoded: string };
  readonly query?: { readonly field: string; readonly encoded: string };
  readonly payload?: string | Buffer;
  readonly contentType?: string | null;
  readonly authorization?: string;
  readonly statuses: readonly number[];
  readonly code?: string;
}

/** A number literal JSON.stringify cannot write (1e400, 40 digits): spliced into the text. */
class RawNumber {
  constructor(readonly literal: string) {}
}

const C0_C1 = [...Array(0x20).keys(), ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i)];
const controlCharacter = (lines: boolean) =>
  fc
    .constantFrom(...C0_C1)
    .filter((point) => !lines || ![0x09, 0x0a, 0x0d].includes(point))
    .map((point) => String.fromCharCode(point));
const word = fc.stringMatching(/^[a-z0-9-]{1,12}$/);

/** Text with one control character somewhere in it. */
const withControl = (lines: boolean) =>
  fc
    .tuple(word, controlCharacter(lines), word)
    .map(([before, control, after]) => `${before}${control}${after}`);

/** Text with a surrogate half that has no partner. */
const withLoneSurrogate = fc
  .tuple(word, fc.integer({ min: 0xd800, max: 0xdfff }), word)
  .map(([before, unit, after]) =>
    unit < 0xdc00
      ? `${before}${String.fromCharCode(unit)}x${after}`
      : `${before}x${String.fromCharCode(unit)}${after}`,
  );

/** Percent-encoding that writes a lone surrogate as the bytes CESU-8 would (ED A0 80): not UTF-8. */
function percentEncode(text: string): string {
  let encoded = '';
  for (const character of text) {
    const point = character.codePointAt(0) ?? 0;
    if (point >= 0xd800 && point <= 0xdfff) {
      encoded += [0xe0 | (point >> 12), 0x80 | ((point >> 6) & 0x3f), 0x80 | (point & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    } else {
      encoded += encodeURIComponent(character);
    }
  }
  return encoded;
}

/** Byte sequences that are not UTF-8: a stray 0xFF, an overlong NUL, a cut sequence, a CESU-8 surrogate. */
const INVALID_UTF8 = [[0xff], [0xc0, 0x80], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80]];
const invalidUtf8 = fc.constantFrom(...INVALID_UTF8).map((bytes) => Buffer.from(bytes));

/** Out of every number bound: beyond 32 and 53 bits, huge, tiny, fractional, negative. */
const hostileNumber = (bound: Bound) =>
  fc
    .oneof(
      fc.constantFrom(
        2 ** 31,
        2 ** 53 - 1,
        2 ** 53,
        1e21,
        1e308,
        -1e308,
        5e-324,
        0.5,
        -1,
        1_000_001,
      ),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
    )
    .filter((value) => boundViolation(bound, value) !== undefined);
const rawNumber = fc
  .constantFrom('1e400', '-1e400', '123456789012345678901234567890', '-123456789012345678901')
  .map((literal) => new RawNumber(literal));
/** Numbers in a query string: what a decimal string field must refuse. */
const hostileNumericString = fc.oneof(
  fc.constantFrom('-1', '1.5', '1e3', '0x10', 'NaN', 'Infinity', ' 1', '01', '+1', '1'.repeat(41)),
  fc.integer({ min: 1, max: 1e6 }).map((n) => `-${n}`),
);

/** Dates that do not exist or lie outside 2000-01-01 to 2100-01-01. */
const hostileInstant = fc.oneof(
  fc.constantFrom(
    '0000-01-01T00:00:00Z',
    '1999-12-31T23:59:59.999Z',
    '2100-01-01T00:00:00Z',
    '9999-12-31T23:59-05:00',
    '2026-02-30T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-06-15T24:00:00Z',
    '2026-06-15T10:60:00Z',
    '2026-06-15T10:00:00+24:00',
    '2026-06-15T10:00:00',
    '+275760-09-13T00:00:00.000Z',
    '-000001-01-01T00:00:00Z',
  ),
  fc
    .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
    .filter((date) => date.getUTCFullYear() < 2000 || date.getUTCFullYear() >= 2100)
    .map((date) => date.toISOString()),
);
const hostileDate = fc.oneof(
  fc.constantFrom(
    '0000-01-01',
    '1999-12-31',
    '2100-01-01',
    '9999-12-31',
    '2026-02-30',
    '2026-13-01',
    '2026-00-10',
    '2026-6-1',
  ),
  fc
    .integer({ min: 0, max: 9999 })
    .filter((year) => year < 2000 || year >= 2100)
    .map((year) => `${String(year).padStart(4, '0')}-06-15`),
);

const WRONG_CONTENT_TYPES = [
  'application/x-www-form-urlencoded',
  'text/plain',
  'application/json; charset=utf-16',
  'application/json; charset=iso-8859-1',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/merge-patch+json',
  'text/json',
  null, // a body with no Content-Type at all
] as const;

/** An id over 200 code points: plain, astral (12 characters each once encoded), or past the router's limit. */
const longId = fc.oneof(
  fc.integer({ min: 201, max: 2_000 }).map((length) => 'i'.repeat(length)),
  fc.integer({ min: 201, max: 400 }).map((length) => '🙂'.repeat(length)),
  fc.integer({ min: 2_500, max: 6_000 }).map((length) => 'x'.repeat(length)),
);

/** Tokens a server must refuse with 401, built once per run (signing is asynchronous). */
async function malformedTokens(): Promise<string[]> {
  const key = new TextEncoder().encode(TEST_JWT_SECRET);
  const now = Math.floor(Date.now() / 1000);
  const claims = (sub: string, role = 'professional') =>
    new SignJWT({ role }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub);
  const none = (payload: object) =>
    `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return [
    '',
    'Bearer',
    'Bearer ',
    'Basic cHJvLTE6c2VjcmV0',
    'Bearer a.b.c',
    'Bearer not-a-jwt',
    `Bearer ${none({ sub: 'pro-1', role: 'admin', exp: now + 60 })}`,
    // no exp: it would live for ever
    `Bearer ${await claims('pro-1').setIssuedAt().sign(key)}`,
    // longer than JWT_MAX_TTL
    `Bearer ${await claims('pro-1')
      .setIssuedAt()
      .setExpirationTime(now + 40 * 86_400)
      .sign(key)}`,
    `Bearer ${await claims('pro-1')
      .setExpirationTime(now - 3_600)
      .sign(key)}`,
    `Bearer ${await claims('pro-1')
      .setNotBefore(now + 3_600)
      .setExpirationTime(now + 7_200)
      .sign(key)}`,
    `Bearer ${await claims('pro-1')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(`${TEST_JWT_SECRET}-other`))}`,
    `Bearer ${await claims('pro\u0000-1').setExpirationTime('1h').sign(key)}`,
    `Bearer ${await claims('pro\ud800').setExpirationTime('1h').sign(key)}`,
    `Bearer ${await claims('p'.repeat(201)).setExpirationTime('1h').sign(key)}`,
    `Bearer ${await claims('pro-1', 'root').setExpirationTime('1h').sign(key)}`,
    `Bearer ${await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'RS256' }).setSubject('a').setExpirationTime('1h').sign(privateKey)}`,
  ];
}
const garbageToken = fc
  .array(fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/), { minLength: 1, maxLength: 4 })
  .map((parts) => `Bearer ${parts.join('.')}`);

/** The statuses a refusal of a field may have: 400, or 403 where a professional names another professional. */
const FIELD_REFUSAL = [400, 403] as const;

/** A hostile value at a place: in the body as JSON, in a path or a query percent-encoded. */
function placed(
  place: Place,
  value: Json | RawNumber,
  statuses: readonly number[] = FIELD_REFUSAL,
): Hostile {
  if (place.at === 'body')
    return { place: `body ${place.field}`, value: { place, value }, statuses };
  const text =
    value instanceof RawNumber
      ? value.literal
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  return {
    place: `${place.at} ${place.field}`,
    [place.at]: { field: place.field, encoded: percentEncode(text) },
    statuses,
  };
}

/**
 * The values the attack that prompted this suite reported, run first on every seed: NUL and a
 * lone surrogate in each text, credits of 2^31 and 2^53-1, year 0 and 9999-12-31T23:59-05:00.
 */
function reportedExamples(endpoint: Endpoint, valueClass: ValueClass): Hostile[] {
  switch (valueClass) {
    case 'control characters':
      return endpoint.texts.map((place) => placed(place, 'pro\u0000-1'));
    case 'lone surrogates':
      return endpoint.texts.map((place) => placed(place, 'note \ud800'));
    case 'huge and tiny numbers':
      return (endpoint.numbers ?? []).flatMap((place) =>
        place.at === 'body'
          ? [placed(place, 2 ** 31), placed(place, 2 ** 53 - 1)]
          : [placed(place, '-1', [400])],
      );
    case 'impossible and out-of-range dates':
      return (endpoint.dates ?? []).flatMap((place) =>
        place.bound.kind === 'date'
          ? [placed(place, '0000-01-01', [400])]
          : [
              placed(place, '0000-01-01T00:00:00Z', [400]),
              placed(place, '9999-12-31T23:59-05:00', [400]),
            ],
      );
    default:
      return [];
  }
}

function hostileFor(
  endpoint: Endpoint,
  valueClass: ValueClass,
  tokens: readonly string[],
): fc.Arbitrary<Hostile> | undefined {
  const hasBody = endpoint.body !== undefined;
  const field = (place: Place, value: Json | RawNumber, extra: Partial<Hostile> = {}): Hostile => ({
    place: `${place.at} ${place.field}`,
    value: { place, value },
    statuses: FIELD_REFUSAL,
    ...extra,
  });
  const textInto = (text: fc.Arbitrary<string>, place: Place): fc.Arbitrary<Hostile> =>
    place.at === 'body'
      ? text.map((value) => field(place, value))
      : text.map((value) => ({
          place: `${place.at} ${place.field}`,
          [place.at]: { field: place.field, encoded: percentEncode(value) },
          // A lone surrogate cannot be UTF-8: in a path it is a malformed URL (still a 400).
          statuses: FIELD_REFUSAL,
        }));
  const oneOf = <T>(arbitraries: fc.Arbitrary<T>[]): fc.Arbitrary<T> | undefined =>
    arbitraries.length === 0 ? undefined : fc.oneof(...arbitraries);
  switch (valueClass) {
    case 'control characters':
      return oneOf(
        endpoint.texts.map((place) => textInto(withControl(place.lines === true), place)),
      );
    case 'lone surrogates':
      return oneOf(endpoint.texts.map((place) => textInto(withLoneSurrogate, place)));
    case 'invalid UTF-8': {
      const inUrl = endpoint.texts
        .filter((place) => place.at !== 'body')
        .map((place) =>
          fc.tuple(word, invalidUtf8).map(([text, bytes]) => ({
            place: `${place.at} ${place.field}`,
            [place.at]: {
              field: place.field,
              encoded: `${text}${[...bytes].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('')}`,
            },
            statuses: [400],
          })),
        );
      const inBody = hasBody
        ? [
            invalidUtf8.map((bytes) => ({
              place: 'body bytes',
              payload: Buffer.concat([
                Buffer.from(JSON.stringify(endpoint.body?.()).slice(0, -1)),
                Buffer.from(',"x":"'),
                bytes,
                Buffer.from('"}'),
              ]),
              statuses: [400],
              code: 'invalid-utf8',
            })),
          ]
        : [];
      return oneOf<Hostile>([...inUrl, ...inBody]);
    }
    case 'huge and tiny numbers':
      return oneOf(
        (endpoint.numbers ?? []).map((place) =>
          place.at === 'body' && place.bound !== undefined
            ? fc.oneof(hostileNumber(place.bound), rawNumber).map((value) => field(place, value))
            : hostileNumericString.map((value) => ({
                place: `${place.at} ${place.field}`,
                query: { field: place.field, encoded: encodeURIComponent(value) },
                statuses: [400],
              })),
        ),
      );
    case 'impossible and out-of-range dates':
      return oneOf(
        (endpoint.dates ?? []).map((place) => {
          const dates = place.bound.kind === 'date' ? hostileDate : hostileInstant;
          return place.at === 'body'
            ? dates.map((value) => field(place, value))
            : dates.map((value) => ({
                place: `${place.at} ${place.field}`,
                query: { field: place.field, encoded: encodeURIComponent(value) },
                statuses: [400],
              }));
        }),
      );
    case 'deep nesting':
      if (endpoint.method === 'GET') return undefined;
      return fc
        .tuple(fc.integer({ min: 33, max: 20_000 }), fc.constantFrom('[', '{"a":'), fc.boolean())
        .map(([depth, opener, wholeBody]) => {
          const closer = opener === '[' ? ']' : '}';
          const nested = `${opener.repeat(depth)}1${closer.repeat(depth)}`;
          const valid = JSON.stringify(endpoint.body?.() ?? {});
          const payload = wholeBody ? nested : `${valid.slice(0, -1)},"extra":${nested}}`;
          return {
            place: `${wholeBody ? 'the whole body' : 'a field'}, ${depth} levels`,
            payload,
            // Over 64 KiB the size is refused first, before the depth is looked at.
            statuses: Buffer.byteLength(payload) > 64 * 1024 ? [413] : [400],
            code: Buffer.byteLength(payload) > 64 * 1024 ? 'payload-too-large' : 'nesting-too-deep',
          };
        });
    case 'wrong content types':
      if (!hasBody && endpoint.method === 'GET') return undefined;
      return fc.constantFrom(...WRONG_CONTENT_TYPES).map((contentType) => {
        const body = endpoint.body?.() ?? { any: 'thing' };
        return {
          place: `Content-Type ${String(contentType)}`,
          contentType,
          payload:
            contentType === 'application/x-www-form-urlencoded'
              ? new URLSearchParams(
                  Object.entries(body).map(([k, v]): [string, string] => [
                    k,
                    typeof v === 'string' ? v : JSON.stringify(v),
                  ]),
                ).toString()
              : contentType?.includes('utf-16')
                ? Buffer.from(JSON.stringify(body), 'utf16le')
                : JSON.stringify(body),
          statuses: [415],
          code: 'unsupported-media-type',
        };
      });
    case 'long ids':
      return oneOf(
        endpoint.ids.map((place) =>
          place.at === 'body'
            ? longId.filter((id) => id.length < 20_000).map((value) => field(place, value))
            : longId.map((value) => ({
                place: `${place.at} ${place.field}`,
                [place.at]: { field: place.field, encoded: percentEncode(value) },
                statuses: place.at === 'path' ? [400, 403, 414] : [400, 403],
              })),
        ),
      );
    case 'malformed tokens':
      return fc.oneof(fc.constantFrom(...tokens), garbageToken).map((authorization) => ({
        place: 'Authorization',
        authorization,
        statuses: [401],
        code: 'unauthorized',
      }));
  }
}

function setField(body: Record<string, Json>, path: string, value: Json | RawNumber): void {
  const parts = path.split('.');
  let holder = body;
  for (const part of parts.slice(0, -1)) holder = holder[part] as Record<string, Json>;
  holder[parts[parts.length - 1] ?? ''] =
    value instanceof RawNumber ? `__RAW__${value.literal}` : value;
}

async function send(api: Api, endpoint: Endpoint, existing: string, hostile: Hostile) {
  const params = endpoint.params(existing);
  let path = endpoint.path.replace(/:(\w+)/g, (_m, name: string) =>
    hostile.path?.field === name ? hostile.path.encoded : encodeURIComponent(params[name] ?? ''),
  );
  const query = Object.entries(endpoint.query ?? {}).map(([name, value]) =>
    hostile.query?.field === name
      ? `${name}=${hostile.query.encoded}`
      : `${name}=${encodeURIComponent(value)}`,
  );
  if (hostile.query !== undefined && !(hostile.query.field in (endpoint.query ?? {}))) {
    query.push(`${hostile.query.field}=${hostile.query.encoded}`);
  }
  if (query.length > 0) path += `?${query.join('&')}`;
  let payload = hostile.payload;
  if (payload === undefined && endpoint.body !== undefined) {
    const body = endpoint.body();
    if (hostile.value !== undefined) setField(body, hostile.value.place.field, hostile.value.value);
    payload = JSON.stringify(body).replace(/"__RAW__([^"]+)"/g, '$1');
  }
  const contentType = hostile.contentType === undefined ? 'application/json' : hostile.contentType;
  const authorization =
    hostile.authorization ?? `Bearer ${await api.token(endpoint.as.role, endpoint.as.sub)}`;
  const response = await api.app.inject({
    method: endpoint.method,
    url: path,
    headers: {
      ...(authorization === '' ? {} : { authorization }),
      ...(payload !== undefined && contentType !== null ? { 'content-type': contentType } : {}),
    },
    ...(payload === undefined ? {} : { payload }),
  });
  // Hostile answers are answers too: each must be one the OpenAPI document describes.
  await api.assertConforms(
    { method: endpoint.method, url: path, body: jsonOrUndefined(payload) },
    { status: response.statusCode, headers: response.headers, text: response.body },
  );
  return response;
}

function jsonOrUndefined(payload: string | Buffer | undefined): unknown {
  try {
    return payload === undefined ? undefined : (JSON.parse(payload.toString()) as unknown);
  } catch {
    return undefined;
  }
}

describeOnEveryStore(
  'fuzzing every endpoint with hostile values',
  (api: () => Api) => {
    let existing = '';
    let tokens: string[] = [];
    let history = '';
    const historyOf = async (id: string): Promise<string> =>
      JSON.stringify(
        (await api().allEvents()).filter((event) => event.streamId === `session-${id}`),
      );

    beforeAll(async () => {
      existing = await schedule(api());
      tokens = await malformedTokens();
      history = await historyOf(existing);
    });

    ENDPOINTS.forEach((endpoint, endpointIndex) => {
      describe(endpoint.name, () => {
        VALUE_CLASSES.forEach((valueClass, classIndex) => {
          // A class with no place in the endpoint (a GET has no body, a DELETE no number) has no test.
          if (hostileFor(endpoint, valueClass, ['']) === undefined) return;
          it(`${valueClass}: refused as documented, problem+json, nothing written`, async () => {
            const hostile = hostileFor(endpoint, valueClass, tokens);
            if (hostile === undefined) throw new Error('no generator');
            await fc.assert(
              fc.asyncProperty(hostile, async (request) => {
                const before = await api().writeMark();
                const response = await send(api(), endpoint, existing, request);
                const context = `${request.place}: ${response.statusCode} ${response.body.slice(0, 300)}`;
                const statuses =
                  endpoint.lookup404 === true && request.path !== undefined
                    ? [...request.statuses, 404]
                    : request.statuses;
                if (!statuses.includes(response.statusCode)) {
                  throw new Error(`expected ${statuses.join(' or ')} for ${context}`);
                }
                expect(response.headers['content-type']).toContain('application/problem+json');
                const problem = response.json<{
                  type: string;
                  code: string;
                  status: number;
                  errors?: unknown[];
                }>();
                expect(problem.status).toBe(response.statusCode);
                expect(problem.type).toBe(`https://errors.sessions.example/${problem.code}`);
                expect(response.body).not.toMatch(/FST_ERR|HPE_|ERR_HTTP/);
                if (response.statusCode === 400) expect(problem.errors?.length).toBeGreaterThan(0);
                if (request.code !== undefined && response.statusCode !== 403) {
                  expect({ context, code: problem.code }).toEqual({ context, code: request.code });
                }
                expect(await api().writeMark()).toEqual(before);
              }),
              {
                numRuns: RUNS_PER_CLASS,
                seed: SEED + endpointIndex * 100 + classIndex,
                examples: reportedExamples(endpoint, valueClass).map((example) => [example]),
              },
            );
          });
        });
      });
    });

    it('leaves the session every request aimed at exactly as it was', async () => {
      expect(await historyOf(existing)).toBe(history);
    });
  },
  { readYourWritesTimeoutMs: 20 },
);
