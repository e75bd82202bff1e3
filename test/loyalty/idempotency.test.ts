import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transition } from '../../src/index.js';
import { canonicalJson, fingerprint, sha256 } from '../../src/loyalty/fingerprint.js';
import { apply, DAY, enrolled, k, programWith, refuse, T0 } from './helpers.js';

describe('idempotency keys', () => {
  const p = programWith();
  const purchase = { type: 'PURCHASE' as const, key: 'pos-42', at: T0, order: 'A', amount: 10_000 };
  const once = apply(p, enrolled(p), [purchase]);

  it('accepts a retry (same key, same payload) as a no-op, even stamped later', () => {
    for (const retry of [purchase, { ...purchase, at: T0 + 5_000 }]) {
      const result = transition(p.machine, once, retry);
      expect(result.ok).toBe(true);
      // Accepted, so the revision counts it; nothing else changes.
      expect(result.snapshot).toEqual({ ...once, revision: once.revision + 1 });
    }
  });

  it('accepts a retry of a lifecycle command where the membership now is', () => {
    const paused = apply(p, once, [{ type: 'PAUSE', key: 'pause-1', at: T0 }]);
    expect(apply(p, paused, [{ type: 'PAUSE', key: 'pause-1', at: T0 }, purchase])).toEqual({
      ...paused,
      revision: paused.revision + 2,
    });
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

describe('fingerprints', () => {
  it('sha256 matches node:crypto on empty, ASCII, multi-byte and multi-block inputs', () => {
    const inputs = [
      '',
      'abc',
      'a'.repeat(55),
      'a'.repeat(56),
      'a'.repeat(64),
      'x'.repeat(1_000),
      'café ☕ 日本 😀',
      canonicalJson({ type: 'PURCHASE', order: 'A-1', amount: 10_000 }),
    ];
    for (const text of inputs)
      expect(sha256(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('sha256 matches node:crypto on random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(sha256(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
      { numRuns: 300 },
    );
  });

  it('canonical JSON sorts keys, drops undefined fields and reads Date and toJSON values', () => {
    expect(canonicalJson({ b: 1, a: [true, null], c: undefined })).toBe('{"a":[true,null],"b":1}');
    expect(canonicalJson({ when: new Date(Date.UTC(2025, 0, 1)) })).toBe(
      '{"when":"2025-01-01T00:00:00.000Z"}',
    );
    expect(canonicalJson({ v: { toJSON: () => ({ z: 1, y: 2 }) } })).toBe('{"v":{"y":2,"z":1}}');
    // Key order does not change the fingerprint; `key` and `at` are not part of it.
    expect(fingerprint({ key: 'a', at: 1, x: 1, y: 2 })).toBe(
      fingerprint({ y: 2, x: 1, key: 'b', at: 2 }),
    );
    expect(fingerprint({ x: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('key retention', () => {
  const p = programWith(); // keys kept 24 hours after their own command
  const purchase = { type: 'PURCHASE' as const, key: 'till-7', at: T0, order: 'B', amount: 5_000 };
  const once = apply(p, enrolled(p), [purchase]);

  it('recognises a retry stamped up to 24 hours after its command', () => {
    const retry = { ...purchase, at: T0 + DAY - 1 };
    const r = transition(p.machine, once, retry);
    expect(r.ok && r.snapshot).toEqual({ ...once, revision: once.revision + 1 });
  });

  it('refuses a retry of a key still held but past its window as KEY_EXPIRED', () => {
    expect(refuse(p, once, { ...purchase, at: T0 + DAY })).toEqual({
      code: 'KEY_EXPIRED',
      message:
        "Event PURCHASE was refused in state 'active' (KEY_EXPIRED): Idempotency key 'till-7' was used at 2025-01-10T00:00:00.000Z, and its retention window ended at 2025-01-11T00:00:00.000Z (keys are kept for 24 hours after their command, and at most the last 200); this PURCHASE may be a late retry, so it was not applied. Send a new key for a new command.",
    });
  });

  it('measures the window from each key’s own time, not from the newest command', () => {
    // A visit 20 hours later does not extend or shorten the purchase key's window.
    const later = apply(p, once, [{ type: 'VISIT', key: k(), at: T0 + 20 * 3_600_000 }]);
    expect(later.context.keys.map((e) => e[0])).toContain('till-7');
    expect(refuse(p, later, { ...purchase, at: T0 + DAY }).code).toBe('KEY_EXPIRED');
  });

  it('a retry whose key was dropped is OUT_OF_ORDER, and the sentence says it may be a late retry', () => {
    const later = apply(p, once, [{ type: 'VISIT', key: k(), at: T0 + 2 * DAY }]);
    expect(later.context.keys.map((e) => e[0])).not.toContain('till-7');
    expect(refuse(p, later, purchase).message).toMatch(
      /OUT_OF_ORDER.*key 'till-7' is no longer remembered \(keys are kept for 24 hours after their command, and at most the last 200\), so it may be a retry past the retention window/,
    );
  });
});
