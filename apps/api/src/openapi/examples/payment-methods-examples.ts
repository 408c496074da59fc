import type { ExamplesObject } from './session-examples';

export const PAYMENT_METHODS_EXAMPLES: ExamplesObject = {
  cardAndInvoice: { summary: 'Card and invoice enabled', value: { methods: ['card', 'invoice'] } },
  none: { summary: 'Nothing enabled', value: { methods: [] } },
};
