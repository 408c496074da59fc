export const ROLES = ['professional', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who issues a command, from the caller's verified identity. */
export type Actor = Readonly<{ userId: string; role: Role }>;
