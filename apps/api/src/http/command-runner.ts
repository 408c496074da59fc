import { Injectable } from '@nestjs/common';
import { type Command, CommandBus } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import { type ClaimedKey, type CommandAnswer, IdempotentExecutor } from '@app/application';
import type { Caller } from '@app/platform';
import { idempotencyScope } from './idempotency-key';

export interface CommandRequest {
  readonly caller: Caller;
  readonly request: FastifyRequest;
  readonly idempotencyKey: string | undefined;
  readonly sessionId?: string;
}

/**
 * Every command endpoint the same way: the Idempotency-Key scoped to caller, method and path,
 * the raw JSON body as the key's fingerprint, then the command on the CommandBus.
 */
@Injectable()
export class CommandRunner {
  constructor(
    private readonly executor: IdempotentExecutor,
    private readonly commands: CommandBus,
  ) {}

  run(
    { caller, request, idempotencyKey, sessionId }: CommandRequest,
    build: (key: ClaimedKey | undefined) => Command<CommandAnswer>,
  ): Promise<CommandAnswer> {
    const scope = idempotencyScope(caller, request, idempotencyKey);
    return this.executor.execute(
      { scope, body: request.body ?? null, ...(sessionId === undefined ? {} : { sessionId }) },
      (key) => this.commands.execute(build(key)),
    );
  }
}
