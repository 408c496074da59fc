import type { OperationContract } from '../api-contract.decorator';
import { PAYMENT_METHODS_EXAMPLES } from '../examples/payment-methods-examples';
import { PAYMENT_METHODS_REQUEST } from '../requests/payment-methods.request';
import { PAYMENT_METHODS_ANSWER } from '../schemas/payment-methods-answer.schema';

export const CONFIGURE_PAYMENT_METHODS: OperationContract = {
  summary: "Configure a workstation's payment methods",
  description:
    'Which of card, invoice and external are enabled; a workstation never configured has none.',
  audience: { roles: 'professional (their own workstation only)', names: ['professional'] },
  body: { schema: PAYMENT_METHODS_REQUEST, examples: PAYMENT_METHODS_EXAMPLES },
  command: { ifMatch: true },
  answers: [
    { status: 200, description: 'The methods now enabled', schema: PAYMENT_METHODS_ANSWER },
  ],
  problems: {
    400: true,
    401: true,
    403: "Not a professional, or another professional's workstation",
    409: 'The key is in flight, or concurrency retries ran out',
    412: "If-Match is not the workstation's version",
    413: true,
    415: true,
    422: 'The Idempotency-Key was used with another body',
  },
  unavailable: 'the event store is unreachable',
};
