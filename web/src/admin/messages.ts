// UI text of the program admin's delivery pages: delivery settings, market days, the courier
// float. Indonesian first; `adminEn` must have every key.

export const adminId = {};

export const adminEn: Record<keyof typeof adminId, string> = {};
