/**
 * The hot paths of the Merge and Result functions (issue #13) read stored accumulators key by key
 * and skip the intermediate copies; anything they do not take falls back to the reader or zod.
 * These properties feed them pairs that share a scale, method or version (so both sides are
 * often valid together, the case the hot paths take), with near-miss damage on either side, and
 * check three things:
 *
 * - what zod accepts gives exactly the value an independent computation from zod's output gives,
 *   key order included (compared as JSON), or the refusal code that computation names (different
 *   scales, methods, versions or windows, overlapping shards, a bad option);
 * - what zod rejects gives zod's described error, as parsing with zod first did;
 * - no result shares an array or object with its inputs, and the inputs never change.
 *
 * Boundaries are generated on purpose (a repeat exactly at the end of the window, observedUntil
 * one ms before the latest contact), and each property checks it met both values and refusals.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { ahtAccumulatorSchema, ahtMerge, ahtResult } from '../../src/metrics/aht.js';
import { cesAccumulatorSchema, cesMerge } from '../../src/metrics/ces.js';
import {
  type CsatAccumulator,
  type CsatScale,
  csatAccumulator,
  csatAccumulatorSchema,
  csatAdd,
  csatMerge,
  csatResult,
} from '../../src/metrics/csat.js';
import { isMetricError, type MetricErrorCode, parseOrThrow } from '../../src/metrics/errors.js';
import { fcrAccumulatorSchema, fcrMerge, fcrResult } from '../../src/metrics/fcr.js';
import { npsAccumulatorSchema, npsMerge, npsResult } from '../../src/metrics/nps.js';
import { fingerprint, isNode, mutate, nodesOf, type Op } from './damage.js';

const runs = { numRuns: 500 };

// --- generators ---------------------------------------------------------------------------------

const count = fc.oneof(
  { arbitrary: fc.nat({ max: 1000 }), weight: 4 },
  { arbitrary: fc.constantFrom(0, 1, 2 ** 40, Number.MAX_SAFE_INTEGER), weight: 1 },
);
const counts = (length: number) => fc.array(count, { minLength: length, maxLength: length });

const npsAcc = counts(11).map((c) => ({ kind: 'nps', counts: c }));
const cesPair = fc
  .tuple(fc.constantFrom(1, 2), fc.constantFrom(1, 2), fc.boolean())
  .chain(([v, w, same]) => {
    const acc = (version: number) =>
      counts(version === 1 ? 5 : 7).map((c) => ({ kind: 'ces', version, counts: c }));
    return fc.tuple(acc(v), acc(same ? v : w));
  });
const pointScale = fc
  .tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 1, max: 10 }), fc.nat(10))
  .map(([min, width, up]) => ({
    kind: 'points',
    min,
    max: min + width,
    positiveFrom: min + 1 + (up % width),
    source: 'test',
  }));
const csatScale = fc.oneof(pointScale, fc.constant({ kind: 'binary', source: 'good/bad' }));
const sizeOf = (s: Readonly<Record<string, unknown>>) =>
  s.kind === 'binary' ? 2 : (s.max as number) - (s.min as number) + 1;
const csatOn = (scale: fc.Arbitrary<Record<string, unknown>>) =>
  scale.chain((s) =>
    fc
      .record({ counts: counts(sizeOf(s)), unrated: count })
      .map((r) => ({ kind: 'csat', scale: s, ...r })),
  );
const csatAcc = csatOn(csatScale);
/** Mostly the same scale (a copy, or another object with the same numbers), sometimes not. */
const csatPair = csatScale.chain((s) =>
  fc.tuple(
    csatOn(fc.constant(s)),
    fc.oneof(
      { arbitrary: csatOn(fc.constant({ ...s, source: 'another source' })), weight: 3 },
      { arbitrary: csatAcc, weight: 1 },
    ),
  ),
);
const ahtAcc = fc
  .record({ handled: count, talkMs: count, holdMs: count, afterWorkMs: count })
  .map((r) => ({ kind: 'aht', ...r }));
const fcrAcc = (method: fc.Arbitrary<string>) =>
  fc
    .record({ method, resolved: count, unresolved: count, excluded: count })
    .map((r) => ({ kind: 'fcr', ...r }));
const fcrPair = fc
  .constantFrom('disposition', 'survey')
  .chain((m) =>
    fc.tuple(
      fcrAcc(fc.constant(m)),
      fc.oneof(
        { arbitrary: fcrAcc(fc.constant(m)), weight: 4 },
        { arbitrary: fcrAcc(fc.constantFrom('disposition', 'survey', 'repeat')), weight: 1 },
      ),
    ),
  );

const span = fc.tuple(fc.nat(10_000), fc.nat(10_000)).map(([x, y]) => ({
  first: Math.min(x, y),
  last: Math.max(x, y),
}));
const openKey = fc.constantFrom('a', 'b', 'c', '0', '12', '["c",null]', '["d","billing"]');
const repeatAcc = (windowMs: fc.Arbitrary<number>, shift: number) =>
  fc
    .record({
      windowMs,
      resolved: count,
      unresolved: count,
      open: fc.dictionary(
        openKey,
        span.map(({ first, last }) => ({ first: first + shift, last: last + shift })),
        { maxKeys: 5 },
      ),
    })
    .map((r) => ({ kind: 'fcr', method: 'repeat', ...r }));
const windowMs = fc.integer({ min: 1, max: 5000 });
type Span = { first: number; last: number };
/**
 * A shard that follows `a` in time: each of a's customers comes back exactly at the end of the
 * window, one ms before or after it, much later, or not at all.
 */
const following = (a: { windowMs: number; open: Record<string, Span> }) =>
  fc
    .record({
      resolved: count,
      unresolved: count,
      gaps: fc.array(fc.constantFrom(-1, 0, 1, 7_000, null), {
        minLength: Object.keys(a.open).length,
        maxLength: Object.keys(a.open).length,
      }),
      length: fc.nat(3_000),
    })
    .map(({ resolved, unresolved, gaps, length }) => {
      const open: Record<string, Span> = {};
      Object.entries(a.open).forEach(([key, span], i) => {
        const gap = gaps[i];
        if (gap === null || gap === undefined) return;
        const first = span.last + a.windowMs + gap;
        open[key] = { first, last: first + length };
      });
      return { kind: 'fcr', method: 'repeat', windowMs: a.windowMs, resolved, unresolved, open };
    });
/** Shards of one window (mostly) whose spans follow each other in time (mostly). */
const repeatPair = windowMs.chain((w) =>
  repeatAcc(fc.constant(w), 0).chain((a) =>
    fc.tuple(
      fc.constant(a),
      fc.oneof(
        { arbitrary: following(a), weight: 3 },
        { arbitrary: repeatAcc(fc.constant(w), 20_000), weight: 2 },
        { arbitrary: repeatAcc(fc.constant(w), 0), weight: 1 },
        { arbitrary: repeatAcc(windowMs, 20_000), weight: 1 },
      ),
    ),
  ),
);

// --- near-miss damage ---------------------------------------------------------------------------

const bad = fc.constantFrom<unknown>(
  -1,
  0.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 53,
  '1',
  null,
  undefined,
  true,
  [],
  {},
  'nps',
  'ces',
  'csat',
  'aht',
  'fcr',
  'binary',
  'points',
  'survey',
  'disposition',
  'repeat',
  1,
  2,
);

/** The value as it is (most often), or with one near-miss change anywhere in it. */
const maybeDamaged = (value: unknown): fc.Arbitrary<unknown> =>
  fc.oneof(
    { arbitrary: fc.constant(value), weight: 3 },
    {
      arbitrary: fc
        .record({
          path: fc.constantFrom(...nodesOf(value)),
          how: fc.constantFrom<Op>(
            'replace',
            'delete',
            'push',
            'pop',
            'inherit',
            'array-subclass',
            'sparse',
          ),
          w: bad,
        })
        .map(({ path, how, w }) => mutate(value, path, how, w, 'extra', 0)),
      weight: 2,
    },
  );

const damagedPair = (pair: fc.Arbitrary<readonly [unknown, unknown]>) =>
  pair.chain(([a, b]) => fc.tuple(maybeDamaged(a), maybeDamaged(b)));

// --- outcomes -----------------------------------------------------------------------------------

type Outcome =
  | { readonly ok: true; readonly json: string }
  | {
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      readonly problems: unknown;
    };

/** The outcome of `fn`; `json` keeps key order, which `toStrictEqual` alone would not check. */
function outcome(fn: () => unknown, keep?: (value: unknown) => void): Outcome {
  try {
    const value = fn();
    keep?.(value);
    return { ok: true, json: JSON.stringify(value) };
  } catch (error) {
    if (!isMetricError(error)) throw error;
    return { ok: false, code: error.code, message: error.message, problems: error.problems };
  }
}

/** Every object and array inside a value (the value itself included). */
function nodes(value: unknown, out = new Set<object>()): Set<object> {
  if (isNode(value) && !out.has(value)) {
    out.add(value);
    for (const v of Object.values(value)) nodes(v, out);
  }
  return out;
}

function sharesNothing(result: unknown, inputs: readonly unknown[]): boolean {
  const theirs = new Set<object>();
  for (const input of inputs) nodes(input, theirs);
  for (const node of nodes(result)) if (theirs.has(node)) return false;
  return true;
}

const parse = (schema: z.ZodType, value: unknown, [subject, accepted]: readonly [string, string]) =>
  parseOrThrow(schema, value, 'INVALID_ACCUMULATOR', subject, accepted);
const add = (x: readonly number[], y: readonly number[]) => x.map((v, i) => v + (y[i] as number));
const sum = (x: readonly number[]) => x.reduce((s, v) => s + v, 0);

/**
 * Asserts `property` (which returns whether the library gave a value) over `values`, and that it
 * met both values and refusals often enough to mean something.
 */
function assertBoth<T>(values: fc.Arbitrary<T>, property: (value: T) => boolean): void {
  const t = tally();
  fc.assert(
    fc.property(values, (value) => {
      t.note(property(value));
    }),
    runs,
  );
  t.expectBoth();
}

/** Counts successes and rejections, to check a property met both often enough to mean something. */
function tally() {
  const seen = { ok: 0, failed: 0 };
  return {
    note(ok: boolean) {
      if (ok) seen.ok += 1;
      else seen.failed += 1;
    },
    expectBoth() {
      expect(seen.ok).toBeGreaterThan(runs.numRuns / 5);
      expect(seen.failed).toBeGreaterThan(runs.numRuns / 20);
    },
  };
}

/**
 * Checks `run` (the library on the raw values) against `expected` (computed in this file from
 * zod's output) when zod accepts every input: a value, or {@link refused} with the code of a
 * problem left after zod (different scales, methods or versions, a bad option, totals beyond
 * exact arithmetic), whose sentence must then match the library's on zod's output; and against
 * zod's own error when zod rejects.
 * Also checks that the inputs do not change and that a result shares no object with them.
 * Returns whether the library gave a value.
 */
function check(
  inputs: readonly unknown[],
  run: (...values: never[]) => unknown,
  parseAll: () => unknown[],
  expected: (...parsed: never[]) => unknown,
): boolean {
  const before = inputs.map(fingerprint);
  let value: unknown;
  const ours = outcome(
    () => run(...(inputs as never[])),
    (v) => {
      value = v;
    },
  );
  expect(inputs.map(fingerprint)).toStrictEqual(before);
  if (ours.ok) expect(sharesNothing(value, inputs)).toBe(true);
  let parsed: never[] = [];
  const zod = outcome(() => {
    parsed = parseAll() as never[];
  });
  if (!zod.ok) {
    expect(ours).toStrictEqual(zod);
    return ours.ok;
  }
  const want = expected(...parsed);
  if (want instanceof Refused) {
    // The code is decided here; the sentence is the library's, given zod's output.
    expect(ours.ok ? 'a value' : ours.code).toBe(want.code);
    expect(ours).toStrictEqual(outcome(() => run(...parsed)));
    return false;
  }
  expect(ours).toStrictEqual(outcome(() => want));
  return ours.ok;
}

/** What an `expected` function returns for input the library must refuse after zod accepts it. */
class Refused {
  constructor(readonly code: MetricErrorCode) {}
}
const refused = (code: MetricErrorCode) => new Refused(code);

// --- Merge --------------------------------------------------------------------------------------

type Nps = { kind: 'nps'; counts: number[] };
type Ces = { kind: 'ces'; version: 1 | 2; counts: number[] };
type Aht = { kind: 'aht'; handled: number; talkMs: number; holdMs: number; afterWorkMs: number };
type FcrCounts = {
  kind: 'fcr';
  method: 'disposition' | 'survey';
  resolved: number;
  unresolved: number;
  excluded: number;
};

const npsSubject = [
  'The NPS accumulator',
  'An NPS accumulator is { kind: "nps", counts: [11 whole numbers ≥ 0] }.',
] as const;
const cesSubject = [
  'The CES accumulator',
  'Make accumulators with cesAccumulator(version) and change them only with cesAdd.',
] as const;
const csatSubject = [
  'The CSAT accumulator',
  'Make accumulators with csatAccumulator(scale) and change them only with csatAdd.',
] as const;
const ahtSubject = [
  'The AHT accumulator',
  'Make accumulators with ahtAccumulator() and change them only with ahtAdd.',
] as const;
const fcrSubject = [
  'The FCR accumulator',
  'Make accumulators with fcrAccumulator(method) and change them only with fcrAdd.',
] as const;

/** zod, then the library's own count-per-scale check (merging the parsed value with itself). */
const csatParse = (value: unknown) => {
  const parsed = parse(csatAccumulatorSchema, value, csatSubject) as CsatAccumulator;
  csatMerge(parsed, parsed);
  return parsed;
};

describe('Merge hot paths', () => {
  it('npsMerge: the sum of zod-accepted pairs, the zod-path error otherwise', () => {
    assertBoth(damagedPair(fc.tuple(npsAcc, npsAcc)), ([a, b]) => {
      return check(
        [a, b],
        npsMerge,
        () => [
          parse(npsAccumulatorSchema, a, npsSubject),
          parse(npsAccumulatorSchema, b, npsSubject),
        ],
        (x: Nps, y: Nps) => ({ kind: 'nps', counts: add(x.counts, y.counts) }),
      );
    });
  });

  it('cesMerge: the sum of same-version pairs, the zod-path error otherwise', () => {
    assertBoth(damagedPair(cesPair), ([a, b]) => {
      return check(
        [a, b],
        cesMerge,
        () => [
          parse(cesAccumulatorSchema, a, cesSubject),
          parse(cesAccumulatorSchema, b, cesSubject),
        ],
        (x: Ces, y: Ces) =>
          x.version === y.version
            ? { kind: 'ces', version: x.version, counts: add(x.counts, y.counts) }
            : refused('MIXED_VERSIONS'),
      );
    });
  });

  it('csatMerge: the sum of pairs on one scale, the zod-path error otherwise', () => {
    assertBoth(damagedPair(csatPair), ([a, b]) => {
      return check(
        [a, b],
        csatMerge,
        () => [csatParse(a), csatParse(b)],
        (x: CsatAccumulator, y: CsatAccumulator) => {
          const s = x.scale;
          const t = y.scale;
          const same =
            s.kind === 'binary'
              ? t.kind === 'binary'
              : t.kind === 'points' &&
                s.min === t.min &&
                s.max === t.max &&
                s.positiveFrom === t.positiveFrom;
          // csatParse has checked each one's counts against its scale.
          return same
            ? {
                kind: 'csat',
                scale: s,
                counts: add(x.counts, y.counts),
                unrated: x.unrated + y.unrated,
              }
            : refused('INCOMPATIBLE_ACCUMULATORS');
        },
      );
    });
  });

  it('ahtMerge: the sums of zod-accepted pairs, the zod-path error otherwise', () => {
    assertBoth(damagedPair(fc.tuple(ahtAcc, ahtAcc)), ([a, b]) => {
      return check(
        [a, b],
        ahtMerge,
        () => [
          parse(ahtAccumulatorSchema, a, ahtSubject),
          parse(ahtAccumulatorSchema, b, ahtSubject),
        ],
        (x: Aht, y: Aht) => ({
          kind: 'aht',
          handled: x.handled + y.handled,
          talkMs: x.talkMs + y.talkMs,
          holdMs: x.holdMs + y.holdMs,
          afterWorkMs: x.afterWorkMs + y.afterWorkMs,
        }),
      );
    });
  });

  it('fcrMerge (disposition, survey): the sums of same-method pairs, the zod-path error otherwise', () => {
    assertBoth(damagedPair(fcrPair), ([a, b]) => {
      return check(
        [a, b],
        fcrMerge,
        () => [
          parse(fcrAccumulatorSchema, a, fcrSubject),
          parse(fcrAccumulatorSchema, b, fcrSubject),
        ],
        // fcrPair's 'repeat' accumulators have no window or open contacts: zod rejects them.
        (x: FcrCounts, y: FcrCounts) =>
          x.method === y.method
            ? {
                kind: 'fcr',
                method: x.method,
                resolved: x.resolved + y.resolved,
                unresolved: x.unresolved + y.unresolved,
                excluded: x.excluded + y.excluded,
              }
            : refused('INCOMPATIBLE_ACCUMULATORS'),
      );
    });
  });
});

describe('Merge, repeat method (the open contacts are copied once, not twice)', () => {
  type Repeat = {
    kind: 'fcr';
    method: 'repeat';
    windowMs: number;
    resolved: number;
    unresolved: number;
    open: Record<string, Span>;
  };

  it('fcrMerge joins shards that follow each other, the zod-path error otherwise', () => {
    assertBoth(damagedPair(repeatPair), ([a, b]) => {
      return check(
        [a, b],
        fcrMerge,
        () => [
          parse(fcrAccumulatorSchema, a, fcrSubject),
          parse(fcrAccumulatorSchema, b, fcrSubject),
        ],
        (x: Repeat, y: Repeat) => {
          if (x.method !== 'repeat' || y.method !== 'repeat' || x.windowMs !== y.windowMs) {
            return refused('INCOMPATIBLE_ACCUMULATORS');
          }
          let resolved = x.resolved + y.resolved;
          let unresolved = x.unresolved + y.unresolved;
          const open = new Map<string, Span>(Object.entries(x.open));
          for (const [key, r] of Object.entries(y.open)) {
            const l = open.get(key);
            if (l === undefined) {
              open.set(key, r);
              continue;
            }
            const order = l.last <= r.first ? [l, r] : r.last <= l.first ? [r, l] : undefined;
            if (order === undefined) return refused('INCOMPATIBLE_ACCUMULATORS'); // overlap
            const [early, late] = order as [Span, Span];
            if (late.first - early.last <= x.windowMs) unresolved += 1;
            else resolved += 1;
            open.set(key, { first: early.first, last: late.last });
          }
          return {
            kind: 'fcr',
            method: 'repeat',
            windowMs: x.windowMs,
            resolved,
            unresolved,
            open: Object.fromEntries(open),
          };
        },
      );
    });
  });
});

// --- Result -------------------------------------------------------------------------------------

const share = (count: number, total: number) => ({ count, share: count / total });

/** zod's output for either kind of FCR accumulator. */
type FcrAny = {
  kind: 'fcr';
  method: 'disposition' | 'survey' | 'repeat';
  resolved: number;
  unresolved: number;
  excluded?: number;
  windowMs?: number;
  open?: Record<string, { first: number; last: number }>;
};

describe('Result hot paths', () => {
  it('ahtResult: the averages of a zod-accepted accumulator, key order included', () => {
    assertBoth(ahtAcc.chain(maybeDamaged), (a) => {
      return check(
        [a],
        ahtResult,
        () => [parse(ahtAccumulatorSchema, a, ahtSubject)],
        (x: Aht) => {
          if (x.handled === 0) return { kind: 'empty', handled: 0 };
          const totalMs = x.talkMs + x.holdMs + x.afterWorkMs;
          if (!Number.isSafeInteger(totalMs)) return refused('INVALID_ACCUMULATOR');
          return {
            kind: 'average',
            handled: x.handled,
            totalMs,
            averageMs: totalMs / x.handled,
            fraction: { numerator: totalMs, denominator: x.handled },
            parts: {
              talkMs: x.talkMs / x.handled,
              holdMs: x.holdMs / x.handled,
              afterWorkMs: x.afterWorkMs / x.handled,
            },
          };
        },
      );
    });
  });

  it('npsResult: the score of a zod-accepted accumulator, key order included', () => {
    assertBoth(npsAcc.chain(maybeDamaged), (a) => {
      return check(
        [a],
        npsResult,
        () => [parse(npsAccumulatorSchema, a, npsSubject)],
        (x: Nps) => {
          const c = x.counts;
          const n = sum(c);
          if (n === 0) return { kind: 'empty', responses: 0 };
          const p = (c[9] as number) + (c[10] as number);
          const pa = (c[7] as number) + (c[8] as number);
          const d = n - p - pa;
          return {
            kind: 'score',
            responses: n,
            promoters: share(p, n),
            passives: share(pa, n),
            detractors: share(d, n),
            score: (100 * (p - d)) / n,
            net: { numerator: p - d, denominator: n },
            distribution: [...c],
          };
        },
      );
    });
  });

  it('csatResult: the score of a zod-accepted accumulator, key order included', () => {
    const offered = fc.option(fc.nat({ max: 100_000 }), { nil: undefined });
    assertBoth(fc.tuple(csatAcc.chain(maybeDamaged), offered), ([a, o]) => {
      const options = o === undefined ? undefined : { offered: o };
      return check(
        [a],
        (acc: never) => csatResult(acc, options),
        () => [csatParse(a)],
        (x: CsatAccumulator) => {
          const s = x.scale;
          const c = x.counts;
          const rated = sum(c);
          if (o !== undefined && o < rated + x.unrated) return refused('INVALID_OPTIONS');
          const rate =
            o === undefined || o === 0
              ? {}
              : { responseRate: { rated, offered: o, share: rated / o } };
          if (rated === 0) return { kind: 'empty', rated: 0, unrated: x.unrated, ...rate };
          const from = s.kind === 'binary' ? 1 : s.positiveFrom - s.min;
          const positive = sum(c.slice(from));
          const result = {
            kind: 'score',
            rated,
            unrated: x.unrated,
            positive: share(positive, rated),
            negative: share(rated - positive, rated),
            percent: (100 * positive) / rated,
            fraction: { numerator: positive, denominator: rated },
            distribution: [...c],
            ...rate,
          };
          if (s.kind === 'binary') return result;
          const weighted = c.reduce((t, v, i) => t + v * (s.min + i), 0);
          return { ...result, average: weighted / rated };
        },
      );
    });
  });

  it('fcrResult: the rate of a zod-accepted accumulator of any method, observedUntil included', () => {
    /** Any time, or one on a boundary: an open contact's last time, or the end of its window. */
    const untilFor = (a: FcrAny) => {
      const edges = Object.values(a.open ?? {}).flatMap((o) => [
        o.last - 1,
        o.last,
        o.last + (a.windowMs ?? 0),
        o.last + (a.windowMs ?? 0) - 1,
      ]);
      const any = fc.oneof(fc.nat({ max: 40_000 }), bad);
      return fc.option(edges.length === 0 ? any : fc.oneof(any, fc.constantFrom(...edges)), {
        nil: undefined,
      });
    };
    const acc = fc.oneof(
      fcrAcc(fc.constantFrom('disposition', 'survey')),
      repeatAcc(windowMs, 0),
      repeatAcc(windowMs, 20_000),
    );
    assertBoth(
      acc.chain((a) => fc.tuple(maybeDamaged(a), untilFor(a as FcrAny))),
      ([a, until]) => {
        const options = until === undefined ? undefined : { observedUntil: until as number };
        return check(
          [a],
          (value: never) => fcrResult(value, options),
          () => [parse(fcrAccumulatorSchema, a, fcrSubject)],
          (x: FcrAny) => {
            let resolved = x.resolved;
            let excluded = x.excluded ?? 0;
            if (x.method === 'repeat') {
              const lasts = Object.values(x.open ?? {}).map((o) => o.last);
              const latest = Math.max(0, ...lasts);
              if (until === undefined) excluded = 0;
              else if (typeof until !== 'number' || !Number.isSafeInteger(until) || until < latest)
                return refused('INVALID_OPTIONS');
              else excluded = lasts.filter((l) => l + (x.windowMs ?? 0) > until).length;
              resolved = x.resolved + lasts.length - excluded;
            } else if (until !== undefined) return refused('INVALID_OPTIONS');
            const contacts = resolved + x.unresolved;
            if (contacts === 0) return { kind: 'empty', method: x.method, contacts: 0, excluded };
            return {
              kind: 'rate',
              method: x.method,
              contacts,
              resolved: share(resolved, contacts),
              unresolved: share(x.unresolved, contacts),
              percent: (100 * resolved) / contacts,
              fraction: { numerator: resolved, denominator: contacts },
              excluded,
            };
          },
        );
      },
    );
  });

  it('results own their arrays: changing a result or the accumulator later leaves the other alone', () => {
    const acc = { kind: 'nps' as const, counts: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] };
    const first = npsResult(acc);
    if (first.kind !== 'score') throw new Error('expected a score');
    (first.distribution as number[])[0] = 99;
    acc.counts[10] = 0;
    expect(acc.counts[0]).toBe(1);
    expect(first.distribution[10]).toBe(11);
    expect(npsMerge(acc, acc).counts).not.toBe(acc.counts);
  });
});

// --- Add ----------------------------------------------------------------------------------------

describe('Add hot path', () => {
  it('csatAdd counts exactly the answers on its scale, and refuses the rest leaving it unchanged', () => {
    const response = fc.oneof(
      fc.integer({ min: -20, max: 20 }),
      fc.double(),
      fc.constantFrom<unknown>(
        null,
        'good',
        'bad',
        '3',
        '',
        -0,
        0.5,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        2 ** 32 + 1,
        undefined,
        true,
        {},
      ),
    );
    fc.assert(
      fc.property(csatScale, fc.array(response, { maxLength: 12 }), (scale, responses) => {
        const acc = csatAccumulator(scale as CsatScale);
        const counts = [...acc.counts];
        let unrated = 0;
        for (const r of responses) {
          // The model: null is unrated; binary takes 'good' (slot 1) and 'bad' (slot 0); a
          // points scale takes whole numbers (32-bit) from min to max, at slot r - min.
          let slot = -1;
          if (r !== null && acc.scale.kind === 'binary')
            slot = r === 'good' ? 1 : r === 'bad' ? 0 : -1;
          else if (r !== null && acc.scale.kind === 'points') {
            const { min, max } = acc.scale;
            const ok = typeof r === 'number' && Number.isInteger(r) && r >= min && r <= max;
            slot = ok ? (r as number) - min : -1;
          }
          const before = fingerprint(acc);
          const out = outcome(() => csatAdd(acc, r as never));
          if (r === null) unrated += 1;
          else if (slot >= 0) counts[slot] = (counts[slot] as number) + 1;
          else {
            expect(out.ok ? 'a value' : out.code).toBe('INVALID_RESPONSE');
            expect(fingerprint(acc)).toBe(before);
          }
          expect(acc.counts).toStrictEqual(counts);
          expect(acc.unrated).toBe(unrated);
        }
      }),
      runs,
    );
  });
});
