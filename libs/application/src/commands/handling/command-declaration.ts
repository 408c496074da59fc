import type { DomainEvent } from '@app/domain';
import type { AppendResult, ExpectedVersion, JsonValue, NewEvent } from '@app/event-store';
import type { StreamDeletion } from '../../ports';
import type { DeletedSessionRule } from './deleted-session';
import type { CommandContext } from './load-command-context';

/** Where a decision's events go, and what else the command removes. */
export interface Decision {
  readonly streamId: string;
  readonly events: readonly DomainEvent[];
  readonly expectedVersion: ExpectedVersion;
  /** Streams deleted with the append (a delete removes the session's stream). */
  readonly deleteStreams?: readonly StreamDeletion[];
  /** A session whose idempotency records go with it (all but this request's own). */
  readonly purgeRecordsOf?: string;
}

/** What the events written came to: the decided events, as stored, and where. */
export interface Written {
  readonly decided: readonly DomainEvent[];
  readonly events: readonly NewEvent[];
  readonly appended: AppendResult;
}

/**
 * A command as the one decide-and-append path runs it (DecideAndAppend): what to read and what a
 * deleted session answers, the version If-Match is compared with, the decision, and the result.
 * Each handler is one of these and nothing else.
 */
export interface CommandDeclaration<R extends JsonValue> {
  /** The session the command is about, and what it answers once that session is deleted. */
  readonly session?: { readonly id: string; readonly ifDeleted: DeletedSessionRule };
  /** The professional whose workstation (enabled payment methods) the command reads. */
  readonly workstationOf?: string;
  /** The version If-Match names; absent: the command takes no If-Match. */
  readonly currentVersion?: (context: CommandContext) => number;
  /** The domain's decision on what was read; its refusals are thrown. */
  readonly decide: (context: CommandContext, now: Date) => Decision;
  readonly result: (written: Written) => R;
}
