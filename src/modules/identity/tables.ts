import type { ColumnType, Generated } from 'kysely';
import type { Role } from './roles.ts';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface UsersTable {
  id: string;
  phone: string;
  name: Generated<string>;
  password_hash: string | null;
  is_platform_admin: Generated<boolean>;
  failed_password_attempts: Generated<number>;
  locked_until: Date | null;
  created_at: CreatedAt;
}

export interface MembershipsTable {
  tenant_id: string;
  user_id: string;
  role: Role;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Date;
  last_seen_at: Generated<Date>;
}

export interface OtpCodesTable {
  tenant_id: string;
  id: string;
  phone: string;
  code_hash: string;
  attempts: Generated<number>;
  requested_ip: Generated<string>;
  created_at: CreatedAt;
  expires_at: Date;
  consumed_at: Date | null;
}

export interface InvitesTable {
  tenant_id: string;
  id: string;
  token_hash: string;
  role: Role;
  phone: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  expires_at: Date;
  accepted_at: Date | null;
  accepted_by: string | null;
}

export interface IdentityTables {
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  otp_codes: OtpCodesTable;
  invites: InvitesTable;
}
