/**
 * The core engine against XState v5 and a hand-written table lookup, on the same 9-state machine,
 * in one run: (a) events without payload, (b) events with a zod-validated payload, (c) snapshot
 * restore, (d) replay at 10k / 100k / 1M events.
 */

import { createActor, createMachine } from 'xstate';
import * as z from 'zod';
import {
  defineMachine,
  initialSnapshot,
  replay,
  restoreSnapshot,
  type Snapshot,
  transition,
} from '../dist/index.js';
import { fmt, nsPerOp, type Section, table } from './harness.js';
import { order, type StepName, stepStates, stepTable } from './steps.js';

const payload = z.object({ at: z.number().int().nonnegative(), actor: z.string().min(1) });

function ours(withPayload: boolean) {
  return defineMachine({
    id: 'steps',
    version: 1,
    initial: 'approach',
    events: { NEXT: withPayload ? payload : null, SKIP: null, RESTART: null },
    states: stepStates,
  });
}

function xstateMachine() {
  return createMachine({ id: 'steps', initial: 'approach', states: stepStates });
}

/** The hand-written baseline: a table lookup that returns a new immutable snapshot. */
interface HandSnapshot {
  readonly state: string;
  readonly context: object;
}
function handStep(
  snapshot: HandSnapshot,
  event: { type: string },
): { ok: boolean; snapshot: HandSnapshot } {
  const target = stepTable[snapshot.state as StepName]?.[event.type];
  return target === undefined
    ? { ok: false, snapshot }
    : { ok: true, snapshot: { state: target, context: snapshot.context } };
}

const cycle = [...order.slice(0, -1).map(() => ({ type: 'NEXT' })), { type: 'RESTART' }];
const cycleWithPayload = cycle.map((e, i) =>
  e.type === 'NEXT' ? { type: 'NEXT', at: i, actor: 'ana' } : e,
);

/** Sends `n` events from the cycle through servicecraft's `transition`. */
function drive(machine: ReturnType<typeof ours>, events: readonly object[], n: number): Snapshot {
  let s = initialSnapshot(machine) as Snapshot;
  for (let i = 0; i < n; i++) {
    const r = transition(machine, s as never, events[i % events.length] as never);
    if (r.ok) s = r.snapshot;
  }
  return s;
}

function* log(n: number, events: readonly { type: string }[]) {
  for (let i = 0; i < n; i++) yield events[i % events.length] as { type: string };
}

export function run(): Section {
  const plain = ours(false);
  const typed = ours(true);
  const xm = xstateMachine();
  const rows: (string | number)[][] = [];

  // (a) no payload
  const a = {
    ours: nsPerOp((n) => drive(plain, cycle, n), 1_000_000),
    hand: nsPerOp((n) => {
      let s: HandSnapshot = { state: 'approach', context: {} };
      for (let i = 0; i < n; i++) s = handStep(s, cycle[i % 9] as { type: string }).snapshot;
      return s;
    }, 1_000_000),
    xstate: nsPerOp(
      (n) => {
        const actor = createActor(xm).start();
        for (let i = 0; i < n; i++) actor.send(cycle[i % 9] as { type: 'NEXT' });
        return actor.getSnapshot().value;
      },
      100_000,
      5,
    ),
  };
  rows.push([
    '(a) event, no payload',
    fmt(a.ours),
    fmt(a.hand),
    fmt(a.xstate),
    `${fmt(a.xstate / a.ours)}× faster than XState; ${fmt(a.ours / a.hand)}× baseline`,
  ]);

  // (b) zod-validated payload on every NEXT
  const b = {
    ours: nsPerOp((n) => drive(typed, cycleWithPayload, n), 300_000),
    hand: nsPerOp((n) => {
      let s: HandSnapshot = { state: 'approach', context: {} };
      for (let i = 0; i < n; i++) {
        const e = cycleWithPayload[i % 9] as { type: string };
        if (e.type === 'NEXT' && !payload.safeParse(e).success) continue;
        s = handStep(s, e).snapshot;
      }
      return s;
    }, 300_000),
    xstate: nsPerOp(
      (n) => {
        const actor = createActor(xm).start();
        for (let i = 0; i < n; i++) {
          const e = cycleWithPayload[i % 9] as { type: 'NEXT' };
          if (e.type === 'NEXT' && !payload.safeParse(e).success) continue;
          actor.send(e);
        }
        return actor.getSnapshot().value;
      },
      100_000,
      5,
    ),
  };
  rows.push([
    '(b) event + zod payload',
    fmt(b.ours),
    fmt(b.hand),
    fmt(b.xstate),
    `${fmt(b.ours / b.hand)}× baseline (same zod parse)`,
  ]);

  // (c) restore from JSON with validation
  const stored = JSON.stringify({
    machine: 'steps',
    version: 1,
    state: 'close',
    context: {},
    status: 'active',
  });
  const c = {
    ours: nsPerOp((n) => {
      let ok = 0;
      for (let i = 0; i < n; i++) if (restoreSnapshot(plain, JSON.parse(stored)).ok) ok++;
      return ok;
    }, 300_000),
    hand: nsPerOp((n) => {
      let ok = 0;
      for (let i = 0; i < n; i++) {
        const v = JSON.parse(stored);
        if (
          v.machine === 'steps' &&
          v.version === 1 &&
          typeof v.state === 'string' &&
          v.state in stepTable
        )
          ok++;
      }
      return ok;
    }, 300_000),
    xstate: nsPerOp(
      (n) => {
        const snap = JSON.parse(JSON.stringify(createActor(xm).start().getPersistedSnapshot()));
        let ok = 0;
        for (let i = 0; i < n; i++) {
          const actor = createActor(xm, { snapshot: JSON.parse(JSON.stringify(snap)) });
          if (actor.getSnapshot().status === 'active') ok++;
        }
        return ok;
      },
      20_000,
      5,
    ),
  };
  rows.push([
    '(c) restore from JSON',
    fmt(c.ours),
    fmt(c.hand),
    fmt(c.xstate),
    `${fmt(1e9 / c.ours / 1e6)}M restores/s`,
  ]);

  const body = [
    'ns per operation, median of rounds (lower is better).',
    '',
    table(['measure', 'servicecraft', 'hand-written', 'XState v5', 'note'], rows),
    '',
    replayTable(plain, xm),
  ].join('\n');
  return { title: 'Core engine (9-state machine)', body };
}

function replayTable(plain: ReturnType<typeof ours>, xm: ReturnType<typeof xstateMachine>): string {
  const gc = (globalThis as { gc?: () => void }).gc;
  const rows: (string | number)[][] = [];
  for (const n of [10_000, 100_000, 1_000_000]) {
    gc?.();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    function* sampled() {
      let i = 0;
      for (const e of log(n, cycle)) {
        if ((++i & 0x3fff) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
        yield e;
      }
    }
    const start = performance.now();
    const result = replay(plain, sampled() as never);
    const ms = performance.now() - start;
    if (!result.ok) throw new Error('replay failed');
    const xStart = performance.now();
    const actor = createActor(xm).start();
    for (const e of log(Math.min(n, 100_000), cycle)) actor.send(e as { type: 'NEXT' });
    const xNs = ((performance.now() - xStart) * 1e6) / Math.min(n, 100_000);
    rows.push([
      n.toLocaleString('en-US'),
      fmt((ms * 1e6) / n),
      `${fmt((peak - base) / 1024)} KiB`,
      JSON.stringify(result.snapshot).length,
      fmt(xNs),
    ]);
  }
  return [
    `Replay (streamed log; peak heap growth sampled every 16k events${gc ? ', after a forced GC' : ''}):`,
    '',
    table(
      [
        'events',
        'servicecraft ns/event',
        'peak heap growth',
        'snapshot bytes',
        'XState ns/event (≤100k)',
      ],
      rows,
    ),
  ].join('\n');
}
