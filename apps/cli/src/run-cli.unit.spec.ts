import { type CliCommand, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './command';
import { runCli } from './run-cli';
import { recordingIo } from './testing/recording-io';
import { UsageError } from './usage-error';

const echo: CliCommand = {
  name: 'echo',
  summary: 'print its arguments',
  help: 'Usage: cli echo <words>',
  run: (args, io) => {
    if (args[0] === 'bad') throw new UsageError('bad is not a word');
    if (args[0] === 'boom') throw new Error('it broke');
    io.out(args.join(' '));
    return Promise.resolve(EXIT_OK);
  },
};

describe('runCli', () => {
  it('runs the named command with the remaining arguments', async () => {
    const io = recordingIo();
    expect(await runCli(['echo', 'a', 'b'], [echo], io)).toBe(EXIT_OK);
    expect(io.stdout).toEqual(['a b']);
  });

  it('lists the commands for --help (exit 0) and without a command (exit 2)', async () => {
    const help = recordingIo();
    expect(await runCli(['--help'], [echo], help)).toBe(EXIT_OK);
    expect(help.stdout[0]).toContain('echo  print its arguments');
    const none = recordingIo();
    expect(await runCli([], [echo], none)).toBe(EXIT_USAGE);
    expect(none.stderr[0]).toContain('Usage: cli <command>');
  });

  it('prints a command’s help', async () => {
    const io = recordingIo();
    expect(await runCli(['echo', '--help'], [echo], io)).toBe(EXIT_OK);
    expect(io.stdout).toEqual(['Usage: cli echo <words>']);
  });

  it('answers an unknown command and a usage error with exit 2, a failure with exit 1', async () => {
    const unknown = recordingIo();
    expect(await runCli(['nope'], [echo], unknown)).toBe(EXIT_USAGE);
    expect(unknown.stderr[0]).toContain('Unknown command "nope"');
    const usage = recordingIo();
    expect(await runCli(['echo', 'bad'], [echo], usage)).toBe(EXIT_USAGE);
    expect(usage.stderr[0]).toBe('echo: bad is not a word\nRun `cli echo --help` for usage.');
    const failure = recordingIo();
    expect(await runCli(['echo', 'boom'], [echo], failure)).toBe(EXIT_FAILURE);
    expect(failure.stderr[0]).toBe('echo failed: it broke');
  });
});
