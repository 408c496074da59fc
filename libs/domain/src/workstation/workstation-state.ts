import { type WorkstationEvent, type WorkstationPaymentMethod } from '../events';

export type WorkstationState = Readonly<{
  configured: boolean;
  methods: readonly WorkstationPaymentMethod[];
}>;

/** A workstation never configured has no method enabled: charging needs an explicit opt-in. */
export function initialWorkstationState(): WorkstationState {
  return { configured: false, methods: [] };
}

export function evolveWorkstation(
  _state: WorkstationState,
  event: WorkstationEvent,
): WorkstationState {
  // Each configuration replaces the previous one whole, as the PUT that produced it.
  return { configured: true, methods: event.data.methods };
}
