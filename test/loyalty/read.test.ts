import { describe, expect, it } from 'vitest';
import { run } from '../../examples/loyalty.js';
import { initialSnapshot, nextEvents, toMermaid } from '../../src/index.js';
import {
  balance,
  explain,
  isLapsed,
  lastActivity,
  pointsToKeepTier,
  pointsToNextTier,
  tierOf,
  upcomingExpiries,
} from '../../src/loyalty/index.js';
import { apply, DAY, enrolled, k, ladder, programWith, T0 } from './helpers.js';

const p = programWith({ expiry: { kind: 'days', days: 30 }, lapseDays: 60 });
const m = apply(p, enrolled(p), [
  { type: 'PURCHASE', key: k(), at: T0, order: 'A', amount: 30_000 },
  { type: 'VISIT', key: k(), at: T0 + DAY },
  { type: 'PURCHASE', key: k(), at: T0 + 2 * DAY, order: 'B', amount: 40_000 },
]);

describe('read models', () => {
  it('balance and tier', () => {
    expect([balance(m), tierOf(p, m)]).toEqual([700, ladder.tiers[1]]);
    expect(tierOf(p, initialSnapshot(p.machine))).toBeUndefined();
  });

  it('gap to the next tier, per metric', () => {
    expect(pointsToNextTier(p, m, T0 + 2 * DAY)).toEqual({
      tier: ladder.tiers[2],
      missing: { points: 1_300, visits: 27 },
      points: 1_300,
    });
    const top = apply(p, m, [{ type: 'GRANT_TIER', key: k(), at: T0 + 2 * DAY, tier: 'gold' }]);
    expect(pointsToNextTier(p, top, T0 + 2 * DAY)).toBeNull();
  });

  it('what is needed by period end to keep the tier', () => {
    expect(pointsToKeepTier(p, m, T0 + 2 * DAY)).toEqual({
      tier: ladder.tiers[1],
      missing: { points: 0, visits: 7 },
      points: 0,
      by: Date.UTC(2026, 0, 1),
    });
    // Next year nothing counts yet: the full threshold is missing.
    expect(pointsToKeepTier(p, m, Date.UTC(2026, 0, 2))?.missing).toEqual({
      points: 500,
      visits: 10,
    });
    expect(pointsToKeepTier(programWith({ downgrade: 'never' }), m, T0)).toBeNull();
  });

  it('upcoming expiries, grouped and bounded by the horizon', () => {
    expect(upcomingExpiries(m, T0)).toEqual([
      { at: T0 + 30 * DAY, points: 300 },
      { at: T0 + 32 * DAY, points: 400 },
    ]);
    expect(upcomingExpiries(m, T0, 31)).toEqual([{ at: T0 + 30 * DAY, points: 300 }]);
  });

  it('retention: last activity and lapse', () => {
    expect(lastActivity(m)).toBe(T0 + 2 * DAY);
    expect([isLapsed(p, m, T0 + 61 * DAY), isLapsed(p, m, T0 + 62 * DAY)]).toEqual([false, true]);
    expect(isLapsed(p, initialSnapshot(p.machine), T0)).toBe(false);
  });

  it('explain says why the member is in the tier and what changed last', () => {
    expect(explain(p, m)).toEqual({
      tier: 'silver',
      metrics: { points: 700, spend: 70_000, visits: 3 },
      qualifiesFor: 'silver',
      lastChange: {
        at: T0 + 2 * DAY,
        from: 'member',
        to: 'silver',
        reason: 'qualified for silver by activity in the current window',
      },
      lines: [
        'Tier silver: qualifying points 700, visits 3 in 2025-01 to 2025-12 reach silver.',
        'Last change at 2025-01-12T00:00:00.000Z: member → silver, qualified for silver by activity in the current window.',
      ],
    });
    expect(explain(p, initialSnapshot(p.machine)).lines).toEqual(['Not enrolled yet: no tier.']);
  });

  it('snapshots stay plain JSON and nextEvents lists what a state takes', () => {
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    expect(nextEvents(p.machine, m)).toEqual([
      'PURCHASE',
      'REFUND',
      'VISIT',
      'REFERRAL',
      'REDEEM',
      'EXPIRE',
      'PERIOD_END',
      'GRANT_TIER',
      'CANCEL_ORDER',
      'ADJUST',
      'EXPIRE_LOT',
      'UNLOCK_LOT',
      'TRANSFER_OUT',
      'TRANSFER_IN',
      'PAUSE',
      'CLOSE',
    ]);
    // The rules decide inside the update: a command's edge carries no deciding guard.
    expect(toMermaid(p.machine)).toContain('active --> paused : PAUSE\n');
    expect(toMermaid(p.machine)).not.toContain('[accepted]');
  });
});

describe('demo', () => {
  it('walks the scenario: up to gold, redeem, refund, down one tier, expiry', () => {
    const lines: string[] = [];
    run((line) => lines.push(line));
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(lines.join('\n')).toMatch(/tier gold, balance 1620 \(retry, nothing changed\)/);
    expect(lines.join('\n')).toMatch(/year-end review: tier silver/);
  });
});

describe('read models as of an instant, with one signature', () => {
  // Pending 14 days, expiring 30 days after earning.
  const q = programWith({ pendingDays: 14, expiry: { kind: 'days', days: 30 } });
  const member = apply(q, enrolled(q), [
    { type: 'PURCHASE', key: k(), at: T0, order: 'A', amount: 10_000 }, // 100 pending until T0+14d
  ]);

  it('balance as of a later instant counts points that became spendable and drops expired ones', () => {
    expect(balance(q, member)).toBe(0); // still pending at the last command
    expect(balance(q, member, { at: T0 + 14 * DAY })).toBe(100);
    expect(balance(q, member, { at: T0 + 30 * DAY })).toBe(0); // expired
    // Earlier than the last command: the snapshot as it is.
    expect(balance(q, member, { at: T0 - DAY })).toBe(0);
    // The snapshot itself is not changed.
    expect(member.context.lots[0]?.status).toBe('pending');
  });

  it('upcoming expiries as of an instant, with a horizon', () => {
    expect(upcomingExpiries(q, member)).toEqual([{ at: T0 + 30 * DAY, points: 100 }]);
    expect(upcomingExpiries(q, member, { at: T0 + 10 * DAY, horizonDays: 10 })).toEqual([]);
    expect(upcomingExpiries(q, member, { at: T0 + 31 * DAY })).toEqual([]);
  });

  it('tier, gaps, lapse and explain read as of the instant (a review falls due on the way)', () => {
    const gold = apply(p, enrolled(p), [
      { type: 'PURCHASE', key: k(), at: T0, order: 'G', amount: 200_000 },
    ]);
    const y27 = { at: Date.UTC(2027, 0, 2) };
    // The 2025 activity keeps gold through 2026; the review at the start of 2027 drops it.
    expect(tierOf(p, gold)?.id).toBe('gold');
    expect(tierOf(p, gold, y27)?.id).toBe('member');
    expect(pointsToNextTier(p, gold, y27)?.points).toBe(500);
    expect(pointsToKeepTier(p, gold, { at: Date.UTC(2026, 0, 2) })?.by).toBe(Date.UTC(2027, 0, 1));
    expect(isLapsed(p, gold, { at: T0 + 400 * DAY })).toBe(true);
    expect(lastActivity(p, gold)).toBe(T0);
    expect(explain(p, gold, y27).lines[0]).toBe(
      'Tier member: qualifying points 0, visits 0 in 2027-01 to 2027-12 reach member.',
    );
  });

  it('rejects an `at` that is not a time, as misuse', () => {
    expect(() => balance(q, member, { at: 1.5 })).toThrow(/Invalid options for balance/);
  });
});
