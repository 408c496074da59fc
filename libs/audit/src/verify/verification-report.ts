import type { Position } from '@app/event-store';

/** Why a link is broken (docs/audit.md, "Verification"). */
export type BrokenLinkReason =
  | 'data-altered'
  | 'event-missing'
  | 'events-reordered'
  | 'not-covered-by-a-seal'
  | 'removal-not-accounted-for'
  | 'bad-signature';

export type VerificationOutcome =
  'verified' | 'unchained-prefix' | 'not-yet-sealed' | BrokenLinkReason;

export interface BrokenLink {
  readonly reason: BrokenLinkReason;
  readonly streamId: string;
  readonly version?: number;
  readonly position?: Position;
  readonly detail: string;
}

export interface VerificationReport {
  /** The first broken link's reason; else unchained-prefix, not-yet-sealed or verified. */
  readonly outcome: VerificationOutcome;
  /** Every broken link found, the first one first (in stream, then version order). */
  readonly brokenLinks: readonly BrokenLink[];
  /** Per stream, how many events at its start were written before the chain existed. */
  readonly unchainedPrefix: readonly { readonly streamId: string; readonly events: number }[];
  /** Events after the newest seal: not protected yet, never called tampered. */
  readonly notYetSealed: readonly {
    readonly streamId: string;
    readonly version: number;
    readonly position: Position;
  }[];
  /** Events checked, and how many of them a seal covers with a valid inclusion proof. */
  readonly events: number;
  readonly sealed: number;
  /** Removed events a deletion record accounts for. */
  readonly accountedRemovals: number;
}

export function outcomeOf(
  brokenLinks: readonly BrokenLink[],
  unchainedPrefix: VerificationReport['unchainedPrefix'],
  notYetSealed: VerificationReport['notYetSealed'],
): VerificationOutcome {
  const first = brokenLinks[0];
  if (first) return first.reason;
  if (unchainedPrefix.length > 0) return 'unchained-prefix';
  if (notYetSealed.length > 0) return 'not-yet-sealed';
  return 'verified';
}
