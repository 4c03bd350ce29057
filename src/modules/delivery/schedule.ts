import { addDays, todayIn } from '../../shared/dates.ts';

// Traditional markets keep their own days (pasaran: some trade only on Pon and Wage, most daily)
// and a cut-off: "order before 09:00 for delivery today". An order placed after the cut-off or on
// a day the market is closed is delivered on the next market day.

export interface MarketSchedule {
  /** ISO weekdays the market trades, '1234567' = every day. */
  marketDays: string;
  /** 'HH:MM' local time, or null for no cut-off. */
  orderCutoff: string | null;
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** 'HH:MM' on the regency's clock. */
function clockIn(timeZone: string, now: Date): string {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clockFormats.set(timeZone, format);
  }
  return format.format(now);
}

/** 1 = Monday … 7 = Sunday, for a 'YYYY-MM-DD' date. */
export function isoWeekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
}

/** The date an order placed at `now` is delivered on. */
export function deliveryDay(schedule: MarketSchedule, timeZone: string, now = new Date()): string {
  const today = todayIn(timeZone, now);
  const pastCutoff = schedule.orderCutoff !== null && clockIn(timeZone, now) >= schedule.orderCutoff;
  let day = pastCutoff ? addDays(today, 1) : today;
  // At most a week ahead: every valid schedule has at least one market day.
  for (let i = 0; i < 7 && !schedule.marketDays.includes(String(isoWeekday(day))); i += 1) day = addDays(day, 1);
  return day;
}
