import type { Api } from './support/api-harness';
import { describeOnEveryStore } from './support/every-store';
import { cancelUrl, schedule } from './support/fixtures';

jest.setTimeout(60_000);

describeOnEveryStore('operations and the HTTP edge', (api: () => Api) => {
  it('serves /health/live and /health/ready without a token', async () => {
    const live = await api().request({ method: 'GET', url: '/health/live' });
    expect(live.status).toBe(200);
    const ready = await api().request({ method: 'GET', url: '/health/ready' });
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      checks: {
        eventStore: { state: 'up' },
        database: { state: 'up' },
        readModels: { state: 'up' },
        'consumer:calendar': { state: 'up' },
        'consumer:reporting': { state: 'up' },
        'consumer:deletions': { state: 'up' },
      },
    });
  });

  it('serves the OpenAPI UI at /api/docs and its document with every endpoint', async () => {
    const ui = await api().request({ method: 'GET', url: '/api/docs' });
    expect(ui.status).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
    const docs = await api().request({ method: 'GET', url: '/api/docs-json' });
    expect(docs.status).toBe(200);
    const paths = Object.keys((docs.body as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/sessions',
        '/api/v1/sessions/{id}/cancel',
        '/api/v1/sessions/{id}',
        '/api/v1/sessions/{id}/history',
        '/api/v1/sessions/{id}/state',
        '/api/v1/workstations/{professionalId}/payment-methods',
        '/api/v1/calendar',
        '/api/v1/reports/cancellations',
        '/api/v1/deletions',
      ]),
    );
  });

  it('answers malformed JSON with a 400 problem, never a 500', async () => {
    const id = await schedule(api());
    const response = await api().request({
      method: 'POST',
      url: cancelUrl(id),
      as: { role: 'professional', sub: 'pro-1' },
      rawBody: '{"reason": ',
    });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await api().request({
      method: 'POST',
      url: cancelUrl('x'),
      as: { role: 'professional', sub: 'pro-1' },
      body: { reason: 'other', note: 'x'.repeat(100_000) },
    });
    expect(response.status).toBe(413);
  });

  it('serves projection status to admins only', async () => {
    const url = '/api/v1/admin/projections';
    const admin = await api().request({ method: 'GET', url, as: { role: 'admin', sub: 'adm' } });
    expect(admin.status).toBe(200);
    expect(admin.body).toMatchObject({ consumers: expect.any(Array) });
    const professional = await api().request({
      method: 'GET',
      url,
      as: { role: 'professional', sub: 'p' },
    });
    expect(professional.status).toBe(403);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await api().request({
      method: 'GET',
      url: '/api/v1/nothing',
      as: { role: 'admin', sub: 'a' },
    });
    expect(response.status).toBe(404);
  });
});
