import { StoreUnavailableError } from '@app/event-store';
import { serviceAddress } from './service-address';
import { StartupError } from './startup-error';
import { StartupRetry } from './startup-retry';

const target = {
  variable: 'DATABASE_URL',
  kind: 'PostgreSQL',
  connectionString: 'postgres://app:secret@db.internal:5432/sessions?sslmode=require',
};

const refused = (): Error =>
  new StoreUnavailableError('Event store unavailable during connect: connect ECONNREFUSED', {
    cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), {
      code: 'ECONNREFUSED',
    }),
  });

describe('the start-up retry', () => {
  it('tries again while the service is unreachable, and says once that it waits', async () => {
    const notices: string[] = [];
    let attempts = 0;
    const retry = new StartupRetry((line) => notices.push(line), 5_000);
    const opened = await retry.reach(target, () => {
      attempts += 1;
      return attempts < 3 ? Promise.reject(refused()) : Promise.resolve('open');
    });
    expect(opened).toBe('open');
    expect(attempts).toBe(3);
    expect(notices).toEqual([
      'Waiting for DATABASE_URL (PostgreSQL at db.internal:5432/sessions): connect ECONNREFUSED 10.0.0.7:5432; retrying for up to 5 s',
    ]);
  });

  it('gives up once the budget is spent, naming the variable, where it points and the cause', async () => {
    const retry = new StartupRetry(() => undefined, 600);
    const failure = await retry
      .reach(target, () => Promise.reject(refused()))
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StartupError);
    expect((failure as StartupError).variable).toBe('DATABASE_URL');
    expect((failure as Error).message).toBe(
      'DATABASE_URL: PostgreSQL at db.internal:5432/sessions unreachable for 0.6 s: connect ECONNREFUSED 10.0.0.7:5432',
    );
    // Never the password.
    expect((failure as Error).message).not.toContain('secret');
  });

  it('gives up on a service that never answers', async () => {
    const retry = new StartupRetry(() => undefined, 300);
    await expect(retry.reach(target, () => new Promise(() => undefined))).rejects.toThrow(
      'DATABASE_URL: PostgreSQL at db.internal:5432/sessions unreachable for 0.3 s: no answer within 0.3 s',
    );
  });

  it('fails at once when the server refuses the credentials or the database name', async () => {
    let attempts = 0;
    const retry = new StartupRetry(() => undefined, 5_000);
    const auth = Object.assign(new Error('password authentication failed for user "app"'), {
      code: '28P01',
    });
    await expect(
      retry.reach(target, () => {
        attempts += 1;
        return Promise.reject(auth);
      }),
    ).rejects.toThrow(
      'DATABASE_URL: PostgreSQL at db.internal:5432/sessions refused the connection: password authentication failed for user "app"',
    );
    expect(attempts).toBe(1);
  });

  it('lets any other error through untouched: it is a bug, with its stack', async () => {
    const bug = Object.assign(new Error('syntax error at or near "SELEKT"'), { code: '42601' });
    const retry = new StartupRetry(() => undefined, 5_000);
    await expect(retry.reach(target, () => Promise.reject(bug))).rejects.toBe(bug);
  });
});

describe('a service address for an error line', () => {
  it('keeps hosts, ports and the database; drops the scheme, credentials and options', () => {
    expect(serviceAddress('postgresql://u:p@127.0.0.1:5433/app?ssl=true')).toBe(
      '127.0.0.1:5433/app',
    );
    expect(serviceAddress('esdb://node1:2113,node2:2113?tls=false')).toBe('node1:2113,node2:2113');
    expect(serviceAddress('kurrentdb://admin:changeit@localhost:2113')).toBe('localhost:2113');
  });
});
