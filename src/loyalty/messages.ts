/**
 * The sentences `explain` gives a member, as a table an app can replace: one function per line,
 * per part of a line (the figures) and per reason a tier changed, each given typed data (tier ids
 * and display names, dates and numbers already formatted for the locale), so a translation is
 * checked by the compiler and cannot forget a placeholder.
 *
 * @module
 */
import { UsageError } from '../core/errors.js';
import { checkTable, sayWith } from '../core/message-table.js';
import { iso, utc } from './calendar.js';
import type { TierLadder, TierMetric } from './ladder.js';
import type { LoyaltyPolicy } from './policy.js';
import type { TierMetrics } from './tiers.js';
import type { TierChange } from './types.js';

/**
 * A tier as a message sees it: its id (what the English sentences show) and its display name.
 *
 * @category Loyalty
 */
export interface ExplainTier {
  /** The tier id, as stored in snapshots. */
  readonly id: string;
  /** The ladder's display name for it (the id when the ladder gives none or no longer has it). */
  readonly name: string;
}

/**
 * One figure a tier is judged by: a qualifying metric, or the balance under `downgrade: 'balance'`.
 *
 * @category Loyalty
 */
export interface ExplainFigure {
  /** What is counted. */
  readonly metric: TierMetric | 'balance';
  /** The number, formatted for the locale (plain digits without a locale). */
  readonly text: string;
  /** The number itself. */
  readonly value: number;
}

/**
 * What every message of `explain` is given.
 *
 * @category Loyalty
 */
export interface ExplainMessageBase {
  /**
   * The locale asked for, or `null` when none was (dates are then ISO 8601 and numbers plain
   * digits, the forms `explain` has always used).
   */
  readonly locale: string | null;
}

/**
 * What a message about a tier change's reason is given: the tier it is about.
 *
 * @category Loyalty
 */
export interface ExplainReasonData extends ExplainMessageBase {
  /** The tier the change is about (the new tier for an upgrade or grant, the old one for a drop). */
  readonly tier: ExplainTier;
}

/**
 * What a message about a downgrade's reason is given: the tier and the figures behind it.
 *
 * @category Loyalty
 */
export interface ExplainReasonFigures extends ExplainMessageBase {
  /** The tier the member did not keep. */
  readonly tier: ExplainTier;
  /** The figures the decision was made on, already worded by the `figures` message. */
  readonly figures: string;
  /** The same figures as data. */
  readonly figureList: readonly ExplainFigure[];
  /**
   * Under `downgrade: 'balance'` (on a ladder qualifying by points): the qualifying points the
   * balance was used instead of, formatted for the locale; otherwise `null`.
   */
  readonly qualifyingPoints: string | null;
  /** The same number, or `null`. */
  readonly qualifyingPointsValue: number | null;
}

/**
 * The data each message of `explain` receives, by key (each with the `locale` of
 * {@link ExplainMessageBase}).
 *
 * @category Loyalty
 */
export interface LoyaltyExplainMessageData {
  /** The only line before enrolment. */
  readonly notEnrolled: ExplainMessageBase;
  /** The first line once enrolled: the tier, the qualifying figures and the tier they reach. */
  readonly tier: ExplainMessageBase & {
    /** The member's tier. */
    readonly tier: ExplainTier;
    /** The qualifying figures, worded by the `figures` message. */
    readonly figures: string;
    /** The qualifying metrics of the window (all three, whatever the ladder counts). */
    readonly metrics: TierMetrics;
    /** The first month (or day) of the window: `2025-01` (`2025-03-10`), or e.g. `Januar 2025` for a locale. */
    readonly windowFrom: string;
    /** The last month (or day) of the window, likewise. */
    readonly windowTo: string;
    /** Whether the window is counted in months or, for anniversary periods, in days. */
    readonly windowUnit: 'month' | 'day';
    /** The tier the figures reach on their own. */
    readonly qualifiesFor: ExplainTier;
  };
  /** When the tier is not the one the figures reach: the policies (and any floor) that explain it. */
  readonly tierDiffers: ExplainMessageBase & {
    /** The member's tier. */
    readonly tier: ExplainTier;
    /** The tier the figures reach. */
    readonly qualifiesFor: ExplainTier;
    /** The programme's upgrade policy. */
    readonly upgrade: LoyaltyPolicy['upgrade'];
    /** The programme's downgrade policy. */
    readonly downgrade: LoyaltyPolicy['downgrade'];
    /** The granted floor, or `null`. */
    readonly floor: ExplainTier | null;
  };
  /** Under `downgrade: 'balance'`: the balance that keeps a tier at the review, and the tier it reaches. */
  readonly balanceKeeps: ExplainMessageBase & {
    /** The balance, formatted. */
    readonly balance: string;
    /** The balance in points. */
    readonly balanceValue: number;
    /** The tier the balance reaches. */
    readonly keeps: ExplainTier;
  };
  /** A granted floor in force. */
  readonly floor: ExplainMessageBase & {
    /** The floor tier. */
    readonly tier: ExplainTier;
    /** When it ends, formatted, or `null` when it is permanent. */
    readonly until: string | null;
    /** The same instant in epoch ms, or `null`. */
    readonly untilMs: number | null;
  };
  /** A downgrade waiting out its grace period. */
  readonly grace: ExplainMessageBase & {
    /** The tier the member drops to unless they requalify. */
    readonly to: ExplainTier;
    /** When, formatted. */
    readonly until: string;
    /** The same instant in epoch ms. */
    readonly untilMs: number;
  };
  /** The last tier change. */
  readonly lastChange: ExplainMessageBase & {
    /** When, formatted. */
    readonly at: string;
    /** The same instant in epoch ms. */
    readonly atMs: number;
    /** The tier before (`null` at enrolment). */
    readonly from: ExplainTier | null;
    /** The tier after. */
    readonly to: ExplainTier;
    /** Why, worded by the `reason…` message that fits. */
    readonly reason: string;
  };
  /** The figures a tier is judged by, as one phrase (`points 700, visits 3`). */
  readonly figures: ExplainMessageBase & {
    /** The figures, in the order points, spend, visits (the balance in place of points when used). */
    readonly figures: readonly ExplainFigure[];
  };
  /** Reason: enrolment, in the entry tier. */
  readonly reasonEnrolled: ExplainReasonData;
  /** Reason: a manual grant of the tier. */
  readonly reasonGranted: ExplainReasonData;
  /** Reason: an immediate upgrade on activity in the current window. */
  readonly reasonQualifiedByActivity: ExplainReasonData;
  /** Reason: an upgrade at the review of the period that ended. */
  readonly reasonQualifiedAtReview: ExplainReasonData;
  /** Reason: a downgrade at the review, the tier not kept. */
  readonly reasonNotKept: ExplainReasonFigures;
  /** Reason: an immediate downgrade (`downgradeTiming: 'immediate'`). */
  readonly reasonNoLongerQualifies: ExplainReasonFigures;
  /** Reason: a grace period ended without requalifying. */
  readonly reasonGraceEnded: ExplainReasonData;
  /**
   * Reason: a clause the library did not write (a snapshot made by hand or by another program);
   * `text` is that clause as stored.
   */
  readonly reasonOther: ExplainMessageBase & {
    /** The clause as stored. */
    readonly text: string;
  };
}

/**
 * The keys of a {@link LoyaltyExplainMessages} table: the lines of `explain`, the figures phrase
 * and the reasons of a tier change.
 *
 * @category Loyalty
 */
export type LoyaltyExplainMessageKey = keyof LoyaltyExplainMessageData;

/**
 * A table of the sentences `explain` gives a member: every {@link LoyaltyExplainMessageKey}, each a
 * function of its {@link LoyaltyExplainMessageData}. Pass one to
 * `explain(program, snapshot, { messages, locale })`.
 *
 * @example
 * ```ts
 * import { loyaltyExplainMessagesEn, type LoyaltyExplainMessages } from 'servicecraft/loyalty';
 *
 * const mine: LoyaltyExplainMessages = {
 *   ...loyaltyExplainMessagesEn,
 *   notEnrolled: () => 'Join the club to start collecting points.',
 * };
 * ```
 *
 * @category Loyalty
 */
export type LoyaltyExplainMessages = {
  readonly [K in LoyaltyExplainMessageKey]: (data: LoyaltyExplainMessageData[K]) => string;
};

const balanceNote = (q: string | null) =>
  q === null
    ? ''
    : `; downgrade: balance compares the balance, not the ${q} qualifying points, with the thresholds`;

/**
 * The English sentences `explain` uses when the app supplies none: the sentences it has always
 * returned, tier ids included (use `name` in a table of your own to show display names).
 *
 * @example
 * ```ts
 * import { loyaltyExplainMessagesEn } from 'servicecraft/loyalty';
 *
 * loyaltyExplainMessagesEn.grace({
 *   locale: null, to: { id: 'silver', name: 'Silver' },
 *   until: '2026-01-31T00:00:00.000Z', untilMs: Date.UTC(2026, 0, 31),
 * }); // 'Grace period: drops to silver at 2026-01-31T00:00:00.000Z unless requalified.'
 * ```
 *
 * @category Loyalty
 */
export const loyaltyExplainMessagesEn: LoyaltyExplainMessages = Object.freeze({
  notEnrolled: () => 'Not enrolled yet: no tier.',
  tier: ({ tier, figures, windowFrom, windowTo, qualifiesFor }) =>
    `Tier ${tier.id}: qualifying ${figures} in ${windowFrom} to ${windowTo} reach ${qualifiesFor.id}.`,
  tierDiffers: ({ upgrade, downgrade, floor }) =>
    `The tier differs from what the metrics reach because of the ${upgrade} upgrade and ${downgrade} downgrade policies${floor ? ` and a granted floor of ${floor.id}` : ''}.`,
  balanceKeeps: ({ balance, keeps }) =>
    `Downgrade policy balance: the tier is kept at a review by the balance, now ${balance} points, which reaches ${keeps.id}.`,
  floor: ({ tier, until }) =>
    `Granted floor: ${tier.id}${until === null ? ', permanent' : ` until ${until}`}.`,
  grace: ({ to, until }) => `Grace period: drops to ${to.id} at ${until} unless requalified.`,
  lastChange: ({ at, from, to, reason }) =>
    `Last change at ${at}: ${from?.id ?? 'none'} → ${to.id}, ${reason}.`,
  figures: ({ figures }) => figures.map((f) => `${f.metric} ${f.text}`).join(', '),
  reasonEnrolled: () => 'enrolled in the entry tier',
  reasonGranted: ({ tier }) => `granted ${tier.id} manually`,
  reasonQualifiedByActivity: ({ tier }) =>
    `qualified for ${tier.id} by activity in the current window`,
  reasonQualifiedAtReview: ({ tier }) => `qualified for ${tier.id} in the period that ended`,
  reasonNotKept: ({ tier, figures, qualifyingPoints }) =>
    `did not keep ${tier.id} in the period that ended (${figures}${balanceNote(qualifyingPoints)})`,
  reasonNoLongerQualifies: ({ tier, figures, qualifyingPoints }) =>
    `no longer qualifies for ${tier.id} (${figures}${balanceNote(qualifyingPoints)})`,
  reasonGraceEnded: ({ tier }) => `grace period ended without requalifying for ${tier.id}`,
  reasonOther: ({ text }) => text,
});

/** Every key, for the run-time check of a supplied table. */
const keys = Object.keys(loyaltyExplainMessagesEn) as LoyaltyExplainMessageKey[];

/**
 * How `explain` words its lines.
 *
 * @category Loyalty
 */
export interface ExplainMessageOptions {
  /** The sentences (a complete table; spread {@link loyaltyExplainMessagesEn} to change a few). */
  readonly messages?: LoyaltyExplainMessages | undefined;
  /**
   * The BCP 47 locale dates and numbers are formatted for. Without one, dates are ISO 8601 and
   * numbers plain digits, as `explain` has always written them.
   */
  readonly locale?: string | undefined;
  /** The IANA time zone dates are shown in (default: the programme's `policy.timeZone`). */
  readonly timeZone?: string | undefined;
}

/** @internal The checked message options: the table, and the formatters for the locale. */
export interface ExplainWording {
  readonly messages: LoyaltyExplainMessages;
  readonly locale: string | null;
  /** An instant (epoch ms) as a date. */
  readonly date: (at: number) => string;
  /** A number. */
  readonly number: (n: number) => string;
  /** An activity bucket (local month index, or local day number when `daily`). */
  readonly bucket: (b: number, daily: boolean, plain: (b: number) => string) => string;
}

const quoted = (v: unknown) => JSON.stringify(String(v)).slice(0, 60);
const isDate = (t: number) => Number.isFinite(t) && Math.abs(t) <= 8.64e15;

/**
 * @internal Checks the message options of `explain`: a table missing a key or holding a
 * non-function, an ill-formed locale or an unknown time zone is a usage error naming what is wrong.
 */
export function resolveExplainWording(
  options: ExplainMessageOptions,
  programZone: string,
): ExplainWording {
  const messages =
    options.messages === undefined
      ? loyaltyExplainMessagesEn
      : checkTable<LoyaltyExplainMessages>(
          'explain',
          options.messages,
          keys,
          'loyaltyExplainMessagesEn',
        );
  const { locale, timeZone } = options;
  if (locale === undefined) {
    if (timeZone !== undefined) checkZone(timeZone);
    return {
      messages,
      locale: null,
      date: iso,
      number: String,
      bucket: (b, _d, plain) => plain(b),
    };
  }
  let day: Intl.DateTimeFormat;
  let month: Intl.DateTimeFormat;
  let bucketDay: Intl.DateTimeFormat;
  let number: Intl.NumberFormat;
  try {
    if (typeof locale !== 'string') throw new TypeError('not a string');
    day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: timeZone ?? programZone });
    month = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
    bucketDay = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    number = new Intl.NumberFormat(locale);
  } catch {
    throw new UsageError(
      `Invalid options for explain: the locale or time zone is not valid (locale ${quoted(locale)}${timeZone === undefined ? '' : `, time zone ${quoted(timeZone)}`}); use a BCP 47 tag such as 'de-DE' and an IANA zone such as 'Europe/Berlin'.`,
      [{ path: ['locale'], message: 'not a valid locale or time zone' }],
    );
  }
  return {
    messages,
    locale,
    date: (at) => (isDate(at) ? day.format(at) : iso(at)),
    number: (n) => number.format(n),
    bucket: (b, daily, plain) => {
      // A month index is `year × 12 + month`; a day number counts days since 1970-01-01.
      const t = daily ? b * 86_400_000 : utc(Math.floor(b / 12), b - Math.floor(b / 12) * 12, 1);
      return isDate(t) ? (daily ? bucketDay : month).format(t) : plain(b);
    },
  };
}

function checkZone(timeZone: unknown): void {
  try {
    if (typeof timeZone !== 'string') throw new TypeError('not a string');
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new UsageError(
      `Invalid options for explain: the time zone ${quoted(timeZone)} is not valid; use an IANA zone such as 'Europe/Berlin'.`,
      [{ path: ['timeZone'], message: 'not a valid time zone' }],
    );
  }
}

/**
 * @internal Calls a message function and checks it returned a string (a table returning anything
 * else is a bug in the app's table, reported as a usage error).
 */
export function say<K extends LoyaltyExplainMessageKey>(
  messages: LoyaltyExplainMessages,
  key: K,
  data: LoyaltyExplainMessageData[K],
): string {
  return sayWith('explain', messages as never, key, data);
}

/** @internal A tier id with its display name from the ladder. */
export function tierRef(ladder: TierLadder, id: string): ExplainTier {
  return { id, name: ladder.tiers.find((t) => t.id === id)?.name ?? id };
}

const metricNames: ReadonlySet<string> = new Set(['points', 'spend', 'visits', 'balance']);
const balanceTail =
  /^; downgrade: balance compares the balance, not the (\d+) qualifying points, with the thresholds$/;

/** A number as the library writes it into a clause (so a parsed clause re-reads identically). */
const parseCount = (s: string): number | null => {
  const n = Number(s);
  return /^-?\d+$/.test(s) && String(n) === s ? n : null;
};

/**
 * The figures clause a downgrade reason was written with (`points 3, visits 1`, or the balance
 * form), read back into data; `null` when it is not a clause the library writes.
 */
function parseFigures(
  text: string,
): { list: ExplainFigure[]; qualifyingPoints: number | null } | null {
  const cut = text.indexOf('; ');
  const head = cut < 0 ? text : text.slice(0, cut);
  let qualifyingPoints: number | null = null;
  if (cut >= 0) {
    const m = balanceTail.exec(text.slice(cut));
    const q = m?.[1] === undefined ? null : parseCount(m[1]);
    if (q === null) return null;
    qualifyingPoints = q;
  }
  const list: ExplainFigure[] = [];
  for (const item of head.split(', ')) {
    const space = item.indexOf(' ');
    const metric = item.slice(0, space);
    const value = parseCount(item.slice(space + 1));
    if (space < 0 || !metricNames.has(metric) || value === null) return null;
    list.push({ metric: metric as ExplainFigure['metric'], text: String(value), value });
  }
  return { list, qualifyingPoints };
}

/**
 * @internal Words the reason of a tier change through the table. The reason is stored as the
 * English clause the rules wrote; it is read back into its kind and data (matching the tiers the
 * change names, so a tier id cannot be mistaken for a word of the clause). A clause the library
 * does not write goes to `reasonOther` as it is.
 */
export function wordReason(ladder: TierLadder, change: TierChange, w: ExplainWording): string {
  const { messages, locale } = w;
  const { reason, from, to } = change;
  const toTier = tierRef(ladder, to);
  if (reason === 'enrolled in the entry tier' && from === null)
    return say(messages, 'reasonEnrolled', { locale, tier: toTier });
  if (reason === `granted ${to} manually`)
    return say(messages, 'reasonGranted', { locale, tier: toTier });
  if (reason === `qualified for ${to} by activity in the current window`)
    return say(messages, 'reasonQualifiedByActivity', { locale, tier: toTier });
  if (reason === `qualified for ${to} in the period that ended`)
    return say(messages, 'reasonQualifiedAtReview', { locale, tier: toTier });
  if (from !== null) {
    const fromTier = tierRef(ladder, from);
    if (reason === `grace period ended without requalifying for ${from}`)
      return say(messages, 'reasonGraceEnded', { locale, tier: fromTier });
    for (const [key, prefix] of [
      ['reasonNotKept', `did not keep ${from} in the period that ended (`],
      ['reasonNoLongerQualifies', `no longer qualifies for ${from} (`],
    ] as const) {
      if (!reason.startsWith(prefix) || !reason.endsWith(')')) continue;
      const parsed = parseFigures(reason.slice(prefix.length, -1));
      if (parsed === null) break;
      const figureList = parsed.list.map((f) => ({ ...f, text: w.number(f.value) }));
      const q = parsed.qualifyingPoints;
      return say(messages, key, {
        locale,
        tier: fromTier,
        figures: say(messages, 'figures', { locale, figures: figureList }),
        figureList,
        qualifyingPoints: q === null ? null : w.number(q),
        qualifyingPointsValue: q,
      });
    }
  }
  return say(messages, 'reasonOther', { locale, text: reason });
}
