import {
  Body,
  Controller,
  Get,
  Inject,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  Post,
  Req,
} from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import { Logger } from 'nestjs-pino';
import { Writable } from 'node:stream';
import { type Caller, CurrentCaller, Public, Roles, signDevToken } from './auth';
import { CLOCK, type Clock, ManualClock } from './clock';
import { loadConfig } from './config';
import { ID_GENERATOR, type IdGenerator, SequentialIdGenerator } from './ids';
import type { FastifyRequest } from 'fastify';
import { correlatedFastifyOptions, resolveCorrelationId } from './logging';
import { PlatformModule } from './platform.module';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';

class LineCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  }
}

class NoteDto {
  @IsString()
  text!: string;
}

@Controller('things')
class ThingsController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  @Roles('professional')
  @Post()
  create(@CurrentCaller() caller: Caller, @Body() body: NoteDto, @Req() request: FastifyRequest) {
    return {
      id: this.ids.next(),
      at: this.clock.now().toISOString(),
      by: caller.sub,
      text: body.text,
      correlationId: resolveCorrelationId(request.raw),
    };
  }

  @Public()
  @Get('broken')
  broken(): never {
    throw new Error('disk on fire');
  }
}

describe('PlatformModule', () => {
  const capture = new LineCapture();
  let app: NestFastifyApplication;

  beforeAll(async () => {
    @Module({
      imports: [
        PlatformModule.forRoot({
          config: loadConfig({ JWT_SECRET: SECRET }),
          clock: new ManualClock('2026-05-01T09:00:00Z'),
          ids: new SequentialIdGenerator(),
          logging: { destination: capture },
        }),
      ],
      controllers: [ThingsController],
    })
    class AppModule implements NestModule {
      configure(consumer: MiddlewareConsumer): void {
        // Thrown, not passed to next(): Nest's middleware proxy hands the filter Node's own
        // request and response.
        consumer
          .apply(() => {
            throw new Error('middleware on fire');
          })
          .forRoutes('things/middleware-broken');
      }
    }
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(
      new FastifyAdapter(correlatedFastifyOptions()),
      { bufferLogs: true },
    );
    app.useLogger(app.get(Logger));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  it('serves an authenticated, validated command with the injected clock, ids and correlation id', async () => {
    const token = await signDevToken({ sub: 'pro-1', role: 'professional' }, SECRET);
    const response = await app.inject({
      method: 'POST',
      url: '/things',
      headers: { authorization: `Bearer ${token}`, 'x-correlation-id': 'corr-1' },
      payload: { text: 'hello' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      at: '2026-05-01T09:00:00.000Z',
      by: 'pro-1',
      text: 'hello',
      correlationId: 'corr-1',
    });
  });

  it('answers in the order 401, 403, 400, each with the correlation id echoed', async () => {
    const unauthenticated = await app.inject({
      method: 'POST',
      url: '/things',
      payload: { bad: 1 },
    });
    expect(unauthenticated.statusCode).toBe(401);
    expect(unauthenticated.headers['x-correlation-id']).toBeDefined();

    const auditor = await signDevToken({ sub: 'aud-1', role: 'auditor' }, SECRET);
    const forbidden = await app.inject({
      method: 'POST',
      url: '/things',
      headers: { authorization: `Bearer ${auditor}` },
      payload: { bad: 1 },
    });
    expect(forbidden.statusCode).toBe(403);

    const professional = await signDevToken({ sub: 'pro-1', role: 'professional' }, SECRET);
    const invalid = await app.inject({
      method: 'POST',
      url: '/things',
      headers: { authorization: `Bearer ${professional}`, 'x-correlation-id': 'corr-400' },
      payload: { bad: 1 },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['x-correlation-id']).toBe('corr-400');
    expect(invalid.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'bad',
      'text',
    ]);
  });

  it('logs an unexpected error with its stack and correlation id, and hides it from the client', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/things/broken',
      headers: { 'x-correlation-id': 'corr-500' },
    });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('disk on fire');
    const errorLine = capture.lines.find(
      (line) =>
        line.correlationId === 'corr-500' &&
        line.level === 50 &&
        line.context === 'ProblemDetailsFilter',
    );
    expect(errorLine).toBeDefined();
    expect(JSON.stringify(errorLine)).toContain('disk on fire');
    expect(JSON.stringify(errorLine)).toContain('platform.module.unit.spec.ts');
  });

  it('logs an error raised in middleware with its correlation id too', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/things/middleware-broken',
      headers: { 'x-correlation-id': 'corr-mw' },
    });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('middleware on fire');
    const errorLine = capture.lines.find(
      (line) => line.correlationId === 'corr-mw' && line.context === 'ProblemDetailsFilter',
    );
    expect(JSON.stringify(errorLine)).toContain('middleware on fire');
  });
});
