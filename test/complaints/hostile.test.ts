/**
 * Hostile input, as a client can produce it with JSON: deep nesting (up to 10,000 levels), a
 * megabyte of text, huge, negative and fractional numbers, and `__proto__` keys from JSON.parse.
 * On every complaint machine, `transition`, `can`, `nextEvents` and `createFlow().send` must never
 * throw, must answer with a typed issue, and must leave the event and the snapshot as they were.
 *
 * The property draws small descriptors (which machine, snapshot, event, path, hostile value) and
 * builds the values inside, so a counterexample prints small.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  complaintFlow,
  createComplaintCase,
  difficultCustomerFlow,
  heardRecovery,
  iso10002Lifecycle,
  lastRecovery,
  latteRecovery,
  learnRecovery,
  problemResolutionFlow,
  recoveryMachine,
} from '../../src/complaints/index.js';
import {
  type AnyMachine,
  can,
  createFlow,
  initialSnapshot,
  nextEvents,
  replayOrThrow,
  type Snapshot,
  transition,
} from '../../src/index.js';
import { ack, assess, type Ev, MIN, receive, refund, run, T0 } from './helpers.js';

const deepArray = (depth: number, leaf = '"agent"') =>
  `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const megabyte = JSON.stringify('x'.repeat(1_000_000));

/** Hostile JSON texts, by name. None is a valid value where a payload field stood. */
const hostile: Readonly<Record<string, string>> = {
  deepArray: deepArray(10_000),
  deepArray5000: deepArray(5_000),
  deepObject: deepObject(10_000),
  megabyteString: megabyte,
  huge: '1e308',
  beyondSafe: '9007199254740993',
  negative: '-1',
  negativeHuge: '-1e308',
  fraction: '1.5',
  negativeTiny: '-1.5e-300',
  protoKey: '{"__proto__":{"polluted":true},"level":"agent","id":"x"}',
};
const hostileNames = Object.keys(hostile);

const at = (minutes: number) => T0 + minutes * MIN;
const caseEvents: readonly Ev[] = [
  receive(),
  ack(),
  assess(),
  assess({
    resolvedAtOutset: { kind: 'monetaryRemedy', amount: { amount: 9_000, currency: 'EUR' } },
  }),
  { type: 'ATTEMPT_FAILED', at: at(3), by: 'ana', note: 'voucher declined' },
  {
    type: 'ESCALATE',
    at: at(3),
    by: 'ana',
    to: { id: 'sue', level: 'supervisor' },
    trigger: { kind: 'lowConfidence', confidence: 0.2 },
    reason: 'NEEDS_SENIOR',
    handoff: { summary: 'Leaking kettle', stepsAttempted: ['checked order'] },
  },
  { type: 'REASSIGN', at: at(3), by: 'lead', owner: 'ben' },
  refund(12_000),
  { type: 'APPROVE_REMEDY', at: at(4), by: 'mia', level: 'manager' },
  { type: 'DECLINE_REMEDY', at: at(4), by: 'mia', note: 'Too much' },
  { type: 'COMMUNICATE_DECISION', at: at(5), by: 'ana' },
  { type: 'ACCEPT', at: at(6), by: 'customer' },
  { type: 'REJECT', at: at(6), by: 'customer', recourseOffered: ['ombudsman'], note: 'No' },
  { type: 'RECONSIDER', at: at(7), by: 'ana', note: 'Look again' },
];
const explained: Ev = {
  type: 'RESPOND',
  at: at(3),
  by: 'ana',
  closure: { kind: 'explained', explanation: 'Loose lid' },
};
const communicate: Ev = { type: 'COMMUNICATE_DECISION', at: at(5), by: 'ana' };
const caseSnapshots = (): Snapshot[] => [
  run([]),
  run([receive()]),
  run([receive(), ack()]),
  run([receive(), ack(), assess()]),
  run([receive(), ack(), assess(), refund(12_000)]),
  run([receive(), ack(), assess(), explained]),
  run([receive(), ack(), assess(), explained, communicate]),
  run([
    receive(),
    ack(),
    assess(),
    explained,
    communicate,
    { type: 'REJECT', at: at(6), by: 'customer', recourseOffered: ['ombudsman'] },
  ]),
  run([receive(), ack(), assess(), explained, communicate, { type: 'ACCEPT', at: at(6), by: 'c' }]),
];

const desk = createComplaintCase({
  ladder: ['agent', 'lead'],
  limits: { currency: 'GBP', amounts: { agent: 2_000, lead: 20_000 } },
});
const deskEvents = caseEvents.map((e) =>
  JSON.parse(
    JSON.stringify(e)
      .replaceAll('"supervisor"', '"lead"')
      .replaceAll('"manager"', '"lead"')
      .replaceAll('"EUR"', '"GBP"'),
  ),
) as object[];

/** The conversation presets' events, each one second after the one before. */
const timed = (events: readonly object[]): object[] =>
  events.map((event, i) => ({ ...event, at: (i + 1) * 1_000 }));
const flowEvents = timed([
  { type: 'APOLOGIZE' },
  { type: 'INVESTIGATE' },
  { type: 'PROPOSE_SOLUTION', solution: 'Refund', remedy: 'refund' },
  { type: 'ACCEPT' },
  { type: 'REJECT', escalateTo: 'manager', reason: 'Wants more' },
  { type: 'FOLLOW_UP', satisfied: true },
  { type: 'DOCUMENT', record: 'Refunded' },
  { type: 'CLOSE' },
]);
const difficultEvents = timed([
  { type: 'LISTEN' },
  { type: 'EMPATHIZE' },
  { type: 'RESOLVE', approach: 'compromise', detail: 'Half refund' },
  { type: 'COMPROMISE', detail: 'Voucher' },
  { type: 'AGREE' },
  { type: 'FOLLOW_UP', satisfied: false },
]);
const resolutionEvents = timed([
  { type: 'IDENTIFY', cause: 'Late' },
  { type: 'FORMULATE', specifics: 'Birthday missed' },
  { type: 'COMMUNICATE', solution: 'Gift card', compromise: true },
  { type: 'REFORMULATE', reason: 'Wants cash' },
  { type: 'FOLLOW_UP' },
  { type: 'CONFIRM', implemented: true },
]);

/** Every snapshot a machine passes through on `path`, from the initial one. */
function along(machine: AnyMachine, path: readonly object[]): Snapshot[] {
  const out: Snapshot[] = [initialSnapshot(machine)];
  for (let i = 1; i <= path.length; i++)
    out.push(replayOrThrow(machine, path.slice(0, i) as never));
  return out;
}

interface Target {
  readonly name: string;
  readonly machine: AnyMachine;
  readonly snapshots: readonly Snapshot[];
  readonly events: readonly object[];
}
const nexts = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'NEXT', at: i * 1_000 }));
const stepMachine = (name: string, machine: AnyMachine): Target => ({
  name,
  machine,
  snapshots: along(machine, nexts(machine.states.length - 1)),
  events: [{ type: 'NEXT' }],
});
const targets: readonly Target[] = [
  {
    name: 'iso10002Lifecycle',
    machine: iso10002Lifecycle,
    snapshots: caseSnapshots(),
    events: caseEvents,
  },
  {
    name: 'createComplaintCase (custom)',
    machine: desk,
    snapshots: along(desk, deskEvents.slice(0, 3)),
    events: deskEvents,
  },
  {
    name: 'complaintFlow',
    machine: complaintFlow,
    snapshots: along(complaintFlow, [flowEvents[0], flowEvents[1], flowEvents[2]] as object[]),
    events: flowEvents,
  },
  {
    name: 'difficultCustomerFlow',
    machine: difficultCustomerFlow,
    snapshots: along(difficultCustomerFlow, difficultEvents.slice(0, 5)),
    events: difficultEvents,
  },
  {
    name: 'problemResolutionFlow',
    machine: problemResolutionFlow,
    snapshots: along(problemResolutionFlow, resolutionEvents.slice(0, 3)),
    events: resolutionEvents,
  },
  stepMachine('heardRecovery', heardRecovery),
  stepMachine('lastRecovery', lastRecovery),
  stepMachine('learnRecovery', learnRecovery),
  stepMachine('latteRecovery', latteRecovery),
  stepMachine('learn respond', recoveryMachine('learn', 'respond')),
  stepMachine('latte explainThenThank', recoveryMachine('latte', 'explainThenThank')),
];

type Path = readonly (string | number)[];
/** Every path to a value inside `value` (objects, arrays and leaves), the root excluded. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const out: Path[] = [];
  for (const [key, child] of Object.entries(value)) {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    out.push(path, ...pathsOf(child, path));
  }
  return out;
}

const marker = '"@@hostile@@"';
/** The JSON text of `event` with the value at `path` replaced by `text` (or added as a key). */
function withHostile(event: object, path: Path, text: string): string {
  // An own `__proto__` key, as JSON.parse makes it (an assignment would set the prototype).
  if (path.length === 1 && path[0] === '__proto__') {
    return `{"__proto__":${text},${JSON.stringify(event).slice(1)}`;
  }
  const copy = structuredClone(event) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = '@@hostile@@';
  return JSON.stringify(copy).replace(marker, text);
}

/** Deep equality of two JSON values, without recursion (they may be 10,000 levels deep). */
function sameJson(a: unknown, b: unknown): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop() as [unknown, unknown];
    if (typeof x !== 'object' || x === null || typeof y !== 'object' || y === null) {
      if (!Object.is(x, y)) return false;
      continue;
    }
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    const kx = Object.keys(x);
    const ky = Object.keys(y);
    if (kx.length !== ky.length || Object.getPrototypeOf(x) !== Object.getPrototypeOf(y))
      return false;
    for (const k of kx) {
      if (!Object.hasOwn(y, k)) return false;
      stack.push([(x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]]);
    }
  }
  return true;
}

const typedCodes = new Set([
  'INVALID_PAYLOAD',
  'UNKNOWN_EVENT',
  'EVENT_NOT_ALLOWED',
  'FINAL_STATE',
  'GUARD_REJECTED',
  'REFUSED',
]);

/** Sends the hostile event every way there is; fails with a short message (never the value). */
function check(target: Target, snapshot: Snapshot, text: string, path: Path): void {
  const where = `${target.name} / ${snapshot.state} / ${path.join('.')}`;
  const event = JSON.parse(text) as { type?: unknown };
  const pristine = JSON.parse(text) as unknown;
  const before = structuredClone(snapshot);
  const fail = (what: string): never => {
    throw new Error(`${where}: ${what}`);
  };
  let result: ReturnType<typeof transition>;
  let accepted: boolean;
  let sent: ReturnType<typeof transition>;
  let flowSnapshot: Snapshot;
  try {
    result = transition(target.machine, snapshot, event as never);
    accepted = can(target.machine, snapshot, event as never);
    nextEvents(target.machine, snapshot);
    const flow = createFlow(target.machine, snapshot);
    sent = flow.send(event as never);
    flowSnapshot = flow.snapshot();
  } catch (error) {
    fail(`threw ${error instanceof Error ? error.name : typeof error}`);
    return;
  }
  if (sent.ok !== result.ok) fail('createFlow().send disagrees with transition');
  if (!sent.ok && flowSnapshot !== snapshot) fail('the flow moved on a refused event');
  if (accepted !== result.ok) fail('can disagrees with transition');
  if (!sameJson(event, pristine)) fail('the event was changed');
  if (!sameJson(snapshot, before)) fail('the snapshot was changed');
  if ('polluted' in Object.prototype) fail('Object.prototype was polluted');
  if (result.ok) {
    // Only an event that reads no payload may ignore what was put beside its type.
    const type = typeof event.type === 'string' ? event.type : '';
    if (path[0] === 'type' || target.machine.definition.events[type] !== null) {
      fail('a hostile payload was accepted');
    }
    return;
  }
  if (result.snapshot !== snapshot) fail('a refusal returned another snapshot');
  if (!typedCodes.has(result.error.code)) fail(`unexpected issue ${result.error.code}`);
  if (result.error.code !== 'REFUSED' && result.error.reason !== undefined) fail('stray reason');
  if (result.error.code === 'INVALID_PAYLOAD' && result.error.message.length > 3_000) {
    fail(`an unbounded message (${result.error.message.length} characters)`);
  }
}

describe('hostile JSON events on every complaint machine', () => {
  // The three reported crashes: 5,000 nested arrays where a ladder level belongs.
  it.each([
    ['RECEIVE owner.level', [], receive(), ['owner', 'level']],
    ['ESCALATE to.level', [receive(), ack(), assess()], caseEvents[5] as Ev, ['to', 'level']],
    [
      'APPROVE_REMEDY level',
      [receive(), ack(), assess(), refund(12_000)],
      caseEvents[8] as Ev,
      ['level'],
    ],
  ] as const)('%s nested 5,000 deep is an INVALID_PAYLOAD', (_name, prefix, event, path) => {
    const snapshot = run(prefix);
    const text = withHostile(event, path, deepArray(5_000));
    const r = transition(iso10002Lifecycle, snapshot, JSON.parse(text));
    expect(r.ok || r.error.code).toBe('INVALID_PAYLOAD');
    expect(r.ok || r.error.message).toContain(
      `${path.join('.')}: Unknown level an array; the ladder is bot → agent → supervisor → manager → external.`,
    );
    expect(can(iso10002Lifecycle, snapshot, JSON.parse(text))).toBe(false);
    const flow = createFlow(iso10002Lifecycle, snapshot);
    expect(flow.send(JSON.parse(text)).ok).toBe(false);
    expect(flow.snapshot()).toBe(snapshot);
    check(targets[0] as Target, snapshot, text, path);
  });

  it('a megabyte where a level belongs is described in a few words', () => {
    const text = withHostile(receive(), ['owner', 'level'], megabyte);
    const r = transition(iso10002Lifecycle, run([]), JSON.parse(text));
    expect(r.ok || r.error.message.length).toBeLessThan(500);
  });

  it('never throws, answers with a typed issue, and changes nothing (property)', () => {
    const descriptor = fc.record({
      target: fc.nat({ max: targets.length - 1 }),
      snapshot: fc.nat(),
      event: fc.nat(),
      path: fc.nat(),
      value: fc.constantFrom(...hostileNames),
      extraKey: fc.boolean(),
    });
    fc.assert(
      fc.property(descriptor, (d) => {
        const target = targets[d.target] as Target;
        const snapshot = target.snapshots[d.snapshot % target.snapshots.length] as Snapshot;
        const event = target.events[d.event % target.events.length] as object;
        const paths: Path[] = [['type'], ...pathsOf(event).filter((p) => p[0] !== 'type')];
        const path = d.extraKey ? ['__proto__'] : (paths[d.path % paths.length] as Path);
        check(target, snapshot, withHostile(event, path, hostile[d.value] as string), path);
      }),
      { numRuns: 400 },
    );
  });

  it('every event of every machine, with every hostile value at each of its fields', () => {
    let checked = 0;
    for (const target of targets) {
      for (const event of target.events) {
        for (const path of pathsOf(event)) {
          const snapshot = target.snapshots[checked % target.snapshots.length] as Snapshot;
          for (const name of hostileNames) {
            check(target, snapshot, withHostile(event, path, hostile[name] as string), path);
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  }, 60_000);
});
