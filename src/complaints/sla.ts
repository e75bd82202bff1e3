/**
 * SLA policies as data, and their evaluation as pure functions over a small tracker value that
 * lives in a machine's context: targets for the first response, the next response, periodic
 * updates and resolution; states that pause a target's clock; business hours or calendar time per
 * target; ordered policies chosen by conditions (first match wins, as Zendesk, ServiceNow and Jira
 * Service Management choose theirs). Built on the working-time clocks of `src/time`; nothing here
 * knows complaints, so any machine can keep a tracker.
 *
 * @module
 */
import * as z from 'zod';
import { optionsError } from '../core/errors.js';
import {
  alwaysOpen,
  type CalendarLike,
  clockBreachAt,
  clockElapsed,
  clockSchema,
  clockWarningAt,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
  type WorkingClock,
} from '../time/index.js';
import { deepFreeze, notAnObject } from './internal.js';

/**
 * The four SLA targets, as the ticketing systems name them:
 *
 * - `firstResponse`: from the start to the first response to the customer;
 * - `nextResponse`: from a customer's message (after the first response) to the next response;
 * - `periodicUpdate`: from each response to the next one, while the case is open;
 * - `resolution`: from the start to the resolution.
 *
 * @category Complaints
 */
export type SlaMetric = 'firstResponse' | 'nextResponse' | 'periodicUpdate' | 'resolution';

/**
 * Every {@link SlaMetric}, in the order reports list them.
 *
 * @example
 * ```ts
 * import { slaMetrics } from 'servicecraft/complaints';
 *
 * slaMetrics[0]; // 'firstResponse'
 * ```
 *
 * @category Complaints
 */
export const slaMetrics: readonly SlaMetric[] = deepFreeze([
  'firstResponse',
  'nextResponse',
  'periodicUpdate',
  'resolution',
]);

/**
 * One SLA target: how long, counted how, when to warn, and in which states the clock stops
 * counting (for example while waiting on the customer).
 *
 * @category Complaints
 */
export interface SlaTarget {
  /** The time allowed, in whole milliseconds (more than 0). */
  readonly within: number;
  /** `'business'`: working time on the SLA calendar; `'calendar'`: every hour counts. */
  readonly hours: 'business' | 'calendar';
  /** Warn once this much time has counted (at most `within`); `null` or absent for no warning. */
  readonly warning?: number | null | undefined;
  /** States in which the clock is paused (default none). */
  readonly pausedIn?: readonly string[] | undefined;
}

/**
 * An SLA policy: conditions that select it, and its targets. Conditions map a fact name
 * (`channel`, `priority`, `severity`, ...) to the values that match; a policy matches when every
 * condition does; no conditions match everything.
 *
 * @category Complaints
 */
export interface SlaPolicy {
  /** A unique name, kept in the tracker. */
  readonly name: string;
  /** Fact name → accepted values; every entry must match (default: always matches). */
  readonly when?: Readonly<Record<string, readonly string[]>> | undefined;
  /** The targets this policy sets; a target left out is not measured. */
  readonly targets: {
    /** The target from the start to the first response to the customer. */
    readonly firstResponse?: SlaTarget | undefined;
    /** The target from a customer's message, after the first response, to the next response. */
    readonly nextResponse?: SlaTarget | undefined;
    /** The target from each response to the next one while the case is open. */
    readonly periodicUpdate?: SlaTarget | undefined;
    /** The target from the start to the resolution. */
    readonly resolution?: SlaTarget | undefined;
  };
}

const ms = z
  .number({ error: 'a time must be a number of milliseconds' })
  .check(
    z.int({ error: 'a time must be whole milliseconds' }),
    z.gt(0, { error: 'a time must be more than 0 milliseconds' }),
    z.lte(10 * 366 * 86_400_000, { error: 'a time is at most about ten years' }),
  );

const targetSchema = z
  .strictObject(
    {
      within: ms,
      hours: z.enum(['business', 'calendar'], { error: "hours must be 'business' or 'calendar'" }),
      warning: ms.nullable().optional(),
      pausedIn: z
        .array(z.string().check(z.minLength(1), z.maxLength(100)))
        .max(50)
        .optional(),
    },
    { error: notAnObject('a target must be { within, hours, warning?, pausedIn? }') },
  )
  .refine((t) => t.warning == null || t.warning <= t.within, {
    error: 'the warning must come no later than the target',
    path: ['warning'],
  });

/**
 * The zod schema of an {@link SlaPolicy}.
 *
 * @example
 * ```ts
 * import { slaPolicySchema } from 'servicecraft/complaints';
 *
 * slaPolicySchema.safeParse({
 *   name: 'standard',
 *   targets: { firstResponse: { within: 8 * 3_600_000, hours: 'business' } },
 * }).success; // true
 * slaPolicySchema.safeParse({ name: 'x', targets: { firstResponse: { within: -1, hours: 'business' } } }).success; // false
 * ```
 *
 * @category Complaints
 */
export const slaPolicySchema: z.ZodType<SlaPolicy> = z.strictObject(
  {
    name: z
      .string()
      .check(z.trim(), z.minLength(1, { error: 'a policy needs a name' }), z.maxLength(100)),
    when: z
      .record(
        z.string().check(z.minLength(1), z.maxLength(100)),
        z.array(z.string().max(200)).max(100),
        {
          error: 'when must map fact names to lists of values',
        },
      )
      .optional(),
    targets: z.strictObject(
      {
        firstResponse: targetSchema.optional(),
        nextResponse: targetSchema.optional(),
        periodicUpdate: targetSchema.optional(),
        resolution: targetSchema.optional(),
      },
      {
        error: notAnObject(
          'targets must be { firstResponse?, nextResponse?, periodicUpdate?, resolution? }',
        ),
      },
    ),
  },
  { error: notAnObject('an SLA policy must be an object') },
) as z.ZodType<SlaPolicy>;

/**
 * @internal Checks a list of SLA policies (distinct names) for a factory; throws a `UsageError`.
 */
export function checkSlaPolicies(what: string, policies: unknown): readonly SlaPolicy[] {
  const parsed = z
    .array(slaPolicySchema, { error: 'policies must be an array of SLA policies' })
    .check(
      z.minLength(1, { error: 'give at least one SLA policy' }),
      z.maxLength(100),
      z.superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((p, i) => {
          if (seen.has(p.name)) {
            ctx.addIssue({
              code: 'custom',
              path: [i, 'name'],
              message: `policy name '${p.name}' appears twice`,
            });
          }
          seen.add(p.name);
        });
      }),
    )
    .safeParse(policies);
  if (!parsed.success) throw optionsError(what, parsed.error.issues);
  return deepFreeze(parsed.data);
}

/**
 * What a policy's conditions are checked against: fact name → value (`null` or absent when not
 * known yet, which matches no condition on that fact).
 *
 * @category Complaints
 */
export type SlaFacts = Readonly<Record<string, string | null | undefined>>;

/**
 * Chooses the SLA policy for some facts: the first policy, in order, whose conditions all match.
 *
 * @example
 * ```ts
 * import { chooseSlaPolicy, type SlaPolicy } from 'servicecraft/complaints';
 *
 * const HOUR = 3_600_000;
 * const policies: SlaPolicy[] = [
 *   { name: 'urgent', when: { priority: ['critical'] }, targets: { firstResponse: { within: HOUR, hours: 'calendar' } } },
 *   { name: 'standard', targets: { firstResponse: { within: 8 * HOUR, hours: 'business' } } },
 * ];
 * chooseSlaPolicy(policies, { priority: 'critical' })?.name; // 'urgent'
 * chooseSlaPolicy(policies, { priority: 'low' })?.name; // 'standard'
 * ```
 *
 * @param policies - The policies, in order.
 * @param facts - The facts to match.
 * @returns The first matching policy, or `undefined`.
 * @category Complaints
 */
export function chooseSlaPolicy(
  policies: readonly SlaPolicy[],
  facts: SlaFacts,
): SlaPolicy | undefined {
  return policies.find((policy) =>
    Object.entries(policy.when ?? {}).every(([fact, values]) => {
      const value = Object.hasOwn(facts, fact) ? facts[fact] : undefined;
      return typeof value === 'string' && values.includes(value);
    }),
  );
}

/**
 * One measured target in an {@link SlaTracker}: its clock and the instants it will warn and breach
 * at, worked out when the clock last changed (so reading them needs no calendar), and the marks a
 * check has already noticed.
 *
 * @category Complaints
 */
export interface SlaEntry {
  /** The working-time clock. */
  readonly clock: WorkingClock;
  /** When the warning is (or was) reached; `null` without a warning or while it cannot be reached. */
  readonly warnAt: number | null;
  /** When the target is (or was) reached; `null` while the clock is paused or stopped short of it. */
  readonly breachAt: number | null;
  /** The `warnAt` a check has noticed (so a host is woken once per mark). */
  readonly noticedWarning: number | null;
  /** The `breachAt` a check has noticed. */
  readonly noticedBreach: number | null;
}

/**
 * The SLA state of one case: the policy in force and one entry per measured target. Its size is
 * fixed (at most four clocks), however long the case runs.
 *
 * @category Complaints
 */
export interface SlaTracker {
  /** The name of the policy in force. */
  readonly policy: string;
  /** The targets measured so far. */
  readonly entries: {
    /** The measurement of the `firstResponse` target, once its clock has started. */
    readonly firstResponse?: SlaEntry | undefined;
    /** The measurement of the `nextResponse` target, once its clock has started. */
    readonly nextResponse?: SlaEntry | undefined;
    /** The measurement of the `periodicUpdate` target, once its clock has started. */
    readonly periodicUpdate?: SlaEntry | undefined;
    /** The measurement of the `resolution` target, once its clock has started. */
    readonly resolution?: SlaEntry | undefined;
  };
}

const instant = z.number().check(z.int(), z.gte(-8.64e15), z.lte(8.64e15));
const entrySchema = z.strictObject({
  clock: clockSchema,
  warnAt: instant.nullable(),
  breachAt: instant.nullable(),
  noticedWarning: instant.nullable(),
  noticedBreach: instant.nullable(),
});

/**
 * The zod schema of an {@link SlaTracker}, for context schemas.
 *
 * @example
 * ```ts
 * import { slaTrackerSchema } from 'servicecraft/complaints';
 *
 * slaTrackerSchema.safeParse({ policy: 'standard', entries: {} }).success; // true
 * ```
 *
 * @category Complaints
 */
export const slaTrackerSchema: z.ZodType<SlaTracker> = z.strictObject({
  policy: z.string().check(z.minLength(1), z.maxLength(100)),
  entries: z.strictObject({
    firstResponse: entrySchema.optional(),
    nextResponse: entrySchema.optional(),
    periodicUpdate: entrySchema.optional(),
    resolution: entrySchema.optional(),
  }),
}) as z.ZodType<SlaTracker>;

/**
 * What happened, for {@link trackSla}:
 *
 * - `'start'`: the case opened (starts `firstResponse` and `resolution`);
 * - `'responded'`: someone responded to the customer (stops `firstResponse` and `nextResponse`,
 *   restarts `periodicUpdate`);
 * - `'customerReplied'`: the customer wrote (starts `nextResponse` once the first response is
 *   done, unless it already runs);
 * - `'resolved'`: the case is resolved (stops every clock);
 * - `null`: nothing but a change of state (which may pause or resume clocks).
 *
 * @category Complaints
 */
export type SlaSignal = 'start' | 'responded' | 'customerReplied' | 'resolved' | null;

/**
 * The input of {@link trackSla}.
 *
 * @category Complaints
 */
export interface TrackSlaInput {
  /** The tracker so far (`null` before the start). */
  readonly tracker: SlaTracker | null;
  /** The policy in force (or newly chosen: clocks keep their counted time, with new targets). */
  readonly policy: SlaPolicy;
  /** The calendar of `'business'` targets. */
  readonly calendar: CalendarLike;
  /**
   * The calendar of `'calendar'` targets (default `alwaysOpen`); pass `compileCalendar(alwaysOpen)`,
   * built once, when tracking many events.
   */
  readonly calendarTime?: CalendarLike | undefined;
  /** When it happened, epoch milliseconds. */
  readonly at: number;
  /** The state the machine is in afterwards (it decides pauses). */
  readonly state: string;
  /** What happened. */
  readonly signal: SlaSignal;
}

const calendarOf = (target: SlaTarget, calendar: CalendarLike, always: CalendarLike) =>
  target.hours === 'business' ? calendar : always;

const ok = (result: ReturnType<typeof pauseClock>, clock: WorkingClock): WorkingClock =>
  result.ok ? result.clock : clock;

function entryOf(clock: WorkingClock, calendar: CalendarLike, old?: SlaEntry): SlaEntry {
  return {
    clock,
    warnAt: clockWarningAt(clock, calendar),
    breachAt: clockBreachAt(clock, calendar),
    noticedWarning: old?.noticedWarning ?? null,
    noticedBreach: old?.noticedBreach ?? null,
  };
}

/** A clock with new target and warning that keeps what it counted; marks passed are dated `at`. */
function retarget(clock: WorkingClock, target: SlaTarget, calendar: CalendarLike, at: number) {
  const elapsed = clock.state === 'stopped' ? clock.accrued : clockElapsed(clock, calendar, at);
  const warning = target.warning == null ? null : Math.min(target.warning, target.within);
  const since = clock.state === 'stopped' ? clock.since : Math.max(at, clock.since);
  return {
    state: clock.state,
    startedAt: clock.startedAt,
    since,
    accrued: elapsed,
    target: target.within,
    warning,
    breachedAt: elapsed >= target.within ? (clock.breachedAt ?? since) : null,
    warnedAt: warning !== null && elapsed >= warning ? (clock.warnedAt ?? since) : null,
  } satisfies WorkingClock;
}

/**
 * Moves an SLA tracker on by one event: applies the signal, retargets the clocks when the policy
 * changed, then pauses the clocks whose target lists the new state in `pausedIn` and resumes the
 * others. Pure: returns a new tracker, never reads a clock.
 *
 * @example
 * ```ts
 * import { alwaysOpen } from 'servicecraft/time';
 * import { type SlaPolicy, trackSla } from 'servicecraft/complaints';
 *
 * const HOUR = 3_600_000;
 * const policy: SlaPolicy = {
 *   name: 'standard',
 *   targets: {
 *     firstResponse: { within: 4 * HOUR, hours: 'calendar', warning: 3 * HOUR },
 *     resolution: { within: 48 * HOUR, hours: 'calendar', pausedIn: ['waitingOnCustomer'] },
 *   },
 * };
 * const opened = trackSla({ tracker: null, policy, calendar: alwaysOpen, at: 0, state: 'open', signal: 'start' });
 * opened.entries.firstResponse?.breachAt; // 14_400_000
 * const waiting = trackSla({ tracker: opened, policy, calendar: alwaysOpen, at: HOUR, state: 'waitingOnCustomer', signal: 'responded' });
 * waiting.entries.resolution?.clock.state; // 'paused'
 * ```
 *
 * @param input - Tracker, policy, calendar, instant, new state and signal.
 * @returns The new tracker.
 * @throws `UsageError` when `at` is not an instant in range.
 * @category Complaints
 */
export function trackSla(input: TrackSlaInput): SlaTracker {
  const { policy, calendar, at, state, signal } = input;
  const entries: { [M in SlaMetric]?: SlaEntry } = {};
  const old = input.tracker;
  const changed = old !== null && old.policy !== policy.name;
  for (const metric of slaMetrics) {
    const target = policy.targets[metric];
    const entry = old?.entries[metric];
    if (target === undefined) continue;
    const cal = calendarOf(target, calendar, input.calendarTime ?? alwaysOpen);
    const start = () => startClock(at, { target: target.within, warning: target.warning ?? null });
    let clock = entry?.clock;
    if (clock !== undefined && changed) clock = retarget(clock, target, cal, at);
    const live = clock !== undefined && clock.state !== 'stopped';
    if (signal === 'start' && clock === undefined) {
      if (metric === 'firstResponse' || metric === 'resolution') clock = start();
    } else if (signal === 'responded') {
      if (
        (metric === 'firstResponse' || metric === 'nextResponse') &&
        clock !== undefined &&
        live
      ) {
        clock = ok(stopClock(clock, cal, at), clock);
      }
      if (metric === 'periodicUpdate') {
        if (clock !== undefined && live) clock = ok(stopClock(clock, cal, at), clock);
        clock = start();
      }
    } else if (signal === 'customerReplied' && metric === 'nextResponse') {
      const firstDone =
        old?.entries.firstResponse === undefined ||
        old.entries.firstResponse.clock.state === 'stopped';
      if (firstDone && !live) clock = start();
    } else if (signal === 'resolved' && clock !== undefined && live) {
      clock = ok(stopClock(clock, cal, at), clock);
    }
    if (clock === undefined) continue;
    const paused = target.pausedIn?.includes(state) ?? false;
    if (clock.state === 'running' && paused) clock = ok(pauseClock(clock, cal, at), clock);
    else if (clock.state === 'paused' && !paused) clock = ok(resumeClock(clock, at), clock);
    entries[metric] = entryOf(clock, cal, entry);
  }
  return { policy: policy.name, entries };
}

/**
 * Records in the tracker every warning and breach instant reached by `at`, so that
 * {@link nextSlaCheck} moves on to the next one. Pure.
 *
 * @example
 * ```ts
 * import { alwaysOpen } from 'servicecraft/time';
 * import { nextSlaCheck, noticeSla, trackSla } from 'servicecraft/complaints';
 *
 * const policy = { name: 'p', targets: { firstResponse: { within: 60_000, hours: 'calendar' as const } } };
 * const tracker = trackSla({ tracker: null, policy, calendar: alwaysOpen, at: 0, state: 'open', signal: 'start' });
 * nextSlaCheck(tracker)?.at; // 60_000
 * nextSlaCheck(noticeSla(tracker, 60_000)); // undefined
 * ```
 *
 * @param tracker - The tracker.
 * @param at - The instant of the check.
 * @returns The tracker with the marks reached by `at` noticed.
 * @category Complaints
 */
export function noticeSla(tracker: SlaTracker, at: number): SlaTracker {
  const entries: { [M in SlaMetric]?: SlaEntry } = {};
  for (const metric of slaMetrics) {
    const e = tracker.entries[metric];
    if (e === undefined) continue;
    entries[metric] = {
      ...e,
      noticedWarning: e.warnAt !== null && e.warnAt <= at ? e.warnAt : e.noticedWarning,
      noticedBreach: e.breachAt !== null && e.breachAt <= at ? e.breachAt : e.noticedBreach,
    };
  }
  return { policy: tracker.policy, entries };
}

/**
 * The next SLA mark a host should be woken for: the earliest warning or breach instant of the
 * tracker that no check has noticed yet.
 *
 * @example
 * ```ts
 * import { alwaysOpen } from 'servicecraft/time';
 * import { nextSlaCheck, trackSla } from 'servicecraft/complaints';
 *
 * const policy = { name: 'p', targets: { resolution: { within: 60_000, hours: 'calendar' as const, warning: 45_000 } } };
 * const tracker = trackSla({ tracker: null, policy, calendar: alwaysOpen, at: 0, state: 'open', signal: 'start' });
 * nextSlaCheck(tracker); // { at: 45_000, metric: 'resolution', mark: 'warning' }
 * ```
 *
 * @param tracker - The tracker.
 * @returns The instant, target and mark, or `undefined` when nothing is pending.
 * @category Complaints
 */
export function nextSlaCheck(tracker: SlaTracker):
  | {
      /** The instant, in epoch milliseconds, at which the mark is reached. */
      at: number;
      /** The target whose clock reaches the mark. */
      metric: SlaMetric;
      /** Whether the instant is the target's warning or its breach. */
      mark: 'warning' | 'breach';
    }
  | undefined {
  let best: { at: number; metric: SlaMetric; mark: 'warning' | 'breach' } | undefined;
  for (const metric of slaMetrics) {
    const e = tracker.entries[metric];
    if (e === undefined) continue;
    const marks: [number | null, number | null, 'warning' | 'breach'][] = [
      [e.warnAt, e.noticedWarning, 'warning'],
      [e.breachAt, e.noticedBreach, 'breach'],
    ];
    for (const [at, noticed, mark] of marks) {
      if (at === null || noticed === at) continue;
      if (best === undefined || at < best.at) best = { at, metric, mark };
    }
  }
  return best;
}

/**
 * A missed SLA target.
 *
 * @category Complaints
 */
export interface SlaBreach {
  /** Which target. */
  readonly metric: SlaMetric;
  /** When it was reached. */
  readonly dueAt: number;
  /** When its clock stopped, or `null` while it is still open. */
  readonly metAt: number | null;
  /** How late: `metAt - dueAt`, or `now - dueAt` while open. */
  readonly lateByMs: number;
}

/**
 * The SLA targets of a tracker breached as of `now` (reaching a target exactly is a breach, as for
 * the clocks). Needs no calendar: the instants were worked out when the clocks last changed.
 *
 * @example
 * ```ts
 * import { alwaysOpen } from 'servicecraft/time';
 * import { slaBreaches, trackSla } from 'servicecraft/complaints';
 *
 * const policy = { name: 'p', targets: { firstResponse: { within: 60_000, hours: 'calendar' as const } } };
 * const tracker = trackSla({ tracker: null, policy, calendar: alwaysOpen, at: 0, state: 'open', signal: 'start' });
 * slaBreaches(tracker, 90_000); // [{ metric: 'firstResponse', dueAt: 60_000, metAt: null, lateByMs: 30_000 }]
 * ```
 *
 * @param tracker - The tracker.
 * @param now - The instant to read at.
 * @returns The breaches, in {@link slaMetrics} order.
 * @category Complaints
 */
export function slaBreaches(tracker: SlaTracker, now: number): SlaBreach[] {
  const out: SlaBreach[] = [];
  for (const metric of slaMetrics) {
    const e = tracker.entries[metric];
    if (e === undefined || e.breachAt === null) continue;
    const stopped = e.clock.state === 'stopped';
    if (!stopped && e.clock.breachedAt === null && now < e.breachAt) continue;
    if (stopped && e.clock.breachedAt === null) continue;
    const metAt = stopped ? e.clock.since : null;
    out.push({ metric, dueAt: e.breachAt, metAt, lateByMs: (metAt ?? now) - e.breachAt });
  }
  return out;
}
