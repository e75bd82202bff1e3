import { describe, expect, it } from 'vitest';
import { transition } from '../../src/index.js';
import { apply, DAY, enrolled, k, programWith, refuse, T0 } from './helpers.js';

describe('idempotency keys', () => {
  const p = programWith();
  const purchase = { type: 'PURCHASE' as const, key: 'pos-42', at: T0, order: 'A', amount: 10_000 };
  const once = apply(p, enrolled(p), [purchase]);

  it('accepts a retry (same key, same payload) as a no-op, even stamped later', () => {
    for (const retry of [purchase, { ...purchase, at: T0 + 5_000 }]) {
      const result = transition(p.machine, once, retry);
      expect(result.ok).toBe(true);
      expect(result.snapshot).toEqual(once);
    }
  });

  it('accepts a retry of a lifecycle command where the membership now is', () => {
    const paused = apply(p, once, [{ type: 'PAUSE', key: 'pause-1', at: T0 }]);
    expect(apply(p, paused, [{ type: 'PAUSE', key: 'pause-1', at: T0 }, purchase])).toEqual(paused);
  });

  it('refuses the same key with a different payload', () => {
    expect(refuse(p, once, { ...purchase, amount: 10_001 })).toEqual({
      code: 'KEY_REUSED',
      message:
        "Event PURCHASE was refused in state 'active' (KEY_REUSED): Idempotency key 'pos-42' was already used at 2025-01-10T00:00:00.000Z for a different payload; send a new key for a new command, or repeat the original payload to retry.",
    });
    expect(refuse(p, once, { type: 'VISIT', key: 'pos-42', at: T0 }).code).toBe('KEY_REUSED');
  });

  it('keeps at most maxKeys keys, each for at most `days` days, so the snapshot stays bounded', () => {
    const q = programWith({ idempotency: { maxKeys: 3, days: 2 } });
    const visits = Array.from({ length: 5 }, (_, i) => ({
      type: 'VISIT' as const,
      key: `v${i}`,
      at: T0 + i,
    }));
    const m = apply(q, enrolled(q), visits);
    expect(m.context.keys.map((e) => e[0])).toEqual(['v2', 'v3', 'v4']);
    // A key older than the window is forgotten: the host's journal must dedupe it.
    const later = apply(q, m, [{ type: 'VISIT', key: k(), at: T0 + 3 * DAY }]);
    expect(later.context.keys.length).toBe(1);
    expect(
      apply(q, later, [{ type: 'VISIT', key: 'v4', at: T0 + 3 * DAY }]).context.months[0]?.visits,
    ).toBe(7);
  });
});
