/**
 * A deliberately plain reference for working time, to check the real arithmetic against. It asks
 * luxon for UTC offsets and walks real time in quarter hours: with interval edges on quarter hours
 * of local time and offsets that are multiples of 15 minutes (true of every zone and calendar the
 * tests use, for 2020–2035), whether an instant is working time cannot change inside a quarter
 * hour of UTC. Dates and weekdays come from `Date`'s UTC fields of the local wall time, not from the
 * day numbering of the implementation.
 */
import { DateTime } from 'luxon';
import type { BusinessCalendar, WeeklyHours } from '../../src/time/index.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const QUARTER = 15 * MINUTE;

/** The same hours on all seven days. */
export const all = (hours: WeeklyHours[keyof WeeklyHours]): WeeklyHours => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
  sat: hours,
  sun: hours,
});

/** The instant at which `iso` (a local date-time without offset) is read in `zone`, via luxon. */
export function at(zone: string, iso: string): number {
  const value = DateTime.fromISO(iso, { zone });
  if (!value.isValid) throw new Error(`bad date ${iso} in ${zone}`);
  return value.toMillis();
}

/** The local wall time of `t` in `zone`, `YYYY-MM-DDTHH:mm`, via luxon. */
export function wall(zone: string, t: number): string {
  return DateTime.fromMillis(t, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

const offsets = new Map<string, number>();

/** luxon's UTC offset in ms, remembered per zone and instant. */
function luxonOffset(zone: string, t: number): number {
  const key = `${zone}|${t}`;
  let found = offsets.get(key);
  if (found === undefined) {
    found = DateTime.fromMillis(t, { zone }).offset * MINUTE;
    if (offsets.size > 200_000) offsets.clear();
    offsets.set(key, found);
  }
  return found;
}

/** The offset at `t`: read at UTC day edges, and per quarter hour on days where it changes. */
export function offsetAt(zone: string, t: number): number {
  const day = Math.floor(t / DAY) * DAY;
  const a = luxonOffset(zone, day);
  if (a === luxonOffset(zone, day + DAY)) return a;
  return luxonOffset(zone, Math.floor(t / QUARTER) * QUARTER);
}

const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function minutes(text: string): number {
  const [h, m] = text.split(':').map(Number);
  return (h as number) * 60 + (m as number);
}

function holidaySet(calendar: BusinessCalendar): Set<string> {
  const set = new Set<string>();
  for (const h of calendar.holidays) {
    if (typeof h === 'string') set.add(h);
    else {
      for (let d = Date.parse(h.from); d <= Date.parse(h.to); d += DAY) {
        set.add(new Date(d).toISOString().slice(0, 10));
      }
    }
  }
  return set;
}

/** A calendar prepared for the reference: holidays expanded to a set of dates. */
export interface Reference {
  readonly calendar: BusinessCalendar;
  readonly holidays: Set<string>;
}

export function reference(calendar: BusinessCalendar): Reference {
  return { calendar, holidays: holidaySet(calendar) };
}

/** Whether `t` is working time, by the definition: local time inside an interval of a non-holiday. */
export function refIsWorking(ref: Reference, t: number): boolean {
  const local = new Date(t + offsetAt(ref.calendar.timeZone, t));
  const date = local.toISOString().slice(0, 10);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const weekday = local.getUTCDay();
  const yesterday = new Date(local.getTime() - DAY).toISOString().slice(0, 10);
  const today = ref.calendar.week[days[weekday] as (typeof days)[number]] ?? [];
  const before = ref.calendar.week[days[(weekday + 6) % 7] as (typeof days)[number]] ?? [];
  if (!ref.holidays.has(date)) {
    for (const [from, to] of today) {
      const s = minutes(from);
      const e = minutes(to) > s ? minutes(to) : minutes(to) + 1440;
      if (minute >= s && minute < e) return true;
    }
  }
  if (!ref.holidays.has(yesterday)) {
    for (const [from, to] of before) {
      const s = minutes(from);
      const e = minutes(to);
      if (e <= s && minute < e) return true; // the morning part of yesterday's overnight shift
    }
  }
  return false;
}

/** Working ms in [a, b), walking quarter hours (a ≤ b). */
export function refBetween(ref: Reference, a: number, b: number): number {
  let total = 0;
  for (let t = a; t < b; ) {
    const next = Math.min(b, (Math.floor(t / QUARTER) + 1) * QUARTER);
    if (refIsWorking(ref, t)) total += next - t;
    t = next;
  }
  return total;
}

/** The earliest t ≥ start with `refBetween(start, t) === ms`, walking at most `limit` ms. */
export function refAdd(ref: Reference, start: number, ms: number, limit = 90 * DAY): number {
  if (ms === 0) return start;
  let done = 0;
  for (let t = start; t < start + limit; ) {
    const next = (Math.floor(t / QUARTER) + 1) * QUARTER;
    if (refIsWorking(ref, t)) {
      if (done + (next - t) >= ms) return t + (ms - done);
      done += next - t;
    }
    t = next;
  }
  throw new Error('reference walked too far');
}

/** The first working instant at or after `t`, walking at most `limit` ms. */
export function refNextWorking(ref: Reference, t: number, limit = 90 * DAY): number {
  if (refIsWorking(ref, t)) return t;
  for (let q = (Math.floor(t / QUARTER) + 1) * QUARTER; q < t + limit; q += QUARTER) {
    if (refIsWorking(ref, q)) return q;
  }
  throw new Error('reference walked too far');
}
