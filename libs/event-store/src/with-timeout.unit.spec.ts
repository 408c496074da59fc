import { TimeoutError, withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('answers as the work does when it settles first', async () => {
    await expect(withTimeout(Promise.resolve(7), 60_000, 'never')).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new Error('own')), 60_000, 'never')).rejects.toThrow(
      'own',
    );
  });

  it('rejects with a TimeoutError saying the message when the work hangs', async () => {
    const hung = new Promise<never>(() => undefined);
    const failure = withTimeout(hung, 1, () => 'probe did not answer');
    await expect(failure).rejects.toBeInstanceOf(TimeoutError);
    await expect(failure).rejects.toThrow('probe did not answer');
  });
});
