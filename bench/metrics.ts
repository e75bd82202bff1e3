/**
 * Metrics: every `*Add`, `*Merge` and `*Result` of NPS, CSAT, CES and AHT against a hand-written
 * loop doing the same checks (range and integer checks per answer; a full shape check of each
 * stored accumulator before merging or scoring, as the library does), each against its own
 * baseline, in one process.
 */
import {
  ahtAccumulator,
  ahtAdd,
  ahtMerge,
  ahtResult,
  cesAccumulator,
  cesAdd,
  cesMerge,
  cesResult,
  csatAccumulator,
  csatAdd,
  csatMerge,
  csatResult,
  csatScales,
  npsAccumulator,
  npsAdd,
  npsMerge,
  npsResult,
} from '../dist/index.js';
import {
  type Bench,
  cell,
  compare,
  ratioCell,
  ratioStat,
  type Sample,
  table,
  verdict,
} from './harness.js';

const N = 1_000_000;
const M = 100_000;

function answers(n: number, max: number, min = 0): Int32Array {
  const out = new Int32Array(n);
  let seed = 12345;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    out[i] = min + (seed % (max - min + 1));
  }
  return out;
}

const isCount = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
function validCounts(v: unknown, len: number): v is number[] {
  if (!Array.isArray(v) || v.length !== len) return false;
  for (let i = 0; i < len; i++) if (!isCount(v[i])) return false;
  return true;
}
const sum = (c: readonly number[]) => c.reduce((a, b) => a + b, 0);

const ops: { name: string; ours: (n: number) => unknown; hand: (n: number) => unknown }[] = [];
function op(name: string, ours: (n: number) => unknown, hand: (n: number) => unknown) {
  ops.push({ name, ours, hand });
}

// NPS
const nps = answers(N, 10);
const npsShard = () => {
  const a = npsAccumulator();
  for (let i = 0; i < 1000; i++) npsAdd(a, nps[i] as number);
  return a;
};
const npsA = npsShard();
op(
  'npsAdd',
  (n) => {
    const a = npsAccumulator();
    for (let i = 0; i < n; i++) npsAdd(a, nps[i] as number);
    return a;
  },
  (n) => {
    const c = new Array(11).fill(0);
    for (let i = 0; i < n; i++) {
      const s = nps[i] as number;
      if (!(s >= 0 && s <= 10 && (s | 0) === s)) throw new Error();
      c[s]++;
    }
    return c;
  },
);
op(
  'npsMerge',
  (n) => {
    let a = npsA;
    for (let i = 0; i < n; i++) a = npsMerge(npsA, npsA);
    return a;
  },
  (n) => {
    let a: unknown;
    for (let i = 0; i < n; i++) {
      const x = npsA,
        y = npsA;
      if (
        x.kind !== 'nps' ||
        !validCounts(x.counts, 11) ||
        y.kind !== 'nps' ||
        !validCounts(y.counts, 11)
      )
        throw new Error();
      a = { kind: 'nps', counts: x.counts.map((v, j) => v + (y.counts[j] as number)) };
    }
    return a;
  },
);
op(
  'npsResult',
  (n) => {
    let r: unknown;
    for (let i = 0; i < n; i++) r = npsResult(npsA);
    return r;
  },
  (n) => {
    let r: unknown;
    for (let i = 0; i < n; i++) {
      const x = npsA;
      if (x.kind !== 'nps' || !validCounts(x.counts, 11)) throw new Error();
      const c = x.counts;
      const t = sum(c);
      const p = (c[9] as number) + (c[10] as number);
      const pa = (c[7] as number) + (c[8] as number);
      const d = t - p - pa;
      r = {
        kind: 'score',
        responses: t,
        promoters: { count: p, share: p / t },
        passives: { count: pa, share: pa / t },
        detractors: { count: d, share: d / t },
        score: (100 * (p - d)) / t,
        net: { numerator: p - d, denominator: t },
        distribution: [...c],
      };
    }
    return r;
  },
);

// CSAT (five-point)
const csat = answers(N, 5, 1);
const csatA = csatAccumulator(csatScales.fivePoint);
for (let i = 0; i < 1000; i++) csatAdd(csatA, csat[i] as number);
op(
  'csatAdd',
  (n) => {
    const a = csatAccumulator(csatScales.fivePoint);
    for (let i = 0; i < n; i++) csatAdd(a, csat[i] as number);
    return a;
  },
  (n) => {
    const c = [0, 0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      const s = csat[i] as number;
      if (!(s >= 1 && s <= 5 && (s | 0) === s)) throw new Error();
      c[s - 1] = (c[s - 1] as number) + 1;
    }
    return c;
  },
);
op(
  'csatMerge',
  (n) => {
    let a: unknown;
    for (let i = 0; i < n; i++) a = csatMerge(csatA, csatA);
    return a;
  },
  (n) => {
    let a: unknown;
    for (let i = 0; i < n; i++) {
      const x = csatA as unknown as {
        kind: string;
        scale: { kind: string; min: number; max: number; positiveFrom: number };
        counts: number[];
        unrated: number;
      };
      for (const y of [x, x]) {
        if (
          y.kind !== 'csat' ||
          y.scale.kind !== 'points' ||
          !Number.isSafeInteger(y.scale.min) ||
          !Number.isSafeInteger(y.scale.max) ||
          !validCounts(y.counts, y.scale.max - y.scale.min + 1) ||
          !isCount(y.unrated)
        )
          throw new Error();
      }
      a = {
        kind: 'csat',
        scale: x.scale,
        counts: x.counts.map((v, j) => v + (x.counts[j] as number)),
        unrated: x.unrated * 2,
      };
    }
    return a;
  },
);
op(
  'csatResult',
  (n) => {
    let r: unknown;
    for (let i = 0; i < n; i++) r = csatResult(csatA);
    return r;
  },
  (n) => {
    let r: unknown;
    for (let i = 0; i < n; i++) {
      const x = csatA as unknown as {
        kind: string;
        scale: { kind: string; min: number; max: number; positiveFrom: number };
        counts: number[];
        unrated: number;
      };
      if (
        x.kind !== 'csat' ||
        x.scale.kind !== 'points' ||
        !validCounts(x.counts, x.scale.max - x.scale.min + 1) ||
        !isCount(x.unrated)
      )
        throw new Error();
      const t = sum(x.counts);
      let s = 0;
      for (let j = x.scale.positiveFrom - x.scale.min; j < x.counts.length; j++)
        s += x.counts[j] as number;
      r = {
        kind: 'score',
        responses: t,
        satisfied: { count: s, share: s / t },
        score: (100 * s) / t,
        unrated: x.unrated,
        distribution: [...x.counts],
      };
    }
    return r;
  },
);

// CES (version 2, 1–7)
const ces = answers(N, 7, 1);
const cesA = cesAccumulator(2);
for (let i = 0; i < 1000; i++) cesAdd(cesA, ces[i] as number);
op(
  'cesAdd',
  (n) => {
    const a = cesAccumulator(2);
    for (let i = 0; i < n; i++) cesAdd(a, ces[i] as number);
    return a;
  },
  (n) => {
    const c = [0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      const s = ces[i] as number;
      if (!(s >= 1 && s <= 7 && (s | 0) === s)) throw new Error();
      c[s - 1] = (c[s - 1] as number) + 1;
    }
    return c;
  },
);
op(
  'cesMerge',
  (n) => {
    let a: unknown;
    for (let i = 0; i < n; i++) a = cesMerge(cesA, cesA);
    return a;
  },
  (n) => {
    let a: unknown;
    for (let i = 0; i < n; i++) {
      const x = cesA as unknown as { kind: string; version: number; counts: number[] };
      for (const y of [x, x])
        if (y.kind !== 'ces' || y.version !== 2 || !validCounts(y.counts, 7)) throw new Error();
      a = { kind: 'ces', version: 2, counts: x.counts.map((v, j) => v + (x.counts[j] as number)) };
    }
    return a;
  },
);
op(
  'cesResult',
  (n) => {
    let r: unknown;
    for (let i = 0; i < n; i++) r = cesResult(cesA);
    return r;
  },
  (n) => {
    let r: unknown;
    for (let i = 0; i < n; i++) {
      const x = cesA as unknown as { kind: string; version: number; counts: number[] };
      if (x.kind !== 'ces' || x.version !== 2 || !validCounts(x.counts, 7)) throw new Error();
      const t = sum(x.counts);
      let w = 0;
      let e = 0;
      for (let j = 0; j < 7; j++) {
        w += (j + 1) * (x.counts[j] as number);
        if (j >= 4) e += x.counts[j] as number;
      }
      r = {
        kind: 'score',
        responses: t,
        mean: w / t,
        easy: { count: e, share: e / t },
        distribution: [...x.counts],
      };
    }
    return r;
  },
);

// AHT
const contacts = Array.from({ length: 1024 }, (_, i) => ({
  talkMs: 1000 * (i % 600),
  holdMs: 1000 * (i % 60),
  afterWorkMs: 1000 * (i % 120),
}));
const ahtA = ahtAccumulator();
for (const c of contacts) ahtAdd(ahtA, c);
const isMs = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
op(
  'ahtAdd',
  (n) => {
    const a = ahtAccumulator();
    for (let i = 0; i < n; i++) ahtAdd(a, contacts[i & 1023] as (typeof contacts)[number]);
    return a;
  },
  (n) => {
    const a = { kind: 'aht', handled: 0, talkMs: 0, holdMs: 0, afterWorkMs: 0 };
    for (let i = 0; i < n; i++) {
      const c = contacts[i & 1023] as (typeof contacts)[number];
      if (!(isMs(c.talkMs) && isMs(c.holdMs) && isMs(c.afterWorkMs))) throw new Error();
      a.handled++;
      a.talkMs += c.talkMs;
      a.holdMs += c.holdMs;
      a.afterWorkMs += c.afterWorkMs;
    }
    return a;
  },
);
const validAht = (y: typeof ahtA) =>
  y.kind === 'aht' && isCount(y.handled) && isMs(y.talkMs) && isMs(y.holdMs) && isMs(y.afterWorkMs);
op(
  'ahtMerge',
  (n) => {
    let a: unknown;
    for (let i = 0; i < n; i++) a = ahtMerge(ahtA, ahtA);
    return a;
  },
  (n) => {
    let a: unknown;
    for (let i = 0; i < n; i++) {
      const x = ahtA;
      if (!validAht(x) || !validAht(x)) throw new Error();
      a = {
        kind: 'aht',
        handled: x.handled * 2,
        talkMs: x.talkMs * 2,
        holdMs: x.holdMs * 2,
        afterWorkMs: x.afterWorkMs * 2,
      };
    }
    return a;
  },
);
op(
  'ahtResult',
  (n) => {
    let r: unknown;
    for (let i = 0; i < n; i++) r = ahtResult(ahtA);
    return r;
  },
  (n) => {
    let r: unknown;
    for (let i = 0; i < n; i++) {
      const x = ahtA;
      if (!validAht(x)) throw new Error();
      const t = x.talkMs + x.holdMs + x.afterWorkMs;
      if (!Number.isSafeInteger(t)) throw new Error();
      r = {
        kind: 'average',
        handled: x.handled,
        averageMs: t / x.handled,
        talkMs: x.talkMs / x.handled,
        holdMs: x.holdMs / x.handled,
        afterWorkMs: x.afterWorkMs / x.handled,
        totalMs: t,
      };
    }
    return r;
  },
);

function measure(): Sample {
  const out: Sample = {};
  for (const o of ops) {
    const n = o.name.endsWith('Add') ? N : M;
    const r = compare({ ours: o.ours, hand: o.hand }, n, 7);
    out[`${o.name}.ours`] = r.ours;
    out[`${o.name}.hand`] = r.hand;
  }
  return out;
}

function render(runs: readonly Sample[]): string {
  const rows = ops.map(({ name }) => {
    const med = ratioStat(runs, `${name}.ours`, `${name}.hand`).median;
    return [
      name,
      cell(runs, `${name}.ours`),
      cell(runs, `${name}.hand`),
      ratioCell(runs, `${name}.ours`, `${name}.hand`),
      '≤ 3×',
      verdict(med, 3),
    ];
  });
  return [
    'ns per call (Add: per answer over 1M answers into one accumulator; Merge/Result: per call on a stored accumulator). The hand-written side does the same checks: range and integer per answer; the whole shape of each accumulator before merging or scoring.',
    '',
    table(['operation', 'servicecraft (ns)', 'hand-written (ns)', 'ratio', 'target', ''], rows),
    '',
    'Not yet benched here: fcr*, repeat*, moments*, servqual* (their Merge/Result go through the same `parseOrThrow`, now with the quick check).',
  ].join('\n');
}

export const bench: Bench = {
  title: 'Metrics: accumulators against hand-written loops',
  measure,
  render,
};
