/** What a command may touch: its output streams and the environment, passed in so tests can. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * One CLI command. Each lives in its own file under commands/ and is listed in the registry;
 * `run` returns the process exit code (0 ok, 1 failed, 2 bad usage).
 */
export interface CliCommand {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full help text, printed by `<command> --help`. */
  readonly help: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
