/**
 * Path generation on a generated 200-state machine (a NEXT chain, BACK edges and scattered JUMPs:
 * 199 non-final states, 596 transitions): servicecraft's shortest paths and transition cover,
 * against xstate/graph's getShortestPaths on the same machine exported with toXStateConfig.
 */
import { performance } from 'node:perf_hooks';
import { createMachine } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { shortestPaths, simplePaths, transitionCover } from '../src/testing/index.js';
import { toXStateConfig } from '../src/xstate/index.js';
import { generated } from '../test/testing/machines.js';
import { fmt, type Section, table } from './harness.js';

/** Median wall time (ms) of `rounds` runs, after one warm-up run. */
function medianMs(fn: () => unknown, rounds = 5): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

export function run(): Section {
  const machine = generated(200);
  const exported = toXStateConfig(machine);
  const xstateMachine = createMachine(exported.config as never, exported.implementations as never);
  const rows: (string | number)[][] = [];
  const add = (name: string, fn: () => { paths: number }) => {
    let paths = 0;
    const ms = medianMs(() => {
      paths = fn().paths;
    });
    rows.push([name, paths, fmt(ms)]);
  };
  add('servicecraft shortestPaths', () => ({ paths: shortestPaths(machine).paths.length }));
  add('servicecraft transitionCover', () => ({ paths: transitionCover(machine).paths.length }));
  add('servicecraft simplePaths (maxLength 6)', () => ({
    paths: simplePaths(machine, { maxLength: 6 }).paths.length,
  }));
  add('xstate/graph getShortestPaths', () => ({ paths: getShortestPaths(xstateMachine).length }));
  add('toXStateConfig + createMachine', () => {
    const e = toXStateConfig(machine);
    createMachine(e.config as never, e.implementations as never);
    return { paths: 0 };
  });
  return {
    title: `Path generation: ${machine.states.length} states, ${machine.edges.length} transitions (median ms of 5 runs)`,
    body: table(['operation', 'paths', 'ms'], rows),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const section = run();
  console.log(`## ${section.title}\n\n${section.body}`);
}
