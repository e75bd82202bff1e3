/**
 * A small, dependency-free benchmark harness: warm up, run several timed rounds, keep the median.
 * Every bench file exports `run(): Promise<Section> | Section`; `bench/index.ts` prints the
 * sections and writes them to `bench/RESULTS.md` with the machine's details.
 */
import { performance } from 'node:perf_hooks';

export interface Section {
  /** A heading for the section. */
  readonly title: string;
  /** Markdown (usually a table) with the measurements. */
  readonly body: string;
}

/** Calls `fn(n)` (which must do `n` operations) in rounds and returns the median ns per operation. */
export function nsPerOp(fn: (n: number) => unknown, n: number, rounds = 7): number {
  fn(Math.max(1, Math.floor(n / 10))); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    sink = fn(n);
    samples.push(((performance.now() - start) * 1e6) / n);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

/** Keeps results alive so the optimiser cannot drop the measured work. */
export let sink: unknown;

/** Runs `fn` once and reports its wall time (ms) and the heap growth it caused (bytes, after GC). */
export function measureOnce<T>(fn: () => T): { ms: number; heapDelta: number; result: T } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const start = performance.now();
  const result = fn();
  const ms = performance.now() - start;
  gc?.();
  const heapDelta = process.memoryUsage().heapUsed - before;
  return { ms, heapDelta, result };
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
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3);
}
