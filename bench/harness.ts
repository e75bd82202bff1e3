/**
 * A small, dependency-free benchmark harness.
 *
 * Every section exports `measure()` (runs in a child process and returns named numbers) and
 * `render(runs)` (turns the numbers of every process into markdown). `bench/index.ts` runs each
 * section's `measure()` in several separate processes (`BENCH_PROCS`, default 3), so one table
 * cell is the median over processes with the spread (min–max) beside it. A ratio is computed
 * inside each process (both sides measured in the same run, same process set) and only then
 * summarised: ratios are never formed from numbers of different runs.
 */
import { performance } from 'node:perf_hooks';

export interface Section {
  /** A heading for the section. */
  readonly title: string;
  /** Markdown (usually a table) with the measurements. */
  readonly body: string;
}

/** One process's measurements, by name. */
export type Sample = Record<string, number>;

/** A section of the bench. */
export interface Bench {
  readonly title: string;
  /** How many processes (at least 3 unless the measure is deterministic, then 1). */
  readonly processes?: number;
  measure(): Sample | Promise<Sample>;
  render(runs: readonly Sample[]): string;
}

/**
 * Calls `fn(n)` (which must do `n` operations) in rounds and returns the median ns per operation.
 * Warms up first with the same `n` so the timed rounds run optimised code.
 */
export function nsPerOp(fn: (n: number) => unknown, n: number, rounds = 7): number {
  sink = fn(n); // warm-up at the measured size
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    sink = fn(n);
    samples.push(((performance.now() - start) * 1e6) / n);
  }
  return median(samples);
}

/**
 * Measures several functions interleaved round by round (a, b, c, a, b, c, ...), so a noisy
 * moment hits every side alike; returns each one's median ns per operation.
 */
export function compare<K extends string>(
  fns: Record<K, (n: number) => unknown>,
  n: number,
  rounds = 9,
): Record<K, number> {
  const keys = Object.keys(fns) as K[];
  for (const k of keys) sink = fns[k](n); // warm-up
  for (const k of keys) sink = fns[k](n);
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < rounds; r++) {
    for (const k of keys) {
      const start = performance.now();
      sink = fns[k](n);
      samples[k].push(((performance.now() - start) * 1e6) / n);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, median(samples[k])])) as Record<K, number>;
}

/** Keeps results alive so the optimiser cannot drop the measured work. */
export let sink: unknown;

/** Forces a full GC (the bench runs with `--expose-gc`). */
export function gc(): void {
  const f = (globalThis as { gc?: () => void }).gc;
  if (!f) throw new Error('run the bench with node --expose-gc');
  f();
  f();
}

/** Runs `fn` once: its wall time (ms) and the heap it retains (bytes, both sides after a full GC). */
export function retained<T>(fn: () => T): { ms: number; retainedBytes: number; result: T } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const start = performance.now();
  const result = fn();
  const ms = performance.now() - start;
  gc();
  const retainedBytes = process.memoryUsage().heapUsed - before;
  sink = result;
  return { ms, retainedBytes, result };
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** The median and spread of one named value over the processes. */
export function stat(
  runs: readonly Sample[],
  key: string,
): { median: number; min: number; max: number } {
  const v = runs.map((r) => r[key]).filter((x): x is number => typeof x === 'number');
  return { median: median(v), min: Math.min(...v), max: Math.max(...v) };
}

/** The per-process ratio `num / den`, summarised over processes. */
export function ratioStat(
  runs: readonly Sample[],
  num: string,
  den: string,
): { median: number; min: number; max: number } {
  const v = runs.map((r) => (r[num] as number) / (r[den] as number));
  return { median: median(v), min: Math.min(...v), max: Math.max(...v) };
}

/** `median (min–max)` of a value. */
export function cell(runs: readonly Sample[], key: string, unit = ''): string {
  const s = stat(runs, key);
  if (runs.length === 1 || s.min === s.max) return `${fmt(s.median)}${unit}`;
  return `${fmt(s.median)}${unit} (${fmt(s.min)}–${fmt(s.max)})`;
}

/** `median× (min–max)` of a per-process ratio. */
export function ratioCell(runs: readonly Sample[], num: string, den: string): string {
  const s = ratioStat(runs, num, den);
  if (runs.length === 1) return `${fmt(s.median)}×`;
  return `${fmt(s.median)}× (${fmt(s.min)}–${fmt(s.max)})`;
}

/** `PASS`/`MISS` against a target on the median ratio. */
export function verdict(value: number, target: number): string {
  return value <= target ? 'pass' : 'MISS';
}

/** Formats a markdown table. */
export function table(
  head: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Rounds for display: 3 significant digits. */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3);
}

/** Runs `fn` once: wall time (ms) and the heap it retains after a forced GC (for older sections). */
export function measureOnce<T>(fn: () => T): { ms: number; heapDelta: number; result: T } {
  const r = retained(fn);
  return { ms: r.ms, heapDelta: r.retainedBytes, result: r.result };
}
