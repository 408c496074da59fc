import { WORKSTATION_PAYMENT_METHODS } from '@app/domain';
import { closedObject, component } from '../json-schema';
import { POSITION, STREAM_VERSION, TEXT } from './scalars';

/** 200 of PUT /workstations/{professionalId}/payment-methods: the methods now enabled. */
export const PAYMENT_METHODS_ANSWER = component(
  'PaymentMethodsAnswer',
  closedObject(
    {
      professionalId: TEXT,
      methods: { type: 'array', items: { type: 'string', enum: WORKSTATION_PAYMENT_METHODS } },
      version: STREAM_VERSION,
      position: POSITION.ref,
    },
    ['professionalId', 'methods', 'version', 'position'],
  ),
);
