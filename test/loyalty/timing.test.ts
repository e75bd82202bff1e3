/**
 * Downgrade timing (`downgradeTiming`), what qualifies (`pendingQualifies`) and when points
 * expire (`expiryFrom`, `expiryAt`).
 */
import { describe, expect, it } from 'vitest';
import { apply, DAY, enrolled, k, programWith, T0 } from './helpers.js';

const buy = (order: string, amount: number, at = T0) => ({
  type: 'PURCHASE' as const,
  key: k(),
  at,
  order,
  amount,
});
const Y26 = Date.UTC(2026, 0, 1);

describe('downgradeTiming', () => {
  it('immediate: a refund of the purchase that promoted the member drops the tier at once', () => {
    const p = programWith({ downgradeTiming: 'immediate' });
    // 400 + 200 base points = 600 ≥ 500 → silver on the second purchase.
    const m = apply(p, enrolled(p), [buy('A', 40_000), buy('B', 20_000, T0 + DAY)]);
    expect(m.context.tier).toBe('silver');
    // Refunding B takes its 200 qualifying points back: 400 < 500 → member, now.
    const r = apply(p, m, [
      { type: 'REFUND', key: k(), at: T0 + 2 * DAY, order: 'B', amount: 20_000 },
    ]);
    expect(r.context.tier).toBe('member');
    expect(r.context.lastChange).toEqual({
      at: T0 + 2 * DAY,
      from: 'silver',
      to: 'member',
      reason: 'no longer qualifies for silver (points 400, visits 2)',
    });
  });

  it('periodEnd (default): the same refund leaves the tier until the review', () => {
    const p = programWith();
    const m = apply(p, enrolled(p), [
      buy('A', 40_000),
      buy('B', 20_000, T0 + DAY),
      { type: 'REFUND', key: k(), at: T0 + 2 * DAY, order: 'B', amount: 20_000 },
    ]);
    expect(m.context.tier).toBe('silver');
    expect(apply(p, m, [{ type: 'PERIOD_END', key: k(), at: Y26 }]).context.tier).toBe('member');
  });

  it('immediate keeps what the last review granted through the next period', () => {
    const p = programWith({ downgradeTiming: 'immediate' });
    // 600 points in 2025 → silver; a visit in March 2026 sees 0 in 2026 but 600 in 2025.
    const m = apply(p, enrolled(p), [
      buy('A', 60_000),
      { type: 'VISIT', key: k(), at: Date.UTC(2026, 2, 1) },
    ]);
    expect(m.context.tier).toBe('silver');
    // In 2027 neither 2026 (1 visit) nor 2027 reaches silver: the review drops the member.
    expect(apply(p, m, [{ type: 'VISIT', key: k(), at: Date.UTC(2027, 0, 5) }]).context.tier).toBe(
      'member',
    );
  });

  it('immediate with a grace period schedules the drop instead', () => {
    const p = programWith({ downgradeTiming: 'immediate', graceDays: 10 });
    const m = apply(p, enrolled(p), [
      buy('A', 60_000),
      { type: 'REFUND', key: k(), at: T0 + DAY, order: 'A', amount: 60_000 },
    ]);
    expect([m.context.tier, m.context.grace]).toEqual([
      'silver',
      { until: T0 + 11 * DAY, to: 'member' },
    ]);
    const later = apply(p, m, [{ type: 'EXPIRE', key: k(), at: T0 + 11 * DAY }]);
    expect(later.context.tier).toBe('member');
  });
});

describe('pendingQualifies', () => {
  it('true (default): pending points count toward tiers at once', () => {
    const p = programWith({ pendingDays: 14 });
    const m = apply(p, enrolled(p), [buy('A', 60_000)]); // 600 pending
    expect([m.context.tier, m.context.balance]).toEqual(['silver', 0]);
  });

  it('false: pending points count only once spendable (as Open Loyalty does)', () => {
    const p = programWith({ pendingDays: 14, pendingQualifies: false });
    const m = apply(p, enrolled(p), [buy('A', 60_000)]);
    expect(m.context.tier).toBe('member');
    // On T0 + 14 days the lot unlocks; the next activity sees 600 qualifying points → silver.
    const later = apply(p, m, [{ type: 'VISIT', key: k(), at: T0 + 14 * DAY }]);
    expect(later.context.tier).toBe('silver');
  });

  it('false: a partly refunded pending order stands for the points not refunded', () => {
    const p = programWith({ pendingDays: 14, pendingQualifies: false, upgrade: 'nextPeriod' });
    const m = apply(p, enrolled(p), [
      buy('A', 60_000), // 600 pending, qualifying 600
      { type: 'REFUND', key: k(), at: T0 + DAY, order: 'A', amount: 30_000 }, // 300 left
    ]);
    expect(m.context.lots[0]).toMatchObject({ remaining: 300, qualifying: 300 });
    // Month counter 300 − pending 300 = 0 qualifying now.
    expect(m.context.months[0]?.points).toBe(300);
  });
});

describe('expiry', () => {
  it('expiryFrom: available counts the expiry days from the end of the pending period', () => {
    const earned = programWith({ pendingDays: 14, expiry: { kind: 'days', days: 30 } });
    const available = programWith({
      pendingDays: 14,
      expiry: { kind: 'days', days: 30 },
      expiryFrom: 'available',
    });
    const e = apply(earned, enrolled(earned), [buy('A', 1_000)]);
    const a = apply(available, enrolled(available), [buy('A', 1_000)]);
    expect(e.context.lots[0]?.expiresAt).toBe(T0 + 30 * DAY); // 16 spendable days
    expect(a.context.lots[0]?.expiresAt).toBe(T0 + 44 * DAY); // 30 spendable days
  });

  it('expiryAt: endOfDay moves the expiry to the next UTC midnight', () => {
    const p = programWith({ expiry: { kind: 'days', days: 30 }, expiryAt: 'endOfDay' });
    const noon = T0 + DAY / 2; // 2025-01-10T12:00Z
    const m = apply(p, enrolled(p), [buy('A', 1_000, noon)]);
    // 30 days after noon is 2025-02-09T12:00Z; the end of that day is 2025-02-10T00:00Z.
    expect(m.context.lots[0]?.expiresAt).toBe(Date.UTC(2025, 1, 10));
    // Still spendable in the afternoon of 2025-02-09, gone at midnight.
    const before = apply(p, m, [{ type: 'EXPIRE', key: k(), at: Date.UTC(2025, 1, 9, 23) }]);
    expect(before.context.balance).toBe(10);
    const after = apply(p, before, [{ type: 'EXPIRE', key: k(), at: Date.UTC(2025, 1, 10) }]);
    expect(after.context.balance).toBe(0);
    // Earned at 00:00, the first instant of the same day as noon: the same expiry.
    const midnight = apply(p, enrolled(p), [buy('B', 1_000, T0)]);
    expect(midnight.context.lots[0]?.expiresAt).toBe(Date.UTC(2025, 1, 10));
  });
});
