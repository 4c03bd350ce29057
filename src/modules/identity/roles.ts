export const ROLES = [
  'buyer',
  'seller',
  'courier',
  'cs_agent',
  'program_admin',
  'procurement_officer',
  'commitment_officer',
  'treasurer',
  'platform_admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that sign in with a password; buyers sign in with a code sent to their phone. */
export const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'buyer');
export const ADMIN_ROLES: readonly Role[] = ['program_admin', 'platform_admin'];
