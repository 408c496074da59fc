/** Where new ids (session ids, event ids) come from, so tests can make them predictable. */
export interface IdGenerator {
  next(): string;
}

/** Injection token of the IdGenerator. */
export const ID_GENERATOR = Symbol('ID_GENERATOR');
