import type { Actor } from '@app/domain';

/** A professional may read only their own sessions; auditors and admins read all. */
export function mayRead(viewer: Actor, professionalId: string | undefined): boolean {
  return viewer.role !== 'professional' || viewer.userId === professionalId;
}
