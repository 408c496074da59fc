import { EventStoreDBClient } from '@eventstore/db-client';
import { eventStoreUrlProblems } from './eventstore-url';

const noFiles = (): boolean => false;
const anyFile = (): boolean => true;

/** What the client does with a URL: throws, warns (and ignores), or takes it. */
function clientVerdict(url: string): 'throws' | 'warns' | 'takes' {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    // The adapter's rewrite, for the KurrentDB names.
    const client = EventStoreDBClient.connectionString(
      url.replace(/^kurrent(?:db)?(\+discover)?:\/\//, 'esdb$1://'),
    );
    void client.dispose();
    return warn.mock.calls.length > 0 ? 'warns' : 'takes';
  } catch {
    return 'throws';
  } finally {
    warn.mockRestore();
  }
}

describe('EVENTSTORE_URL', () => {
  it.each([
    'esdb://localhost:2113?tls=false',
    'esdb://a:2113,b:2113,c:2113?tls=false&nodePreference=leader',
    'esdb+discover://cluster.local:2113',
    'kurrentdb://127.0.0.1:32768?tls=false',
    'kurrentdb+discover://a:2113,b:2113',
    'kurrent://localhost',
    'esdb://admin:changeit@localhost:2113?tlsCAFile=/etc/kurrentdb/ca.crt',
    'esdb://localhost:2113?tls=true&keepAliveInterval=-1&defaultDeadline=5000&connection_name=api',
  ])('accepts %s, as the client does', (url) => {
    expect(eventStoreUrlProblems(url, anyFile)).toEqual([]);
    if (!url.includes('tlsCAFile')) expect(clientVerdict(url)).toBe('takes');
  });

  it.each([
    ['ESDB://localhost:2113', /lowercase/, 'throws'],
    ['Kurrentdb://localhost:2113', /lowercase/, undefined],
    [
      'esdb://localhost:2113?tlsVerifyCert=false',
      /tlsVerifyCert=false is not supported.*tlsCAFile/,
      'warns',
    ],
    ['esdb://localhost:2113?tsl=false', /"tsl" is unknown/, 'warns'],
    ['esdb://admin:changeit@localhost:2113?tls=false', /credentials but tls=false/, undefined],
    ['esdb://localhost:2113?tls=no', /tls must be true or false/, 'throws'],
    ['esdb://localhost:abc', /host "localhost:abc"/, 'throws'],
    ['esdb://localhost:2113?keepAliveTimeout=-5', /keepAliveTimeout/, 'throws'],
    ['esdb://localhost:2113?defaultDeadline=0', /defaultDeadline/, 'throws'],
    ['esdb://localhost:2113?nodePreference=nearest', /nodePreference/, 'throws'],
    [
      'esdb://localhost:2113?throwOnAppendFailure=false',
      /throwOnAppendFailure must stay true/,
      undefined,
    ],
    [
      'esdb://localhost:2113?tls=false&tlsCAFile=ca.crt',
      /tls=false, so the client would ignore it/,
      undefined,
    ],
    ['esdb://localhost:2113?userCertFile=/a.crt', /go together/, 'throws'],
    [
      'esdb://localhost?tlsCAFile=/nowhere/ca.crt',
      /tlsCAFile: no file at \/nowhere\/ca.crt/,
      'throws',
    ],
    ['postgres://db/app', /scheme esdb, esdb\+discover, kurrentdb/, 'throws'],
    ['not a url', /must be a URL/, 'throws'],
  ])('refuses %s with a message naming the variable', (url, message, client) => {
    const problems = eventStoreUrlProblems(url, noFiles);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(message);
    for (const problem of problems) expect(problem).toMatch(/^EVENTSTORE_URL /);
    // Where the client has its own say, it agrees: it throws, or warns and ignores the option.
    if (client !== undefined) expect(clientVerdict(url)).toBe(client);
  });
});
