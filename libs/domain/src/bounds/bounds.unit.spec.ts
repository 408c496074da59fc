import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { type Bound } from './bound';
import { BOUNDS, MAX_JSON_NESTING_DEPTH, REQUEST_BOUNDS } from './bounds';
import { boundViolation, schemaOf } from './check-bound';
import { forbiddenControlsClass } from './control-characters';
import { noteRefusal } from './note-rule';

describe('the bounds table', () => {
  it('holds the product bounds', () => {
    expect(BOUNDS.durationMinutes).toMatchObject({ minimum: 5, maximum: 480 });
    expect(BOUNDS.feeAmountMinor).toMatchObject({ minimum: 0, maximum: 100_000_000 });
    expect(BOUNDS.chargeAmountMinor).toMatchObject({ minimum: 1, maximum: 100_000_000 });
    expect(BOUNDS.credits).toMatchObject({ minimum: 1, maximum: 1_000 });
    expect(BOUNDS.id).toMatchObject({ minLength: 1, maxLength: 200, allowedControls: [] });
    expect(BOUNDS.note).toMatchObject({ minLength: 1, maxLength: 500 });
    expect(BOUNDS.instant).toEqual({
      kind: 'instant',
      from: '2000-01-01T00:00:00Z',
      before: '2100-01-01T00:00:00Z',
    });
    expect(BOUNDS.date).toEqual({ kind: 'date', from: '2000-01-01', before: '2100-01-01' });
    expect(MAX_JSON_NESTING_DEPTH).toBe(32);
  });

  it('names the bound of every field of every request', () => {
    expect(REQUEST_BOUNDS.scheduleSession['payment.credits']).toBe(BOUNDS.credits);
    expect(REQUEST_BOUNDS.cancelSession.note).toBe(BOUNDS.note);
    expect(REQUEST_BOUNDS.path.id).toBe(BOUNDS.id);
    expect(REQUEST_BOUNDS.reportQuery.from).toBe(BOUNDS.date);
  });
});

describe('boundViolation', () => {
  it.each<[Bound, unknown, string | undefined]>([
    [BOUNDS.durationMinutes, 5, undefined],
    [BOUNDS.durationMinutes, 481, 'must be an integer from 5 to 480'],
    [BOUNDS.credits, 2 ** 31, 'must be an integer from 1 to 1,000'],
    [BOUNDS.credits, '3', 'must be an integer from 1 to 1,000'],
    [BOUNDS.feeAmountMinor, 1e300, 'must be an integer from 0 to 100,000,000'],
    [BOUNDS.id, 'pro-1', undefined],
    [BOUNDS.id, 42, 'must be a string'],
    [BOUNDS.id, '', 'must not be blank'],
    [BOUNDS.id, '  ', 'must not be blank'],
    [BOUNDS.id, 'a\u0000b', 'must not contain control characters (U+0000 at character 2)'],
    [BOUNDS.id, 'a\tb', 'must not contain control characters (U+0009 at character 2)'],
    [BOUNDS.id, '\u009b', 'must not contain control characters (U+009B at character 1)'],
    [BOUNDS.id, 'a\ud800', 'must be valid Unicode (a lone surrogate U+D800 at character 2)'],
    [
      BOUNDS.id,
      '\udfff\ud83d\ude00',
      'must be valid Unicode (a lone surrogate U+DFFF at character 1)',
    ],
    [BOUNDS.id, 'x'.repeat(201), 'must be 1 to 200 characters long (got 201)'],
    [BOUNDS.note, 'line\r\nline\tend', undefined],
    [BOUNDS.instant, '2026-06-15T10:00:00+02:00', undefined],
    [
      BOUNDS.instant,
      '0000-01-01T00:00:00Z',
      'must be from 2000-01-01T00:00:00Z to before 2100-01-01T00:00:00Z',
    ],
    [
      BOUNDS.instant,
      '2100-01-01T00:00:00Z',
      'must be from 2000-01-01T00:00:00Z to before 2100-01-01T00:00:00Z',
    ],
    [BOUNDS.instant, '2026-06-15T10:00:00', expect.stringMatching(/^must be an ISO-8601 instant/)],
    [BOUNDS.date, '2099-12-31', undefined],
    [BOUNDS.date, '2100-01-01', 'must be from 2000-01-01 to before 2100-01-01'],
    [BOUNDS.date, '2026-02-30', 'must be a date YYYY-MM-DD'],
    [BOUNDS.reason, 'other', undefined],
    [BOUNDS.reason, 'bored', expect.stringMatching(/^must be one of cancelled-by-professional/)],
    [BOUNDS.newSessionId, '5d0c2a8e-3f7b-4c1e-9a51-2b6f0d9c7e11', undefined],
    [BOUNDS.newSessionId, 's-1', 'must be a UUID'],
    [BOUNDS.timeZone, 'Europe/Paris', undefined],
    [BOUNDS.timeZone, 'Europe/Paris\u0000', 'must be an IANA time zone name, e.g. Europe/Paris'],
    [BOUNDS.timeZone, 'A'.repeat(65), 'must be an IANA time zone name, e.g. Europe/Paris'],
    [BOUNDS.currency, 'EUR', undefined],
    [BOUNDS.currency, 'XAU', expect.stringMatching(/^must be one of AED/)],
  ])('%j %j: %p', (bound, value, expected) => {
    expect(boundViolation(bound, value)).toEqual(expected);
  });

  it('never throws, whatever the value', () => {
    const bounds = Object.values(BOUNDS) as Bound[];
    fc.assert(
      fc.property(fc.constantFrom(...bounds), fc.anything(), (bound, value) => {
        const verdict = boundViolation(bound, value);
        expect(verdict === undefined || typeof verdict === 'string').toBe(true);
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});

describe('schemaOf: the JSON Schema of a bound says what boundViolation enforces', () => {
  const ajv = addFormats(new Ajv2020({ strict: true, allErrors: true }), {
    keywords: true,
  });
  const agrees = (bound: Bound, value: unknown): void => {
    const validate = ajv.compile(schemaOf(bound));
    const verdict = boundViolation(bound, value) === undefined;
    expect(validate(value)).toBe(verdict);
    // Tools that read patterns without the `u` flag (Spectral, many generators) agree as well.
    const { pattern } = schemaOf(bound);
    if (typeof pattern === 'string' && typeof value === 'string' && verdict) {
      expect(new RegExp(pattern).test(value)).toBe(true);
    }
  };

  it('gives the control characters a pattern excludes', () => {
    expect(forbiddenControlsClass([])).toBe('\\x00-\\x1f\\x7f-\\x9f');
    expect(forbiddenControlsClass(['\t', '\n', '\r'])).toBe(
      '\\x00-\\x08\\x0b-\\x0c\\x0e-\\x1f\\x7f-\\x9f',
    );
    expect(schemaOf(BOUNDS.durationMinutes)).toEqual({ type: 'integer', minimum: 5, maximum: 480 });
    expect(schemaOf(BOUNDS.timeZone)).toMatchObject({
      type: 'string',
      minLength: 1,
      maxLength: 64,
    });
  });
  it('time zones: the pattern takes every zone the runtime knows and refuses offsets', () => {
    const validate = ajv.compile(schemaOf(BOUNDS.timeZone));
    for (const zone of Intl.supportedValuesOf('timeZone')) expect(validate(zone)).toBe(true);
    for (const zone of ['UTC', 'Etc/GMT+5', 'America/Port-au-Prince']) {
      expect(validate(zone)).toBe(true);
    }
    for (const refused of ['+02:00', '-05:00', '', 'Europe/', 'Europe/Paris\u0000']) {
      expect(boundViolation(BOUNDS.timeZone, refused)).toBeDefined();
      expect(validate(refused)).toBe(false);
    }
  });

  // Texts mixing the characters that matter: controls, surrogate halves, astral characters, blanks.
  const tricky = fc.string({
    unit: fc.oneof(
      fc.constantFrom('a', ' ', '\t', '\n', '\r', '\u0000', '\u007f', '\u0085', '\ud800', '\udc00'),
      fc.constantFrom('🙂', 'é'),
    ),
    maxLength: 8,
  });

  it.each([
    ['id', BOUNDS.id],
    ['note', BOUNDS.note],
  ] as const)('%s: text of every kind', (_name, bound) => {
    fc.assert(
      fc.property(tricky, (text) => agrees(bound, text)),
      { numRuns: 400, seed: 11 },
    );
    agrees(bound, 'x'.repeat(bound.maxLength));
    agrees(bound, 'x'.repeat(bound.maxLength + 1));
    agrees(bound, '🙂'.repeat(bound.maxLength));
  });

  it.each([
    ['durationMinutes', BOUNDS.durationMinutes],
    ['credits', BOUNDS.credits],
    ['feeAmountMinor', BOUNDS.feeAmountMinor],
    ['chargeAmountMinor', BOUNDS.chargeAmountMinor],
  ] as const)('%s: numbers huge, tiny and fractional', (_name, bound) => {
    const numbers = fc.oneof(
      fc.integer({ min: bound.minimum - 2, max: bound.maximum + 2 }),
      fc.constantFrom(bound.minimum, bound.maximum, 2 ** 31, 2 ** 53 - 1, -0, 0.5, 1e-300),
    );
    fc.assert(
      fc.property(numbers, (value) => agrees(bound, value)),
      { numRuns: 300, seed: 11 },
    );
  });

  it('dates: the range and impossible dates', () => {
    for (const value of ['1999-12-31', '2000-01-01', '2099-12-31', '2100-01-01', '2026-02-30']) {
      agrees(BOUNDS.date, value);
    }
  });

  it('instants: the range, in RFC 3339 form', () => {
    for (const value of [
      '1999-12-31T23:59:59Z',
      '2000-01-01T00:00:00Z',
      '2099-12-31T23:59:59.999Z',
      '2100-01-01T00:00:00Z',
      '0000-01-01T00:00:00Z',
    ]) {
      agrees(BOUNDS.instant, value);
    }
  });

  it('choices and ids', () => {
    agrees(BOUNDS.reason, 'other');
    agrees(BOUNDS.reason, 'x');
    agrees(BOUNDS.newSessionId, '5d0c2a8e-3f7b-4c1e-9a51-2b6f0d9c7e11');
    agrees(BOUNDS.newSessionId, 'nope');
  });
});

describe('noteRefusal: the one rule of the note and the reason', () => {
  it.each<[unknown, unknown, string | undefined]>([
    ['other', 'moved to Tuesday', undefined],
    ['other', undefined, 'note-required'],
    ['other', ' \n ', 'note-required'],
    ['other', 7, 'note-required'],
    ['other', 'x'.repeat(501), 'note-too-long'],
    ['other', 'x\u0000', 'invalid-note'],
    ['other', '\ud800', 'invalid-note'],
    ['cancelled-by-client', undefined, undefined],
    ['cancelled-by-client', '', 'note-not-allowed'],
  ])('%p with %j: %p', (reason, note, code) => {
    expect(noteRefusal(reason, note)?.code).toBe(code);
  });
});
