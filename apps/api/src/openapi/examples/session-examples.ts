/** Named request examples for the OpenAPI document, one set per command. */
export type ExamplesObject = Record<string, { summary: string; value: unknown }>;

export const SCHEDULE_EXAMPLES: ExamplesObject = {
  direct: {
    summary: 'A session the client pays',
    value: {
      professionalId: 'pro-42',
      clientId: 'client-7',
      startsAt: '2026-12-01T09:00:00+01:00',
      timeZone: 'Europe/Paris',
      durationMinutes: 50,
      fee: { amountMinor: 12000, currency: 'EUR' },
      payment: { kind: 'direct' },
    },
  },
  sponsored: {
    summary: 'A Wellbeing Hubs session paid with sponsored credits',
    value: {
      sessionId: '5d0c2a8e-3f7b-4c1e-9a51-2b6f0d9c7e11',
      professionalId: 'pro-42',
      clientId: 'client-8',
      startsAt: '2026-12-02T14:00:00Z',
      durationMinutes: 60,
      fee: { amountMinor: 0, currency: 'EUR' },
      payment: { kind: 'sponsored-credits', credits: 2 },
    },
  },
};

export const CANCEL_EXAMPLES: ExamplesObject = {
  chargedAndNotified: {
    summary: 'Late cancellation by the client, charged by card, client notified',
    value: { reason: 'cancelled-by-client', charge: { method: 'card' }, notifyClient: true },
  },
  other: {
    summary: 'Another reason, with the private note it requires',
    value: { reason: 'other', note: 'Moved to next week by phone', notifyClient: false },
  },
  credits: {
    summary: 'No-show on a sponsored session: the session credits are charged',
    value: { reason: 'client-no-show', charge: { method: 'sponsored-credits' } },
  },
};
