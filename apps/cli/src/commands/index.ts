import type { CliCommand } from '../command';
import { auditCommand } from './audit.command';
import { projectionsCommand } from './projections.command';
import { sessionCommand } from './session.command';
import { tokenCommand } from './token.command';

/** The registry: a new command is a file in this folder and a line here. */
export const COMMANDS: readonly CliCommand[] = [
  tokenCommand,
  sessionCommand,
  projectionsCommand,
  auditCommand,
];
