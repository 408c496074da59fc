import { resolvers, workerVariable, type ResolvedService, type ServiceName } from './services';
import { clearSkipRecords } from './skip-records';

const started: ResolvedService[] = [];

/** Jest global setup (int and e2e projects): resolves every service once per run. */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_SERVICES_RESOLVED === '1') return;
  process.env.TEST_SERVICES_RESOLVED = '1';
  clearSkipRecords();
  for (const name of Object.keys(resolvers) as ServiceName[]) {
    const resolution = await resolvers[name]();
    if ('skipReason' in resolution) {
      process.env[workerVariable(name)] = `SKIP:${resolution.skipReason}`;
      process.stdout.write(`\n[services] ${name}: SKIPPED - ${resolution.skipReason}\n`);
    } else {
      process.env[workerVariable(name)] = resolution.url;
      if (resolution.stop) started.push(resolution);
      process.stdout.write(`\n[services] ${name}: ${resolution.source}\n`);
    }
  }
  (globalThis as { __startedServices?: ResolvedService[] }).__startedServices = started;
}
