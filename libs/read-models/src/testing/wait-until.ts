import { pause } from '@app/event-store';

/** Polls a condition (no fixed sleeps): resolves as soon as it holds, fails after the timeout. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await pause(10);
  }
}
