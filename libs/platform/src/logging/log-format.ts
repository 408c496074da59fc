/** How log lines look: `pretty` for a person at a terminal, `json` for everything else. */
export type LogFormat = 'pretty' | 'json';

/**
 * Pretty lines only for a person at a terminal in development: a production process, or one
 * whose output goes to a file, a pipe or a collector, writes one JSON object a line.
 */
export function chooseLogFormat(output: { isTty: boolean; nodeEnv: string }): LogFormat {
  return output.isTty && output.nodeEnv !== 'production' ? 'pretty' : 'json';
}
