import { REQUEST_BOUNDS } from '@app/domain';
import { closedObject, component } from '../json-schema';
import { bounded } from './bounded';

const METHOD = REQUEST_BOUNDS.configurePaymentMethods['methods[]'];

/** Body of PUT /workstations/{professionalId}/payment-methods. */
export const PAYMENT_METHODS_REQUEST = component(
  'PaymentMethodsRequest',
  closedObject(
    {
      methods: {
        type: 'array',
        items: bounded(METHOD),
        maxItems: METHOD.values.length,
        uniqueItems: true,
        description: 'The methods enabled; sponsored-credits is not a workstation method',
        examples: [['card', 'invoice']],
      },
    },
    ['methods'],
  ),
);
