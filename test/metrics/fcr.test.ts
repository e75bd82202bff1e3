import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type FcrRepeatContact,
  fcr,
  fcrAccumulator,
  fcrAdd,
  fcrMerge,
  fcrResult,
} from '../../src/metrics/index.js';
import { copy, metricError } from './helpers.js';

const day = 86_400_000;
const week = 7 * day;

describe('fcr by agent disposition and by survey', () => {
  it('counts the agent verdicts', () => {
    expect(
      fcr([{ resolved: true }, { resolved: true }, { resolved: false }], { method: 'disposition' }),
    ).toEqual({
      kind: 'rate',
      method: 'disposition',
      contacts: 3,
      resolved: { count: 2, share: 2 / 3 },
      unresolved: { count: 1, share: 1 / 3 },
      percent: 200 / 3,
      fraction: { numerator: 2, denominator: 3 },
      excluded: 0,
    });
  });

  it('leaves unanswered surveys out and reports them', () => {
    const result = fcr([{ resolved: true }, { resolved: null }], { method: 'survey' });
    expect(result.kind === 'rate' && [result.contacts, result.excluded, result.percent]).toEqual([
      1, 1, 100,
    ]);
    expect(fcr([{ resolved: null }], { method: 'survey' })).toEqual({
      kind: 'empty',
      method: 'survey',
      contacts: 0,
      excluded: 1,
    });
  });

  it('does not accept null from an agent disposition', () => {
    const error = metricError(() => fcr([{ resolved: null as never }], { method: 'disposition' }));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toContain('index 0, field resolved is null');
    const acc = fcrAccumulator({ method: 'disposition' });
    const before = copy(acc);
    expect(metricError(() => fcrAdd(acc, { resolved: null })).problems).toEqual([
      { path: [0, 'resolved'], value: null, message: 'not an allowed verdict' },
    ]);
    expect(acc).toEqual(before);
  });

  it('requires an explicit, known method', () => {
    expect(metricError(() => fcr([], { method: 'guess' } as never)).code).toBe('INVALID_OPTIONS');
    expect(metricError(() => fcr([], undefined as never)).code).toBe('INVALID_OPTIONS');
  });
});

describe('fcr by repeat contact', () => {
  it('requires a window', () => {
    for (const windowMs of [undefined, 0, -5, 1.5, Number.NaN]) {
      const error = metricError(() => fcr([], { method: 'repeat', windowMs } as never));
      expect(error.code).toBe('INVALID_OPTIONS');
      expect(error.message).toContain('needs a window');
    }
  });

  it('marks a contact unresolved when the customer comes back within the window', () => {
    const contacts: FcrRepeatContact[] = [
      { customer: 'ana', at: 3 * day },
      { customer: 'bo', at: day },
      { customer: 'ana', at: 0 },
      { customer: 'bo', at: day + week + 1 }, // just outside the window: both resolved
      { customer: 'cy', at: 0, issue: 'billing' },
      { customer: 'cy', at: day, issue: 'delivery' }, // another issue: not a repeat
    ];
    expect(fcr(contacts, { method: 'repeat', windowMs: week })).toEqual({
      kind: 'rate',
      method: 'repeat',
      contacts: 6,
      resolved: { count: 5, share: 5 / 6 },
      unresolved: { count: 1, share: 1 / 6 },
      percent: 500 / 6,
      fraction: { numerator: 5, denominator: 6 },
      excluded: 0,
    });
  });

  it('counts a contact exactly at the window edge as a repeat', () => {
    const result = fcr(
      [
        { customer: 'a', at: 0 },
        { customer: 'a', at: week },
      ],
      { method: 'repeat', windowMs: week },
    );
    expect(result.kind === 'rate' && result.unresolved.count).toBe(1);
  });

  it('excludes contacts whose window is still open at observedUntil', () => {
    const contacts = [
      { customer: 'a', at: 0 },
      { customer: 'b', at: 5 * day },
    ];
    const result = fcr(contacts, { method: 'repeat', windowMs: week }, { observedUntil: 8 * day });
    expect(result.kind === 'rate' && [result.contacts, result.excluded]).toEqual([1, 1]);
    expect(
      metricError(() => fcr(contacts, { method: 'repeat', windowMs: week }, { observedUntil: day }))
        .code,
    ).toBe('INVALID_OPTIONS');
    const disposition = fcrAccumulator({ method: 'disposition' });
    expect(metricError(() => fcrResult(disposition, { observedUntil: 1 })).message).toContain(
      'repeat method only',
    );
  });

  it.each([
    [{ customer: '', at: 0 }, 'customer'],
    [{ customer: 'a', at: -1 }, 'at'],
    [{ customer: 'a', at: 1.5 }, 'at'],
    [{ customer: 'a', at: '2024-01-01' }, 'at'],
  ])('rejects %j naming the field', (bad, field) => {
    const error = metricError(() =>
      fcr([{ customer: 'x', at: 0 }, bad as never], { method: 'repeat', windowMs: week }),
    );
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.problems[0]?.path).toEqual([1, field]);
    expect(error.message).toContain(`index 1, field ${field} is`);
  });

  it('needs each customer’s contacts in time order when adding one by one', () => {
    const acc = fcrAccumulator({ method: 'repeat', windowMs: week });
    fcrAdd(acc, { customer: 'a', at: 10 });
    const before = copy(acc);
    const error = metricError(() => fcrAdd(acc, { customer: 'a', at: 5 }));
    expect(error.code).toBe('OUT_OF_ORDER');
    expect(error.message).toContain('time 5 is before 10');
    expect(metricError(() => fcrAdd(acc, { customer: 'a', at: -3 })).code).toBe('INVALID_RESPONSE');
    expect(acc).toEqual(before);
  });

  it('refuses to merge methods, windows, or shards that interleave for a customer', () => {
    const a = fcrAccumulator({ method: 'repeat', windowMs: week });
    const b = fcrAccumulator({ method: 'repeat', windowMs: day });
    expect(metricError(() => fcrMerge(a, b)).message).toContain('different windows');
    expect(metricError(() => fcrMerge(a, fcrAccumulator({ method: 'survey' }))).code).toBe(
      'INCOMPATIBLE_ACCUMULATORS',
    );
    const c = fcrAccumulator({ method: 'repeat', windowMs: week });
    fcrAdd(a, { customer: 'x', at: 0 });
    fcrAdd(a, { customer: 'x', at: 10 });
    fcrAdd(c, { customer: 'x', at: 5 });
    const error = metricError(() => fcrMerge(a, c));
    expect(error.code).toBe('INCOMPATIBLE_ACCUMULATORS');
    expect(error.message).toContain('overlap in time');
  });

  const contact = fc.record({
    customer: fc.constantFrom('a', 'b', 'c'),
    at: fc.integer({ min: 0, max: 20 }),
  });

  it('property: shards split by customer merge to the batch result', () => {
    fc.assert(
      fc.property(fc.array(contact), fc.integer({ min: 1, max: 8 }), (contacts, windowMs) => {
        const method = { method: 'repeat', windowMs } as const;
        const left = fcrAccumulator(method);
        const right = fcrAccumulator(method);
        const sorted = [...contacts].sort((x, y) => x.at - y.at);
        for (const c of sorted) fcrAdd(c.customer === 'a' ? left : right, c);
        expect(fcrResult(fcrMerge(left, right))).toEqual(fcr(contacts, method));
        expect(fcrResult(fcrMerge(right, left))).toEqual(fcr(contacts, method));
      }),
    );
  });

  it('property: shards split by time merge to the batch result', () => {
    fc.assert(
      fc.property(
        fc.array(contact),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 8 }),
        (contacts, cut, windowMs) => {
          const method = { method: 'repeat', windowMs } as const;
          const early = contacts.filter((c) => c.at < cut);
          const late = contacts.filter((c) => c.at >= cut);
          const left = fcrAccumulator(method);
          const right = fcrAccumulator(method);
          for (const c of [...early].sort((x, y) => x.at - y.at)) fcrAdd(left, c);
          for (const c of [...late].sort((x, y) => x.at - y.at)) fcrAdd(right, c);
          const merged = fcrResult(fcrMerge(left, right), { observedUntil: 30 });
          expect(merged).toEqual(fcr([...early, ...late], method, { observedUntil: 30 }));
        },
      ),
    );
  });

  it('property (disposition, survey): merge(a, b) equals computing over a ∪ b', () => {
    const verdict = fc.record({ resolved: fc.constantFrom(true, false, null) });
    fc.assert(
      fc.property(fc.array(verdict), fc.array(verdict), (a, b) => {
        const left = fcrAccumulator({ method: 'survey' });
        const right = fcrAccumulator({ method: 'survey' });
        for (const c of a) fcrAdd(left, c);
        for (const c of b) fcrAdd(right, c);
        expect(fcrResult(fcrMerge(left, right))).toEqual(fcr([...a, ...b], { method: 'survey' }));
      }),
    );
  });

  it('survives a JSON round trip of the repeat state', () => {
    const acc = fcrAccumulator({ method: 'repeat', windowMs: week });
    fcrAdd(acc, { customer: 'a', at: 0, issue: 'x' });
    fcrAdd(acc, { customer: 'a', at: day, issue: 'x' });
    expect(fcrResult(JSON.parse(JSON.stringify(acc)))).toEqual(fcrResult(acc));
    expect(
      metricError(() => fcrResult({ ...acc, open: { k: { first: 5, last: 1 } } } as never)).code,
    ).toBe('INVALID_ACCUMULATOR');
  });
});
