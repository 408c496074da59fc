import { Counter, Histogram, type Registry } from 'prom-client';
import { outcomeOf } from './outcome';

/** Commands change state; everything else the API answers is a query. */
export type RequestKind = 'command' | 'query';

export interface ObservedRequest {
  readonly kind: RequestKind;
  /** The handler's name (`SessionCommands.cancel`), never anything taken from the URL. */
  readonly name: string;
  readonly method: string;
  /** The route template (`/api/v1/sessions/:id/cancel`): ids never become label values. */
  readonly route: string;
  readonly status: number;
  readonly seconds: number;
}

/** Seconds: a command is a read, a decide and an append, so most land between 5 and 250 ms. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Count, latency and outcome of every request the API handles, by command (or query) and status.
 * Label values come from the code (handler names, route templates, statuses), so their number is
 * bounded whatever clients send.
 */
export class RequestMetrics {
  private readonly commands: Counter<'command' | 'method' | 'route' | 'status' | 'outcome'>;
  private readonly commandSeconds: Histogram<'command' | 'outcome'>;
  private readonly queries: Counter<'query' | 'method' | 'route' | 'status' | 'outcome'>;
  private readonly querySeconds: Histogram<'query' | 'outcome'>;

  constructor(registry: Registry) {
    this.commands = new Counter({
      name: 'commands_total',
      help: 'Commands handled, by command, route, HTTP status and outcome (ok, rejected, failed)',
      labelNames: ['command', 'method', 'route', 'status', 'outcome'],
      registers: [registry],
    });
    this.commandSeconds = new Histogram({
      name: 'command_duration_seconds',
      help: 'Time from routing the request to handing over its answer, by command and outcome',
      labelNames: ['command', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    this.queries = new Counter({
      name: 'queries_total',
      help: 'Queries answered, by query, route, HTTP status and outcome',
      labelNames: ['query', 'method', 'route', 'status', 'outcome'],
      registers: [registry],
    });
    this.querySeconds = new Histogram({
      name: 'query_duration_seconds',
      help: 'Time from routing the request to handing over its answer, by query and outcome',
      labelNames: ['query', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
  }

  observe(request: ObservedRequest): void {
    const outcome = outcomeOf(request.status);
    const common = {
      method: request.method,
      route: request.route,
      status: request.status,
      outcome,
    };
    if (request.kind === 'command') {
      this.commands.inc({ command: request.name, ...common });
      this.commandSeconds.observe({ command: request.name, outcome }, request.seconds);
    } else {
      this.queries.inc({ query: request.name, ...common });
      this.querySeconds.observe({ query: request.name, outcome }, request.seconds);
    }
  }
}
