/**
 * The core engine on one 9-state machine (bench/steps.ts) with a one-field zod context, a context
 * update on every step and one refused event in every ten, against a hand-written table doing the
 * same work (lookup, the same update, the same refusal outcome) and XState v5, in one process:
 * (a) events with default settings, (b) a refused event against an accepted one, (c) events with
 * a zod payload against the hand-written table running the same schema, (d) restore from JSON
 * against a hand-written check of what restore checks, (e) replay at 10k / 100k / 1M events.
 */

import { assign, createActor, createMachine } from 'xstate';
import * as z from 'zod';
import {
  defineMachine,
  initialSnapshot,
  replay,
  restoreSnapshot,
  type Snapshot,
  transition,
} from '../dist/index.js';
import {
  type Bench,
  cell,
  compare,
  gc,
  nsPerOp,
  ratioCell,
  ratioStat,
  retained,
  type Sample,
  table,
  verdict,
} from './harness.js';
import { order, type StepName, stepTable } from './steps.js';

const context = z.object({ n: z.number().int().nonnegative() });
const payload = z.object({ at: z.number().int().nonnegative(), actor: z.string().min(1) });
type Ctx = z.infer<typeof context>;

const bump = ({ context: c }: { context: Ctx }): Ctx => ({ n: c.n + 1 });
/** Every NEXT/SKIP/RESTART carries the same update; HOLD (declared everywhere) is refused by a rule. */
function statesOf() {
  return Object.fromEntries(
    order.map((name) => [
      name,
      {
        on: {
          ...Object.fromEntries(
            Object.entries(stepTable[name]).map(([ev, target]) => [ev, { target, update: bump }]),
          ),
          ...(name === 'close' ? { HOLD: { target: 'close', guard: 'holdable' } } : {}),
        },
      },
    ]),
  ) as never;
}

function ours(withPayload: boolean) {
  return defineMachine({
    id: 'steps',
    version: 1,
    initial: 'approach',
    context,
    refusals: { ON_HOLD: 'the sale cannot be held now' },
    guards: { holdable: ({ refuse }) => refuse('ON_HOLD', 'The sale cannot be held now.') },
    events: { NEXT: withPayload ? payload : null, SKIP: null, RESTART: null, HOLD: null },
    states: statesOf() as Record<StepName, { on: Record<string, { target: StepName }> }>,
  });
}

/** One lap of ten events: SKIP at `approach` is not allowed (the refused one), then nine steps. */
const lap = [
  { type: 'SKIP' },
  ...order.slice(0, -1).map(() => ({ type: 'NEXT' })),
  { type: 'RESTART' },
];
const lapWithPayload = lap.map((e, i) =>
  e.type === 'NEXT' ? { type: 'NEXT', at: i, actor: 'ana' } : e,
);

/** The hand-written baseline: the same table, update and refusal outcome, new immutable snapshots. */
interface HandSnapshot {
  readonly state: StepName;
  readonly context: Ctx;
}
type HandResult =
  | { ok: true; snapshot: HandSnapshot }
  | {
      ok: false;
      error: { code: string; state: string; event: string; allowed: readonly string[] };
      snapshot: HandSnapshot;
    };
const handAllowed = Object.fromEntries(order.map((s) => [s, Object.keys(stepTable[s])])) as Record<
  StepName,
  string[]
>;
function handStep(s: HandSnapshot, event: { type: string }): HandResult {
  const target = stepTable[s.state][event.type];
  if (target === undefined)
    return {
      ok: false,
      error: {
        code: 'EVENT_NOT_ALLOWED',
        state: s.state,
        event: event.type,
        allowed: handAllowed[s.state],
      },
      snapshot: s,
    };
  return { ok: true, snapshot: { state: target, context: bump(s) } };
}

function drive(machine: ReturnType<typeof ours>, events: readonly object[], n: number): Snapshot {
  let s = initialSnapshot(machine, { n: 0 }) as Snapshot;
  for (let i = 0; i < n; i++) {
    const r = transition(machine, s as never, events[i % events.length] as never);
    if (r.ok) s = r.snapshot;
  }
  return s;
}
function driveHand(
  events: readonly { type: string }[],
  n: number,
  parsePayload: boolean,
  parseUpdate = false,
) {
  let s: HandSnapshot = { state: 'approach', context: { n: 0 } };
  for (let i = 0; i < n; i++) {
    const e = events[i % events.length] as { type: string };
    if (
      parsePayload &&
      e.type === 'NEXT' &&
      stepTable[s.state].NEXT !== undefined &&
      !payload.safeParse(e).success
    )
      continue;
    const r = handStep(s, e);
    if (r.ok) {
      if (parseUpdate && !context.safeParse(r.snapshot.context).success) continue;
      s = r.snapshot;
    }
  }
  return s;
}

function xstateMachine() {
  const states = Object.fromEntries(
    order.map((name) => [
      name,
      {
        on: Object.fromEntries(
          Object.entries(stepTable[name]).map(([ev, target]) => [ev, { target, actions: 'bump' }]),
        ),
      },
    ]),
  );
  return createMachine(
    { id: 'steps', initial: 'approach', context: { n: 0 }, states },
    { actions: { bump: assign({ n: ({ context: c }) => (c as Ctx).n + 1 }) as never } },
  );
}

const N = 300_000;

function measure(): Sample {
  const plain = ours(false);
  const typed = ours(true);
  const xm = xstateMachine();
  const out: Sample = {};

  // (a) default settings, a lap of ten events with one refused
  const a = compare(
    {
      ours: (n) => drive(plain, lap, n),
      hand: (n) => driveHand(lap, n, false),
      handZodUpdate: (n) => driveHand(lap, n, false, true),
    },
    N,
  );
  out.aOurs = a.ours;
  out.aHand = a.hand;
  out.aHandZodUpdate = a.handZodUpdate;
  out.aXState = nsPerOp(
    (n) => {
      const actor = createActor(xm).start();
      for (let i = 0; i < n; i++) actor.send(lap[i % 10] as { type: 'NEXT' });
      return actor.getSnapshot().value;
    },
    50_000,
    5,
  );

  // (b) one refused event against one accepted event, from the same snapshot
  const atApproach = initialSnapshot(plain, { n: 0 });
  const atClose = { ...atApproach, state: 'close' as const };
  const b = compare(
    {
      accepted: (n) => {
        let ok = 0;
        for (let i = 0; i < n; i++) if (transition(plain, atApproach, { type: 'NEXT' }).ok) ok++;
        return ok;
      },
      notAllowed: (n) => {
        let ok = 0;
        for (let i = 0; i < n; i++) if (transition(plain, atApproach, { type: 'SKIP' }).ok) ok++;
        return ok;
      },
      refusedByRule: (n) => {
        let ok = 0;
        for (let i = 0; i < n; i++) if (transition(plain, atClose, { type: 'HOLD' }).ok) ok++;
        return ok;
      },
    },
    N,
    7,
  );
  out.bAccepted = b.accepted;
  out.bNotAllowed = b.notAllowed;
  out.bRefusedByRule = b.refusedByRule;

  // (c) zod payload on every NEXT; the hand-written side runs the same payload schema
  const c = compare(
    {
      ours: (n) => drive(typed, lapWithPayload, n),
      hand: (n) => driveHand(lapWithPayload, n, true),
    },
    N / 2,
    7,
  );
  out.cOurs = c.ours;
  out.cHand = c.hand;

  // (d) restore from JSON; the reference checks what restore checks: plain JSON (finite numbers,
  // no cycles, depth, forbidden keys), known keys, machine, version, state, status, context schema
  const stored = JSON.stringify({
    machine: 'steps',
    version: 1,
    state: 'close',
    context: { n: 5 },
    status: 'active',
  });
  const forbidden = new Set(['__proto__', 'constructor', 'prototype']);
  const keys = new Set(['machine', 'version', 'state', 'context', 'status']);
  const plainJson = (v: unknown, depth: number): boolean => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
    if (typeof v === 'number') return Number.isFinite(v);
    if (typeof v !== 'object' || depth >= 64) return false;
    if (Array.isArray(v)) return v.every((x) => plainJson(x, depth + 1));
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return false;
    for (const k in v)
      if (forbidden.has(k) || !plainJson((v as Record<string, unknown>)[k], depth + 1))
        return false;
    return true;
  };
  const d = compare(
    {
      ours: (n) => {
        let ok = 0;
        for (let i = 0; i < n; i++) if (restoreSnapshot(plain, JSON.parse(stored)).ok) ok++;
        return ok;
      },
      hand: (n) => {
        let ok = 0;
        for (let i = 0; i < n; i++) {
          const v = JSON.parse(stored);
          if (!plainJson(v, 0)) continue;
          let known = true;
          for (const k of Object.keys(v)) if (!keys.has(k)) known = false;
          if (!known || v.machine !== 'steps' || v.version !== 1 || typeof v.state !== 'string')
            continue;
          if (!(v.state in stepTable) || v.status !== 'active') continue;
          const parsed = context.safeParse(v.context);
          if (!parsed.success) continue;
          const snap = {
            machine: 'steps',
            version: 1,
            state: v.state,
            context: parsed.data,
            status: 'active',
          };
          if (snap) ok++;
        }
        return ok;
      },
    },
    100_000,
    7,
  );
  out.dOurs = d.ours;
  out.dHand = d.hand;
  out.dXState = nsPerOp(
    (n) => {
      const snap = JSON.stringify(createActor(xm).start().getPersistedSnapshot());
      let ok = 0;
      for (let i = 0; i < n; i++)
        if (createActor(xm, { snapshot: JSON.parse(snap) }).getSnapshot().status === 'active') ok++;
      return ok;
    },
    20_000,
    5,
  );

  // (e) replay: warm-up before each size, then timed; heap retained after a forced GC
  function* log(n: number) {
    for (let i = 0; i < n; i++) yield lap[1 + (i % 9)] as { type: string };
  }
  const from = initialSnapshot(plain, { n: 0 });
  for (const n of [10_000, 100_000, 1_000_000]) {
    replay(plain, log(Math.min(n, 100_000)) as never, from); // warm-up
    const r = retained(() => replay(plain, log(n) as never, from));
    if (!r.result.ok) throw new Error('replay failed');
    out[`eNs${n}`] = (r.ms * 1e6) / n;
    out[`eHeap${n}`] = r.retainedBytes;
    out[`eBytes${n}`] = JSON.stringify(r.result.snapshot).length;
    const hw = retained(() => driveHand(lap.slice(1), n, false)); // warm by the loops above
    out[`eHand${n}`] = (hw.ms * 1e6) / n;
  }
  gc();
  return out;
}

function render(runs: readonly Sample[]): string {
  const med = (num: string, den: string) => ratioStat(runs, num, den).median;
  const rows = [
    [
      '(a) event, default settings (lap of 10, one refused)',
      cell(runs, 'aOurs'),
      cell(runs, 'aHand'),
      ratioCell(runs, 'aOurs', 'aHand'),
      '≤ 2.5×',
      verdict(med('aOurs', 'aHand'), 2.5),
    ],
    [
      '(a′) same, hand-written also zod-parses each update',
      cell(runs, 'aOurs'),
      cell(runs, 'aHandZodUpdate'),
      ratioCell(runs, 'aOurs', 'aHandZodUpdate'),
      '—',
      '',
    ],
    [
      '(a″) same lap in XState v5 (actor.send, assign)',
      cell(runs, 'aXState'),
      cell(runs, 'aHand'),
      ratioCell(runs, 'aXState', 'aHand'),
      '—',
      '',
    ],
    [
      '(b) refused: event not allowed vs accepted event',
      cell(runs, 'bNotAllowed'),
      cell(runs, 'bAccepted'),
      ratioCell(runs, 'bNotAllowed', 'bAccepted'),
      '≤ 2×',
      verdict(med('bNotAllowed', 'bAccepted'), 2),
    ],
    [
      '(b′) refused by a rule (REFUSED) vs accepted event',
      cell(runs, 'bRefusedByRule'),
      cell(runs, 'bAccepted'),
      ratioCell(runs, 'bRefusedByRule', 'bAccepted'),
      '≤ 2×',
      verdict(med('bRefusedByRule', 'bAccepted'), 2),
    ],
    [
      '(c) event + zod payload vs hand-written + same schema',
      cell(runs, 'cOurs'),
      cell(runs, 'cHand'),
      ratioCell(runs, 'cOurs', 'cHand'),
      '≤ 1.3×',
      verdict(med('cOurs', 'cHand'), 1.3),
    ],
    [
      '(d) restore from JSON vs hand-written, same checks',
      cell(runs, 'dOurs'),
      cell(runs, 'dHand'),
      ratioCell(runs, 'dOurs', 'dHand'),
      '—',
      '',
    ],
    [
      '(d′) XState v5 restore (no validation) vs hand-written',
      cell(runs, 'dXState'),
      cell(runs, 'dHand'),
      ratioCell(runs, 'dXState', 'dHand'),
      '—',
      '',
    ],
  ];
  const replayRows = [10_000, 100_000, 1_000_000].map((n) => [
    n.toLocaleString('en-US'),
    cell(runs, `eNs${n}`),
    cell(runs, `eHand${n}`),
    cellKiB(runs, `eHeap${n}`),
    cell(runs, `eBytes${n}`),
  ]);
  return [
    'ns per operation (lower is better); each side is the median of 9 interleaved rounds in a process.',
    'Machine: 9 states, context `z.object({ n: z.number().int().nonnegative() })`, an update `n + 1` on every step, default settings (`validateUpdates` on). The hand-written table does the same lookup and update, returns a new snapshot, and for a refused event the same outcome (code, state, event, allowed list).',
    '',
    table(['case', 'servicecraft (ns)', 'reference (ns)', 'ratio', 'target', ''], rows),
    '',
    'Replay of a streamed log (the lap without its refused event: replay stops at a refusal), default settings; warm-up at each size; heap retained after the replay, measured after a forced GC:',
    '',
    table(
      [
        'events',
        'servicecraft ns/event',
        'hand-written ns/event',
        'retained heap',
        'snapshot bytes',
      ],
      replayRows,
    ),
  ].join('\n');
}

function cellKiB(runs: readonly Sample[], key: string): string {
  const kib = runs.map((r) => ({ k: (r[key] as number) / 1024 }));
  return cell(
    kib.map((x) => ({ [key]: x.k })),
    key,
    ' KiB',
  );
}

export const bench: Bench = {
  title: 'Core engine (9-state machine, zod context, updates, refusals)',
  measure,
  render,
};
