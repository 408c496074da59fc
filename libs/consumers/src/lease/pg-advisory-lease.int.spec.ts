import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { describeWithService } from '@test/support/requires-service';
import { PgAdvisoryLeaseProvider } from './pg-advisory-lease';

jest.setTimeout(30_000);

describeWithService('postgres', 'consumer leases (PostgreSQL advisory locks)', (url) => {
  const scope = `lease_${randomUUID().slice(0, 8)}`;
  const provider = (applicationName: string) =>
    new PgAdvisoryLeaseProvider({
      connectionString: url,
      scope,
      heartbeatMs: 100,
      applicationName,
    });

  it('is held by one replica at a time; another gets it once it is released', async () => {
    const first = await provider('lease-a').tryAcquire('calendar');
    expect(first).toBeDefined();
    expect(await provider('lease-b').tryAcquire('calendar')).toBeUndefined();
    // Another consumer's lease, or the same name in another scope, is free.
    const other = await provider('lease-b').tryAcquire('reporting');
    expect(other).toBeDefined();
    await other?.release();
    await first?.release();
    const second = await provider('lease-b').tryAcquire('calendar');
    expect(second?.lost.aborted).toBe(false);
    await second?.release();
  });

  it('is reported lost when its connection is terminated, and freed for another replica', async () => {
    const name = `lost-${randomUUID().slice(0, 8)}`;
    const held = await provider(`lease-${name}`).tryAcquire('calendar');
    expect(held).toBeDefined();
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
        [`lease-${name}`],
      );
    } finally {
      await admin.end();
    }
    await new Promise<void>((resolve) => {
      if (held?.lost.aborted) resolve();
      else held?.lost.addEventListener('abort', () => resolve(), { once: true });
    });
    const next = await provider('lease-next').tryAcquire('calendar');
    expect(next).toBeDefined();
    await next?.release();
    // Releasing a lease whose connection already ended settles at once.
    await held?.release();
  });
});
