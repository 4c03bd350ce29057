// Pure (shared with the web app through schemas.ts): the partner adapters this code ships.

/** What a program's `deliveryPartner` may name; whether the installation runs it is decided at start (registry.ts). */
export const PARTNER_NAMES = ['simulated'] as const;
export type PartnerName = (typeof PARTNER_NAMES)[number];
