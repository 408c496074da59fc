import { Controller, Get, Logger as NestLogger, Module, Req } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { ConfigModule } from '../config/config.module';
import { loadConfig } from '../config/load-config';
import { correlatedFastifyOptions } from './correlated-fastify-options';
import type { FastifyRequest } from 'fastify';
import { resolveCorrelationId } from './correlation-id';
import { FrameworkBootQuietingLogger } from './framework-boot-quieting-logger';
import { LoggingModule } from './logging.module';
import { LineCapture } from './testing/line-capture';

@Controller('work')
class WorkController {
  private readonly logger = new NestLogger(WorkController.name);

  @Get()
  async work(@Req() request: FastifyRequest): Promise<{ correlationId: string }> {
    // The id travels explicitly (no context store): a line about the request says it.
    const correlationId = resolveCorrelationId(request.raw);
    this.logger.log({ correlationId, msg: 'doing the work' });
    this.logger.log('a line that names no request');
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { correlationId };
  }
}

describe('LoggingModule', () => {
  const capture = new LineCapture();
  let app: NestFastifyApplication;

  beforeAll(async () => {
    @Module({
      imports: [
        ConfigModule.forConfig(loadConfig({ LOG_LEVEL: 'debug' })),
        LoggingModule.forRoot({ destination: capture }),
      ],
      controllers: [WorkController],
    })
    class TestModule {}
    const moduleRef = await Test.createTestingModule({ imports: [TestModule] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(
      new FastifyAdapter(correlatedFastifyOptions()),
      { bufferLogs: true },
    );
    app.useLogger(app.get(FrameworkBootQuietingLogger));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  const linesOf = (correlationId: string) =>
    capture.lines.filter((line) => line.correlationId === correlationId);

  it('takes the correlation id from the header, echoes it, gives it to handlers and to the lines about the request', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/work',
      headers: { 'x-correlation-id': 'trace-abc-123', authorization: 'Bearer secret-token' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-correlation-id']).toBe('trace-abc-123');
    expect(response.json()).toEqual({ correlationId: 'trace-abc-123' });

    const lines = linesOf('trace-abc-123');
    expect(lines.map((line) => line.msg)).toEqual(['doing the work', 'request completed']);
    expect(lines[0]).toMatchObject({ context: 'WorkController', level: 30 });
    const completed = lines[1] as { req: { id: string } };
    expect(completed.req.id).toBe('trace-abc-123');
    expect(JSON.stringify(capture.lines)).not.toContain('secret-token');
  });

  it('logs one short line a request: what was asked and answered, no header', async () => {
    await app.inject({
      method: 'GET',
      url: '/work?from=2026',
      headers: { 'x-correlation-id': 'short-line', 'user-agent': 'a-rather-long-user-agent/1.0' },
    });
    const [line, ...others] = linesOf('short-line').filter((l) => l.msg === 'request completed');
    expect(others).toEqual([]);
    expect(line).toEqual({
      level: 30,
      time: expect.any(Number),
      pid: process.pid,
      hostname: expect.any(String),
      correlationId: 'short-line',
      req: { id: 'short-line', method: 'GET', url: '/work?from=2026' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
      msg: 'request completed',
    });
  });

  it("moves Nest's start-up lines (a line a module and a route) to debug", () => {
    const boot = capture.lines.filter((line) =>
      ['InstanceLoader', 'RoutesResolver', 'RouterExplorer'].includes(String(line.context)),
    );
    expect(boot.length).toBeGreaterThan(0);
    expect(boot.every((line) => line.level === 20)).toBe(true);
  });

  it('generates a correlation id when none (or an unacceptable one) is sent', async () => {
    const uuid = /^[0-9a-f-]{36}$/;
    const none = await app.inject({ method: 'GET', url: '/work' });
    const id = none.headers['x-correlation-id'] as string;
    expect(id).toMatch(uuid);
    expect(none.json()).toEqual({ correlationId: id });
    expect(linesOf(id)).toHaveLength(2);

    const forged = await app.inject({
      method: 'GET',
      url: '/work',
      headers: { 'x-correlation-id': 'a\nb {"level":60}' },
    });
    expect(forged.headers['x-correlation-id']).toMatch(uuid);
  });

  it('gives concurrent requests their own ids', async () => {
    const responses = await Promise.all(
      ['one', 'two', 'three'].map((id) =>
        app.inject({ method: 'GET', url: '/work', headers: { 'x-correlation-id': id } }),
      ),
    );
    expect(
      responses.map((response) => response.json<{ correlationId: string }>().correlationId),
    ).toEqual(['one', 'two', 'three']);
  });

  it('adds no correlation id to a line that does not say one, even inside a request (no context store)', async () => {
    await app.inject({ method: 'GET', url: '/work', headers: { 'x-correlation-id': 'plain' } });
    const line = capture.lines.find((l) => l.msg === 'a line that names no request');
    expect(line).toMatchObject({ context: 'WorkController', level: 30 });
    expect(line).not.toHaveProperty('correlationId');
  });
});
