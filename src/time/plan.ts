/**
 * @internal Working time on the local wall-clock line, where a day is always 24 hours and days are
 * numbered from 1970-01-01. Daylight-saving changes are handled one level up (`arithmetic.ts`);
 * here everything is integer arithmetic.
 *
 * Each local day contributes the intervals that start on it (its "shifts"; an overnight interval
 * runs into the next day). Intervals never overlap, so the shifts of day `d` all come before those
 * of day `d + 1`, and the working time before a point is a sum over whole days plus at most two
 * partial ones. Whole days are counted arithmetically: whole weeks times the weekly total, a table
 * for the rest, and holidays subtracted with prefix sums over the sorted, merged holiday ranges.
 * Nothing loops over days or weeks.
 *
 * @module
 */
import { countAtMost, DAY, floorDiv, msOfClockTime } from './internal.js';

/** @internal The weekday keys, Monday first. */
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

type Weekday = (typeof weekdays)[number];

/** @internal Day 4 (1970-01-05) is a Monday. */
const MONDAY = 4;

/** @internal Position of day `d` in its week, Monday = 0. */
export function weekdayOf(d: number): number {
  return (((d - MONDAY) % 7) + 7) % 7;
}

/** @internal The shifts that start on one weekday, relative to that day's midnight, sorted. */
export interface DayPlan {
  readonly starts: readonly number[];
  /** Ends; an overnight shift ends after `DAY`. */
  readonly ends: readonly number[];
  /** Working milliseconds of these shifts. */
  readonly total: number;
  /** The end of the last shift (0 when there is none). */
  readonly lastEnd: number;
}

/** @internal A problem found in the weekly hours, with its path inside the calendar. */
export interface PlanProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

type Hours = readonly (readonly [string, string])[];

/**
 * @internal Turns the weekly hours into seven day plans (Monday first), reporting intervals that
 * are empty or overlap (also across midnight, from Sunday into Monday).
 */
export function planWeek(week: Readonly<Partial<Record<string, Hours>>>): {
  plans: DayPlan[];
  problems: PlanProblem[];
} {
  const problems: PlanProblem[] = [];
  const pieces = weekdays.map((day) => {
    const list: { start: number; end: number; index: number }[] = [];
    (week[day] ?? []).forEach(([from, to], index) => {
      const start = msOfClockTime(from);
      const end = msOfClockTime(to);
      if (start === undefined || end === undefined || start === DAY) return;
      if (start === end) {
        problems.push({
          path: ['week', day, index],
          message: `${from}–${to} is empty: use "00:00"–"24:00" for a whole day`,
        });
        return;
      }
      list.push({ start, end: end > start ? end : end + DAY, index });
    });
    return list.sort((a, b) => a.start - b.start);
  });
  pieces.forEach((list, w) => {
    const day = weekdays[w] as string;
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1] as (typeof list)[number];
      const b = list[i] as (typeof list)[number];
      if (a.end > b.start) {
        problems.push({
          path: ['week', day, b.index],
          message: `overlaps interval ${a.index} of the same day`,
        });
      }
    }
    const last = list[list.length - 1];
    const next = pieces[(w + 1) % 7]?.[0];
    if (last && next && last.end > DAY && next.start + DAY < last.end) {
      const nextDay = weekdays[(w + 1) % 7] as string;
      problems.push({
        path: ['week', nextDay, next.index],
        message: `overlaps the overnight interval ${last.index} of ${day}, which runs past midnight`,
      });
    }
  });
  const rank = (p: PlanProblem) =>
    weekdays.indexOf(p.path[1] as Weekday) * 1000 + (p.path[2] as number);
  problems.sort((a, b) => rank(a) - rank(b));
  const plans = pieces.map((list) => ({
    starts: list.map((p) => p.start),
    ends: list.map((p) => p.end),
    total: list.reduce((sum, p) => sum + p.end - p.start, 0),
    lastEnd: list.length ? (list[list.length - 1] as (typeof list)[number]).end : 0,
  }));
  return { plans, problems };
}

/**
 * @internal A measure on whole days: each weekday weighs `weights[w]`, holiday days weigh nothing.
 * Used twice: weights in working milliseconds, and weights 1/0 to count working days.
 */
export interface DayMeasure {
  readonly week: number;
  /** `cum[r]`: the weight of the first `r` days of a week starting on Monday. */
  readonly cum: readonly number[];
  /** First days of the merged holiday ranges, ascending. */
  readonly first: readonly number[];
  /** Last days of the merged holiday ranges. */
  readonly last: readonly number[];
  /** `lost[j]`: the weight of all holiday days in ranges before range `j`. */
  readonly lost: readonly number[];
}

/** @internal Builds a measure from seven weights (Monday first) and merged holiday ranges. */
export function dayMeasure(
  weights: readonly number[],
  ranges: readonly (readonly [number, number])[],
): DayMeasure {
  const cum = [0];
  for (const w of weights) cum.push((cum[cum.length - 1] as number) + w);
  const base = { week: cum[7] as number, cum, first: [], last: [], lost: [0] };
  const lost = [0];
  for (const [a, b] of ranges) {
    lost.push(
      (lost[lost.length - 1] as number) + weightBefore(base, b + 1) - weightBefore(base, a),
    );
  }
  return { ...base, first: ranges.map((r) => r[0]), last: ranges.map((r) => r[1]), lost };
}

/** @internal Sorts holiday day ranges and merges those that overlap or touch. */
export function mergeRanges(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of sorted) {
    const top = merged[merged.length - 1];
    if (top && a <= top[1] + 1) top[1] = Math.max(top[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** Weight of the days before day `d`, holidays included (origin: the Monday 1970-01-05). */
function weightBefore(m: Pick<DayMeasure, 'week' | 'cum'>, d: number): number {
  const q = floorDiv(d - MONDAY, 7);
  return q * m.week + (m.cum[d - MONDAY - 7 * q] as number);
}

/** @internal Whether day `d` is a holiday. */
export function isHoliday(m: DayMeasure, d: number): boolean {
  const j = countAtMost(m.first, d);
  return j > 0 && d <= (m.last[j - 1] as number);
}

/** @internal Weight of the non-holiday days before day `d`. */
export function counted(m: DayMeasure, d: number): number {
  const j = countAtMost(m.first, d - 1);
  if (j === 0) return weightBefore(m, d);
  const first = m.first[j - 1] as number;
  if (d > (m.last[j - 1] as number)) return weightBefore(m, d) - (m.lost[j] as number);
  return weightBefore(m, first) - (m.lost[j - 1] as number);
}

/** Smallest day `d` with `weightBefore(d + 1) >= target`. */
function dayReachingAll(m: DayMeasure, target: number): number {
  let q = Math.ceil(target / m.week);
  while (q * m.week < target) q += 1;
  while ((q - 1) * m.week >= target) q -= 1;
  q -= 1; // now q * week < target <= (q + 1) * week
  let r = 1;
  while (q * m.week + (m.cum[r] as number) < target) r += 1;
  return MONDAY + 7 * q + r - 1;
}

/**
 * @internal Smallest day `d` with `counted(d + 1) >= target`: the day on which the measure reaches
 * `target`. A binary search over the holiday ranges finds how many of them come before that day
 * (the predicate "the answer lies at or after range j" is monotone in j).
 */
export function dayReaching(m: DayMeasure, target: number): number {
  let lo = 0;
  let hi = m.first.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dayReachingAll(m, target + (m.lost[mid] as number)) >= (m.first[mid] as number)) {
      lo = mid + 1;
    } else hi = mid;
  }
  return dayReachingAll(m, target + (m.lost[lo] as number));
}

/** @internal The compiled working week: day plans and the two day measures. */
export interface LocalPlan {
  readonly plans: readonly DayPlan[];
  /** Weighs each day by its working milliseconds. */
  readonly hours: DayMeasure;
  /** Weighs each working weekday 1. */
  readonly days: DayMeasure;
}

/** @internal Builds the local plan from day plans and merged holiday ranges. */
export function localPlan(
  plans: readonly DayPlan[],
  holidays: readonly (readonly [number, number])[],
): LocalPlan {
  return {
    plans,
    hours: dayMeasure(
      plans.map((p) => p.total),
      holidays,
    ),
    days: dayMeasure(
      plans.map((p) => (p.total > 0 ? 1 : 0)),
      holidays,
    ),
  };
}

function planOf(p: LocalPlan, d: number): DayPlan {
  return p.plans[weekdayOf(d)] as DayPlan;
}

/** Working time of day `d`'s shifts before `x` ms after that day's midnight. */
function partBefore(plan: DayPlan, x: number): number {
  let sum = 0;
  for (let i = 0; i < plan.starts.length; i++) {
    const s = plan.starts[i] as number;
    if (s >= x) break;
    sum += Math.min(plan.ends[i] as number, x) - s;
  }
  return sum;
}

function inside(plan: DayPlan, x: number): boolean {
  for (let i = 0; i < plan.starts.length; i++) {
    if (x < (plan.starts[i] as number)) return false;
    if (x < (plan.ends[i] as number)) return true;
  }
  return false;
}

/**
 * The three facts about days `k - 1` and `k` that `workedBefore` and `isWorkingLocal` need, from
 * one binary search: holiday ranges are disjoint and never touch, so the ranges starting at or
 * before `k - 1` (and `k - 2`) follow from those starting at or before `k`.
 */
function around(
  m: DayMeasure,
  k: number,
): { before: number; offYesterday: boolean; offToday: boolean } {
  const j = countAtMost(m.first, k);
  const offToday = j > 0 && k <= (m.last[j - 1] as number);
  const j1 = j > 0 && m.first[j - 1] === k ? j - 1 : j; // ranges starting at or before k - 1
  const offYesterday = j1 > 0 && k - 1 <= (m.last[j1 - 1] as number);
  const j2 = j1 > 0 && m.first[j1 - 1] === k - 1 ? j1 - 1 : j1; // ... at or before k - 2
  let before: number;
  if (j2 === 0) before = weightBefore(m, k - 1);
  else if (k - 1 > (m.last[j2 - 1] as number))
    before = weightBefore(m, k - 1) - (m.lost[j2] as number);
  else before = weightBefore(m, m.first[j2 - 1] as number) - (m.lost[j2 - 1] as number);
  return { before, offYesterday, offToday };
}

/** @internal Working milliseconds before local point `L` (from a fixed origin). */
export function workedBefore(p: LocalPlan, L: number): number {
  const k = floorDiv(L, DAY);
  const { before, offYesterday, offToday } = around(p.hours, k);
  let sum = before;
  if (!offYesterday) sum += partBefore(planOf(p, k - 1), L - (k - 1) * DAY);
  if (!offToday) sum += partBefore(planOf(p, k), L - k * DAY);
  return sum;
}

/** @internal The smallest local point `L` with `workedBefore(L) >= target`. */
export function reachWorked(p: LocalPlan, target: number): number {
  const d = dayReaching(p.hours, target);
  const plan = planOf(p, d);
  let need = target - counted(p.hours, d);
  for (let i = 0; i < plan.starts.length; i++) {
    const s = plan.starts[i] as number;
    const length = (plan.ends[i] as number) - s;
    if (need <= length) return d * DAY + s + need;
    need -= length;
  }
  return d * DAY + plan.lastEnd; // unreachable: the day's total covers `need`
}

/** @internal Whether local point `L` is working time. */
export function isWorkingLocal(p: LocalPlan, L: number): boolean {
  const k = floorDiv(L, DAY);
  const { offYesterday, offToday } = around(p.hours, k);
  return (
    (!offYesterday && inside(planOf(p, k - 1), L - (k - 1) * DAY)) ||
    (!offToday && inside(planOf(p, k), L - k * DAY))
  );
}

/** @internal The first working local point at or after `L`. */
export function nextWorkingLocal(p: LocalPlan, L: number): number {
  return isWorkingLocal(p, L) ? L : reachWorked(p, workedBefore(p, L) + 1) - 1;
}

/** @internal The `n`-th working day after day `d` (n ≥ 1). */
export function nthWorkingDayAfter(p: LocalPlan, d: number, n: number): number {
  return dayReaching(p.days, counted(p.days, d + 1) + n);
}
