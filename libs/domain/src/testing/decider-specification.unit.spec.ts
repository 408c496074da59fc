import { type Decider } from '../common';
import { DomainError } from '../errors';
import { DeciderSpecification } from './decider-specification';

class Refused extends DomainError {
  readonly code = 'refused';
  readonly category = 'rule' as const;
}

type Counted = { type: 'Counted'; data: { total: number; at: string } };
const counter: Decider<number, Counted, number> = {
  initialState: () => 0,
  evolve: (state, event) => state + event.data.total,
  decide: (by, state, now) => {
    if (by < 0) throw new Refused('negative');
    if (by === 0) throw new TypeError('zero');
    return [{ type: 'Counted', data: { total: state + by, at: now.toISOString() } }];
  },
};
const spec = DeciderSpecification.for(counter);
const counted = (total: number, at: string): Counted => ({ type: 'Counted', data: { total, at } });

describe('DeciderSpecification', () => {
  it('folds the history given, then passes the instant to decide', () => {
    spec
      .given([counted(2, 'x')])
      .at('2026-01-01T00:00:00Z')
      .when(3)
      .then([counted(5, '2026-01-01T00:00:00.000Z')]);
  });

  it('matches a refusal by class, by code or by predicate', () => {
    spec.given([]).when(-1).thenThrows(Refused);
    spec.given([]).when(-1).thenThrows(DomainError);
    spec.given([]).when(-1).thenThrows('refused');
    spec.given([]).when(0).thenThrows(TypeError);
    spec
      .given([])
      .when(0)
      .thenThrows((error) => error instanceof TypeError);
  });

  it('fails when events were expected but it refused', () => {
    expect(() => spec.given([]).when(-1).then([])).toThrow(/expected events.*Refused \(refused\)/);
  });

  it('fails when a refusal was expected but it decided', () => {
    expect(() => spec.given([]).when(1).thenThrows(Refused)).toThrow(/expected a refusal/);
  });

  it('fails when the refusal is another one', () => {
    expect(() => spec.given([]).when(0).thenThrows('refused')).toThrow(
      /expected refused, but it threw TypeError: zero/,
    );
    expect(() => spec.given([]).when(-1).thenThrows(TypeError)).toThrow(/expected TypeError/);
  });

  it('fails when the events differ', () => {
    expect(() => spec.given([]).at(new Date(0)).when(1).then([])).toThrow();
  });
});
