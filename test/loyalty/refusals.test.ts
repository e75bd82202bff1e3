import { describe, expect, it } from 'vitest';
import { nextEvents, transition } from '../../src/index.js';
import {
  type LoyaltyErrorCode,
  loyaltyErrorOf,
  type MembershipEvent,
} from '../../src/loyalty/index.js';
import { apply, DAY, enrolled, k, type Member, programWith, T0 } from './helpers.js';

const codes: LoyaltyErrorCode[] = [
  'KEY_REUSED',
  'OUT_OF_ORDER',
  'NOT_IN_STATE',
  'DUPLICATE_ORDER',
  'UNKNOWN_ORDER',
  'REFUND_EXCEEDS_ORDER',
  'INSUFFICIENT_POINTS',
  'UNKNOWN_TIER',
  'PERIOD_NOT_ENDED',
  'INVALID_COMMAND',
  'OUT_OF_RANGE',
  'LIMIT_EXCEEDED',
  'UNKNOWN_LOT',
  'LOT_NOT_PENDING',
  'KEY_EXPIRED',
];

describe('loyalty refusals are returned data', () => {
  const p = programWith();
  const m = apply(p, enrolled(p), [
    { type: 'PURCHASE', key: 'pos-1', at: T0, order: 'A', amount: 1_000 },
  ]);

  it('declares every code with a describing sentence', () => {
    expect([...p.machine.refusals].sort()).toEqual([...codes].sort());
    for (const text of Object.values(p.machine.definition.refusals ?? {})) {
      expect(text).toMatch(/^[A-Z].{20,}\.$/);
    }
  });

  it('decides each command once, in the update: no deciding guard on the edges that apply it', () => {
    const applying = p.machine.edges.filter((e) => e.updates);
    expect(applying.length).toBeGreaterThan(0);
    expect(applying.every((e) => e.guard === undefined)).toBe(true);
    expect(new Set(p.machine.edges.map((e) => e.guard))).toEqual(
      new Set([undefined, 'isRetry', 'retryOnly']),
    );
  });

  const send = (from: Member, event: object) =>
    transition(p.machine, from, event as MembershipEvent);

  it.each<[LoyaltyErrorCode, () => Member, object, Record<string, unknown>]>([
    ['KEY_REUSED', () => m, { type: 'VISIT', key: 'pos-1', at: T0 }, { key: 'pos-1', usedAt: T0 }],
    ['OUT_OF_ORDER', () => m, { type: 'VISIT', key: k(), at: T0 - 1 }, { at: T0 - 1, lastAt: T0 }],
    [
      'DUPLICATE_ORDER',
      () => m,
      { type: 'PURCHASE', key: k(), at: T0, order: 'A', amount: 5 },
      { order: 'A' },
    ],
    [
      'UNKNOWN_ORDER',
      () => m,
      { type: 'REFUND', key: k(), at: T0, order: 'Z', amount: 5 },
      { order: 'Z', refundWindowDays: 90 },
    ],
    [
      'REFUND_EXCEEDS_ORDER',
      () => m,
      { type: 'REFUND', key: k(), at: T0, order: 'A', amount: 1_001 },
      { order: 'A', requested: 1_001, paid: 1_000, refunded: 0, refundable: 1_000 },
    ],
    [
      'INSUFFICIENT_POINTS',
      () => m,
      { type: 'REDEEM', key: k(), at: T0, points: 11 },
      { requested: 11, balance: 10, partial: false },
    ],
    [
      'UNKNOWN_TIER',
      () => m,
      { type: 'GRANT_TIER', key: k(), at: T0, tier: 'platinum' },
      { tier: 'platinum', tiers: ['member', 'silver', 'gold'] },
    ],
    [
      'PERIOD_NOT_ENDED',
      () => m,
      { type: 'PERIOD_END', key: k(), at: T0 },
      { at: T0, periodEnd: Date.UTC(2026, 0, 1) },
    ],
    [
      'INVALID_COMMAND',
      () => m,
      { type: 'GRANT_TIER', key: k(), at: T0, tier: 'gold', until: T0 },
      { at: T0, until: T0 },
    ],
    [
      'NOT_IN_STATE',
      () => apply(p, m, [{ type: 'PAUSE', key: 'pause', at: T0 + DAY }]),
      { type: 'VISIT', key: k(), at: T0 + DAY },
      { command: 'VISIT' },
    ],
  ])('%s comes back as REFUSED with its details, nothing thrown', (code, from, event, details) => {
    const snap = from();
    const r = send(snap, event);
    if (r.ok) return expect.fail(`expected ${code}`);
    expect(r.error.code).toBe('REFUSED');
    expect(r.error.reason?.code).toBe(code);
    expect(r.error.reason?.details).toEqual(details);
    expect(r.error.message).toContain(`(${code}): ${r.error.reason?.message}`);
    expect(r.snapshot).toBe(snap);
    // A plain copy of the issue (a log line, a queue message) still reads back.
    expect(loyaltyErrorOf(JSON.parse(JSON.stringify(r.error)))).toEqual(r.error.reason);
  });

  it('a refusal from the update names no guard; one from retryOnly names it', () => {
    const r = send(m, { type: 'REDEEM', key: k(), at: T0, points: 11 });
    expect(!r.ok && r.error.code === 'REFUSED' && r.error.guard).toBeUndefined();
    const paused = apply(p, m, [{ type: 'PAUSE', key: 'pause', at: T0 }]);
    const again = send(paused, { type: 'PAUSE', key: k(), at: T0 });
    expect(!again.ok && again.error.code === 'REFUSED' && again.error.guard).toBe('retryOnly');
    expect(!again.ok && again.error.reason?.message).toMatch(/already paused/);
    // nextEvents leaves out what only retries may do.
    expect(nextEvents(p.machine, paused)).toEqual([
      'REFUND',
      'EXPIRE',
      'PERIOD_END',
      'GRANT_TIER',
      'CANCEL_ORDER',
      'ADJUST',
      'EXPIRE_LOT',
      'UNLOCK_LOT',
      'RESUME',
      'CLOSE',
    ]);
  });

  it('loyaltyErrorOf reads only REFUSED issues with a loyalty code', () => {
    const reason = {
      code: 'INSUFFICIENT_POINTS',
      message: 'The balance is 8.',
      details: { balance: 8 },
    };
    expect(loyaltyErrorOf({ code: 'REFUSED', reason })).toBe(reason);
    expect(
      loyaltyErrorOf({ code: 'REFUSED', reason: { code: 'EMPTY', message: 'x' } }),
    ).toBeUndefined();
    expect(loyaltyErrorOf({ code: 'GUARD_REJECTED', reason })).toBeUndefined();
    expect(
      loyaltyErrorOf({ code: 'REFUSED', reason: { code: 'toString', message: 'x' } }),
    ).toBeUndefined();
    expect(loyaltyErrorOf({ code: 'REFUSED', reason: { code: 'KEY_REUSED' } })).toBeUndefined();
    for (const junk of [
      undefined,
      null,
      'REFUSED',
      42,
      [],
      { code: 'REFUSED' },
      { code: 'REFUSED', reason: 'x' },
    ]) {
      expect(loyaltyErrorOf(junk)).toBeUndefined();
    }
  });
});
