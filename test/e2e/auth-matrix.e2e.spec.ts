import { randomUUID } from 'node:crypto';
import type { Role } from '@app/platform';
import type { Api } from './support/api-harness';
import { describeOnEveryStore } from './support/every-store';
import { cancelUrl, schedule, scheduleBody, sessionUrl } from './support/fixtures';

jest.setTimeout(60_000);

/** Who calls: a role, and whether the session or workstation is theirs. */
type Who = 'owner' | 'other-professional' | 'auditor' | 'admin';
const CALLERS: Record<Who, { role: Role; sub: string }> = {
  owner: { role: 'professional', sub: 'pro-owner' },
  'other-professional': { role: 'professional', sub: 'pro-other' },
  auditor: { role: 'auditor', sub: 'aud-1' },
  admin: { role: 'admin', sub: 'adm-1' },
};

interface Case {
  readonly endpoint: string;
  /** Builds the request against a fresh session of pro-owner. */
  readonly request: (
    api: Api,
    sessionId: string,
  ) => { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; body?: unknown };
  readonly expected: Record<Who, number>;
}

const RANGE = 'from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z';

/** docs/product.md's role table, row by row. */
const CASES: readonly Case[] = [
  {
    endpoint: 'schedule (for pro-owner)',
    request: (api) => ({
      method: 'POST',
      url: '/api/v1/sessions',
      body: scheduleBody(api, { professionalId: 'pro-owner' }),
    }),
    expected: { owner: 201, 'other-professional': 403, auditor: 403, admin: 403 },
  },
  {
    endpoint: 'payment methods of pro-owner',
    request: () => ({
      method: 'PUT',
      url: '/api/v1/workstations/pro-owner/payment-methods',
      body: { methods: ['card'] },
    }),
    expected: { owner: 200, 'other-professional': 403, auditor: 403, admin: 403 },
  },
  {
    endpoint: 'cancel',
    request: (_api, id) => ({
      method: 'POST',
      url: cancelUrl(id),
      body: { reason: 'cancelled-by-client' },
    }),
    expected: { owner: 200, 'other-professional': 404, auditor: 403, admin: 403 },
  },
  {
    endpoint: 'delete',
    request: (_api, id) => ({ method: 'DELETE', url: sessionUrl(id) }),
    expected: { owner: 204, 'other-professional': 404, auditor: 403, admin: 403 },
  },
  {
    endpoint: 'session',
    request: (_api, id) => ({ method: 'GET', url: sessionUrl(id) }),
    expected: { owner: 200, 'other-professional': 404, auditor: 200, admin: 200 },
  },
  {
    endpoint: 'history',
    request: (_api, id) => ({ method: 'GET', url: `${sessionUrl(id)}/history` }),
    expected: { owner: 200, 'other-professional': 404, auditor: 200, admin: 200 },
  },
  {
    endpoint: 'state',
    request: (_api, id) => ({ method: 'GET', url: `${sessionUrl(id)}/state?version=0` }),
    expected: { owner: 200, 'other-professional': 404, auditor: 200, admin: 200 },
  },
  {
    endpoint: 'calendar of pro-owner',
    request: () => ({ method: 'GET', url: `/api/v1/calendar?${RANGE}&professionalId=pro-owner` }),
    expected: { owner: 200, 'other-professional': 403, auditor: 200, admin: 200 },
  },
  {
    endpoint: 'calendar without professionalId',
    request: () => ({ method: 'GET', url: `/api/v1/calendar?${RANGE}` }),
    expected: { owner: 200, 'other-professional': 200, auditor: 400, admin: 400 },
  },
  {
    endpoint: 'report of pro-owner',
    request: () => ({
      method: 'GET',
      url: '/api/v1/reports/cancellations?from=2026-06-01&to=2026-07-01&professionalId=pro-owner',
    }),
    expected: { owner: 200, 'other-professional': 403, auditor: 200, admin: 200 },
  },
  {
    endpoint: 'report of everyone',
    request: () => ({
      method: 'GET',
      url: '/api/v1/reports/cancellations?from=2026-06-01&to=2026-07-01&groupBy=reason',
    }),
    expected: { owner: 200, 'other-professional': 200, auditor: 200, admin: 200 },
  },
  {
    endpoint: 'deletions of pro-owner',
    request: () => ({ method: 'GET', url: `/api/v1/deletions?${RANGE}&professionalId=pro-owner` }),
    expected: { owner: 200, 'other-professional': 403, auditor: 200, admin: 200 },
  },
];

describeOnEveryStore('the role table', (api) => {
  for (const testCase of CASES) {
    describe(testCase.endpoint, () => {
      it.each(Object.keys(CALLERS) as Who[])('answers %s as docs/product.md says', async (who) => {
        const id = await schedule(api(), { professionalId: 'pro-owner' });
        const response = await api().request({ ...testCase.request(api(), id), as: CALLERS[who] });
        expect({ who, status: response.status }).toEqual({ who, status: testCase.expected[who] });
      });

      it('answers 401 without a token and with a bad one', async () => {
        const id = await schedule(api(), { professionalId: 'pro-owner' });
        const request = testCase.request(api(), id);
        const none = await api().request(request);
        expect(none.status).toBe(401);
        expect(none.headers['www-authenticate']).toBeDefined();
        const forged = await api().request({ ...request, token: 'not.a.jwt' });
        expect(forged.status).toBe(401);
      });
    });
  }

  it('answers 401 before 400 and 403 before 400', async () => {
    const bad = { method: 'POST' as const, url: cancelUrl(randomUUID()), body: { reason: 'nope' } };
    expect((await api().request(bad)).status).toBe(401);
    expect((await api().request({ ...bad, as: CALLERS.auditor })).status).toBe(403);
    expect((await api().request({ ...bad, as: CALLERS.owner })).status).toBe(400);
  });
});
