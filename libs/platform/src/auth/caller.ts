import type { Role } from './role';

/** Who is calling, as proven by a verified token: its subject and its role. */
export interface Caller {
  readonly sub: string;
  readonly role: Role;
}
