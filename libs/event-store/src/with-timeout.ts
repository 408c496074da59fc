/** What `withTimeout` rejects with: the work did not settle in time (it may still be running). */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * Settles as `work` does, or rejects with a TimeoutError saying `message` once `ms` passed:
 * a caller that must answer (a health probe, a start-up budget, a test) is not held by a hang.
 * The timer is cleared either way, so it never keeps the process alive.
 */
export async function withTimeout<T>(
  work: Promise<T>,
  ms: number,
  message: string | (() => string),
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new TimeoutError(typeof message === 'string' ? message : message())),
      ms,
    );
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
