/**
 * Read models: plain functions with one signature, `(program, snapshot, { at })`. They never change
 * the snapshot; with `at` later than the last command they read the membership as of `at`, moving
 * a copy of its clock forward the way a command would (lots, reviews, grace periods, floors).
 *
 * @module
 */
import * as z from 'zod';
import { optionsError } from '../core/errors.js';
import { DAY } from './calendar.js';
import { advance } from './commands.js';
import { type Tier, type TierMetric, tierMetrics } from './ladder.js';
import { isTime } from './limits.js';
import {
  type ExplainFigure,
  type ExplainMessageOptions,
  resolveExplainWording,
  say,
  tierRef,
  wordReason,
} from './messages.js';
import type { LoyaltyProgram } from './program.js';
import { rulesOf } from './rules.js';
import { metricsAt, qualifiedRank, rankOf, type TierMetrics } from './tiers.js';
import type { MembershipContext } from './types.js';

/**
 * What every read model takes after the programme and the snapshot: the instant to read at.
 *
 * @category Loyalty
 */
export interface ReadOptions {
  /**
   * Read the membership as of this instant (epoch ms): pending points that became spendable,
   * lots that expired, reviews that fell due and grace periods or floors that ended by then are
   * taken into account, without sending a command. Default (and for any earlier time): the time
   * of the last command.
   */
  readonly at?: number | undefined;
}

/**
 * Options of {@link upcomingExpiries}.
 *
 * @category Loyalty
 */
export interface ExpiryReadOptions extends ReadOptions {
  /** How many days after `at` to look ahead (default 90). */
  readonly horizonDays?: number | undefined;
}

/**
 * A membership snapshot, as the read models need it: its context, and its state when known.
 *
 * @category Loyalty
 */
export interface MembershipView {
  /** The membership state, when the caller has it. */
  readonly state?: string;
  /** The membership context. */
  readonly context: MembershipContext;
}
type Snap = MembershipView;

const readOptionsSchema = z.strictObject({
  at: z
    .number()
    .refine(isTime, 'an integer time within the range of Date (±8.64e15 ms)')
    .optional(),
  horizonDays: z.number().int().min(0).max(36_500).optional(),
});

/**
 * @internal The snapshot's context as of `options.at`: moved forward with the same pure clock
 * step a command takes (lots, reviews, grace, floors), or as it is for earlier times, before
 * enrolment and once closed.
 */
function readAt(
  program: LoyaltyProgram,
  snapshot: Snap,
  options: ExpiryReadOptions | undefined,
  what: string,
): { ctx: MembershipContext; at: number } {
  const parsed = readOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) throw optionsError(what, parsed.error.issues);
  const ctx = snapshot.context;
  const last = ctx.lastAt ?? 0;
  const at = parsed.data.at;
  if (at === undefined || at <= last || ctx.period === null || snapshot.state === 'closed')
    return { ctx, at: Math.max(at ?? last, last) };
  return { ctx: advance(rulesOf(program), ctx, at), at };
}

const isProgram = (v: unknown): v is LoyaltyProgram =>
  typeof v === 'object' && v !== null && 'machine' in v && 'ladder' in v;

/**
 * The spendable points: the active lots' remainders minus any debt (negative only with a debt),
 * as of `options.at`.
 *
 * @example
 * ```ts
 * import { replayOrThrow } from 'servicecraft';
 * import { balance, defineLoyaltyProgram, defineTierLadder } from 'servicecraft/loyalty';
 *
 * const program = defineLoyaltyProgram({
 *   ladder: defineTierLadder({ id: 'b', qualifyBy: ['points'], tiers: [{ id: 'member' }] }),
 *   policy: { pendingDays: 14 },
 * });
 * const at = Date.UTC(2025, 0, 1);
 * const member = replayOrThrow(program.machine, [
 *   { type: 'ENROLL', key: 'e', at },
 *   { type: 'PURCHASE', key: 'p', at, order: 'o', amount: 1_000 },
 * ]);
 * balance(program, member); // 0: the 10 points are pending
 * balance(program, member, { at: Date.UTC(2025, 0, 15) }); // 10
 * ```
 *
 * @param program - The programme.
 * @param snapshot - A membership snapshot.
 * @param options - `at`: the instant to read at (default: the last command's time).
 * @returns The balance in points.
 * @category Loyalty
 */
export function balance(program: LoyaltyProgram, snapshot: Snap, options?: ReadOptions): number;
/**
 * The balance as the snapshot holds it (the earlier form, kept for compatibility).
 *
 * @deprecated Pass the programme first: `balance(program, snapshot, { at })`.
 * @param snapshot - A membership snapshot.
 * @returns The balance in points.
 */
export function balance(snapshot: Snap): number;
export function balance(a: LoyaltyProgram | Snap, b?: Snap, options?: ReadOptions): number {
  if (!isProgram(a) || b === undefined) return (a as Snap).context.balance;
  return readAt(a, b, options, 'balance').ctx.balance;
}

/**
 * The member's current tier.
 *
 * @example
 * ```ts
 * import { initialSnapshot } from 'servicecraft';
 * import { defineLoyaltyProgram, defineTierLadder, tierOf } from 'servicecraft/loyalty';
 *
 * const program = defineLoyaltyProgram({
 *   ladder: defineTierLadder({ id: 't', qualifyBy: ['visits'], tiers: [{ id: 'member' }] }),
 * });
 * tierOf(program, initialSnapshot(program.machine)); // undefined: not enrolled yet
 * ```
 *
 * @param program - The programme.
 * @param snapshot - A membership snapshot.
 * @param options - `at`: the instant to read at (default: the last command's time).
 * @returns The tier, or `undefined` before enrolment.
 * @category Loyalty
 */
export function tierOf(
  program: LoyaltyProgram,
  snapshot: Snap,
  options?: ReadOptions,
): Tier | undefined {
  const { ctx } = readAt(program, snapshot, options, 'tierOf');
  return program.ladder.tiers.find((t) => t.id === ctx.tier);
}

/**
 * How far a member is from a tier: the amount missing on each qualifying metric. Reaching any one
 * of them is enough.
 *
 * @category Loyalty
 */
export interface TierGap {
  /** The tier in question. */
  readonly tier: Tier;
  /** Missing amount per qualifying metric (0 when already reached). */
  readonly missing: Partial<Record<TierMetric, number>>;
  /** The missing qualifying points, or `null` when the ladder does not qualify by points. */
  readonly points: number | null;
}

function gap(program: LoyaltyProgram, tier: Tier, metrics: TierMetrics): TierGap {
  const missing: Partial<Record<TierMetric, number>> = {};
  for (const m of program.ladder.qualifyBy)
    missing[m] = Math.max(0, (tier.threshold[m] ?? 0) - metrics[m]);
  return { tier, missing, points: missing.points ?? null };
}

/**
 * What a member needs to keep a tier, and by when.
 *
 * @category Loyalty
 */
export interface TierKeepGap extends TierGap {
  /** The review time (epoch ms) by which the gap must be closed: the current period's end. */
  readonly by: number;
}

/**
 * What the member still needs, in the current qualification window, to reach the next tier.
 *
 * @example
 * ```ts
 * import { replayOrThrow } from 'servicecraft';
 * import { defineLoyaltyProgram, defineTierLadder, pointsToNextTier } from 'servicecraft/loyalty';
 *
 * const program = defineLoyaltyProgram({
 *   ladder: defineTierLadder({
 *     id: 'n', qualifyBy: ['points'],
 *     tiers: [{ id: 'member' }, { id: 'silver', threshold: { points: 100 } }],
 *   }),
 * });
 * const at = Date.UTC(2025, 0, 1);
 * const member = replayOrThrow(program.machine, [{ type: 'ENROLL', key: 'e', at }]);
 * pointsToNextTier(program, member)?.points; // 100
 * ```
 *
 * @param program - The programme.
 * @param snapshot - A membership snapshot.
 * @param options - `at`: the instant to read at (default: the last command's time). A bare number
 *   (the earlier form) reads the window at that time without moving the snapshot's clock.
 * @returns The gap to the tier above the current one, or `null` at the top or before enrolment.
 * @category Loyalty
 */
export function pointsToNextTier(
  program: LoyaltyProgram,
  snapshot: Snap,
  options?: ReadOptions | number,
): TierGap | null {
  // A number is the earlier form: the window at `now`, on the snapshot as it is.
  const { ctx, at: now } =
    typeof options === 'number'
      ? { ctx: snapshot.context, at: options }
      : readAt(program, snapshot, options, 'pointsToNextTier');
  const next =
    ctx.tier === null ? undefined : program.ladder.tiers[rankOf(program.ladder, ctx.tier) + 1];
  return next ? gap(program, next, metricsAt(rulesOf(program), ctx, now)) : null;
}

/**
 * What the member still needs before the current period ends to keep the current tier at the
 * review. With `downgrade: 'balance'` the points metric is the balance at that time.
 *
 * @example
 * ```ts
 * import { replayOrThrow } from 'servicecraft';
 * import { defineLoyaltyProgram, defineTierLadder, pointsToKeepTier } from 'servicecraft/loyalty';
 *
 * const program = defineLoyaltyProgram({
 *   ladder: defineTierLadder({
 *     id: 'k', qualifyBy: ['points'],
 *     tiers: [{ id: 'member' }, { id: 'silver', threshold: { points: 100 } }],
 *   }),
 * });
 * const at = Date.UTC(2025, 0, 1);
 * const member = replayOrThrow(program.machine, [
 *   { type: 'ENROLL', key: 'e', at },
 *   { type: 'GRANT_TIER', key: 'g', at, tier: 'silver', until: Date.UTC(2025, 6, 1) },
 * ]);
 * pointsToKeepTier(program, member)?.points; // 100
 * ```
 *
 * @param program - The programme.
 * @param snapshot - A membership snapshot.
 * @param options - `at`: the instant to read at (default: the last command's time). A bare number
 *   (the earlier form) reads at that time without moving the snapshot's clock.
 * @returns The gap with the period end as `by`, or `null` when the tier cannot be lost at the
 *   review (entry tier, `downgrade: 'never'`, a permanent grant, or not enrolled).
 * @category Loyalty
 */
export function pointsToKeepTier(
  program: LoyaltyProgram,
  snapshot: Snap,
  options?: ReadOptions | number,
): TierKeepGap | null {
  const { ctx, at: now } =
    typeof options === 'number'
      ? { ctx: snapshot.context, at: options }
      : readAt(program, snapshot, options, 'pointsToKeepTier');
  const tier = program.ladder.tiers.find((t) => t.id === ctx.tier);
  if (!tier || tier.rank === 0 || !ctx.period || program.policy.downgrade === 'never') return null;
  const floor = ctx.floor;
  if (
    floor &&
    rankOf(program.ladder, floor.tier) >= tier.rank &&
    (floor.until === null || floor.until > ctx.period.end)
  ) {
    return null;
  }
  const end = Math.max(ctx.period.end, now + 1);
  const metrics = metricsAt(rulesOf(program), ctx, Math.max(now, ctx.period.end - 1));
  if (program.policy.downgrade === 'balance') metrics.points = ctx.balance;
  return { ...gap(program, tier, metrics), by: end };
}

/**
 * Points due to expire, grouped by expiry time.
 *
 * @category Loyalty
 */
export interface UpcomingExpiry {
  /** When they expire (epoch ms). */
  readonly at: number;
  /** How many points (pending or active) expire then. */
  readonly points: number;
}

/**
 * The points that will expire after `options.at` and within `options.horizonDays`, soonest first,
 * read from the membership as of `at`.
 *
 * @example
 * ```ts
 * import { replayOrThrow } from 'servicecraft';
 * import { defineLoyaltyProgram, defineTierLadder, upcomingExpiries } from 'servicecraft/loyalty';
 *
 * const program = defineLoyaltyProgram({
 *   ladder: defineTierLadder({ id: 'x', qualifyBy: ['points'], tiers: [{ id: 'member' }] }),
 *   policy: { expiry: { kind: 'days', days: 30 } },
 * });
 * const at = Date.UTC(2025, 0, 1);
 * const member = replayOrThrow(program.machine, [
 *   { type: 'ENROLL', key: 'e', at },
 *   { type: 'PURCHASE', key: 'p', at, order: 'o', amount: 500 },
 * ]);
 * upcomingExpiries(program, member); // [{ at: Date.UTC(2025, 0, 31), points: 5 }]
 * upcomingExpiries(program, member, { at: Date.UTC(2025, 1, 1) }); // []: expired by then
 * ```
 *
 * @param program - The programme.
 * @param snapshot - A membership snapshot.
 * @param options - `at`: the instant to look from (default: the last command's time);
 *   `horizonDays`: how many days ahead (default 90).
 * @returns The expiries, soonest first.
 * @category Loyalty
 */
export function upcomingExpiries(
  program: LoyaltyProgram,
  snapshot: Snap,
  options?: ExpiryReadOptions,
): UpcomingExpiry[];
/**
 * The expiries on the snapshot as it is (the earlier form, kept for compatibility).
 *
 * @deprecated Pass the programme first: `upcomingExpiries(program, snapshot, { at, horizonDays })`.
 * @param snapshot - A membership snapshot.
 * @param now - The time to look from (epoch ms).
 * @param horizonDays - How many days ahead to look (default 90).
 * @returns The expiries, soonest first.
 */
export function upcomingExpiries(
  snapshot: Snap,
  now: number,
  horizonDays?: number,
): UpcomingExpiry[];
export function upcomingExpiries(
  a: LoyaltyProgram | Snap,
  b: Snap | number,
  c?: ExpiryReadOptions | number,
): UpcomingExpiry[] {
  if (!isProgram(a)) return expiriesOf((a as Snap).context, b as number, (c as number) ?? 90);
  const options = c as ExpiryReadOptions | undefined;
  const { ctx, at } = readAt(a, b as Snap, options, 'upcomingExpiries');
  return expiriesOf(ctx, at, options?.horizonDays ?? 90);
}

function expiriesOf(ctx: MembershipContext, now: number, horizonDays: number): UpcomingExpiry[] {
  const until = now + horizonDays * DAY;
  const byTime = new Map<number, number>();
  for (const lot of ctx.lots) {
    const at = lot.expiresAt;
    if (at === null || at <= now || at > until) continue;
    byTime.set(at, (byTime.get(at) ?? 0) + lot.remaining);
  }
  return [...byTime].sort((a, b) => a[0] - b[0]).map(([at, points]) => ({ at, points }));
}

/**
 * When the member last purchased, visited, referred or redeemed.
 *
 * @example
 * ```ts
 * import { initialSnapshot } from 'servicecraft';
 * import { defineLoyaltyProgram, defineTierLadder, lastActivity } from 'servicecraft/loyalty';
 *
 * const program = defineLoyaltyProgram({
 *   ladder: defineTierLadder({ id: 'l', qualifyBy: ['visits'], tiers: [{ id: 'member' }] }),
 * });
 * lastActivity(program, initialSnapshot(program.machine)); // null
 * ```
 *
 * @param program - The programme.
 * @param snapshot - A membership snapshot.
 * @param options - Accepted for a signature common to every read model; activity does not
 *   change with time alone.
 * @returns Epoch ms, or `null` when there was no activity yet.
 * @category Loyalty
 */
export function lastActivity(
  program: LoyaltyProgram,
  snapshot: Snap,
  options?: ReadOptions,
): number | null;
/**
 * The earlier form, kept for compatibility.
 *
 * @deprecated Pass the programme first: `lastActivity(program, snapshot)`.
 * @param snapshot - A membership snapshot.
 * @returns Epoch ms, or `null` when there was no activity yet.
 */
export function lastActivity(snapshot: Snap): number | null;
export function lastActivity(
  a: LoyaltyProgram | Snap,
  b?: Snap,
  options?: ReadOptions,
): number | null {
  if (!isProgram(a) || b === undefined) return (a as Snap).context.lastActivityAt;
  return readAt(a, b, options, 'lastActivity').ctx.lastActivityAt;
}

/**
 * Whether an enrolled member has gone `policy.lapseDays` days without activity (counted from
 * enrolment when there was none).
 *
 * @example
 * ```ts
 * import { replayOrThrow } from 'servicecraft';
 * import { defineLoyaltyProgram, defineTierLadder, isLapsed } from 'servicecraft/loyalty';
 *
 * const program = defineLoyaltyProgram({
 *   ladder: defineTierLadder({ id: 'z', qualifyBy: ['visits'], tiers: [{ id: 'member' }] }),
 *   policy: { lapseDays: 30 },
 * });
 * const at = Date.UTC(2025, 0, 1);
 * const member = replayOrThrow(program.machine, [{ type: 'ENROLL', key: 'e', at }]);
 * isLapsed(program, member, { at: Date.UTC(2025, 1, 15) }); // true
 * ```
 *
 * @param program - The programme.
 * @param snapshot - A membership snapshot.
 * @param options - `at`: the instant to judge at (default: the last command's time); a bare number
 *   is the earlier form of the same.
 * @returns `true` when lapsed; `false` when active recently or not enrolled.
 * @category Loyalty
 */
export function isLapsed(
  program: LoyaltyProgram,
  snapshot: Snap,
  options?: ReadOptions | number,
): boolean {
  const { ctx, at: now } =
    typeof options === 'number'
      ? { ctx: snapshot.context, at: options }
      : readAt(program, snapshot, options, 'isLapsed');
  const since = ctx.lastActivityAt ?? ctx.enrolledAt;
  return since !== null && now - since >= program.policy.lapseDays * DAY;
}

/**
 * Why a member is in their tier and what changed last.
 *
 * @category Loyalty
 */
export interface Explanation {
  /** The current tier id (`null` before enrolment). */
  readonly tier: string | null;
  /** The qualifying metrics in the window as of the time read at. */
  readonly metrics: TierMetrics;
  /** The tier those metrics reach on their own. */
  readonly qualifiesFor: string;
  /** The last tier change, with its reason. */
  readonly lastChange: MembershipContext['lastChange'];
  /** The explanation as sentences. */
  readonly lines: readonly string[];
}

/**
 * Options of {@link explain}: the instant to read at, and how to word the lines.
 *
 * @category Loyalty
 */
export interface ExplainOptions extends ReadOptions, ExplainMessageOptions {}

/**
 * Explains the member's tier: the qualifying metrics, the tier they reach, floors and grace
 * periods in force, and the last tier change with its reason. The lines come from
 * `options.messages` (English by default), given tiers with their display names and the dates and
 * numbers formatted with Intl for `options.locale`; without a locale they are ISO 8601 dates and
 * plain digits.
 *
 * @example
 * ```ts
 * import {
 *   defineLoyaltyProgram,
 *   defineTierLadder,
 *   explain,
 *   loyaltyExplainMessagesEn,
 * } from 'servicecraft/loyalty';
 * import { replayOrThrow } from 'servicecraft';
 *
 * const program = defineLoyaltyProgram({
 *   ladder: defineTierLadder({ id: 'w', qualifyBy: ['points'], tiers: [{ id: 'member', name: 'Mitglied' }] }),
 * });
 * const member = replayOrThrow(program.machine, [{ type: 'ENROLL', key: 'e', at: 0 }]);
 * explain(program, member).lines[0]; // 'Tier member: qualifying points 0 in 1970-01 to 1970-12 reach member.'
 * explain(program, member, {
 *   locale: 'de-DE',
 *   messages: {
 *     ...loyaltyExplainMessagesEn,
 *     tier: ({ tier, windowFrom, windowTo, metrics }) =>
 *       `Stufe ${tier.name}: ${metrics.points} Punkte von ${windowFrom} bis ${windowTo}.`,
 *   },
 * }).lines[0]; // 'Stufe Mitglied: 0 Punkte von Januar 1970 bis Dezember 1970.'
 * ```
 *
 * @param program - The programme.
 * @param snapshot - A membership snapshot.
 * @param options - `at`: the instant to explain at (default: the last command's time);
 *   `messages`: the sentences; `locale` for dates and numbers and `timeZone` for dates (default:
 *   the programme's zone).
 * @returns The explanation.
 * @throws `UsageError` for a messages table missing a key, holding a non-function or returning a
 *   non-string, or an invalid `at`, locale or time zone.
 * @category Loyalty
 */
export function explain(
  program: LoyaltyProgram,
  snapshot: Snap,
  options?: ExplainOptions,
): Explanation {
  const { ladder, policy } = program;
  const isObject = typeof options === 'object' && options !== null;
  const { messages, locale, timeZone, ...read } = isObject ? options : ({} as ExplainOptions);
  const w = resolveExplainWording({ messages, locale, timeZone }, policy.timeZone);
  const { ctx, at } = readAt(program, snapshot, isObject ? read : options, 'explain');
  const rules = rulesOf(program);
  const metrics = metricsAt(rules, ctx, at);
  const qualifiesFor = ladder.tiers[qualifiedRank(ladder, metrics)]?.id ?? '';
  const m = w.messages;
  const loc = w.locale;
  const ref = (id: string) => tierRef(ladder, id);
  const figures = (list: readonly ExplainFigure[]) =>
    say(m, 'figures', { locale: loc, figures: list });
  const lines: string[] = [];
  if (ctx.tier === null) {
    lines.push(say(m, 'notEnrolled', { locale: loc }));
  } else {
    const { from, to } = rules.time.windowAt(ctx, at);
    const { daily, bucketText } = rules.time;
    lines.push(
      say(m, 'tier', {
        locale: loc,
        tier: ref(ctx.tier),
        figures: figures(
          tierMetrics
            .filter((k) => ladder.qualifyBy.includes(k))
            .map((k) => ({ metric: k, text: w.number(metrics[k]), value: metrics[k] })),
        ),
        metrics,
        windowFrom: w.bucket(from, daily, bucketText),
        windowTo: w.bucket(to, daily, bucketText),
        windowUnit: daily ? 'day' : 'month',
        qualifiesFor: ref(qualifiesFor),
      }),
    );
    if (ctx.tier !== qualifiesFor) {
      lines.push(
        say(m, 'tierDiffers', {
          locale: loc,
          tier: ref(ctx.tier),
          qualifiesFor: ref(qualifiesFor),
          upgrade: policy.upgrade,
          downgrade: policy.downgrade,
          floor: ctx.floor ? ref(ctx.floor.tier) : null,
        }),
      );
    }
    if (policy.downgrade === 'balance' && ladder.qualifyBy.includes('points')) {
      const kept = ladder.tiers[qualifiedRank(ladder, { ...metrics, points: ctx.balance })]?.id;
      lines.push(
        say(m, 'balanceKeeps', {
          locale: loc,
          balance: w.number(ctx.balance),
          balanceValue: ctx.balance,
          keeps: ref(kept ?? ''),
        }),
      );
    }
    if (ctx.floor) {
      const until = ctx.floor.until;
      lines.push(
        say(m, 'floor', {
          locale: loc,
          tier: ref(ctx.floor.tier),
          until: until === null ? null : w.date(until),
          untilMs: until,
        }),
      );
    }
    if (ctx.grace) {
      lines.push(
        say(m, 'grace', {
          locale: loc,
          to: ref(ctx.grace.to),
          until: w.date(ctx.grace.until),
          untilMs: ctx.grace.until,
        }),
      );
    }
    if (ctx.lastChange) {
      const c = ctx.lastChange;
      lines.push(
        say(m, 'lastChange', {
          locale: loc,
          at: w.date(c.at),
          atMs: c.at,
          from: c.from === null ? null : ref(c.from),
          to: ref(c.to),
          reason: wordReason(ladder, c, w),
        }),
      );
    }
  }
  return { tier: ctx.tier, metrics, qualifiesFor, lastChange: ctx.lastChange, lines };
}
