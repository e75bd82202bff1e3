/**
 * Metrics: every `*Add`, `*Merge` and `*Result` of NPS, CSAT, CES, AHT, FCR (disposition and
 * repeat), moments of truth and SERVQUAL against a hand-written loop doing the same checks (range
 * and integer checks per answer; a full shape check of each stored accumulator before merging or
 * scoring, as the library does), each against its own baseline, in one process.
 *
 * It imports the built package (dist), as an app runs it: tsx would compile src with esbuild's
 * `keepNames`, which wraps every function created inside a call and slows closures the shipped
 * code does not slow. `npm run bench` builds first.
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
  type FcrRepeatAccumulator,
  fcrAccumulator,
  fcrAdd,
  fcrMerge,
  fcrResult,
  type MomentsAccumulator,
  momentsAccumulator,
  momentsAdd,
  momentsMerge,
  momentsResult,
  npsAccumulator,
  npsAdd,
  npsMerge,
  npsResult,
  type ServqualAccumulator,
  type ServqualAnswer,
  servqualAccumulator,
  servqualAdd,
  servqualDimensions,
  servqualMerge,
  servqualResult,
} from '../dist/metrics/index.js';
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

// FCR, disposition method
const verdicts = Array.from({ length: 1024 }, (_, i) => ({ resolved: i % 3 !== 0 }));
const fcrA = fcrAccumulator({ method: 'disposition' });
for (const v of verdicts) fcrAdd(fcrA, v);
type FcrCounts = {
  kind: string;
  method: string;
  resolved: number;
  unresolved: number;
  excluded: number;
};
const validFcr = (y: FcrCounts) =>
  y.kind === 'fcr' &&
  (y.method === 'disposition' || y.method === 'survey') &&
  isCount(y.resolved) &&
  isCount(y.unresolved) &&
  isCount(y.excluded);
op(
  'fcrAdd',
  (n) => {
    const a = fcrAccumulator({ method: 'disposition' });
    for (let i = 0; i < n; i++) fcrAdd(a, verdicts[i & 1023] as { resolved: boolean });
    return a;
  },
  (n) => {
    const a = { kind: 'fcr', method: 'disposition', resolved: 0, unresolved: 0, excluded: 0 };
    for (let i = 0; i < n; i++) {
      const r = (verdicts[i & 1023] as { resolved: boolean }).resolved;
      if (r === true) a.resolved++;
      else if (r === false) a.unresolved++;
      else throw new Error();
    }
    return a;
  },
);
op(
  'fcrMerge',
  (n) => {
    let a: unknown;
    for (let i = 0; i < n; i++) a = fcrMerge(fcrA, fcrA);
    return a;
  },
  (n) => {
    let a: unknown;
    for (let i = 0; i < n; i++) {
      const x = fcrA as unknown as FcrCounts;
      const y = fcrA as unknown as FcrCounts;
      if (!validFcr(x) || !validFcr(y) || x.method !== y.method) throw new Error();
      a = {
        kind: 'fcr',
        method: x.method,
        resolved: x.resolved + y.resolved,
        unresolved: x.unresolved + y.unresolved,
        excluded: x.excluded + y.excluded,
      };
    }
    return a;
  },
);
op(
  'fcrResult',
  (n) => {
    let r: unknown;
    for (let i = 0; i < n; i++) r = fcrResult(fcrA);
    return r;
  },
  (n) => {
    let r: unknown;
    for (let i = 0; i < n; i++) {
      const x = fcrA as unknown as FcrCounts;
      if (!validFcr(x)) throw new Error();
      const t = x.resolved + x.unresolved;
      r = {
        kind: 'rate',
        method: x.method,
        contacts: t,
        resolved: { count: x.resolved, share: x.resolved / t },
        unresolved: { count: x.unresolved, share: x.unresolved / t },
        percent: (100 * x.resolved) / t,
        fraction: { numerator: x.resolved, denominator: t },
        excluded: x.excluded,
      };
    }
    return r;
  },
);

// FCR, repeat method: 100 customers, a contact every hour in turn, a 7-day window
const hour = 3_600_000;
const window = 7 * 24 * hour;
const visits = Array.from({ length: 1024 }, (_, i) => ({ customer: `c${i % 100}`, at: i * hour }));
const repeatShard = (from: number) => {
  const a = fcrAccumulator({ method: 'repeat', windowMs: window });
  for (const v of visits) fcrAdd(a, { customer: `${v.customer}-${from}`, at: v.at });
  return a;
};
const repA = repeatShard(0);
const repB = repeatShard(1);
type Span = { first: number; last: number };
function validRepeat(y: FcrRepeatAccumulator): boolean {
  if (
    y.kind !== 'fcr' ||
    y.method !== 'repeat' ||
    !(isCount(y.windowMs) && y.windowMs > 0) ||
    !isCount(y.resolved) ||
    !isCount(y.unresolved)
  )
    return false;
  const open = y.open as unknown;
  if (typeof open !== 'object' || open === null || Array.isArray(open)) return false;
  if (Object.getPrototypeOf(open) !== Object.prototype) return false;
  for (const k of Reflect.ownKeys(open)) {
    if (typeof k === 'symbol') return false;
    const e = (open as Record<string, Span>)[k] as Span;
    if (typeof e !== 'object' || e === null || !isCount(e.first) || !isCount(e.last)) return false;
    if (e.first > e.last) return false;
  }
  return true;
}
op(
  'fcrAdd (repeat)',
  (n) => {
    const a = fcrAccumulator({ method: 'repeat', windowMs: window });
    const base = n * hour;
    for (let i = 0; i < n; i++) {
      const v = visits[i & 1023] as (typeof visits)[number];
      fcrAdd(a, { customer: v.customer, at: Math.floor(i / 1024) * base + v.at });
    }
    return a;
  },
  (n) => {
    const a = { resolved: 0, unresolved: 0, open: {} as Record<string, Span> };
    const base = n * hour;
    for (let i = 0; i < n; i++) {
      const v = visits[i & 1023] as (typeof visits)[number];
      const c = { customer: v.customer, at: Math.floor(i / 1024) * base + v.at };
      if (typeof c.customer !== 'string' || c.customer.length === 0 || !isCount(c.at))
        throw new Error();
      const key = JSON.stringify([c.customer, null]);
      const o = a.open[key];
      if (o === undefined) a.open[key] = { first: c.at, last: c.at };
      else {
        if (c.at < o.last) throw new Error();
        if (c.at - o.last <= window) a.unresolved++;
        else a.resolved++;
        o.last = c.at;
      }
    }
    return a;
  },
);
op(
  'fcrMerge (repeat)',
  (n) => {
    let a: unknown;
    for (let i = 0; i < n; i++) a = fcrMerge(repA, repB);
    return a;
  },
  (n) => {
    let a: unknown;
    for (let i = 0; i < n; i++) {
      const x = repA as FcrRepeatAccumulator;
      const y = repB as FcrRepeatAccumulator;
      if (!validRepeat(x) || !validRepeat(y) || x.windowMs !== y.windowMs) throw new Error();
      let resolved = x.resolved + y.resolved;
      let unresolved = x.unresolved + y.unresolved;
      const open: Record<string, Span> = {};
      for (const k in x.open) {
        const e = x.open[k] as Span;
        open[k] = { first: e.first, last: e.last };
      }
      for (const k in y.open) {
        const r = y.open[k] as Span;
        const l = open[k];
        if (l === undefined) open[k] = { first: r.first, last: r.last };
        else {
          if (!(l.last <= r.first)) throw new Error();
          if (r.first - l.last <= x.windowMs) unresolved++;
          else resolved++;
          open[k] = { first: l.first, last: r.last };
        }
      }
      a = { kind: 'fcr', method: 'repeat', windowMs: x.windowMs, resolved, unresolved, open };
    }
    return a;
  },
);
op(
  'fcrResult (repeat)',
  (n) => {
    let r: unknown;
    for (let i = 0; i < n; i++) r = fcrResult(repA);
    return r;
  },
  (n) => {
    let r: unknown;
    for (let i = 0; i < n; i++) {
      const x = repA as FcrRepeatAccumulator;
      if (!validRepeat(x)) throw new Error();
      let open = 0;
      for (const _ in x.open) open++;
      const resolved = x.resolved + open;
      const t = resolved + x.unresolved;
      r = {
        kind: 'rate',
        method: 'repeat',
        contacts: t,
        resolved: { count: resolved, share: resolved / t },
        unresolved: { count: x.unresolved, share: x.unresolved / t },
        percent: (100 * resolved) / t,
        fraction: { numerator: resolved, denominator: t },
        excluded: 0,
      };
    }
    return r;
  },
);

// Moments of truth: 8 moments
const momentIds = [
  'greeting',
  'hold',
  'transfer',
  'diagnosis',
  'offer',
  'objection',
  'close',
  'follow-up',
];
const momentOutcomes = ['positive', 'negative', 'neutral', undefined] as const;
const marks = Array.from({ length: 1024 }, (_, i) => ({
  id: momentIds[i % 8] as string,
  outcome: momentOutcomes[(i * 7) % 4],
}));
const momA = momentsAccumulator();
for (const m of marks) momentsAdd(momA, m.id, m.outcome);
type Tally = {
  id: string;
  positive: number;
  negative: number;
  neutral: number;
  unassessed: number;
};
function validMoments(y: MomentsAccumulator): boolean {
  if (y.kind !== 'moments' || !Array.isArray(y.moments)) return false;
  const seen = new Set<string>();
  for (const m of y.moments as Tally[]) {
    if (typeof m !== 'object' || m === null) return false;
    if (typeof m.id !== 'string' || m.id.length === 0) return false;
    if (
      !isCount(m.positive) ||
      !isCount(m.negative) ||
      !isCount(m.neutral) ||
      !isCount(m.unassessed)
    )
      return false;
    seen.add(m.id);
  }
  return seen.size === y.moments.length;
}
const balance = (positive: number, negative: number) => {
  if (positive === 0 && negative === 0) return { kind: 'empty' };
  const required = negative * 12;
  const surplus = positive - required;
  return {
    kind: 'balance',
    positive,
    negative,
    ratio: 12,
    required,
    surplus,
    healthy: surplus >= 0,
  };
};
op(
  'momentsAdd',
  (n) => {
    const a = momentsAccumulator();
    for (let i = 0; i < n; i++) {
      const m = marks[i & 1023] as (typeof marks)[number];
      momentsAdd(a, m.id, m.outcome);
    }
    return a;
  },
  (n) => {
    const a: Tally[] = [];
    for (let i = 0; i < n; i++) {
      const m = marks[i & 1023] as (typeof marks)[number];
      if (typeof m.id !== 'string' || m.id.length === 0) throw new Error();
      if (
        m.outcome !== undefined &&
        m.outcome !== 'positive' &&
        m.outcome !== 'negative' &&
        m.outcome !== 'neutral'
      )
        throw new Error();
      let e = a.find((t) => t.id === m.id);
      if (e === undefined) {
        e = { id: m.id, positive: 0, negative: 0, neutral: 0, unassessed: 0 };
        a.push(e);
      }
      e[m.outcome ?? 'unassessed'] += 1;
    }
    return a;
  },
);
op(
  'momentsMerge',
  (n) => {
    let a: unknown;
    for (let i = 0; i < n; i++) a = momentsMerge(momA, momA);
    return a;
  },
  (n) => {
    let a: unknown;
    for (let i = 0; i < n; i++) {
      const x = momA;
      const y = momA;
      if (!validMoments(x) || !validMoments(y)) throw new Error();
      const out: Tally[] = x.moments.map((m) => ({ ...m }));
      for (const o of y.moments) {
        const e = out.find((t) => t.id === o.id);
        if (e === undefined) out.push({ ...o });
        else {
          e.positive += o.positive;
          e.negative += o.negative;
          e.neutral += o.neutral;
          e.unassessed += o.unassessed;
        }
      }
      a = { kind: 'moments', moments: out };
    }
    return a;
  },
);
op(
  'momentsResult',
  (n) => {
    let r: unknown;
    for (let i = 0; i < n; i++) r = momentsResult(momA);
    return r;
  },
  (n) => {
    let r: unknown;
    for (let i = 0; i < n; i++) {
      const x = momA;
      if (!validMoments(x)) throw new Error();
      const overall = { positive: 0, negative: 0, neutral: 0, unassessed: 0, total: 0 };
      const rows = x.moments.map((m) => {
        overall.positive += m.positive;
        overall.negative += m.negative;
        overall.neutral += m.neutral;
        overall.unassessed += m.unassessed;
        const total = m.positive + m.negative + m.neutral + m.unassessed;
        overall.total += total;
        return { ...m, total, health: balance(m.positive, m.negative) };
      });
      r = {
        kind: 'moments',
        moments: rows,
        overall,
        health: balance(overall.positive, overall.negative),
      };
    }
    return r;
  },
);

// SERVQUAL: 10 items over the five dimensions, scale 1–7
const sqAnswers: ServqualAnswer[] = Array.from({ length: 1024 }, (_, i) => ({
  item: `item-${i % 10}`,
  dimension: servqualDimensions[(i % 10) % 5] as ServqualAnswer['dimension'],
  expectation: 1 + (i % 7),
  perception: 1 + ((i * 3) % 7),
}));
const sqA = servqualAccumulator();
for (const x of sqAnswers) servqualAdd(sqA, x);
type SqItem = ServqualAccumulator['items'][number];
function validServqual(y: ServqualAccumulator): boolean {
  if (y.kind !== 'servqual' || typeof y.scale !== 'object' || y.scale === null) return false;
  const { min, max } = y.scale;
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || !(min < max)) return false;
  if (!Array.isArray(y.items)) return false;
  for (const e of y.items) {
    if (typeof e !== 'object' || e === null) return false;
    if (typeof e.item !== 'string' || e.item.length === 0) return false;
    if (!servqualDimensions.includes(e.dimension)) return false;
    if (!Number.isSafeInteger(e.responses) || e.responses <= 0) return false;
    if (!Number.isSafeInteger(e.expectationSum) || !Number.isSafeInteger(e.perceptionSum))
      return false;
  }
  return true;
}
const meanOf = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
op(
  'servqualAdd',
  (n) => {
    const a = servqualAccumulator();
    for (let i = 0; i < n; i++) servqualAdd(a, sqAnswers[i & 1023] as ServqualAnswer);
    return a;
  },
  (n) => {
    const items: SqItem[] = [];
    for (let i = 0; i < n; i++) {
      const x = sqAnswers[i & 1023] as ServqualAnswer;
      if (typeof x.item !== 'string' || x.item.length === 0) throw new Error();
      if (!servqualDimensions.includes(x.dimension)) throw new Error();
      const okE = Number.isInteger(x.expectation) && x.expectation >= 1 && x.expectation <= 7;
      const okP = Number.isInteger(x.perception) && x.perception >= 1 && x.perception <= 7;
      if (!okE || !okP) throw new Error();
      const e = items.find((t) => t.item === x.item);
      if (e !== undefined && e.dimension !== x.dimension) throw new Error();
      if (e === undefined)
        items.push({
          item: x.item,
          dimension: x.dimension,
          responses: 1,
          expectationSum: x.expectation,
          perceptionSum: x.perception,
        });
      else {
        e.responses += 1;
        e.expectationSum += x.expectation;
        e.perceptionSum += x.perception;
      }
    }
    return items;
  },
);
op(
  'servqualMerge',
  (n) => {
    let a: unknown;
    for (let i = 0; i < n; i++) a = servqualMerge(sqA, sqA);
    return a;
  },
  (n) => {
    let a: unknown;
    for (let i = 0; i < n; i++) {
      const x = sqA;
      const y = sqA;
      if (!validServqual(x) || !validServqual(y)) throw new Error();
      if (x.scale.min !== y.scale.min || x.scale.max !== y.scale.max) throw new Error();
      const items = x.items.map((e) => ({ ...e }));
      for (const o of y.items) {
        const e = items.find((t) => t.item === o.item);
        if (e === undefined) items.push({ ...o });
        else if (e.dimension !== o.dimension) throw new Error();
        else {
          e.responses += o.responses;
          e.expectationSum += o.expectationSum;
          e.perceptionSum += o.perceptionSum;
        }
      }
      a = { kind: 'servqual', scale: { min: x.scale.min, max: x.scale.max }, items };
    }
    return a;
  },
);
op(
  'servqualResult',
  (n) => {
    let r: unknown;
    for (let i = 0; i < n; i++) r = servqualResult(sqA);
    return r;
  },
  (n) => {
    let r: unknown;
    const rank = (d: string) => servqualDimensions.indexOf(d as ServqualAnswer['dimension']);
    for (let i = 0; i < n; i++) {
      const x = sqA;
      if (!validServqual(x)) throw new Error();
      const perItem = x.items
        .map((e) => ({
          item: e.item,
          dimension: e.dimension,
          expectation: e.expectationSum / e.responses,
          perception: e.perceptionSum / e.responses,
          gap: (e.perceptionSum - e.expectationSum) / e.responses,
          responses: e.responses,
        }))
        .sort(
          (p, q) =>
            rank(p.dimension) - rank(q.dimension) ||
            (p.item < q.item ? -1 : p.item > q.item ? 1 : 0),
        );
      const dimensions = servqualDimensions.flatMap((dimension) => {
        const own = perItem.filter((e) => e.dimension === dimension);
        if (own.length === 0) return [];
        return [
          {
            dimension,
            items: own.length,
            expectation: meanOf(own.map((e) => e.expectation)),
            perception: meanOf(own.map((e) => e.perception)),
            gap: meanOf(own.map((e) => e.gap)),
            responses: own.reduce((m, e) => m + e.responses, 0),
          },
        ];
      });
      r = {
        kind: 'gaps',
        items: perItem,
        dimensions,
        overall: meanOf(dimensions.map((d) => d.gap)),
      };
    }
    return r;
  },
);

function measure(): Sample {
  const out: Sample = {};
  for (const o of ops) {
    // The repeat method, moments and SERVQUAL do more per call: fewer calls, same for both sides.
    const heavy = /\(repeat\)|^moments|^servqual/.test(o.name);
    const n = /Add\b/.test(o.name) ? (heavy ? N / 10 : N) : heavy ? M / 10 : M;
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
    'ns per call (Add: per answer over 1M answers into one accumulator, 100k for FCR repeat, moments and SERVQUAL; Merge/Result: per call on a stored accumulator, 100k calls, 10k for those three). The hand-written side does the same checks: range and integer per answer; the whole shape of each accumulator before merging or scoring. Accumulators: NPS, CSAT and CES of 1,000 answers; AHT of 1,024 contacts; FCR by disposition; FCR by repeat contact with 100 open customers per shard (Merge joins two disjoint shards); 8 moments of truth; 10 SERVQUAL items.',
    '',
    table(['operation', 'servicecraft (ns)', 'hand-written (ns)', 'ratio', 'target', ''], rows),
  ].join('\n');
}

export const bench: Bench = {
  title: 'Metrics: accumulators against hand-written loops',
  measure,
  render,
};
