import { type Decider } from '../common';
import { DomainError } from '../errors';

type ErrorClass = abstract new (...args: never[]) => Error;
/** An error class, a DomainError code, or a predicate on the error thrown. */
export type ExpectedError = ErrorClass | string | ((error: unknown) => boolean);

export type Then<E> = Readonly<{
  then: (expected: readonly E[]) => void;
  thenThrows: (expected: ExpectedError) => void;
  /** For properties: the raw outcome, the events or the error. */
  outcome: () => { events: E[] } | { error: unknown };
}>;

export type When<C, E> = Readonly<{ when: (command: C) => Then<E> }>;
export type Given<C, E> = When<C, E> & Readonly<{ at: (now: Date | string) => When<C, E> }>;

const DEFAULT_NOW = new Date('2026-03-02T09:00:00.000Z');

function matches(error: unknown, expected: ExpectedError): boolean {
  if (typeof expected === 'string') return error instanceof DomainError && error.code === expected;
  if (expected.prototype instanceof Error || expected === Error) {
    return error instanceof (expected as ErrorClass);
  }
  return (expected as (error: unknown) => boolean)(error);
}

function describeError(error: unknown): string {
  if (error instanceof DomainError) return `${error.name} (${error.code}): ${error.message}`;
  return String(error);
}

/**
 * Given/when/then for deciders, reading like the business:
 *   DeciderSpecification.for(sessionDecider)
 *     .given([scheduled]).at('2026-03-01T09:00:00Z').when(cancel).then([cancelled])
 * Events given are folded with the decider's own evolve, so a test states history, not state.
 */
export const DeciderSpecification = {
  for<C, E, S>(decider: Decider<C, E, S>) {
    return {
      given(history: readonly E[]): Given<C, E> {
        const when =
          (now: Date) =>
          (command: C): Then<E> => {
            const run = () => {
              const state = history.reduce(decider.evolve, decider.initialState());
              return decider.decide(command, state, now);
            };
            const outcome = () => {
              try {
                return { events: run() };
              } catch (error) {
                return { error };
              }
            };
            return {
              outcome,
              then: (expected) => {
                const result = outcome();
                if ('error' in result) {
                  throw new Error(`expected events, but it threw ${describeError(result.error)}`);
                }
                expect(result.events).toEqual(expected);
              },
              thenThrows: (expected) => {
                const result = outcome();
                if (!('error' in result)) {
                  throw new Error(
                    `expected a refusal, but it decided ${JSON.stringify(result.events)}`,
                  );
                }
                if (!matches(result.error, expected)) {
                  const wanted = typeof expected === 'string' ? expected : expected.name;
                  throw new Error(
                    `expected ${wanted}, but it threw ${describeError(result.error)}`,
                  );
                }
              },
            };
          };
        return {
          when: when(DEFAULT_NOW),
          at: (now) => ({ when: when(typeof now === 'string' ? new Date(now) : now) }),
        };
      },
    };
  },
};
