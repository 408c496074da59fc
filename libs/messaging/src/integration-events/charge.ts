import type { ClientChargedData } from '@app/domain';
import type { Charge } from './payloads';

/**
 * The published charge, picked field by field from the domain's. A legacy charge its upcaster
 * refused (an amount with too many decimals) is `unreadable` with the upcaster's code: never a
 * guessed number.
 */
export function toCharge(data: ClientChargedData, upcastErrorCode: string | undefined): Charge {
  if (upcastErrorCode !== undefined) return { method: 'unreadable', upcastError: upcastErrorCode };
  return data.method === 'sponsored-credits'
    ? { method: 'sponsored-credits', credits: data.credits }
    : { method: data.method, amountMinor: data.amountMinor, currency: data.currency };
}
