import { pause } from './pause';

describe('pause', () => {
  it('ends at once when its signal aborts, and answers nothing', async () => {
    const controller = new AbortController();
    const paused = pause(600_000, controller.signal);
    controller.abort();
    await expect(paused).resolves.toBeUndefined();
  });

  it('does not start for a signal already aborted', async () => {
    await expect(pause(600_000, AbortSignal.abort())).resolves.toBeUndefined();
  });
});
