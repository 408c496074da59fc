import { SignJWT } from 'jose';
import { LineCapture } from '@app/platform/logging/testing/line-capture';
import { freePort } from '../ops/app-process';
import { type Api, type ApiResponse, startApi, TEST_JWT_SECRET } from './support/api-harness';
import { schedule, sessionUrl } from './support/fixtures';

jest.setTimeout(60_000);

const PRO = { role: 'professional' as const, sub: 'pro-1' };
const key = new TextEncoder().encode(TEST_JWT_SECRET);
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function expectProblem(response: ApiResponse, status: number, code: string): void {
  expect({ status: response.status, code: (response.body as { code?: string })?.code }).toEqual({
    status,
    code,
  });
  expect(response.headers['content-type']).toContain('application/problem+json');
}

/**
 * The security defaults of the HTTP API, each checked the way a client or an operator would see
 * it: response headers, token rules, what reaches the logs, where /metrics is served.
 */
describe('security defaults', () => {
  describe('on an authenticated API', () => {
    const logs = new LineCapture();
    let api: Api;
    beforeAll(async () => {
      api = await startApi(
        { kind: 'embedded' },
        { env: { LOG_LEVEL: 'debug' }, logs, readYourWritesTimeoutMs: 50 },
      );
    });
    afterAll(async () => api.close());

    it('answers with Cache-Control: no-store and X-Content-Type-Options: nosniff, refusals too', async () => {
      const id = await schedule(api);
      const answers = [
        await api.request({ method: 'GET', url: sessionUrl(id), as: PRO }),
        await api.request({ method: 'GET', url: `${sessionUrl(id)}/history`, as: PRO }),
        await api.request({ method: 'GET', url: sessionUrl(id) }),
        await api.request({ method: 'GET', url: sessionUrl('missing'), as: PRO }),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 401, 404]);
      for (const answer of answers) {
        expect(answer.headers['cache-control']).toBe('no-store');
        expect(answer.headers['x-content-type-options']).toBe('nosniff');
      }
    });

    it('sends a Content-Security-Policy with the docs page, which loads only what it allows', async () => {
      const page = await api.app.inject({ method: 'GET', url: '/api/docs' });
      expect(page.statusCode).toBe(200);
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      expect(csp).toContain("frame-ancestors 'none'");
      // Under script-src 'self' the page works only if every script is a file of this server:
      // no inline script, no other origin, and each one served.
      /** A file the page loads: from this server (a relative URL), and served; its content type. */
      const sameOrigin = async (tag: string, attribute: 'src' | 'href'): Promise<string> => {
        const url = new RegExp(`${attribute}=["']([^"']+)["']`).exec(tag)?.[1] ?? '';
        expect(url).not.toMatch(/^(https?:)?\/\//);
        const file = await api.app.inject({
          method: 'GET',
          url: new URL(url, 'http://x/api/docs').pathname,
        });
        expect(file.statusCode).toBe(200);
        return String(file.headers['content-type']);
      };
      const scripts = [...page.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, inline] of scripts) {
        expect(inline.trim()).toBe('');
        expect(await sameOrigin(attributes, 'src')).toMatch(/javascript/);
      }
      for (const [tag] of page.body.matchAll(/<link[^>]*rel=["']stylesheet["'][^>]*>/g)) {
        expect(await sameOrigin(tag, 'href')).toMatch(/css/);
      }
      // The initialiser embeds the document itself: nothing to fetch from elsewhere, no eval.
      const init = await api.app.inject({ method: 'GET', url: '/api/docs/swagger-ui-init.js' });
      expect(init.body).toContain('"openapi"');
      expect(init.body).not.toMatch(/\beval\(|new Function\(/);
    });

    it('refuses a token without exp (it would live for ever) with a 401', async () => {
      const forever = await new SignJWT({ role: 'admin' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('admin-1')
        .setIssuedAt()
        .sign(key);
      const response = await api.request({
        method: 'GET',
        url: '/api/v1/admin/projections',
        token: forever,
      });
      expectProblem(response, 401, 'unauthorized');
      expect((response.body as { detail: string }).detail).toBe(
        'The token has no expiry (exp): it would live for ever',
      );
    });

    it('refuses a token valid for longer than JWT_MAX_TTL (default 24 h) with a 401', async () => {
      const now = nowSeconds();
      const sign = (lifetime: number) =>
        new SignJWT({ role: 'admin' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('admin-1')
          .setIssuedAt(now)
          .setExpirationTime(now + lifetime)
          .sign(key);
      const url = '/api/v1/admin/projections';
      expect((await api.request({ method: 'GET', url, token: await sign(24 * 3600) })).status).toBe(
        200,
      );
      expectProblem(
        await api.request({ method: 'GET', url, token: await sign(30 * 24 * 3600) }),
        401,
        'unauthorized',
      );
    });

    it('refuses a token whose sub holds a NUL with a 401, and writes nothing', async () => {
      const before = await api.writeMark();
      const token = await api.token('professional', 'pro\u0000-1');
      const response = await api.request({
        method: 'PUT',
        url: '/api/v1/workstations/pro%00-1/payment-methods',
        token,
        body: { methods: ['card'] },
      });
      expectProblem(response, 401, 'unauthorized');
      expect(await api.writeMark()).toEqual(before);
    });

    it('writes no token text in any log line, wherever the request carried it', async () => {
      const tokens = await Promise.all([
        api.token('professional', 'pro-1'),
        api.token('auditor', 'aud-1'),
        api.token('admin', 'adm-1'),
      ]);
      const [header, query, cookie] = tokens;
      const malformed = 'not-a-jwt-but-still-a-secret-4711';
      const id = await schedule(api);
      const requests = [
        { url: sessionUrl(id), headers: { authorization: `Bearer ${header}` } },
        { url: `${sessionUrl(id)}?access_token=${query}&minPosition=0`, headers: {} },
        { url: `${sessionUrl(id)}?token=${malformed}`, headers: {} },
        { url: sessionUrl(id), headers: { cookie: `session=${cookie}; theme=dark` } },
        { url: sessionUrl(id), headers: { authorization: `Bearer ${malformed}` } },
        { url: `/api/v1/nothing/${header}`, headers: { 'x-forwarded-for': query } },
      ];
      for (const request of requests) {
        await api.app.inject({ method: 'GET', url: request.url, headers: request.headers });
      }
      const lines = logs.raw.join('\n');
      expect(lines).toContain('[redacted]');
      for (const secret of [...tokens, malformed]) expect(lines).not.toContain(secret);
      // The lines still say what was asked.
      expect(lines).toContain(`${sessionUrl(id)}?access_token=[redacted]&minPosition=0`);
    });

    it('logs a deliberate 503 (and a 4xx) as one line without a stack', async () => {
      const correlationId = 'deliberate-503';
      const response = await api.app.inject({
        method: 'GET',
        url: '/api/v1/calendar?from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z&minPosition=999999999',
        headers: {
          authorization: `Bearer ${await api.token('professional', 'pro-1')}`,
          'x-correlation-id': correlationId,
        },
      });
      expect(response.statusCode).toBe(503);
      const refused = await api.app.inject({
        method: 'GET',
        url: '/api/v1/calendar?from=0000-01-01T00:00:00Z&to=2026-07-01T00:00:00Z',
        headers: {
          authorization: `Bearer ${await api.token('professional', 'pro-1')}`,
          'x-correlation-id': 'deliberate-400',
        },
      });
      expect(refused.statusCode).toBe(400);
      for (const id of [correlationId, 'deliberate-400']) {
        const lines = logs.raw.filter((line) => line.includes(`"correlationId":"${id}"`));
        expect(lines).toHaveLength(1);
        expect(lines[0]).not.toContain('stack');
        expect(lines[0]).not.toContain('failed with status code');
      }
    });
  });

  it('answers 503 (not 401) when the JWKS endpoint is unreachable', async () => {
    const closed = await freePort();
    const api = await startApi(
      { kind: 'embedded' },
      { env: { JWT_SECRET: '', JWT_JWKS_URL: `http://127.0.0.1:${closed}/jwks.json` } },
    );
    try {
      const token = await new SignJWT({ role: 'admin' })
        .setProtectedHeader({ alg: 'RS256', kid: 'k' })
        .setSubject('a')
        .setExpirationTime('5m')
        .sign(
          (await import('node:crypto')).generateKeyPairSync('rsa', { modulusLength: 2048 })
            .privateKey,
        );
      const response = await api.request({
        method: 'GET',
        url: '/api/v1/admin/projections',
        token,
      });
      expectProblem(response, 503, 'auth-unavailable');
      expect(response.headers['retry-after']).toBe('5');
    } finally {
      await api.close();
    }
  });

  it('serves /metrics only on METRICS_PORT in production, not on the API port', async () => {
    const metricsPort = await freePort();
    const api = await startApi(
      { kind: 'embedded' },
      { env: { NODE_ENV: 'production', METRICS_PORT: String(metricsPort) } },
    );
    try {
      const onApiPort = await api.request({ method: 'GET', url: '/metrics' });
      expectProblem(onApiPort, 404, 'not-found');
      const scrape = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(scrape.status).toBe(200);
      expect(await scrape.text()).toContain('nodejs_version_info');
    } finally {
      await api.close();
    }
  });
});
