/** deadlock_detected: PostgreSQL aborted this transaction to break a lock cycle; running it again is safe. */
export function isDeadlock(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '40P01';
}

/**
 * PostgreSQL unique_violation, raised the same way by PGlite and node-postgres;
 * with `constraint`, only a violation of that constraint.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = error as { code?: string; constraint?: string } | null;
  return pgError?.code === '23505' && (constraint === undefined || pgError.constraint === constraint);
}
