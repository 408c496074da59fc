import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';

interface CorrelationStore {
  readonly correlationId: string;
}

/** One store for the process, so code outside Nest's container (CLI, projector loops) shares it. */
const storage = new AsyncLocalStorage<CorrelationStore>();

/** The correlation id of the work in progress, if any: for code outside Nest's container. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/**
 * The correlation id of the work in progress: set per HTTP request by RequestContextMiddleware,
 * or by `run` around other units of work; handlers read it to stamp event metadata.
 */
@Injectable()
export class CorrelationContext {
  run<T>(correlationId: string, work: () => T): T {
    return storage.run({ correlationId }, work);
  }

  /** The current correlation id, or undefined outside any unit of work. */
  current(): string | undefined {
    return currentCorrelationId();
  }

  /** The current correlation id; throws outside a unit of work, where asking for one is a bug. */
  require(): string {
    const id = this.current();
    if (id === undefined)
      throw new Error('No correlation id: not inside a request or CorrelationContext.run');
    return id;
  }
}
