import type { Caller } from './caller';

/**
 * Where the AuthGuard leaves the verified caller on the request. A symbol-keyed slot rather than
 * a module augmentation of Fastify's types, so nothing else can set it by accident.
 */
const CALLER = Symbol('caller');

type CallerSlot = { [CALLER]?: Caller };

export function attachCaller(request: object, caller: Caller): void {
  (request as CallerSlot)[CALLER] = caller;
}

export function callerOf(request: object): Caller | undefined {
  return (request as CallerSlot)[CALLER];
}
