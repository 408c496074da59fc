import { COMMANDS } from './commands';
import { runCli } from './run-cli';

// The process edge: the only place that touches process streams and the exit code.
void runCli(process.argv.slice(2), COMMANDS, {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
