import { marketKinds, roles } from './api';
import type { Translate } from './i18n';

// Codes the server sends, shown as words. Unknown codes (a newer server)
// are shown as they are rather than hidden.

export function marketKindLabel(t: Translate, kind: string): string {
  return (marketKinds as readonly string[]).includes(kind) ? t(`kind.${kind as (typeof marketKinds)[number]}`) : kind;
}

export function roleLabel(t: Translate, role: string): string {
  return (roles as readonly string[]).includes(role) ? t(`role.${role as (typeof roles)[number]}`) : role;
}
