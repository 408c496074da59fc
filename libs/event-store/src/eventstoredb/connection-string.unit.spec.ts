import { toEsdbConnectionString } from './client';

describe('connection string', () => {
  it.each([
    ['esdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
    ['kurrentdb://localhost:32768?tls=false', 'esdb://localhost:32768?tls=false'],
    ['kurrentdb+discover://a:2113,b:2113', 'esdb+discover://a:2113,b:2113'],
    ['esdb+discover://cluster.local:2113', 'esdb+discover://cluster.local:2113'],
  ])('%s -> %s', (input, output) => {
    expect(toEsdbConnectionString(input)).toBe(output);
  });
});
