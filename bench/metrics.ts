/**
 * Metrics: 1M NPS answers through the accumulator (ns/answer) against hand-written loops in the
 * same run, the zod-validated batch form, other accumulators' add cost, and merge cost.
 */
import {
  ahtAccumulator,
  ahtAdd,
  cesAccumulator,
  cesAdd,
  csatAccumulator,
  csatAdd,
  csatScales,
  nps,
  npsAccumulator,
  npsAdd,
  npsMerge,
  npsResult,
} from '../dist/index.js';
import { fmt, measureOnce, nsPerOp, type Section, table } from './harness.js';

const N = 1_000_000;

/** Deterministic answers 0–10 (a small LCG, so every run sees the same data). */
function answers(n: number, max: number, min = 0): Int32Array {
  const out = new Int32Array(n);
  let seed = 12345;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    out[i] = min + (seed % (max - min + 1));
  }
  return out;
}

export function run(): Section {
  const data = answers(N, 10);
  const list = Array.from(data);
  const rows: (string | number)[][] = [];
  let baseline = 0;
  const row = (label: string, ns: number) => {
    baseline ||= ns;
    rows.push([label, fmt(ns), `${fmt(ns / baseline)}×`]);
  };

  row(
    'hand loop: three counters, no validation (baseline)',
    nsPerOp((n) => {
      let p = 0;
      let d = 0;
      for (let i = 0; i < n; i++) {
        const s = data[i] as number;
        if (s >= 9) p++;
        else if (s <= 6) d++;
      }
      return (100 * (p - d)) / n;
    }, N),
  );
  row(
    'hand loop: 11 counts, same range check as npsAdd',
    nsPerOp((n) => {
      const counts = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
      for (let i = 0; i < n; i++) {
        const s = data[i] as number;
        if (!(s >= 0 && s <= 10 && (s | 0) === s)) throw new Error('bad');
        counts[s] = (counts[s] as number) + 1;
      }
      return counts;
    }, N),
  );
  row(
    'npsAdd into one accumulator (+ npsResult)',
    nsPerOp((n) => {
      const acc = npsAccumulator();
      for (let i = 0; i < n; i++) npsAdd(acc, data[i] as number);
      return npsResult(acc);
    }, N),
  );
  row(
    'nps(batch): plain check, zod only to describe a failure',
    nsPerOp(() => nps(list), N),
  );

  const csat = answers(N, 5, 1);
  row(
    'csatAdd (five-point)',
    nsPerOp((n) => {
      const acc = csatAccumulator(csatScales.fivePoint);
      for (let i = 0; i < n; i++) csatAdd(acc, csat[i] as number);
      return acc;
    }, N),
  );
  const ces = answers(N, 7, 1);
  row(
    'cesAdd (version 2)',
    nsPerOp((n) => {
      const acc = cesAccumulator(2);
      for (let i = 0; i < n; i++) cesAdd(acc, ces[i] as number);
      return acc;
    }, N),
  );
  const contacts = Array.from({ length: 1024 }, (_, i) => ({
    talkMs: 1000 * (i % 600),
    holdMs: 1000 * (i % 60),
    afterWorkMs: 1000 * (i % 120),
  }));
  row(
    'hand loop: four sums into an object (AHT baseline)',
    nsPerOp((n) => {
      const acc = { handled: 0, talkMs: 0, holdMs: 0, afterWorkMs: 0 };
      for (let i = 0; i < n; i++) {
        const c = contacts[i & 1023] as (typeof contacts)[number];
        acc.handled++;
        acc.talkMs += c.talkMs;
        acc.holdMs += c.holdMs;
        acc.afterWorkMs += c.afterWorkMs;
      }
      return acc;
    }, N),
  );
  row(
    'ahtAdd',
    nsPerOp((n) => {
      const acc = ahtAccumulator();
      for (let i = 0; i < n; i++) ahtAdd(acc, contacts[i & 1023] as (typeof contacts)[number]);
      return acc;
    }, N),
  );

  const shards = Array.from({ length: 1000 }, (_, s) => {
    const acc = npsAccumulator();
    for (let i = 0; i < 1000; i++) npsAdd(acc, data[s * 1000 + i] as number);
    return acc;
  });
  const merge = nsPerOp((n) => {
    let acc = npsAccumulator();
    for (let i = 0; i < n; i++)
      acc = npsMerge(acc, shards[i % shards.length] as (typeof shards)[number]);
    return acc;
  }, 10_000);
  const once = measureOnce(() => shards.reduce((a, b) => npsMerge(a, b), npsAccumulator()));
  const whole = npsAccumulator();
  for (const s of data) npsAdd(whole, s);
  const same = JSON.stringify(once.result) === JSON.stringify(whole);

  return {
    title: 'Metrics: 1M NPS answers and accumulator merges',
    body: [
      table(['operation (1M answers)', 'ns/answer', 'vs baseline'], rows),
      '',
      table(
        ['merge', 'value'],
        [
          ['npsMerge (validates both states with zod), ns/merge', fmt(merge)],
          ['1,000 shards of 1,000 answers merged, ms', fmt(once.ms)],
          ['merged shards equal one accumulator over all answers', same ? 'yes' : 'NO'],
        ],
      ),
    ].join('\n'),
  };
}
