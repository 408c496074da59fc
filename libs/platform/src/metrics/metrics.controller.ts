import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { Public } from '../auth/public.decorator';
import { METRICS_REGISTRY } from './metrics.tokens';

/** `GET /metrics` in Prometheus' text format; no token (docs/product.md, "Operating contract"). */
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  // The 0.0.4 text format, what every Prometheus version scrapes.
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
