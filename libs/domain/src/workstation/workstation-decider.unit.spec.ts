import { fold } from '../common';
import {
  DuplicatePaymentMethodError,
  InvalidIdentifierError,
  InvalidPaymentMethodError,
} from '../errors';
import { type WorkstationPaymentMethod, workstationStream } from '../events';
import { DeciderSpecification } from '../testing';
import { type ConfigureWorkstationPaymentMethods } from './configure-payment-methods';
import { enabledPaymentMethods, workstationDecider } from './workstation-decider';

const spec = DeciderSpecification.for(workstationDecider);
const configure = (
  methods: readonly string[],
  professionalId = 'pro-1',
): ConfigureWorkstationPaymentMethods => ({
  type: 'ConfigureWorkstationPaymentMethods',
  data: { professionalId, methods: methods as WorkstationPaymentMethod[] },
});
const configured = (methods: WorkstationPaymentMethod[]) => ({
  type: 'PaymentMethodsConfigured' as const,
  data: { professionalId: 'pro-1', methods },
});

describe('Configuring the payment methods of a workstation', () => {
  it('enables the methods given, in canonical order', () => {
    spec
      .given([])
      .when(configure(['external', 'card']))
      .then([configured(['card', 'external'])]);
  });

  it('may disable every method', () => {
    spec
      .given([configured(['card'])])
      .when(configure([]))
      .then([configured([])]);
  });

  it('records a configuration equal to the current one (the PUT answers with a new version)', () => {
    spec
      .given([configured(['card'])])
      .when(configure(['card']))
      .then([configured(['card'])]);
  });

  it('refuses sponsored-credits: it is not a workstation method', () => {
    spec
      .given([])
      .when(configure(['card', 'sponsored-credits']))
      .thenThrows(
        (error) => error instanceof InvalidPaymentMethodError && error.fields[0] === 'methods[1]',
      );
  });

  it('refuses a method listed twice', () => {
    spec
      .given([])
      .when(configure(['card', 'invoice', 'card']))
      .thenThrows(
        (error) => error instanceof DuplicatePaymentMethodError && error.fields[0] === 'methods[2]',
      );
  });

  it('refuses a list that is not a list', () => {
    spec
      .given([])
      .when(configure('card' as unknown as string[]))
      .thenThrows(
        (error) => error instanceof InvalidPaymentMethodError && error.fields[0] === 'methods',
      );
  });

  it('refuses an empty professional id', () => {
    spec
      .given([])
      .when(configure(['card'], ''))
      .thenThrows(InvalidIdentifierError);
  });

  it.each(['pro\u0000', 'p'.repeat(201), 'pro\ud800'])(
    'refuses the professional id %j (out of bounds)',
    (professionalId) => {
      spec
        .given([])
        .when(configure(['card'], professionalId))
        .thenThrows(
          (error) =>
            error instanceof InvalidIdentifierError && error.fields[0] === 'professionalId',
        );
    },
  );
});

describe('Enabled methods of a workstation', () => {
  it('are none for a workstation never configured', () => {
    expect(enabledPaymentMethods([])).toEqual([]);
    expect(fold(workstationDecider, [])).toEqual({ configured: false, methods: [] });
  });

  it('are those of the latest configuration', () => {
    expect(
      enabledPaymentMethods([configured(['card', 'invoice']), configured(['external'])]),
    ).toEqual(['external']);
  });

  it('live in the stream workstation-<professionalId>', () => {
    expect(workstationStream('pro-1')).toBe('workstation-pro-1');
  });
});
