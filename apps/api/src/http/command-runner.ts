import { Inject, Injectable } from '@nestjs/common';
import { type Command, CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import {
  type CommandRequest,
  type IdempotencyClaim,
  IdempotencyStore,
  requestHash,
} from '@app/application';
import type { JsonValue } from '@app/event-store';
import {
  CLOCK,
  type Clock,
  ConcurrencyRetriesExhaustedError,
  IdempotencyKeyInFlightError,
  IdempotencyKeyReusedError,
  PROBLEM_CONTENT_TYPE,
  resolveCorrelationId,
  toProblem,
} from '@app/platform';
import { actorOf } from './actor';
import type { CommandCall } from './command-call.decorator';
import { type HttpAnswer, sendAnswer } from './http-answer';
import { idempotencyScope } from './idempotency-key';

/** One command endpoint: the command it sends and how its result answers over HTTP. */
export interface CommandEndpoint<R extends JsonValue> {
  /** The session the command is about, when known before it runs (purged with it). */
  readonly sessionId?: string | undefined;
  readonly command: (request: CommandRequest) => Command<R>;
  readonly answer: (result: R) => HttpAnswer;
}

/** Transient refusals say nothing final about the request: the key is freed for a retry. */
function isTransient(error: unknown, status: number): boolean {
  return status >= 500 || error instanceof ConcurrencyRetriesExhaustedError;
}

/**
 * Every command endpoint the same way, at most once per Idempotency-Key (scoped to caller,
 * method and path; the JSON body its fingerprint): the first request claims the key and runs
 * the command, which completes the record with its result in the transaction of its events;
 * later ones get the same answer (same body, with Idempotent-Replayed), a 422 (other body) or a
 * 409 (still in flight). A refusal (4xx) is recorded as the problem it answers; a failure (5xx,
 * retries exhausted) frees the key and goes to the problem filter.
 */
@Injectable()
export class CommandRunner {
  constructor(
    private readonly records: IdempotencyStore,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run<R extends JsonValue>(
    call: CommandCall,
    reply: FastifyReply,
    endpoint: CommandEndpoint<R>,
  ): Promise<JsonValue | undefined> {
    const { caller, request, idempotencyKey, expectedVersion } = call;
    const scope = idempotencyScope(caller, request, idempotencyKey);
    const base: CommandRequest = {
      actor: actorOf(caller),
      correlationId: resolveCorrelationId(request.raw),
      ...(expectedVersion === undefined ? {} : { expectedVersion }),
    };
    if (scope === undefined) {
      return sendAnswer(reply, endpoint.answer(await this.execute(endpoint, base)));
    }
    const now = this.clock.now();
    const outcome = await this.records.claim(
      scope,
      requestHash(request.body ?? null),
      endpoint.sessionId,
      now,
    );
    switch (outcome.kind) {
      case 'replay': {
        const stored = outcome.outcome;
        // Our own record: a result of this endpoint's command, or the problem it answered.
        const answer =
          stored.kind === 'result'
            ? endpoint.answer(stored.result as R)
            : (stored.refusal as unknown as HttpAnswer);
        return sendAnswer(reply, answer, true);
      }
      case 'reused':
        throw new IdempotencyKeyReusedError();
      case 'in-flight':
        throw new IdempotencyKeyInFlightError(
          Math.max(1, Math.ceil((outcome.leaseUntil.getTime() - now.getTime()) / 1000)),
        );
      case 'claimed':
        return this.runClaimed(endpoint, { ...base, idempotency: outcome.claim }, reply);
    }
  }

  private async runClaimed<R extends JsonValue>(
    endpoint: CommandEndpoint<R>,
    request: CommandRequest & { idempotency: IdempotencyClaim },
    reply: FastifyReply,
  ): Promise<JsonValue | undefined> {
    const claim = request.idempotency;
    let result: R;
    try {
      result = await this.execute(endpoint, request);
    } catch (error) {
      const { problem, headers } = toProblem(error, claim.scope.path);
      if (isTransient(error, problem.status)) {
        await this.records.release(claim).catch(() => undefined);
        throw error;
      }
      const refusal: HttpAnswer = {
        status: problem.status,
        headers: { ...headers, 'content-type': PROBLEM_CONTENT_TYPE },
        body: JSON.parse(JSON.stringify(problem)) as JsonValue,
      };
      await this.records.completeRefusal(claim, refusal, this.clock.now());
      return sendAnswer(reply, refusal);
    }
    return sendAnswer(reply, endpoint.answer(result));
  }

  private execute<R extends JsonValue>(
    endpoint: CommandEndpoint<R>,
    request: CommandRequest,
  ): Promise<R> {
    return this.commands.execute(endpoint.command(request));
  }
}
