import { createServer, type AddressInfo } from 'node:net';
import { ConflictException, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { MetricName } from './metric-name.decorator';
import { MetricsRecorder } from './metrics-recorder';
import { MetricsModule, type MetricsModuleOptions } from './metrics.module';

@Controller('things')
class ThingsController {
  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param('id') id: string): { id: string } {
    if (id === 'taken') throw new ConflictException('already cancelled');
    return { id };
  }

  @Get(':id')
  @MetricName('thing')
  read(@Param('id') id: string): { id: string } {
    return { id };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function appWith(options: MetricsModuleOptions): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [MetricsModule.forRoot({ defaultMetrics: false, ...options })],
    controllers: [ThingsController],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: false,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('MetricsModule', () => {
  let app: NestFastifyApplication;
  afterEach(async () => app.close());

  it('counts commands and queries by handler, route template and status, never by raw URL', async () => {
    app = await appWith({});
    for (const id of ['a1', 'b2', 'taken']) {
      await app.inject({ method: 'POST', url: `/things/${id}/cancel` });
    }
    await app.inject({ method: 'GET', url: '/things/c3' });
    const scrape = await app.inject({ method: 'GET', url: '/metrics' });
    expect(scrape.statusCode).toBe(200);
    expect(scrape.headers['content-type']).toContain('text/plain');
    const text = scrape.body;
    expect(text).toContain(
      'commands_total{command="Things.cancel",method="POST",route="/things/:id/cancel",status="200",outcome="ok"} 2',
    );
    expect(text).toContain(
      'commands_total{command="Things.cancel",method="POST",route="/things/:id/cancel",status="409",outcome="rejected"} 1',
    );
    expect(text).toContain(
      'command_duration_seconds_count{command="Things.cancel",outcome="ok"} 2',
    );
    expect(text).toContain(
      'queries_total{query="thing",method="GET",route="/things/:id",status="200",outcome="ok"} 1',
    );
    for (const id of ['a1', 'b2', 'taken', 'c3']) expect(text).not.toContain(id);
  });

  it('exposes the recorder for appends and conflicts', async () => {
    app = await appWith({});
    const recorder = app.get(MetricsRecorder);
    recorder.appended('session-5d0c8f4e-3b7a-4c1e-9a55-0b7e2f1d9c11', 3);
    recorder.conflict('session-5d0c8f4e-3b7a-4c1e-9a55-0b7e2f1d9c11');
    const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(text).toContain('event_store_appends_total{category="session"} 1');
    expect(text).toContain('event_store_appended_events_total{category="session"} 3');
    expect(text).toContain('event_store_append_conflicts_total{category="session"} 1');
  });

  it('serves /metrics on METRICS_PORT instead of the app port when one is given', async () => {
    const port = await freePort();
    app = await appWith({ metricsPort: port });
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    await app.inject({ method: 'GET', url: '/things/x1' });
    const scrape = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toContain('queries_total{query="thing"');
    await app.close();
    // Closed with the app.
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
    app = await appWith({});
  });
});
