import type { JsonObject } from '@app/event-store';

export interface Viewer {
  readonly userId: string;
  readonly role: string;
}

/** The private note is its professional's alone (docs/product.md): not auditors', not admins'. */
export const isOwner = (viewer: Viewer, professionalId: string | undefined): boolean =>
  viewer.role === 'professional' && viewer.userId === professionalId;

/** Event data as a viewer may see it: a note becomes `hasPrivateNote: true` for non-owners. */
export function redactEventData(type: string, data: JsonObject, owner: boolean): JsonObject {
  if (type !== 'SessionCancelled' || typeof data.note !== 'string') return data;
  if (owner) return { ...data, hasPrivateNote: true };
  const { note: _note, ...rest } = data;
  return { ...rest, hasPrivateNote: true };
}
