// Calendar dates as 'YYYY-MM-DD' strings: expiry, "sold out today" and reference prices are
// calendar matters in the regency's own time zone, not instants.

const DAY_MS = 86_400_000;

// Building a DateTimeFormat is slow (it loads zone data); there are only three zones in use.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date where the regency is: a trader's "sold out today" ends at their midnight. */
export function todayIn(timeZone: string, now = new Date()): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    // en-CA formats dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(now);
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(date) + days * DAY_MS).toISOString().slice(0, 10);
}
