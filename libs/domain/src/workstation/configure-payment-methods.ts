import { BOUNDS, boundViolation } from '../bounds';
import { type Command, isOneOf } from '../common';
import {
  DuplicatePaymentMethodError,
  InvalidIdentifierError,
  InvalidPaymentMethodError,
} from '../errors';
import {
  type PaymentMethodsConfigured,
  WORKSTATION_PAYMENT_METHODS,
  type WorkstationPaymentMethod,
} from '../events';

export type ConfigureWorkstationPaymentMethodsData = Readonly<{
  professionalId: string;
  methods: readonly WorkstationPaymentMethod[];
}>;

export type ConfigureWorkstationPaymentMethods = Command<
  'ConfigureWorkstationPaymentMethods',
  ConfigureWorkstationPaymentMethodsData
>;

/**
 * Always records a configuration, even one equal to the current: the PUT then has a version and a
 * position to answer with, and the audit trail shows that the professional confirmed it. Methods
 * are stored in a canonical order so equal sets read the same everywhere.
 */
export function decideConfigurePaymentMethods(
  command: ConfigureWorkstationPaymentMethods,
): PaymentMethodsConfigured[] {
  const { professionalId, methods } = command.data;
  const problem = boundViolation(BOUNDS.id, professionalId);
  if (problem !== undefined) throw new InvalidIdentifierError('professionalId', problem);
  if (!Array.isArray(methods)) throw new InvalidPaymentMethodError();
  const seen = new Set<string>();
  methods.forEach((method, index) => {
    if (!isOneOf(WORKSTATION_PAYMENT_METHODS, method)) throw new InvalidPaymentMethodError(index);
    if (seen.has(method)) throw new DuplicatePaymentMethodError(method, index);
    seen.add(method);
  });
  const canonical = WORKSTATION_PAYMENT_METHODS.filter((method) => seen.has(method));
  return [{ type: 'PaymentMethodsConfigured', data: { professionalId, methods: canonical } }];
}
