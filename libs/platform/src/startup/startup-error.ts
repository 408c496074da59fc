/**
 * Why the process cannot start, in one line that names the variable to look at: main prints
 * `message` alone (no stack: nothing in the code is wrong) and exits 1.
 */
export class StartupError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable}: ${detail}`);
    this.name = 'StartupError';
  }
}
