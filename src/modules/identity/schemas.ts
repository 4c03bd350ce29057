import { z } from 'zod';
import { ROLES } from './roles.ts';

// Phone validity is checked by the server (libphonenumber); here it is only a bounded string.
export const phoneInput = z.string().trim().min(1, 'required').max(30, 'invalid_phone');

export const user = z.object({ id: z.string(), name: z.string(), phone: z.string() });
export const signedIn = z.object({ user, roles: z.array(z.enum(ROLES)) });
export type SignedIn = z.infer<typeof signedIn>;

export const sessionView = z.object({ user: user.nullable(), roles: z.array(z.enum(ROLES)) });

export const codeRequest = z.strictObject({ phone: phoneInput });
export const codeRequested = z.object({
  phone: z.string(),
  expiresInSeconds: z.number(),
  resendAfterSeconds: z.number(),
});
export const codeVerify = z.strictObject({
  phone: phoneInput,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'code_format'),
});
export const passwordSignIn = z.strictObject({
  phone: phoneInput,
  password: z.string().min(1, 'required').max(200),
});

export const inviteView = z.object({
  tenant: z.object({ name: z.string() }),
  role: z.enum(ROLES),
  phone: z.string().nullable(),
  expiresAt: z.string(),
});
export const inviteAccept = z.strictObject({
  name: z.string().trim().min(2).max(120),
  phone: phoneInput,
  password: z.string().min(10, 'password_too_short').max(200),
});
