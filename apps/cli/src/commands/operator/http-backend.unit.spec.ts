import { httpBackend } from './http-backend';

type Answer = { status: number; body: unknown };

function fakeFetch(answers: Record<string, Answer | Answer[]>) {
  const calls: Array<{ method: string; url: string; auth: string | null; body?: unknown }> = [];
  const fn = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : input.toString();
    const method = init?.method ?? 'GET';
    calls.push({
      method,
      url,
      auth: new Headers(init?.headers).get('authorization'),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const key = `${method} ${url.replace('http://app', '')}`;
    const entry = answers[key];
    const answer = Array.isArray(entry) ? entry.shift() : entry;
    if (answer === undefined) return Promise.resolve(new Response('{}', { status: 404 }));
    return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status }));
  };
  return { fn, calls };
}

describe('the HTTP backend (embedded app running)', () => {
  it('reads history and state through the session endpoints with the admin token', async () => {
    const { fn, calls } = fakeFetch({
      'GET /api/v1/sessions/s-1/history': {
        status: 200,
        body: { kind: 'history', sessionId: 's-1', version: 0, events: [] },
      },
      'GET /api/v1/sessions/s-2/history': {
        status: 410,
        body: { code: 'session-deleted', deletion: { position: '9' } },
      },
      'GET /api/v1/sessions/s-1/state?at=2026-01-01T00%3A00%3A00.000Z': {
        status: 200,
        body: { kind: 'state' },
      },
    });
    const backend = httpBackend({ baseUrl: 'http://app', token: 'tok', fetch: fn });
    expect(await backend.history('s-1')).toMatchObject({ kind: 'history' });
    expect(await backend.history('s-2')).toEqual({
      kind: 'deleted',
      sessionId: 's-2',
      deletion: { position: '9' },
    });
    expect(await backend.history('s-3')).toEqual({ kind: 'not-found', sessionId: 's-3' });
    expect(await backend.state('s-1', { at: '2026-01-01T00:00:00.000Z' })).toEqual({
      kind: 'state',
    });
    expect(calls.every((c) => c.auth === 'Bearer tok')).toBe(true);
  });

  it('starts a rebuild on the admin API and follows its progress until it is done', async () => {
    const { fn } = fakeFetch({
      'POST /api/v1/admin/projections/calendar/rebuild': {
        status: 202,
        body: { jobId: 'j1', state: 'running', progressUrl: '/api/v1/admin/rebuilds/j1' },
      },
      'GET /api/v1/admin/rebuilds/j1': [
        {
          status: 200,
          body: { jobId: 'j1', state: 'running', progress: { eventsDone: 5, eventsPerSecond: 5 } },
        },
        {
          status: 200,
          body: {
            jobId: 'j1',
            state: 'succeeded',
            progress: { eventsDone: 9, eventsPerSecond: 9 },
            result: { eventsDone: 9, position: '9', seconds: 1 },
          },
        },
      ],
      'GET /api/v1/admin/projections': { status: 403, body: { detail: 'admins only' } },
    });
    const backend = httpBackend({ baseUrl: 'http://app', token: 'tok', fetch: fn, pollMs: 1 });
    const seen: number[] = [];
    expect(await backend.rebuild('calendar', (p) => seen.push(p.eventsDone))).toEqual({
      projection: 'calendar',
      eventsDone: 9,
      position: '9',
      seconds: 1,
      setAside: [],
    });
    expect(seen).toEqual([5, 9]);
    await expect(backend.status()).rejects.toThrow(
      'projection status: the app answered 403 (admins only)',
    );
  });

  it('retries set-aside sessions through the admin API, sending the session asked for', async () => {
    const report = {
      consumer: 'calendar',
      requested: ['s-1'],
      cleared: ['s-1'],
      failed: [],
      pending: [],
    };
    const { fn, calls } = fakeFetch({
      'POST /api/v1/admin/projections/calendar/retry': [
        { status: 200, body: report },
        { status: 404, body: { detail: 'calendar has no set-aside session x' } },
      ],
    });
    const backend = httpBackend({ baseUrl: 'http://app', token: 'tok', fetch: fn });
    expect(await backend.retry('calendar', 's-1')).toEqual(report);
    await expect(backend.retry('calendar', 'x')).rejects.toThrow(
      'retry of calendar: the app answered 404 (calendar has no set-aside session x)',
    );
    expect(calls.map((c) => c.body)).toEqual([{ sessionId: 's-1' }, { sessionId: 'x' }]);
  });
});
