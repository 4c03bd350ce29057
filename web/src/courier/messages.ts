// UI text of the courier app's market trip: substitutes, paying stalls from the float, the
// offline queue. Indonesian first; `courierEn` must have every key.

export const courierId = {};

export const courierEn: Record<keyof typeof courierId, string> = {};
