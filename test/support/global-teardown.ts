import type { ResolvedService } from './services';

export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __startedServices?: ResolvedService[] };
  const services = holder.__startedServices ?? [];
  holder.__startedServices = [];
  for (const service of services) await service.stop?.();
}
