import { type Actor, type Command } from '../common';
import {
  type CancellationReason,
  type ChargeMethod,
  type WorkstationPaymentMethod,
} from '../events';

export type ChargeRequest = Readonly<{
  method: ChargeMethod;
  /** Minor units; defaults to the fee. Never with sponsored-credits. */
  amountMinor?: number;
}>;

export type CancelSessionData = Readonly<{
  sessionId: string;
  actor: Actor;
  reason: CancellationReason;
  note?: string;
  charge?: ChargeRequest;
  /** Default true: the help article encourages notifying the client. */
  notifyClient?: boolean;
  /**
   * The professional's workstation methods, folded by the application from the workstation stream
   * (none when never configured), so the decision stays a pure function of its inputs.
   */
  enabledMethods: readonly WorkstationPaymentMethod[];
}>;

export type CancelSession = Command<'CancelSession', CancelSessionData>;
