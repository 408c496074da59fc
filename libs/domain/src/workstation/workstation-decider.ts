import { type Decider } from '../common';
import { type WorkstationEvent, type WorkstationPaymentMethod } from '../events';
import {
  type ConfigureWorkstationPaymentMethods,
  decideConfigurePaymentMethods,
} from './configure-payment-methods';
import {
  evolveWorkstation,
  initialWorkstationState,
  type WorkstationState,
} from './workstation-state';

export type WorkstationCommand = ConfigureWorkstationPaymentMethods;

export function decideWorkstation(
  command: WorkstationCommand,
  _state: WorkstationState,
  _now: Date,
): WorkstationEvent[] {
  return decideConfigurePaymentMethods(command);
}

export const workstationDecider: Decider<WorkstationCommand, WorkstationEvent, WorkstationState> = {
  decide: decideWorkstation,
  evolve: evolveWorkstation,
  initialState: initialWorkstationState,
};

/** What CancelSession.enabledMethods expects, from the workstation stream's events. */
export function enabledPaymentMethods(
  events: readonly WorkstationEvent[],
): readonly WorkstationPaymentMethod[] {
  return events.reduce(evolveWorkstation, initialWorkstationState()).methods;
}
