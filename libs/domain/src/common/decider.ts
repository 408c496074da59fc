/** A domain event: a fact, named in the past tense, with its payload. */
export type Event<Type extends string = string, Data = unknown> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

/** An intention, which the decider accepts (returning events) or refuses (throwing a DomainError). */
export type Command<Type extends string = string, Data = unknown> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

/**
 * `now` is passed in rather than read so that decisions are reproducible: the application takes it
 * from its clock port, tests pin it.
 */
export type Decider<C, E, S> = Readonly<{
  decide: (command: C, state: S, now: Date) => E[];
  evolve: (state: S, event: E) => S;
  initialState: () => S;
}>;

export function fold<C, E, S>(decider: Decider<C, E, S>, events: readonly E[]): S {
  return events.reduce(decider.evolve, decider.initialState());
}
