import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialSnapshot, UsageError } from '../../src/index.js';
import { iso } from '../../src/loyalty/calendar.js';
import {
  defineLoyaltyProgram,
  defineTierLadder,
  type ExplainTier,
  explain,
  type LoyaltyExplainMessageKey,
  type LoyaltyExplainMessages,
  type LoyaltyPolicy,
  type LoyaltyPolicyInput,
  type LoyaltyProgram,
  loyaltyExplainMessagesEn,
  type MembershipView,
} from '../../src/loyalty/index.js';
import { rulesOf } from '../../src/loyalty/rules.js';
import { describe as describeMetrics, metricsAt, qualifiedRank } from '../../src/loyalty/tiers.js';
import { anyOps, anyPolicy, walk } from './arbitraries.js';
import { apply, DAY, enrolled, k, ladder, type Member, programWith, T0 } from './helpers.js';

/**
 * The lines `explain` wrote before its sentences came from a table (the body of the earlier
 * implementation, for a snapshot read as it is): the oracle for the English default.
 */
function linesBefore(program: LoyaltyProgram, snapshot: MembershipView): string[] {
  const { ladder: l, policy } = program;
  const ctx = snapshot.context;
  const at = ctx.lastAt ?? 0;
  const rules = rulesOf(program);
  const metrics = metricsAt(rules, ctx, at);
  const qualifiesFor = l.tiers[qualifiedRank(l, metrics)]?.id ?? '';
  const lines: string[] = [];
  if (ctx.tier === null) return ['Not enrolled yet: no tier.'];
  const { from, to } = rules.time.windowAt(ctx, at);
  const text = rules.time.bucketText;
  lines.push(
    `Tier ${ctx.tier}: qualifying ${describeMetrics(l, metrics)} in ${text(from)} to ${text(to)} reach ${qualifiesFor}.`,
  );
  if (ctx.tier !== qualifiesFor) {
    lines.push(
      `The tier differs from what the metrics reach because of the ${policy.upgrade} upgrade and ${policy.downgrade} downgrade policies${ctx.floor ? ` and a granted floor of ${ctx.floor.tier}` : ''}.`,
    );
  }
  if (policy.downgrade === 'balance' && l.qualifyBy.includes('points')) {
    const kept = l.tiers[qualifiedRank(l, { ...metrics, points: ctx.balance })]?.id;
    lines.push(
      `Downgrade policy balance: the tier is kept at a review by the balance, now ${ctx.balance} points, which reaches ${kept}.`,
    );
  }
  if (ctx.floor)
    lines.push(
      `Granted floor: ${ctx.floor.tier}${ctx.floor.until === null ? ', permanent' : ` until ${iso(ctx.floor.until)}`}.`,
    );
  if (ctx.grace)
    lines.push(
      `Grace period: drops to ${ctx.grace.to} at ${iso(ctx.grace.until)} unless requalified.`,
    );
  if (ctx.lastChange) {
    const c = ctx.lastChange;
    lines.push(`Last change at ${iso(c.at)}: ${c.from ?? 'none'} → ${c.to}, ${c.reason}.`);
  }
  return lines;
}

/** The test ladder with German display names (same ids and thresholds). */
const ladderDe = defineTierLadder({
  id: ladder.id,
  qualifyBy: ladder.qualifyBy,
  tiers: ladder.tiers.map((t, i) => ({
    id: t.id,
    name: ['Mitglied', 'Silber', 'Gold'][i] as string,
    ...(i === 0 ? {} : { threshold: t.threshold }),
    multiplier: t.multiplier,
    perks: t.perks,
  })),
});
const programDe = (policy: LoyaltyPolicyInput = {}) =>
  defineLoyaltyProgram({ ladder: ladderDe, policy });

const kennzahl = { points: 'Punkte', spend: 'Umsatz', visits: 'Besuche', balance: 'Punktestand' };
const aufstieg: Record<LoyaltyPolicy['upgrade'], string> = {
  immediate: 'sofortiger Aufstieg',
  nextPeriod: 'Aufstieg zum nächsten Zeitraum',
};
const abstieg: Record<LoyaltyPolicy['downgrade'], string> = {
  never: 'kein Abstieg',
  periodEnd: 'Abstieg zum Zeitraumende',
  oneStep: 'Abstieg um höchstens eine Stufe',
  balance: 'Abstieg nach Punktestand',
};
const stand = (q: string | null) =>
  q === null ? '' : `; statt der ${q} Qualifikationspunkte zählt der Punktestand`;
const name = (t: ExplainTier) => t.name;

/** A complete German table: `satisfies` makes a key added to the type a compile error here. */
const de = {
  notEnrolled: () => 'Noch nicht angemeldet: keine Stufe.',
  tier: ({ tier, figures, windowFrom, windowTo, qualifiesFor }) =>
    `Stufe ${name(tier)}: ${figures} von ${windowFrom} bis ${windowTo} ergeben ${name(qualifiesFor)}.`,
  tierDiffers: ({ upgrade, downgrade, floor }) =>
    `Die Stufe weicht davon ab: ${aufstieg[upgrade]}, ${abstieg[downgrade]}${floor ? `, gewährte Mindeststufe ${name(floor)}` : ''}.`,
  balanceKeeps: ({ balance, keeps }) =>
    `Bei der Prüfung zählt Ihr Punktestand, jetzt ${balance} Punkte; er ergibt ${name(keeps)}.`,
  floor: ({ tier, until }) =>
    `Gewährte Mindeststufe: ${name(tier)}${until === null ? ', dauerhaft' : ` bis ${until}`}.`,
  grace: ({ to, until }) =>
    `Schonfrist: Am ${until} geht es auf ${name(to)} zurück, wenn Sie sich nicht erneut qualifizieren.`,
  lastChange: ({ at, from, to, reason }) =>
    `Letzte Änderung am ${at}: ${from === null ? 'keine' : name(from)} → ${name(to)}, ${reason}.`,
  figures: ({ figures }) => figures.map((f) => `${kennzahl[f.metric]} ${f.text}`).join(', '),
  reasonEnrolled: () => 'Anmeldung in der Einstiegsstufe',
  reasonGranted: ({ tier }) => `${name(tier)} von Hand gewährt`,
  reasonQualifiedByActivity: ({ tier }) =>
    `für ${name(tier)} qualifiziert durch Aktivität im laufenden Zeitraum`,
  reasonQualifiedAtReview: ({ tier }) => `für ${name(tier)} qualifiziert im abgelaufenen Zeitraum`,
  reasonNotKept: ({ tier, figures, qualifyingPoints }) =>
    `${name(tier)} im abgelaufenen Zeitraum nicht gehalten (${figures}${stand(qualifyingPoints)})`,
  reasonNoLongerQualifies: ({ tier, figures, qualifyingPoints }) =>
    `nicht mehr für ${name(tier)} qualifiziert (${figures}${stand(qualifyingPoints)})`,
  reasonGraceEnded: ({ tier }) =>
    `Schonfrist ohne erneute Qualifikation für ${name(tier)} abgelaufen`,
  reasonOther: () => 'aus einem anderen Grund',
} satisfies LoyaltyExplainMessages;

/** English words (and the test ladder's ids) that must not survive in a German line. */
const english =
  /\b(Tier|tier|Not|enrolled|qualifying|qualified|qualifies|reach|reaches|points|spend|visits|balance|Downgrade|downgrade|upgrade|Granted|granted|floor|permanent|Grace|period|until|unless|Last|change|none|manually|activity|window|ended|member|silver|immediate|nextPeriod|periodEnd|oneStep|never|January|December)\b/;

const allKeys = Object.keys(loyaltyExplainMessagesEn).sort();

/** Wraps a table so every call records its key, in order. */
function recording(table: LoyaltyExplainMessages, log: LoyaltyExplainMessageKey[]) {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(table) as LoyaltyExplainMessageKey[]) {
    out[key] = (data: never) => {
      log.push(key);
      return (table[key] as (d: never) => string)(data);
    };
  }
  return out as unknown as LoyaltyExplainMessages;
}

/** Explains one snapshot in English (ids) and in German (names), with the keys each called. */
function both(policy: LoyaltyPolicyInput, snapshot: MembershipView, options: { at?: number } = {}) {
  const enKeys: LoyaltyExplainMessageKey[] = [];
  const deKeys: LoyaltyExplainMessageKey[] = [];
  const en = explain(programWith(policy), snapshot, {
    ...options,
    messages: recording(loyaltyExplainMessagesEn, enKeys),
  });
  const german = explain(programDe(policy), snapshot, {
    ...options,
    messages: recording(de, deKeys),
    locale: 'de-DE',
  });
  return { en, de: german, enKeys, deKeys };
}

const Y26 = Date.UTC(2026, 0, 1);
const Y27 = Date.UTC(2027, 0, 1);
const buy = (at: number, amount: number, order = k('o')) =>
  ({ type: 'PURCHASE', key: k(), at, order, amount }) as const;

/** Hand-made members that between them reach every line and every reason. */
function scenarios(): { policy: LoyaltyPolicyInput; snapshot: Member; what: string }[] {
  const out: { policy: LoyaltyPolicyInput; snapshot: Member; what: string }[] = [];
  const add = (what: string, policy: LoyaltyPolicyInput, build: (p: LoyaltyProgram) => Member) =>
    out.push({ what, policy, snapshot: build(programWith(policy)) });
  add('prospect', {}, (p) => initialSnapshot(p.machine));
  add('enrolled', {}, (p) => enrolled(p));
  add('upgraded by activity', {}, (p) => apply(p, enrolled(p), [buy(T0, 60_000)]));
  add('upgraded at the review, grace running', { upgrade: 'nextPeriod', graceDays: 30 }, (p) =>
    apply(p, enrolled(p), [
      buy(T0, 250_000),
      { type: 'PERIOD_END', key: k(), at: Y26 },
      { type: 'PERIOD_END', key: k(), at: Y27 },
    ]),
  );
  add('grace ended', { graceDays: 30 }, (p) =>
    apply(p, enrolled(p), [
      buy(T0, 250_000),
      { type: 'PERIOD_END', key: k(), at: Y26 },
      { type: 'PERIOD_END', key: k(), at: Y27 },
      { type: 'EXPIRE', key: k(), at: Y27 + 30 * DAY },
    ]),
  );
  add('granted with an end, kept by the floor', {}, (p) =>
    apply(p, enrolled(p), [
      { type: 'GRANT_TIER', key: k(), at: T0, tier: 'gold', until: Date.UTC(2025, 5, 30) },
    ]),
  );
  add('granted for good', {}, (p) =>
    apply(p, enrolled(p), [{ type: 'GRANT_TIER', key: k(), at: T0, tier: 'silver' }]),
  );
  add('downgraded at the review by the balance', { downgrade: 'balance' }, (p) =>
    apply(p, enrolled(p), [
      buy(T0, 150_000),
      { type: 'REDEEM', key: k(), at: T0, points: 1_400 },
      { type: 'PERIOD_END', key: k(), at: Y26 },
    ]),
  );
  add('dropped at once on a refund', { downgradeTiming: 'immediate' }, (p) =>
    apply(p, enrolled(p), [
      buy(T0, 60_000, 'R'),
      { type: 'REFUND', key: k(), at: T0 + DAY, order: 'R', amount: 60_000 },
    ]),
  );
  add('a reason the library did not write', {}, (p) => {
    const m = apply(p, enrolled(p), [buy(T0, 60_000)]);
    const lastChange = {
      ...(m.context.lastChange as NonNullable<Member['context']['lastChange']>),
      reason: 'migrated from the old system',
    };
    return { ...m, context: { ...m.context, lastChange } };
  });
  return out;
}

describe('explain messages', () => {
  it('the German table has exactly the keys of the English one', () => {
    expect(Object.keys(de).sort()).toEqual(allKeys);
  });

  it('without messages, every reachable member reads as before (property)', () => {
    fc.assert(
      fc.property(anyPolicy, anyOps, (policy, ops) => {
        const { program, states } = walk(policy, ops);
        for (const snap of states) {
          const lines = explain(program, snap).lines;
          expect(lines).toEqual(linesBefore(program, snap));
          const keys: LoyaltyExplainMessageKey[] = [];
          const same = explain(program, snap, {
            messages: recording(loyaltyExplainMessagesEn, keys),
          });
          expect(same.lines).toEqual(lines);
          // Every reason the rules write is read back into its own key.
          expect(keys).not.toContain('reasonOther');
        }
      }),
      { numRuns: 40 },
    );
  });

  it('any stored reason, even one the library did not write, reads as before in English (property)', () => {
    const p = programWith();
    const m = apply(p, enrolled(p), [buy(T0, 60_000)]);
    const change = m.context.lastChange as NonNullable<Member['context']['lastChange']>;
    const written = [
      change.reason,
      'did not keep silver in the period that ended (points 3, visits 1)',
      'did not keep silver in the period that ended (balance 11; downgrade: balance compares the balance, not the 15 qualifying points, with the thresholds)',
      'no longer qualifies for silver (points 007)',
      'no longer qualifies for silver (points 3; downgrade: balance compares the balance, not the x qualifying points, with the thresholds)',
      'did not keep silver in the period that ended ()',
    ];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...written),
          fc.string(),
          fc.constantFrom(...written).chain((w) => fc.nat(w.length).map((i) => w.slice(0, i))),
        ),
        fc.constantFrom('member', 'silver', 'gold', 'vip (plus)'),
        (reason, from) => {
          const snap = { ...m, context: { ...m.context, lastChange: { ...change, from, reason } } };
          expect(explain(p, snap).lines).toEqual(linesBefore(p, snap));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a German table replaces every line, with no English left; same lines, same order (property)', () => {
    fc.assert(
      fc.property(anyPolicy, anyOps, (policy, ops) => {
        const { states } = walk(policy, ops);
        for (const snap of states.slice(-4)) {
          const r = both(policy, snap);
          expect(r.deKeys).toEqual(r.enKeys);
          expect(r.de.lines).toHaveLength(r.en.lines.length);
          r.de.lines.forEach((line, i) => {
            expect(line).not.toBe(r.en.lines[i]);
            expect(line).not.toMatch(english);
          });
          // Only the words differ: every other field is the same.
          expect({ ...r.de, lines: [] }).toEqual({ ...r.en, lines: [] });
        }
      }),
      { numRuns: 40 },
    );
  });

  it('every key is reached and replaced by the German table', () => {
    const seen = new Set<string>();
    for (const { policy, snapshot, what } of scenarios()) {
      const r = both(policy, snapshot);
      for (const key of r.deKeys) seen.add(key);
      expect(r.deKeys, what).toEqual(r.enKeys);
      expect(r.de.lines.join('\n'), what).not.toMatch(english);
      expect(r.en.lines, what).toEqual(linesBefore(programWith(policy), snapshot));
    }
    expect([...seen].sort()).toEqual(allKeys);
  });

  it('words a member in German with Intl dates and numbers', () => {
    const policy = { downgrade: 'balance', graceDays: 30 } as const;
    const p = programWith(policy);
    const m = apply(p, enrolled(p), [
      buy(T0, 250_000),
      { type: 'REDEEM', key: k(), at: T0, points: 600 },
      { type: 'GRANT_TIER', key: k(), at: T0, tier: 'silver', until: Date.UTC(2025, 5, 30) },
    ]);
    expect(explain(programDe(policy), m, { messages: de, locale: 'de-DE' }).lines).toEqual([
      'Stufe Gold: Punkte 2.500, Besuche 1 von Januar 2025 bis Dezember 2025 ergeben Gold.',
      'Bei der Prüfung zählt Ihr Punktestand, jetzt 1.900 Punkte; er ergibt Silber.',
      'Gewährte Mindeststufe: Silber bis 30. Juni 2025.',
      'Letzte Änderung am 10. Januar 2025: Mitglied → Gold, für Gold qualifiziert durch Aktivität im laufenden Zeitraum.',
    ]);
    // Without options: as before.
    expect(explain(p, m).lines).toEqual(linesBefore(p, m));
  });

  it('formats dates in the programme zone by default, or in the zone asked for', () => {
    const policy = { timeZone: 'America/Los_Angeles' };
    const p = programDe(policy);
    const m = apply(p, enrolled(p, Date.UTC(2025, 0, 10, 3)), [
      // 03:00 UTC on 10 January is still 9 January in Los Angeles.
      { type: 'GRANT_TIER', key: k(), at: Date.UTC(2025, 0, 10, 3), tier: 'gold' },
    ]);
    const last = (timeZone?: string) =>
      explain(p, m, { messages: de, locale: 'de-DE', ...(timeZone ? { timeZone } : {}) }).lines.at(
        -1,
      );
    expect(last()).toBe(
      'Letzte Änderung am 9. Januar 2025: Mitglied → Gold, Gold von Hand gewährt.',
    );
    expect(last('Europe/Berlin')).toBe(
      'Letzte Änderung am 10. Januar 2025: Mitglied → Gold, Gold von Hand gewährt.',
    );
  });

  it('the English table with a locale keeps the words and formats dates and numbers', () => {
    const p = programWith({
      window: { kind: 'anniversary', every: { years: 1 }, from: 'enrolment' },
    });
    const m = apply(p, enrolled(p), [buy(T0, 300_000)]);
    expect(explain(p, m, { locale: 'en-GB' }).lines).toEqual([
      'Tier gold: qualifying points 3,000, visits 1 in 10 January 2025 to 9 January 2026 reach gold.',
      'Last change at 10 January 2025: member → gold, qualified for gold by activity in the current window.',
    ]);
  });

  it('gives each message its typed data', () => {
    const p = programDe({ downgrade: 'balance', downgradeTiming: 'immediate' });
    // 1,500 qualifying points reach silver; redeeming 1,200 leaves a balance of 300, below it.
    const m = apply(p, enrolled(p), [
      buy(T0, 150_000),
      { type: 'REDEEM', key: k(), at: T0, points: 1_200 },
    ]);
    const seen: unknown[] = [];
    const lines = explain(p, m, {
      locale: 'de-DE',
      messages: {
        ...loyaltyExplainMessagesEn,
        reasonNoLongerQualifies: (data) => {
          seen.push(data);
          return 'x';
        },
      },
    }).lines;
    expect(seen).toEqual([
      {
        locale: 'de-DE',
        tier: { id: 'silver', name: 'Silber' },
        figures: 'balance 300, visits 1',
        figureList: [
          { metric: 'balance', text: '300', value: 300 },
          { metric: 'visits', text: '1', value: 1 },
        ],
        qualifyingPoints: '1.500',
        qualifyingPointsValue: 1_500,
      },
    ]);
    expect(lines.at(-1)).toBe('Last change at 10. Januar 2025: silver → member, x.');
    expect(explain(p, m).lines.at(-1)).toBe(
      'Last change at 2025-01-10T00:00:00.000Z: silver → member, no longer qualifies for silver (balance 300, visits 1; downgrade: balance compares the balance, not the 1500 qualifying points, with the thresholds).',
    );
  });
});

describe('explain messages: misuse', () => {
  const p = programWith();
  const m = apply(p, enrolled(p), [buy(T0, 60_000)]);

  /** Runs `explain` expecting a UsageError; checks nothing it was given changed. */
  function misuse(options: unknown) {
    const before = structuredClone(m);
    const table = (options as { messages?: unknown }).messages;
    const tableBefore = typeof table === 'object' && table !== null ? { ...table } : table;
    let error: unknown;
    try {
      explain(p, m, options as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect(m).toEqual(before);
    if (typeof table === 'object' && table !== null) expect(table).toEqual(tableBefore);
    return error as UsageError;
  }

  it('a table missing a function names the key', () => {
    const { grace: _, ...partial } = loyaltyExplainMessagesEn;
    const e = misuse({ messages: partial });
    expect(e.message).toBe(
      'Invalid options for explain: the messages table has no function for grace; supply every key (spread loyaltyExplainMessagesEn to keep the English ones).',
    );
    expect(e.problems).toEqual([{ path: ['messages', 'grace'], message: 'expected a function' }]);
  });

  it('a key that is not a function is named too, whichever line needs it', () => {
    const e = misuse({
      messages: { ...loyaltyExplainMessagesEn, reasonOther: 'sonstiges', floor: 3 },
    });
    expect(e.message).toMatch(/has no function for floor, reasonOther;/);
    expect(e.problems.map((x) => x.path)).toEqual([
      ['messages', 'floor'],
      ['messages', 'reasonOther'],
    ]);
    // Checked before reading: a prospect, which needs one line only, is refused the same way.
    expect(() =>
      explain(p, initialSnapshot(p.machine), { messages: { ...de, floor: 3 } as never }),
    ).toThrow(/has no function for floor/);
  });

  it('a table that is not an object', () => {
    expect(misuse({ messages: null }).message).toBe(
      'Invalid options for explain: messages must be a table of functions (received null); spread loyaltyExplainMessagesEn to keep the English ones.',
    );
    expect(misuse({ messages: 'de' }).message).toMatch(/received string/);
  });

  it('a message that returns something other than a string', () => {
    const e = misuse({ messages: { ...de, figures: () => 42 } });
    expect(e.message).toBe(
      'Invalid options for explain: messages.figures returned number, not a string.',
    );
    expect(e.problems).toEqual([
      { path: ['messages', 'figures'], message: 'did not return a string' },
    ]);
  });

  it('an invalid locale or time zone', () => {
    expect(misuse({ locale: 'de_DE!!' }).message).toBe(
      `Invalid options for explain: the locale or time zone is not valid (locale "de_DE!!"); use a BCP 47 tag such as 'de-DE' and an IANA zone such as 'Europe/Berlin'.`,
    );
    expect(misuse({ locale: 'de-DE', timeZone: 'Mars/Olympus' }).message).toMatch(
      /time zone "Mars\/Olympus"/,
    );
    expect(misuse({ timeZone: 'Mars/Olympus' }).message).toBe(
      `Invalid options for explain: the time zone "Mars/Olympus" is not valid; use an IANA zone such as 'Europe/Berlin'.`,
    );
    expect(misuse({ locale: 7 }).problems).toEqual([
      { path: ['locale'], message: 'not a valid locale or time zone' },
    ]);
  });

  it('an unknown option is still refused', () => {
    expect(misuse({ lang: 'de' }).message).toMatch(/Invalid options for explain/);
  });
});
