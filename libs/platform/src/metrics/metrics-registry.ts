import { collectDefaultMetrics, Registry } from 'prom-client';

export interface MetricsRegistryOptions {
  /** Process metrics (CPU, memory, event loop lag, GC): on by default, off in unit tests. */
  readonly defaultMetrics?: boolean;
  /** Labels on every series, e.g. `{ app: 'api' }`, so one Prometheus job can scrape every app. */
  readonly labels?: Record<string, string>;
}

/**
 * A registry of our own rather than prom-client's global one: two apps (or two tests) in one
 * process then never register the same metric name twice.
 */
export function createMetricsRegistry(options: MetricsRegistryOptions = {}): Registry {
  const registry = new Registry();
  if (options.labels !== undefined) registry.setDefaultLabels(options.labels);
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}
