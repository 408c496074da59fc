import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { type Api, startApi } from './support/api-harness';
import { cancelUrl, schedule } from './support/fixtures';

jest.setTimeout(60_000);

interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown> | undefined;
}

function parse(text: string): RawAnswer {
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  const body = rest.join('\r\n\r\n');
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: body === '' ? undefined : (JSON.parse(body) as Record<string, unknown>),
  };
}

/**
 * Bytes no HTTP client library would send: written on a socket as they are, optionally one piece
 * at a time with a pause between (a slow client), then the answer read until the server closes.
 */
function sendRaw(
  port: number,
  pieces: readonly (string | Buffer)[],
  pauseMs = 0,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      try {
        resolve(parse(Buffer.concat(received).toString('utf8')));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    socket.on('connect', () => {
      void (async () => {
        for (const piece of pieces) {
          if (socket.destroyed) return;
          socket.write(piece);
          if (pauseMs > 0) await new Promise((wait) => setTimeout(wait, pauseMs));
        }
      })();
    });
  });
}

function expectProblem(answer: RawAnswer, status: number, code: string): void {
  expect({ status: answer.status, code: answer.body?.code }).toEqual({ status, code });
  expect(answer.headers['content-type']).toContain('application/problem+json');
  expect(answer.body?.type).toBe(`https://errors.sessions.example/${code}`);
  expect(JSON.stringify(answer.body)).not.toMatch(/FST_|HPE_|ERR_/);
}

/**
 * The HTTP layer under bytes and timing only a raw socket produces, on a listening server whose
 * request timeout is set to 1 s (HTTP_REQUEST_TIMEOUT) so the slow cases stay fast.
 */
describe('the HTTP layer over a raw socket', () => {
  let api: Api;
  let port = 0;
  let token = '';
  beforeAll(async () => {
    api = await startApi({ kind: 'embedded' }, { env: { HTTP_REQUEST_TIMEOUT: '1s' } });
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    port = (api.app.getHttpServer().address() as AddressInfo).port;
    token = await api.token('professional', 'pro-1');
  });
  afterAll(async () => api.close());

  const post = (path: string, body: Buffer, extra = ''): Buffer =>
    Buffer.concat([
      Buffer.from(
        `POST ${path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\nAuthorization: Bearer ${token}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n${extra}\r\n`,
      ),
      body,
    ]);

  it('refuses invalid UTF-8 in a body with a 400 and writes nothing (never replacement characters)', async () => {
    const id = await schedule(api);
    const before = await api.writeMark();
    const body = Buffer.concat([
      Buffer.from('{"reason":"other","note":"caf'),
      Buffer.from([0xe9, 0xff, 0xc0, 0x80]),
      Buffer.from('"}'),
    ]);
    expectProblem(await sendRaw(port, [post(cancelUrl(id), body)]), 400, 'invalid-utf8');
    // An encoded lone surrogate (ED A0 80) is not UTF-8 either.
    const surrogate = Buffer.concat([
      Buffer.from('{"reason":"other","note":"'),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('"}'),
    ]);
    expectProblem(await sendRaw(port, [post(cancelUrl(id), surrogate)]), 400, 'invalid-utf8');
    expect(await api.writeMark()).toEqual(before);
  });

  it('answers headers over the limit (20 KB) with a 431 problem', async () => {
    const huge = `GET /health/live HTTP/1.1\r\nHost: test\r\nX-Huge: ${'a'.repeat(20_000)}\r\n\r\n`;
    expectProblem(await sendRaw(port, [huge]), 431, 'header-fields-too-large');
  });

  it('answers what is not HTTP with a 400 problem', async () => {
    expectProblem(await sendRaw(port, ['HELLO there\r\n\r\n']), 400, 'malformed-request');
    expectProblem(
      await sendRaw(port, [
        'GET /health/live HTTP/1.1\r\nHost: test\r\nBad\u0000Header: x\r\n\r\n',
      ]),
      400,
      'malformed-request',
    );
  });

  it('answers a path that is not UTF-8 (%ff) with a 400 problem', async () => {
    const answer = await sendRaw(port, [
      `GET /api/v1/sessions/%ff HTTP/1.1\r\nHost: test\r\nConnection: close\r\nAuthorization: Bearer ${token}\r\n\r\n`,
    ]);
    expectProblem(answer, 400, 'malformed-url');
  });

  it('times out slow headers with a 408 problem', async () => {
    const answer = await sendRaw(
      port,
      [
        'GET /health/live HTTP/1.1\r\n',
        'Host: test\r\n',
        'X-One: 1\r\n',
        'X-Two: 2\r\n',
        'X-Three: 3\r\n',
      ],
      600,
    );
    expectProblem(answer, 408, 'request-timeout');
  });

  it('times out a body sent one byte at a time with a 408 problem, and writes nothing', async () => {
    const id = await schedule(api);
    const before = await api.writeMark();
    const body = '{"reason":"cancelled-by-client"}';
    const head =
      `POST ${cancelUrl(id)} HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const answer = await sendRaw(port, [head, ...body.split('')], 400);
    expectProblem(answer, 408, 'request-timeout');
    expect(await api.writeMark()).toEqual(before);
    const session = await api.request({
      method: 'GET',
      url: `/api/v1/sessions/${id}`,
      as: { role: 'professional', sub: 'pro-1' },
    });
    expect((session.body as { state: { status: string } }).state.status).toBe('scheduled');
  });

  it('refuses a chunked body over 64 KiB with a 413 problem', async () => {
    const chunk = `{"reason":"other","note":"${'x'.repeat(70_000)}"}`;
    const answer = await sendRaw(port, [
      `POST /api/v1/sessions/x/cancel HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      `${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`,
    ]);
    expectProblem(answer, 413, 'payload-too-large');
  });
});
