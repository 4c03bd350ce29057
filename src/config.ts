import path from 'node:path';

/** Everything the server reads from the environment, checked once at start and then frozen. */
export interface Config {
  port: number;
  host: string;
  /** postgres://… switches from embedded PGlite to a PostgreSQL server. */
  databaseUrl: string | null;
  /** Where embedded PGlite keeps its files. */
  dataDir: string;
  /** Where uploaded photos are kept (local folder storage). */
  filesDir: string;
  maxUploadBytes: number;
  /** Tenant served on hosts without a domain mapping (single-regency installs). */
  defaultTenant: string | null;
  /** Hosts `<slug>.<baseDomain>` resolve to the tenant with that slug. */
  baseDomain: string | null;
  /** Demo mode: simulated messaging, dev inbox, sign-in codes in the log. Never in production. */
  demo: boolean;
  /** Create demo tenants when the database is empty. */
  seedDemo: boolean;
  publicUrl: string;
  cookieSecure: boolean;
  sessionTtlHours: number;
  logLevel: string;
  webDir: string;
  /** Midtrans server key: turns the card/e-wallet gateway on. A secret from the environment only. */
  midtransServerKey: string | null;
  /** Snap transactions endpoint; sandbox or production follows the key unless set. */
  midtransSnapUrl: string;
  /** Key delivery partners sign their status callbacks with (HMAC-SHA256). A secret from the environment only. */
  deliveryPartnerSecret: string | null;
  /** Seconds between the simulated delivery partner's steps (demo mode). */
  simulatedPartnerStepSeconds: number;
  /** The WhatsApp Business Cloud API (one Meta app for the installation); null: not set up. */
  whatsapp: {
    accessToken: string;
    /** Signs Meta's webhooks (X-Hub-Signature-256). */
    appSecret: string;
    /** Answers Meta's webhook verification (GET hub.verify_token). */
    verifyToken: string;
    graphUrl: string;
    /** An approved template with one body parameter, for messages outside the 24-hour window. */
    template: string;
    templateLanguage: string;
  } | null;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

const SNAP_SANDBOX = 'https://app.sandbox.midtrans.com/snap/v1/transactions';
const SNAP_PRODUCTION = 'https://app.midtrans.com/snap/v1/transactions';

function httpUrl(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const port = int(env, 'PORT', 3000);
  const demo = bool(env, 'DEMO', !production);
  const publicUrl = env.PUBLIC_URL || `http://localhost:${port}`;
  const midtransServerKey = env.MIDTRANS_SERVER_KEY?.trim() || null;
  // Sandbox keys start with SB-; a key sent to the other environment's Snap is always refused.
  const snapUrl = midtransServerKey && !midtransServerKey.startsWith('SB-') ? SNAP_PRODUCTION : SNAP_SANDBOX;
  const deliveryPartnerSecret = env.DELIVERY_PARTNER_SECRET?.trim() || null;
  // A short key can be guessed from signed callbacks; `openssl rand -hex 32` gives a good one.
  if (deliveryPartnerSecret && deliveryPartnerSecret.length < 32)
    throw new ConfigError('DELIVERY_PARTNER_SECRET must be at least 32 characters');
  const whatsappToken = env.WHATSAPP_ACCESS_TOKEN?.trim() || null;
  if (whatsappToken && !(env.WHATSAPP_APP_SECRET && env.WHATSAPP_VERIFY_TOKEN)) {
    throw new ConfigError('WHATSAPP_ACCESS_TOKEN needs WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN too');
  }
  return Object.freeze({
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    filesDir: path.resolve(env.FILES_DIR || path.join(env.DATA_DIR || 'data', 'files')),
    maxUploadBytes: int(env, 'MAX_UPLOAD_MB', 10) * 1024 * 1024,
    defaultTenant: env.DEFAULT_TENANT === '' ? null : (env.DEFAULT_TENANT ?? 'purbalingga'),
    baseDomain: env.BASE_DOMAIN || null,
    demo,
    seedDemo: bool(env, 'SEED_DEMO', demo),
    publicUrl,
    cookieSecure: bool(env, 'COOKIE_SECURE', publicUrl.startsWith('https://')),
    sessionTtlHours: int(env, 'SESSION_TTL_HOURS', 24 * 30),
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    webDir: path.resolve(env.WEB_DIR || path.join(import.meta.dirname, '..', 'web', 'dist')),
    midtransServerKey,
    midtransSnapUrl: httpUrl(env, 'MIDTRANS_SNAP_URL', snapUrl),
    deliveryPartnerSecret,
    simulatedPartnerStepSeconds: int(env, 'SIMULATED_PARTNER_STEP_SECONDS', 20),
    whatsapp: whatsappToken
      ? {
          accessToken: whatsappToken,
          appSecret: env.WHATSAPP_APP_SECRET as string,
          verifyToken: env.WHATSAPP_VERIFY_TOKEN as string,
          graphUrl: httpUrl(env, 'WHATSAPP_GRAPH_URL', 'https://graph.facebook.com/v21.0'),
          template: env.WHATSAPP_TEMPLATE || 'lokapasar_notifikasi',
          templateLanguage: env.WHATSAPP_TEMPLATE_LANGUAGE || 'id',
        }
      : null,
  });
}
