import {
  type DomainError,
  InvalidNoteError,
  NoteNotAllowedError,
  NoteRequiredError,
  NoteTooLongError,
} from '../errors';
import { BOUNDS } from './bounds';
import { boundViolation } from './check-bound';

/**
 * The note and the reason together, the one rule both the API's DTO and the cancel decider apply:
 * `other` needs a note within BOUNDS.note (1 to 500 code points, not blank, valid Unicode, no
 * control characters but tab, LF and CR); any other reason takes no note at all, not even an
 * empty one. Returns the refusal, or undefined when the pair is acceptable.
 */
export function noteRefusal(reason: unknown, note: unknown): DomainError | undefined {
  if (reason !== 'other') return note === undefined ? undefined : new NoteNotAllowedError();
  if (typeof note !== 'string' || note.trim() === '') return new NoteRequiredError();
  const violation = boundViolation(BOUNDS.note, note);
  if (violation === undefined) return undefined;
  return [...note].length > BOUNDS.note.maxLength
    ? new NoteTooLongError(BOUNDS.note.maxLength)
    : new InvalidNoteError(violation);
}
