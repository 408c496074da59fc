import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  type Clock,
  IdempotencyKeyInFlightError,
  IdempotencyKeyReusedError,
  PROBLEM_CONTENT_TYPE,
  toProblem,
} from '@app/platform';
import type { JsonValue } from '@app/event-store';
import type { CommandAnswer } from '../answers/command-answer';
import { ConcurrencyRetriesExhaustedError } from '../errors';
import type { ClaimedKey } from './claimed-key';
import { requestHash } from './canonical-json';
import type { IdempotencyScope } from './idempotency-scope';
import { IdempotencyStore } from './idempotency-store';

export interface IdempotentRequest {
  /** Absent when the request carries no Idempotency-Key. */
  readonly scope?: IdempotencyScope;
  readonly body: unknown;
  /** The session the command is about, when known before it runs (purged with it). */
  readonly sessionId?: string;
}

/** Transient refusals say nothing final about the request: the key is freed for a retry. */
function isTransient(error: unknown, status: number): boolean {
  return status >= 500 || error instanceof ConcurrencyRetriesExhaustedError;
}

/**
 * Runs a command at most once per key: the first request claims the key, later ones get the
 * stored answer (same body), a 422 (other body) or a 409 (still in flight). Refusals (4xx) are
 * stored like successes; failures (5xx) release the key.
 */
@Injectable()
export class IdempotentExecutor {
  constructor(
    private readonly store: IdempotencyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    request: IdempotentRequest,
    run: (key: ClaimedKey | undefined) => Promise<CommandAnswer>,
  ): Promise<CommandAnswer> {
    const scope = request.scope;
    if (scope === undefined) return run(undefined);
    const outcome = await this.store.claim(
      scope,
      requestHash(request.body),
      request.sessionId,
      this.clock.now(),
    );
    switch (outcome.kind) {
      case 'replay':
        return outcome.answer;
      case 'reused':
        throw new IdempotencyKeyReusedError();
      case 'in-flight':
        throw new IdempotencyKeyInFlightError(
          Math.max(
            1,
            Math.ceil((outcome.leaseUntil.getTime() - this.clock.now().getTime()) / 1000),
          ),
        );
      case 'claimed':
        return this.runClaimed(scope, outcome.token, run);
    }
  }

  private async runClaimed(
    scope: IdempotencyScope,
    token: string,
    run: (key: ClaimedKey) => Promise<CommandAnswer>,
  ): Promise<CommandAnswer> {
    const key: ClaimedKey = {
      scope,
      complete: async (sql, answer, sessionId) => {
        const done = await this.store.complete(
          sql,
          scope,
          token,
          answer,
          sessionId,
          this.clock.now(),
        );
        if (!done) throw new IdempotencyKeyInFlightError();
      },
    };
    try {
      return await run(key);
    } catch (error) {
      const { problem, headers } = toProblem(error, scope.path);
      if (isTransient(error, problem.status)) {
        await this.store.release(scope, token).catch(() => undefined);
      } else {
        const refusal: CommandAnswer = {
          status: problem.status,
          headers: { ...headers, 'content-type': PROBLEM_CONTENT_TYPE },
          body: JSON.parse(JSON.stringify(problem)) as JsonValue,
        };
        await this.store.completeRefusal(scope, token, refusal, this.clock.now());
      }
      throw error;
    }
  }
}
