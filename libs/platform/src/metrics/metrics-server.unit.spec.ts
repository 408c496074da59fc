import { Counter } from 'prom-client';
import { createMetricsRegistry } from './metrics-registry';
import { startMetricsServer } from './metrics-server';

describe('the METRICS_PORT server', () => {
  it('answers GET /metrics with the registry and 404 elsewhere', async () => {
    const registry = createMetricsRegistry({ labels: { app: 'test' } });
    new Counter({ name: 'probe_total', help: 'a probe', registers: [registry] }).inc(4);
    const server = await startMetricsServer(registry, 0, '127.0.0.1');
    try {
      const scrape = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(scrape.status).toBe(200);
      const text = await scrape.text();
      expect(text).toContain('probe_total{app="test"} 4');
      // Default process metrics are on unless turned off.
      expect(text).toContain('process_cpu_user_seconds_total');
      expect((await fetch(`http://127.0.0.1:${server.port}/other`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
