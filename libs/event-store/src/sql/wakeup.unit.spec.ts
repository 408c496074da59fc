import { Wakeup } from './wakeup';

describe('Wakeup', () => {
  it('returns at once when a wake-up happened after the generation seen', async () => {
    const wakeup = new Wakeup();
    const seen = wakeup.current();
    wakeup.wake();
    await expect(wakeup.wait(seen, 60_000, new AbortController().signal)).resolves.toBeUndefined();
  });

  it('resolves a waiter on wake and on abort', async () => {
    const wakeup = new Wakeup();
    const woken = wakeup.wait(wakeup.current(), 60_000, new AbortController().signal);
    wakeup.wake();
    await woken;
    const controller = new AbortController();
    const aborted = wakeup.wait(wakeup.current(), 60_000, controller.signal);
    controller.abort();
    await aborted;
  });
});
