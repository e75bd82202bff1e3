import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  can,
  createFlow,
  initialSnapshot,
  replayOrThrow,
  restoreSnapshot,
  transition,
} from '../../src/index.js';
import {
  defineLoyaltyProgram,
  defineTierLadder,
  LoyaltyDefinitionError,
  type MembershipEvent,
} from '../../src/loyalty/index.js';
import { anyOps, walk } from './arbitraries.js';
import { apply, DAY, enrolled, k, type Member, programWith, refuse, T0 } from './helpers.js';

const MAX_TIME = 8.64e15;

describe('times must lie within the range of Date (±8.64e15 ms)', () => {
  const p = programWith();
  const m = enrolled(p);

  it('refuses a command at 8.7e15 with OUT_OF_RANGE and a sentence, leaving the snapshot as it was', () => {
    const r = transition(p.machine, m, { type: 'VISIT', key: k(), at: 8.7e15 });
    if (r.ok) return expect.fail('accepted a time Date cannot represent');
    expect(r.snapshot).toBe(m);
    expect(r.error.reason).toEqual({
      code: 'OUT_OF_RANGE',
      message:
        'VISIT has at 8700000000000000, outside the range of times a Date can represent; times must be integers within ±8.64e15 ms around 1970-01-01 (-271821-04-20T00:00:00.000Z to +275760-09-13T00:00:00.000Z).',
      details: { field: 'at', value: 8.7e15, min: -MAX_TIME, max: MAX_TIME },
    });
  });

  it('refuses such a time for enrolment, before and after, and for a grant’s until', () => {
    const fresh = initialSnapshot(p.machine);
    expect(refuse(p, fresh, { type: 'ENROLL', key: k(), at: 8.7e15 }).code).toBe('OUT_OF_RANGE');
    expect(refuse(p, fresh, { type: 'ENROLL', key: k(), at: -8.7e15 }).code).toBe('OUT_OF_RANGE');
    // A retry stamped with such a time is refused too, active or paused.
    const visit = { type: 'VISIT' as const, key: k(), at: T0 };
    const visited = apply(p, m, [visit]);
    expect(refuse(p, visited, { ...visit, at: 8.7e15 }).code).toBe('OUT_OF_RANGE');
    const paused = apply(p, visited, [{ type: 'PAUSE', key: k(), at: T0 }]);
    expect(refuse(p, paused, { ...visit, at: 8.7e15 }).code).toBe('OUT_OF_RANGE');
    expect(
      refuse(p, paused, { type: 'PURCHASE', key: k(), at: -9e15, order: 'A', amount: 1 }).code,
    ).toBe('OUT_OF_RANGE');
    expect(
      refuse(p, m, { type: 'GRANT_TIER', key: k(), at: T0, tier: 'gold', until: 9e15 }).message,
    ).toMatch(
      /GRANT_TIER has until 9000000000000000, outside the range of times a Date can represent/,
    );
  });

  it('refuses a command whose review period would end beyond the last date Date has', () => {
    // 8.64e15 is 275760-09-13: representable, but the year it falls in ends after it.
    const r = transition(p.machine, initialSnapshot(p.machine), {
      type: 'ENROLL',
      key: k(),
      at: MAX_TIME,
    });
    if (r.ok) return expect.fail('accepted a period Date cannot represent');
    expect(r.error.reason?.code).toBe('OUT_OF_RANGE');
    expect(r.error.reason?.message).toMatch(/would set period\.end to NaN, outside the range/);
    const early = transition(p.machine, initialSnapshot(p.machine), {
      type: 'ENROLL',
      key: k(),
      at: -MAX_TIME,
    });
    expect(!early.ok && early.error.reason?.code).toBe('OUT_OF_RANGE');
  });

  it('accepts times in the first and last representable years (including years 0–99)', () => {
    const year50 = new Date(0).setUTCFullYear(50, 5, 1); // Date.UTC would read 50 as 1950
    for (const at of [Date.UTC(275759, 5, 1), -8.6e15, -62_000_000_000_000, year50]) {
      const r = transition(p.machine, initialSnapshot(p.machine), { type: 'ENROLL', key: k(), at });
      if (!r.ok) return expect.fail(r.error.message);
      const { start, end } = r.snapshot.context.period ?? { start: Number.NaN, end: Number.NaN };
      expect(start <= at && at < end).toBe(true);
      expect(restoreSnapshot(p.machine, r.snapshot).ok).toBe(true);
    }
  });

  it('never produces a snapshot with a time outside the range, whatever the start', () => {
    const start = fc.oneof(
      fc.integer({ min: MAX_TIME - 800 * DAY, max: MAX_TIME }),
      fc.integer({ min: -MAX_TIME, max: -MAX_TIME + 800 * DAY }),
    );
    fc.assert(
      fc.property(start, anyOps, (at, ops) => {
        let w: ReturnType<typeof walk>;
        try {
          w = walk({ expiry: { kind: 'endOfYear', years: 1 }, pendingDays: 7 }, ops, at);
        } catch {
          return; // the enrolment itself was refused (its period is not representable)
        }
        for (const s of w.states) {
          const restored = restoreSnapshot(w.program.machine, s);
          if (!restored.ok) expect.fail(restored.error.message);
          const { start: a, end: b } = s.context.period ?? { start: 0, end: 1 };
          expect(Number.isFinite(a) && Number.isFinite(b)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  }, 30_000);
});

describe('counts stay safe integers', () => {
  const big = defineLoyaltyProgram({
    ladder: defineTierLadder({
      id: 'big',
      qualifyBy: ['points'],
      tiers: [{ id: 'x', multiplier: 1000 }],
    }),
    policy: { earn: { points: 1000, per: 1 } },
  });

  it('refuses a purchase whose points would pass Number.MAX_SAFE_INTEGER (LIMIT_EXCEEDED)', () => {
    const m = replayOrThrow(big.machine, [{ type: 'ENROLL', key: 'e', at: T0 }]);
    const r = transition(big.machine, m, {
      type: 'PURCHASE',
      key: 'p',
      at: T0,
      order: 'A',
      amount: 1e12,
    });
    if (r.ok) return expect.fail(`accepted a balance of ${r.snapshot.context.balance}`);
    expect(r.snapshot).toBe(m);
    expect(r.error.reason).toEqual({
      code: 'LIMIT_EXCEEDED',
      message:
        'PURCHASE would bring balance to 10000000000000000, beyond 9007199254740991 (Number.MAX_SAFE_INTEGER), the largest integer a number holds exactly; the command was not applied.',
      details: { field: 'balance', value: 1e16, max: Number.MAX_SAFE_INTEGER },
    });
  });

  it('accepts purchases up to the limit, then refuses the one that would pass it', () => {
    const p = defineLoyaltyProgram({
      ladder: defineTierLadder({ id: 'b', qualifyBy: ['points'], tiers: [{ id: 'x' }] }),
      policy: { earn: { points: 1000, per: 1 } },
    });
    let m: Member = replayOrThrow(p.machine, [{ type: 'ENROLL', key: 'e', at: T0 }]);
    let refused: string | undefined;
    for (let i = 0; i < 12 && refused === undefined; i++) {
      const r = transition(p.machine, m, {
        type: 'PURCHASE',
        key: `p${i}`,
        at: T0,
        order: `o${i}`,
        amount: 1e12,
      });
      if (r.ok) m = r.snapshot;
      else refused = r.error.reason?.code;
    }
    expect(refused).toBe('LIMIT_EXCEEDED');
    expect(m.context.balance).toBe(9e15);
    expect(restoreSnapshot(p.machine, m).ok).toBe(true);
  });

  it('bounds the policy and the ladder: day counts to a century, multipliers to 100×', () => {
    const ladder = defineTierLadder({ id: 'l', qualifyBy: ['points'], tiers: [{ id: 'x' }] });
    for (const policy of [
      { graceDays: 1e12 },
      { pendingDays: 36_501 },
      { expiry: { kind: 'days' as const, days: 1e15 } },
      { refundWindowDays: 1e9 },
      { lapseDays: 1e9 },
      { idempotency: { maxKeys: 10, days: 1e9 } },
      { referralPoints: 1e13 },
    ]) {
      expect(() => defineLoyaltyProgram({ ladder, policy })).toThrow(LoyaltyDefinitionError);
    }
    expect(() =>
      defineTierLadder({
        id: 'l',
        qualifyBy: ['points'],
        tiers: [{ id: 'x', multiplier: 10_001 }],
      }),
    ).toThrow(/integer percentage from 0 to 10000/);
  });
});

describe('hostile input never throws and changes nothing', () => {
  const p = programWith();
  const m = enrolled(p);
  const deep = () => JSON.parse(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
  const deepArray = () => JSON.parse(`${'['.repeat(10_000)}1${']'.repeat(10_000)}`);
  const mb = 'x'.repeat(1 << 20);
  const at = T0;
  const parse = (text: string) => () => JSON.parse(text);
  // Each builder makes a fresh copy, so the event sent can be compared with an untouched twin.
  const events: [string, () => unknown][] = [
    [
      '10,000-deep object as a field',
      () => ({ type: 'PURCHASE', key: 'k', at, amount: 1, order: deep() }),
    ],
    ['10,000-deep array in an extra key', () => ({ type: 'VISIT', key: 'k', at, x: deepArray() })],
    [
      '10,000-deep object as until',
      () => ({ type: 'GRANT_TIER', key: 'k', at, tier: 'gold', until: deep() }),
    ],
    ['1 MB key', () => ({ type: 'VISIT', key: mb, at })],
    ['1 MB order', () => ({ type: 'PURCHASE', key: 'k', at, order: mb, amount: 1 })],
    ['1 MB tier', () => ({ type: 'GRANT_TIER', key: 'k', at, tier: mb })],
    ['1 MB referee', () => ({ type: 'REFERRAL', key: 'k', at, referee: mb })],
    ['1 MB type', () => ({ type: mb, key: 'k', at })],
    ['huge time', parse('{"type":"VISIT","key":"k","at":1e308}')],
    ['huge negative time', parse('{"type":"VISIT","key":"k","at":-1e20}')],
    ['time past Date', parse('{"type":"VISIT","key":"k","at":8.7e15}')],
    ['fractional time', parse('{"type":"VISIT","key":"k","at":1736467200000.5}')],
    [
      'huge amount',
      parse(
        '{"type":"PURCHASE","key":"k","at":1736467200000,"order":"A","amount":1.7976931348623157e308}',
      ),
    ],
    [
      'negative amount',
      parse('{"type":"PURCHASE","key":"k","at":1736467200000,"order":"A","amount":-1}'),
    ],
    ['fractional points', parse('{"type":"REDEEM","key":"k","at":1736467200000,"points":0.5}')],
    [
      'points over the cap',
      parse('{"type":"REDEEM","key":"k","at":1736467200000,"points":1e13,"partial":true}'),
    ],
    [
      '__proto__ key',
      parse('{"type":"VISIT","key":"k","at":1736467200000,"__proto__":{"polluted":true}}'),
    ],
    [
      'nested __proto__',
      parse(
        '{"type":"GRANT_TIER","key":"k","at":1736467200000,"tier":"gold","until":{"__proto__":{"polluted":true}}}',
      ),
    ],
    [
      'constructor key',
      parse(
        '{"type":"VISIT","key":"k","at":1736467200000,"constructor":{"prototype":{"polluted":true}}}',
      ),
    ],
    ['type as an object', parse('{"type":{"__proto__":{"polluted":true}},"key":"k","at":1}')],
    ['null', parse('null')],
    ['an array', parse('[1,2,3]')],
  ];
  /** The value as text, walked without recursion (JSON.stringify overflows at this depth). */
  const flat = (value: unknown): string => {
    const out: string[] = [];
    const stack: unknown[] = [value];
    while (stack.length > 0) {
      const v = stack.pop();
      if (typeof v !== 'object' || v === null) {
        out.push(typeof v === 'string' ? `s${v.length}:${v.slice(0, 20)}` : String(v));
        continue;
      }
      const entries = Object.entries(v);
      out.push(`${Array.isArray(v) ? '[' : '{'}${entries.length}`);
      for (const [key, child] of entries) stack.push(child, `k:${key}`);
    }
    return out.join(',');
  };
  const codes = new Set(['UNKNOWN_EVENT', 'INVALID_PAYLOAD', 'EVENT_NOT_ALLOWED', 'REFUSED']);

  it.each(events)('%s', (_name, build) => {
    for (const snap of [m, initialSnapshot(p.machine)]) {
      const event = build() as MembershipEvent;
      const eventText = flat(build());
      const snapText = JSON.stringify(snap);
      const r = transition(p.machine, snap, event);
      if (r.ok) return expect.fail('accepted a hostile event');
      expect(codes.has(r.error.code)).toBe(true);
      expect(r.error.message.length).toBeLessThan(2_000);
      expect(r.snapshot).toBe(snap);
      expect(can(p.machine, snap, event)).toBe(false);
      const flow = createFlow(p.machine, snap);
      const sent = flow.send(event);
      expect([sent.ok, sent.ok ? undefined : sent.error.code]).toEqual([false, r.error.code]);
      expect(flow.snapshot()).toBe(snap);
      expect(JSON.stringify(snap)).toBe(snapText);
      expect(flat(event)).toBe(eventText);
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    }
  });
});
