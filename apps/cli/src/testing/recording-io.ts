import type { CliIo } from '../command';

/** A CliIo that records what a command printed, for tests. */
export function recordingIo(
  env: Record<string, string | undefined> = {},
): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    env,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
  };
}
