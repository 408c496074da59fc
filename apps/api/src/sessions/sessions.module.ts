import { Module } from '@nestjs/common';
import { CommandRunner } from '../http';
import { SessionCommandsController } from './session-commands.controller';
import { SessionQueriesController } from './session-queries.controller';

@Module({
  controllers: [SessionCommandsController, SessionQueriesController],
  providers: [CommandRunner],
})
export class SessionsModule {}
