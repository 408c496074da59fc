import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * A command's arguments, read by node's parseArgs in strict mode: flags may come before, between
 * or after the positionals (`projections rebuild --json reporting` and `projections rebuild
 * reporting --json` are the same), and `--` ends the flags. Its errors (unknown flag, missing
 * value), and more positionals than `maxPositionals`, are UsageErrors, so every command reports
 * bad usage the same way.
 */
export function parseCommandLine<T extends Options>(
  args: readonly string[],
  options: T,
  maxPositionals = 0,
) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (error) {
    // Matched by code, not class: parseArgs's errors are Node's own, and `instanceof` does not hold
    // across realms (jest runs tests in a vm context).
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
      throw new UsageError((error as Error).message);
    }
    throw error;
  }
  const stray = parsed.positionals.slice(maxPositionals);
  if (stray.length > 0) {
    throw new UsageError(`unexpected argument${stray.length > 1 ? 's' : ''}: ${stray.join(' ')}`);
  }
  return { flags: parsed.values, positionals: parsed.positionals };
}
