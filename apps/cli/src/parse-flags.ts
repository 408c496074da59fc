import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node's parseArgs in strict mode, with its errors (unknown flag, missing value, stray argument)
 * turned into UsageError so every command reports bad usage the same way.
 */
export function parseFlags<T extends Options>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // Matched by code, not class: parseArgs's errors are Node's own, and `instanceof` does not hold
    // across realms (jest runs tests in a vm context).
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
      throw new UsageError((error as Error).message);
    }
    throw error;
  }
}
