import { Injectable } from '@nestjs/common';
import { type Command, CommandBus } from '@nestjs/cqrs';
import { type CommandAnswer, type CommandContext, IdempotentExecutor } from '@app/application';
import { actorOf } from './actor';
import type { CommandCall } from './command-call.decorator';
import { idempotencyScope } from './idempotency-key';

/**
 * Every command endpoint the same way: the Idempotency-Key scoped to caller, method and path,
 * the raw JSON body as the key's fingerprint, then the command on the CommandBus with its
 * context (actor, claimed key, If-Match version).
 */
@Injectable()
export class CommandRunner {
  constructor(
    private readonly executor: IdempotentExecutor,
    private readonly commands: CommandBus,
  ) {}

  run(
    call: CommandCall,
    sessionId: string | undefined,
    build: (context: CommandContext) => Command<CommandAnswer>,
  ): Promise<CommandAnswer> {
    const { caller, request, idempotencyKey, expectedVersion } = call;
    const scope = idempotencyScope(caller, request, idempotencyKey);
    return this.executor.execute(
      { scope, body: request.body ?? null, ...(sessionId === undefined ? {} : { sessionId }) },
      (key) =>
        this.commands.execute(
          build({
            actor: actorOf(caller),
            ...(key ? { idempotency: key } : {}),
            ...(expectedVersion === undefined ? {} : { expectedVersion }),
          }),
        ),
    );
  }
}
