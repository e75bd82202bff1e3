/**
 * Working-time clocks: a target of working time (an SLA, a response time) measured from a start,
 * that can pause and resume (while waiting on someone else) and stop. A clock is a small JSON
 * value of fixed size, however often it pauses, so it fits in a machine's context. Operations
 * return new clocks; operations out of order are returned as refusals, never thrown.
 *
 * @module
 */
import * as z from 'zod';
import { optionsError, UsageError } from '../core/errors.js';
import type { Refusal } from '../core/types.js';
import { addWorkingTime, workingTimeBetween, workingTimeReach } from './arithmetic.js';
import { type CalendarLike, engineOf } from './compile.js';
import { checkInstant, isInstant, shown } from './internal.js';

/**
 * Whether a clock counts: `'running'` counts working time, `'paused'` does not and can resume,
 * `'stopped'` is final.
 *
 * @example
 * ```ts
 * import { type ClockState, startClock } from 'servicecraft/time';
 *
 * const state: ClockState = startClock(0, { target: 60_000 }).state; // 'running'
 * ```
 *
 * @category Time
 */
export type ClockState = 'running' | 'paused' | 'stopped';

/**
 * A working-time clock as plain JSON. Make one with {@link startClock}; change it with
 * {@link pauseClock}, {@link resumeClock} and {@link stopClock}; read it with
 * {@link clockElapsed}, {@link clockBreachAt}, {@link clockWarningAt} and {@link clockStatus}.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { clockSchema, startClock, type WorkingClock } from 'servicecraft/time';
 *
 * const clock: WorkingClock = startClock(Date.UTC(2026, 0, 5, 9), { target: 4 * 3_600_000 });
 * // Keep it in a machine's context:
 * const context = z.object({ firstReply: clockSchema });
 * context.parse({ firstReply: clock });
 * ```
 *
 * @category Time
 */
export interface WorkingClock {
  /** Whether it counts. */
  readonly state: ClockState;
  /** When it started, epoch milliseconds. */
  readonly startedAt: number;
  /** When it last started, paused, resumed or stopped. */
  readonly since: number;
  /**
   * Working time counted before `since`, in milliseconds. It stops growing at
   * `Number.MAX_SAFE_INTEGER` (about 285,000 years), past every possible target, so that it stays
   * exact; only a clock run across most of the range of instants gets there.
   */
  readonly accrued: number;
  /** Working time allowed, in milliseconds: reaching it is a breach. */
  readonly target: number;
  /** Working time after which a warning is due, or `null` for none. */
  readonly warning: number | null;
  /** When the target was reached, once a pause or stop has counted past it; otherwise `null`. */
  readonly breachedAt: number | null;
  /** When the warning was reached, once a pause or stop has counted past it; otherwise `null`. */
  readonly warnedAt: number | null;
}

/**
 * Options of {@link startClock}.
 *
 * @example
 * ```ts
 * import { type ClockOptions, startClock } from 'servicecraft/time';
 *
 * const sla: ClockOptions = { target: 8 * 3_600_000, warning: 6 * 3_600_000 };
 * startClock(Date.UTC(2026, 0, 5, 9), sla);
 * ```
 *
 * @category Time
 */
export interface ClockOptions {
  /** Working time allowed, in whole milliseconds (more than 0). */
  readonly target: number;
  /** Working time after which to warn, in whole milliseconds, from 1 up to `target`. */
  readonly warning?: number | null | undefined;
}

/**
 * Why a clock operation was refused.
 *
 * - `CLOCK_STOPPED`: the clock is stopped and takes no more operations.
 * - `CLOCK_NOT_RUNNING`: only a running clock can pause.
 * - `CLOCK_NOT_PAUSED`: only a paused clock can resume.
 * - `TIME_WENT_BACKWARDS`: the operation's instant is before the clock's last change.
 *
 * @example
 * ```ts
 * import { alwaysOpen, type ClockRefusalCode, pauseClock, startClock } from 'servicecraft/time';
 *
 * const result = pauseClock(startClock(100, { target: 60_000 }), alwaysOpen, 50);
 * const code: ClockRefusalCode | undefined = result.ok ? undefined : result.reason.code;
 * // 'TIME_WENT_BACKWARDS'
 * ```
 *
 * @category Time
 */
export type ClockRefusalCode =
  | 'CLOCK_STOPPED'
  | 'CLOCK_NOT_RUNNING'
  | 'CLOCK_NOT_PAUSED'
  | 'TIME_WENT_BACKWARDS';

/**
 * Every {@link ClockRefusalCode}, for a machine that declares the refusals it may return.
 *
 * @example
 * ```ts
 * import { clockRefusalCodes } from 'servicecraft/time';
 *
 * clockRefusalCodes.includes('TIME_WENT_BACKWARDS'); // true
 * ```
 *
 * @category Time
 */
export const clockRefusalCodes: readonly ClockRefusalCode[] = Object.freeze([
  'CLOCK_STOPPED',
  'CLOCK_NOT_RUNNING',
  'CLOCK_NOT_PAUSED',
  'TIME_WENT_BACKWARDS',
]);

/**
 * The outcome of a clock operation: the new clock, or why the operation was refused (the clock
 * is then unchanged).
 *
 * @example
 * ```ts
 * import { type ClockResult, resumeClock, startClock } from 'servicecraft/time';
 *
 * const result: ClockResult = resumeClock(startClock(0, { target: 60_000 }), 10);
 * if (!result.ok) result.reason.code; // 'CLOCK_NOT_PAUSED'
 * ```
 *
 * @category Time
 */
export type ClockResult = ClockSuccess | ClockFailure;

/**
 * A clock operation that took effect.
 *
 * @category Time
 */
export interface ClockSuccess {
  /** Always `true`. */
  readonly ok: true;
  /** The new clock. */
  readonly clock: WorkingClock;
}

/**
 * A clock operation that was refused; the clock is unchanged.
 *
 * @category Time
 */
export interface ClockFailure {
  /** Always `false`. */
  readonly ok: false;
  /** Why: a code, a sentence, and the clock's state, last change and the operation's instant. */
  readonly reason: Refusal<ClockRefusalCode>;
}

/**
 * A clock read at an instant, from {@link clockStatus}.
 *
 * @example
 * ```ts
 * import { alwaysOpen, type ClockStatus, clockStatus, startClock } from 'servicecraft/time';
 *
 * const status: ClockStatus = clockStatus(startClock(0, { target: 60_000 }), alwaysOpen, 90_000);
 * status.breached; // true
 * ```
 *
 * @category Time
 */
export interface ClockStatus {
  /** Whether the clock counts. */
  readonly state: ClockState;
  /** Working time counted so far, in milliseconds. */
  readonly elapsed: number;
  /** Working time left before the target, in milliseconds (0 once breached). */
  readonly remaining: number;
  /** Whether the elapsed working time has reached the target. */
  readonly breached: boolean;
  /** Whether the elapsed working time has reached the warning (`false` without one). */
  readonly warned: boolean;
}

/**
 * Builds the clock schema. Building zod schemas is the costliest part of importing the package,
 * so this runs only on the first parse (through `z.lazy`), never at import.
 */
function buildClockSchema() {
  const instant = z
    .number()
    .refine(isInstant, { message: 'Expected an integer instant in ±8.64e15' });
  const amount = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
  return z
    .strictObject({
      state: z.enum(['running', 'paused', 'stopped']),
      startedAt: instant,
      since: instant,
      accrued: amount,
      target: amount.positive(),
      warning: amount.positive().nullable(),
      breachedAt: instant.nullable(),
      warnedAt: instant.nullable(),
    })
    .superRefine((c, context) => {
      const problem = (path: string, message: string) =>
        context.addIssue({ code: 'custom', path: [path], message });
      if (c.since < c.startedAt) problem('since', 'The last change is before the start');
      if (c.warning !== null && c.warning > c.target) {
        problem('warning', 'The warning comes after the target');
      }
      if ((c.breachedAt !== null) !== c.accrued >= c.target) {
        problem('breachedAt', 'Set exactly when the accrued time has reached the target');
      }
      if ((c.warnedAt !== null) !== (c.warning !== null && c.accrued >= c.warning)) {
        problem('warnedAt', 'Set exactly when the accrued time has reached the warning');
      }
    });
}

/**
 * The zod schema of a {@link WorkingClock}, for context schemas. Besides the shape it checks that
 * the fields agree: `since` not before `startedAt`, a positive target, a warning up to the target,
 * and `breachedAt` / `warnedAt` set exactly when `accrued` has reached the target / warning. Its
 * zod parts are built on its first parse, so importing the package stays cheap.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { clockSchema, startClock } from 'servicecraft/time';
 *
 * const context = z.object({ reply: clockSchema });
 * context.safeParse({ reply: startClock(Date.UTC(2026, 0, 5, 9), { target: 3_600_000 }) }).success; // true
 * ```
 *
 * @category Time
 */
export const clockSchema: z.ZodType<WorkingClock> = z.lazy(
  buildClockSchema,
) as z.ZodType<WorkingClock>;

/**
 * Starts a running clock at `at`.
 *
 * @example
 * ```ts
 * import { startClock } from 'servicecraft/time';
 *
 * const clock = startClock(Date.UTC(2026, 0, 5, 9), { target: 8 * 3_600_000, warning: 6 * 3_600_000 });
 * clock.state; // 'running'
 * ```
 *
 * @param at - The start, an integer instant in epoch milliseconds.
 * @param options - The target and the optional warning, in working milliseconds.
 * @returns The clock.
 * @throws `UsageError` for an instant out of range or a target or warning that is not a whole
 *   positive number (or a warning past the target).
 * @category Time
 */
export function startClock(at: number, options: ClockOptions): WorkingClock {
  checkInstant('at', at);
  const clock = {
    state: 'running' as const,
    startedAt: at,
    since: at,
    accrued: 0,
    target: options?.target,
    warning: options?.warning ?? null,
    breachedAt: null,
    warnedAt: null,
  };
  const parsed = clockSchema.safeParse(clock);
  if (!parsed.success) throw optionsError('startClock', parsed.error.issues);
  return Object.freeze(parsed.data);
}

/** Throws a `UsageError` unless `clock` is a valid clock and `at` an instant in range. */
function checked(clock: WorkingClock, at: number, name = 'at'): WorkingClock {
  validClock(clock);
  checkInstant(name, at);
  return clock;
}

/** Throws a `UsageError` unless `clock` is a valid clock. */
function validClock(clock: WorkingClock): void {
  const parsed = clockSchema.safeParse(clock);
  if (!parsed.success) {
    throw new UsageError(
      `The clock is not a valid working clock (${shown(clock)}): make it with startClock.`,
      parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    );
  }
}

function refuse(code: ClockRefusalCode, message: string, clock: WorkingClock, at: number) {
  return {
    ok: false as const,
    reason: { code, message, details: { state: clock.state, since: clock.since, at } },
  };
}

function guard(
  clock: WorkingClock,
  at: number,
  action: string,
  from: readonly ClockState[],
): ClockResult | undefined {
  if (clock.state === 'stopped') {
    return refuse('CLOCK_STOPPED', `Cannot ${action} the clock: it is stopped.`, clock, at);
  }
  if (!from.includes(clock.state)) {
    const code = clock.state === 'running' ? 'CLOCK_NOT_PAUSED' : 'CLOCK_NOT_RUNNING';
    return refuse(code, `Cannot ${action} the clock: it is already ${clock.state}.`, clock, at);
  }
  if (at < clock.since) {
    return refuse(
      'TIME_WENT_BACKWARDS',
      `Cannot ${action} the clock at ${at}: it last changed at ${clock.since}, which is later.`,
      clock,
      at,
    );
  }
  return undefined;
}

/**
 * Working time counted, capped at `Number.MAX_SAFE_INTEGER`: instants span up to 1.728e16 ms, more
 * than a safe integer holds, and every target is at most the cap, so a capped count has reached it.
 */
function capped(ms: number): number {
  return Math.min(ms, Number.MAX_SAFE_INTEGER);
}

/** Counts the running span [since, at) into the clock, recording a crossed target or warning. */
function settle(clock: WorkingClock, data: CalendarLike, at: number): WorkingClock {
  if (clock.state !== 'running') return clock;
  const calendar = engineOf(data); // compiled once for both calls below
  const accrued = capped(clock.accrued + workingTimeBetween(calendar, clock.since, at));
  const crossing = (mark: number | null, known: number | null) =>
    known ??
    (mark !== null && accrued >= mark
      ? addWorkingTime(calendar, clock.since, mark - clock.accrued)
      : null);
  return {
    ...clock,
    accrued,
    breachedAt: crossing(clock.target, clock.breachedAt),
    warnedAt: crossing(clock.warning, clock.warnedAt),
  };
}

/**
 * Pauses a running clock at `at`: the working time since it last ran is counted in, and no more
 * counts until it resumes.
 *
 * @example
 * ```ts
 * import { alwaysOpen, pauseClock, startClock } from 'servicecraft/time';
 *
 * const clock = startClock(0, { target: 3_600_000 });
 * const paused = pauseClock(clock, alwaysOpen, 600_000);
 * if (paused.ok) paused.clock.accrued; // 600_000
 * pauseClock(clock, alwaysOpen, -1).ok; // false: TIME_WENT_BACKWARDS
 * ```
 *
 * @param clock - A running clock.
 * @param calendar - The calendar that says what counts as working time.
 * @param at - The instant of the pause.
 * @returns `{ ok: true, clock }`, or `{ ok: false, reason }` when the clock is not running or `at`
 *   is before its last change.
 * @throws `UsageError` when `clock` is not a valid clock or `at` not an instant in range.
 * @category Time
 */
export function pauseClock(clock: WorkingClock, calendar: CalendarLike, at: number): ClockResult {
  const refused = guard(checked(clock, at), at, 'pause', ['running']);
  if (refused) return refused;
  return {
    ok: true,
    clock: Object.freeze({ ...settle(clock, calendar, at), state: 'paused', since: at }),
  };
}

/**
 * Resumes a paused clock at `at`.
 *
 * @example
 * ```ts
 * import { alwaysOpen, pauseClock, resumeClock, startClock } from 'servicecraft/time';
 *
 * const paused = pauseClock(startClock(0, { target: 3_600_000 }), alwaysOpen, 600_000);
 * if (paused.ok) resumeClock(paused.clock, 900_000); // { ok: true, clock: { state: 'running', ... } }
 * ```
 *
 * @param clock - A paused clock.
 * @param at - The instant of the resumption.
 * @returns `{ ok: true, clock }`, or `{ ok: false, reason }` when the clock is not paused or `at`
 *   is before its last change.
 * @throws `UsageError` when `clock` is not a valid clock or `at` not an instant in range.
 * @category Time
 */
export function resumeClock(clock: WorkingClock, at: number): ClockResult {
  const refused = guard(checked(clock, at), at, 'resume', ['paused']);
  if (refused) return refused;
  return { ok: true, clock: Object.freeze({ ...clock, state: 'running', since: at }) };
}

/**
 * Stops a running or paused clock at `at`, for good: its elapsed time no longer changes.
 *
 * @example
 * ```ts
 * import { alwaysOpen, startClock, stopClock } from 'servicecraft/time';
 *
 * const stopped = stopClock(startClock(0, { target: 3_600_000 }), alwaysOpen, 4_000_000);
 * if (stopped.ok) stopped.clock.breachedAt; // 3_600_000
 * ```
 *
 * @param clock - A running or paused clock.
 * @param calendar - The calendar that says what counts as working time.
 * @param at - The instant of the stop.
 * @returns `{ ok: true, clock }`, or `{ ok: false, reason }` when the clock is already stopped or
 *   `at` is before its last change.
 * @throws `UsageError` when `clock` is not a valid clock or `at` not an instant in range.
 * @category Time
 */
export function stopClock(clock: WorkingClock, calendar: CalendarLike, at: number): ClockResult {
  const refused = guard(checked(clock, at), at, 'stop', ['running', 'paused']);
  if (refused) return refused;
  return {
    ok: true,
    clock: Object.freeze({ ...settle(clock, calendar, at), state: 'stopped', since: at }),
  };
}

/**
 * The working time a clock has counted by `now`, in milliseconds. A running clock read before its
 * last change reads as it was at that change.
 *
 * @example
 * ```ts
 * import { alwaysOpen, clockElapsed, startClock } from 'servicecraft/time';
 *
 * clockElapsed(startClock(0, { target: 3_600_000 }), alwaysOpen, 60_000); // 60_000
 * ```
 *
 * @param clock - The clock.
 * @param calendar - The calendar that says what counts as working time.
 * @param now - The instant to read at.
 * @returns Working milliseconds, at most `Number.MAX_SAFE_INTEGER` (see {@link WorkingClock}'s
 *   `accrued`).
 * @throws `UsageError` when `clock` is not a valid clock or `now` not an instant in range.
 * @category Time
 */
export function clockElapsed(clock: WorkingClock, calendar: CalendarLike, now: number): number {
  checked(clock, now, 'now');
  if (clock.state !== 'running' || now <= clock.since) return clock.accrued;
  return capped(clock.accrued + workingTimeBetween(calendar, clock.since, now));
}

function markAt(
  clock: WorkingClock,
  calendar: CalendarLike,
  mark: number | null,
  known: number | null,
) {
  if (known !== null || mark === null) return known;
  if (clock.state !== 'running') return null;
  // A mark reached only after the last instant a `Date` holds is never reached, as far as
  // instants go.
  return workingTimeReach(engineOf(calendar), clock.since, mark - clock.accrued) ?? null;
}

/**
 * The instant at which the clock reaches its target, if it keeps running: already known once
 * breached, computed for a running clock, `null` for a paused or stopped one that has not
 * breached (it will not while it does not run). Hosts use it to schedule a wake-up. Also `null` for
 * a running clock that would reach its target only after the last instant a `Date` holds
 * (8.64e15, in the year 275760).
 *
 * @example
 * ```ts
 * import { businessCalendar, clockBreachAt, startClock } from 'servicecraft/time';
 *
 * const office = businessCalendar({ timeZone: 'UTC', week: { mon: [['09:00', '17:00']] } });
 * const clock = startClock(Date.UTC(2026, 0, 5, 15), { target: 4 * 3_600_000 }); // Monday 15:00
 * new Date(clockBreachAt(clock, office) ?? 0).toISOString(); // '2026-01-12T11:00:00.000Z'
 * ```
 *
 * @param clock - The clock.
 * @param calendar - The calendar that says what counts as working time.
 * @returns An instant in epoch milliseconds, or `null`.
 * @throws `UsageError` when `clock` is not a valid clock.
 * @category Time
 */
export function clockBreachAt(clock: WorkingClock, calendar: CalendarLike): number | null {
  validClock(clock);
  return markAt(clock, calendar, clock.target, clock.breachedAt);
}

/**
 * The instant at which the clock reaches its warning, if it keeps running; `null` without a
 * warning, or for a paused or stopped clock that has not reached it (or would reach it only after
 * 8.64e15, like {@link clockBreachAt}).
 *
 * @example
 * ```ts
 * import { alwaysOpen, clockWarningAt, startClock } from 'servicecraft/time';
 *
 * clockWarningAt(startClock(0, { target: 3_600_000, warning: 3_000_000 }), alwaysOpen); // 3_000_000
 * ```
 *
 * @param clock - The clock.
 * @param calendar - The calendar that says what counts as working time.
 * @returns An instant in epoch milliseconds, or `null`.
 * @throws `UsageError` when `clock` is not a valid clock.
 * @category Time
 */
export function clockWarningAt(clock: WorkingClock, calendar: CalendarLike): number | null {
  validClock(clock);
  return markAt(clock, calendar, clock.warning, clock.warnedAt);
}

/**
 * Reads a clock at `now`: its state, elapsed and remaining working time, and whether the target
 * (breach) and the warning have been reached. Reaching the target exactly counts as a breach.
 *
 * @example
 * ```ts
 * import { alwaysOpen, clockStatus, startClock } from 'servicecraft/time';
 *
 * const clock = startClock(0, { target: 3_600_000, warning: 3_000_000 });
 * clockStatus(clock, alwaysOpen, 3_200_000);
 * // { state: 'running', elapsed: 3_200_000, remaining: 400_000, breached: false, warned: true }
 * ```
 *
 * @param clock - The clock.
 * @param calendar - The calendar that says what counts as working time.
 * @param now - The instant to read at.
 * @returns The status.
 * @throws `UsageError` when `clock` is not a valid clock or `now` not an instant in range.
 * @category Time
 */
export function clockStatus(clock: WorkingClock, calendar: CalendarLike, now: number): ClockStatus {
  const elapsed = clockElapsed(clock, calendar, now);
  return {
    state: clock.state,
    elapsed,
    remaining: Math.max(0, clock.target - elapsed),
    breached: elapsed >= clock.target,
    warned: clock.warning !== null && elapsed >= clock.warning,
  };
}
