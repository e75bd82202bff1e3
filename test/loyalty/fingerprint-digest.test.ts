/**
 * The key fingerprint is stored in snapshots, so its value must never change: the hand-written
 * SHA-256 (read straight from ASCII text, or from UTF-8 bytes otherwise) must equal node:crypto's
 * on every string, and the fingerprint of a command must equal the SHA-256 of the canonical JSON
 * of its payload without `key` and `at`.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandFingerprint } from '../../src/loyalty/commands.js';
import { canonicalJson, fingerprint, sha256 } from '../../src/loyalty/fingerprint.js';
import type { MembershipEvent } from '../../src/loyalty/index.js';

const nodeSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256', () => {
  it('matches node:crypto on ASCII text of every length around the block boundaries', () => {
    for (let n = 0; n <= 200; n++) {
      const text = Array.from({ length: n }, (_, i) =>
        String.fromCharCode(32 + ((i * 7) % 95)),
      ).join('');
      expect(sha256(text)).toBe(nodeSha256(text));
    }
  });

  it('matches node:crypto on random ASCII, mixed and non-ASCII strings', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary-ascii', maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 150 }),
      fc.string({ unit: 'binary', maxLength: 150 }),
      fc
        .tuple(fc.string({ unit: 'binary-ascii', maxLength: 130 }), fc.string({ maxLength: 4 }))
        .map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(sha256(t)).toBe(nodeSha256(t));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('fingerprint', () => {
  const value = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary-ascii', maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1e21, 5e-324),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.date({ noInvalidDate: true }),
    fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.integer(), fc.string()), {
      maxKeys: 3,
    }),
  );

  it('is the SHA-256 of the canonical JSON of the payload without key and at', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 8 }), value, { maxKeys: 6 }),
        fc.string({ maxLength: 10 }),
        fc.integer(),
        (payload, key, at) => {
          const event = { ...payload, key, at };
          const { key: _k, at: _a, ...rest } = event;
          expect(fingerprint(event)).toBe(nodeSha256(canonicalJson(rest)));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('keeps the values of stored fingerprints of commands', () => {
    const purchase: MembershipEvent = {
      type: 'PURCHASE',
      key: 'c1',
      at: Date.UTC(2020, 0, 1),
      order: 'o1',
      amount: 1_250,
    };
    // The text the fingerprint hashes, written out: sorted keys, no key or at.
    expect(commandFingerprint(purchase)).toBe(
      nodeSha256('{"amount":1250,"order":"o1","type":"PURCHASE"}'),
    );
    const redeem: MembershipEvent = { type: 'REDEEM', key: 'r', at: 0, points: 200 };
    expect(commandFingerprint(redeem)).toBe(
      nodeSha256('{"partial":false,"points":200,"type":"REDEEM"}'),
    );
    const unicode: MembershipEvent = {
      type: 'PURCHASE',
      key: 'k',
      at: 0,
      order: 'Ordre-é€😀',
      amount: 9,
    };
    expect(commandFingerprint(unicode)).toBe(
      nodeSha256('{"amount":9,"order":"Ordre-é€😀","type":"PURCHASE"}'),
    );
  });
});
