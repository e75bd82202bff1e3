/**
 * The conversation presets (complaint, difficult customer, problem resolution, the recovery
 * models and any `defineStepSequence`) carry `at` and an optional actor on every event, keep a
 * clock in their context, refuse time going backwards with `OUT_OF_ORDER`, and can be scored by
 * `assessInteraction` with durations from `at`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  complaintFlow,
  defineStepSequence,
  difficultCustomerFlow,
  heardRecovery,
  lastRecovery,
  latteRecovery,
  learnRecovery,
  problemResolutionFlow,
  recoveryMachine,
} from '../../src/complaints/index.js';
import { assessInteraction } from '../../src/frameworks/index.js';
import {
  type AnyMachine,
  initialSnapshot,
  nextEvents,
  restoreSnapshot,
  type Snapshot,
  transition,
} from '../../src/index.js';

type Clock = { startedAt: number | null; lastAt: number | null; lastActor: string | null };
type Payloads = Readonly<Record<string, readonly object[]>>;

const steps: Payloads = { NEXT: [{}] };
const custom = defineStepSequence({
  id: 'desk-greeting',
  source: 'A help desk’s own greeting checklist',
  steps: [
    { id: 'greet', label: 'Greet', summary: 'Greet by name' },
    { id: 'ask', label: 'Ask', summary: 'Ask how to help' },
  ],
});

/** Each machine with payloads for each of its event types (without the stamp). */
const subjects: readonly { name: string; machine: AnyMachine; payloads: Payloads }[] = [
  {
    name: 'complaintFlow',
    machine: complaintFlow,
    payloads: {
      APOLOGIZE: [{}],
      INVESTIGATE: [{}],
      PROPOSE_SOLUTION: [{ solution: 'Refund', remedy: 'refund' }, { solution: 'Repair' }],
      ACCEPT: [{}],
      REJECT: [{}, { escalateTo: 'store manager', reason: 'Wants more' }],
      FOLLOW_UP: [{ satisfied: true }, { satisfied: false }],
      DOCUMENT: [{ record: 'Refunded the kettle' }],
      CLOSE: [{}],
    },
  },
  {
    name: 'difficultCustomerFlow',
    machine: difficultCustomerFlow,
    payloads: {
      LISTEN: [{}],
      EMPATHIZE: [{}],
      RESOLVE: [
        { approach: 'resolution', detail: 'Full refund' },
        { approach: 'compromise', detail: 'Half refund' },
      ],
      COMPROMISE: [{ detail: 'Voucher' }],
      AGREE: [{}],
      FOLLOW_UP: [{ satisfied: true }, { satisfied: false }],
    },
  },
  {
    name: 'problemResolutionFlow',
    machine: problemResolutionFlow,
    payloads: {
      IDENTIFY: [{ cause: 'Late delivery' }],
      FORMULATE: [{ specifics: 'Missed a birthday' }],
      COMMUNICATE: [{ solution: 'Gift card', compromise: true }],
      REFORMULATE: [{ reason: 'Wants cash' }],
      FOLLOW_UP: [{}],
      CONFIRM: [{ implemented: true }, { implemented: false }],
    },
  },
  { name: 'heardRecovery', machine: heardRecovery, payloads: steps },
  { name: 'lastRecovery', machine: lastRecovery, payloads: steps },
  { name: 'learnRecovery', machine: learnRecovery, payloads: steps },
  { name: 'latteRecovery', machine: latteRecovery, payloads: steps },
  { name: 'learn respond', machine: recoveryMachine('learn', 'respond'), payloads: steps },
  {
    name: 'latte explainThenThank',
    machine: recoveryMachine('latte', 'explainThenThank'),
    payloads: steps,
  },
  { name: 'defineStepSequence (custom)', machine: custom, payloads: steps },
];

const clockOf = (snapshot: Snapshot): Clock => {
  const { startedAt, lastAt, lastActor } = snapshot.context as Clock;
  return { startedAt, lastAt, lastActor };
};
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

/** One step of a random walk: which event, how far `at` moves from the latest one, who and where. */
const choice = fc.record({
  pick: fc.nat(1_000),
  payload: fc.nat(10),
  gap: fc.integer({ min: -120, max: 600 }),
  actor: fc.option(fc.constantFrom('ana', 'helpbot', 'lead'), { nil: undefined }),
  channel: fc.option(fc.constantFrom('chat', 'phone'), { nil: undefined }),
});
type Choice = typeof choice extends fc.Arbitrary<infer T> ? T : never;

/** The event a choice makes in `snapshot`: mostly an allowed type, sometimes any type. */
function eventFor(
  subject: (typeof subjects)[number],
  snapshot: Snapshot,
  c: Choice,
  base: number,
): { type: string; at: number } {
  const allowed = nextEvents(subject.machine, snapshot) as string[];
  const pool = c.pick % 5 === 0 || allowed.length === 0 ? subject.machine.events : allowed;
  const type = pool[c.pick % pool.length] as string;
  const payloads = subject.payloads[type] ?? [{}];
  const payload = payloads[c.payload % payloads.length];
  const at = Math.max(0, (clockOf(snapshot).lastAt ?? base) + c.gap);
  return {
    ...payload,
    type,
    at,
    ...(c.actor === undefined ? {} : { actor: c.actor }),
    ...(c.channel === undefined ? {} : { channel: c.channel }),
  };
}

describe.each(subjects)('$name keeps a clock', (subject) => {
  const { machine } = subject;

  it('over random walks: lastAt never decreases and is the latest accepted at; startedAt is the first; lastActor the latest actor; a refused event changes nothing; an earlier event is refused with OUT_OF_ORDER (property)', () => {
    let outOfOrder = 0;
    let accepted = 0;
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.array(choice, { maxLength: 30 }), (base, choices) => {
        let snapshot = initialSnapshot(machine) as Snapshot;
        const model: Clock = { startedAt: null, lastAt: null, lastActor: null };
        expect(clockOf(snapshot)).toEqual(model);
        for (const c of choices) {
          const event = eventFor(subject, snapshot, c, base);
          const before = JSON.stringify(snapshot);
          const result = transition(machine, snapshot, event as never);
          const late = model.lastAt !== null && event.at < model.lastAt;
          if (result.ok) {
            expect(late).toBe(false);
            accepted += 1;
            model.startedAt ??= event.at;
            model.lastAt = event.at;
            model.lastActor = (event as { actor?: string }).actor ?? null;
            snapshot = result.snapshot as Snapshot;
            expect(clockOf(snapshot)).toEqual(model);
            const restored = restoreSnapshot(machine, json(snapshot));
            if (!restored.ok) throw new Error(restored.error.message);
            continue;
          }
          // Refused: the snapshot handed back is the one given, untouched.
          expect(result.snapshot).toBe(snapshot);
          expect(JSON.stringify(snapshot)).toBe(before);
          const reason = result.error.reason;
          if (!late) {
            expect(reason?.code).not.toBe('OUT_OF_ORDER');
            continue;
          }
          // The same event dated at lastAt would pass: then time order alone refused it.
          const onTime = transition(machine, snapshot, { ...event, at: model.lastAt } as never);
          if (onTime.ok) {
            outOfOrder += 1;
            expect(result.error).toMatchObject({
              code: 'REFUSED',
              reason: {
                code: 'OUT_OF_ORDER',
                details: { at: event.at, lastAt: model.lastAt },
              },
              allowed: nextEvents(machine, snapshot),
            });
            expect(result.error.message).toContain(
              `this event is at ${event.at}, before the previous event at ${model.lastAt}`,
            );
          }
        }
      }),
      { numRuns: 150 },
    );
    // The walks reached both branches, so the checks above did run.
    expect(accepted).toBeGreaterThan(0);
    expect(outOfOrder).toBeGreaterThan(0);
  });

  it('an event at the same time as the previous one is accepted (time order is not strict)', () => {
    const first = nextEvents(machine, initialSnapshot(machine))[0] as string;
    const event = { ...(subject.payloads[first]?.[0] ?? {}), type: first, at: 5_000 };
    const one = transition(machine, initialSnapshot(machine), event as never);
    if (!one.ok) throw new Error(one.error.message);
    const second = nextEvents(machine, one.snapshot)[0] as string;
    const two = transition(machine, one.snapshot, {
      ...(subject.payloads[second]?.[0] ?? {}),
      type: second,
      at: 5_000,
    } as never);
    expect(two.ok).toBe(true);
  });

  it('an event without `at`, or with a bad stamp, is INVALID_PAYLOAD naming the field, and nothing changes', () => {
    const start = initialSnapshot(machine) as Snapshot;
    const type = nextEvents(machine, start)[0] as string;
    const payload = subject.payloads[type]?.[0] ?? {};
    const bad: [object, string][] = [
      [{}, 'at'],
      [{ at: -1 }, 'at'],
      [{ at: 1.5 }, 'at'],
      [
        { at: 9e15 },
        'at: `at` must be a time a Date can represent (at most 8.64e15 ms after 1970).',
      ],
      [{ at: '2027-01-01' }, 'at'],
      [{ at: null }, 'at'],
      [{ at: 0, actor: '' }, 'actor'],
      [{ at: 0, actor: 'x'.repeat(201) }, 'actor'],
      [{ at: 0, channel: '' }, 'channel'],
      [{ at: 0, note: 'x'.repeat(2_001) }, 'note'],
      [{ at: 0, by: 'ana' }, 'by'],
    ];
    for (const [stamp, field] of bad) {
      const before = JSON.stringify(start);
      const result = transition(machine, start, { ...payload, ...stamp, type } as never);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('INVALID_PAYLOAD');
      expect(result.error.message).toContain(field);
      expect(result.snapshot).toBe(start);
      expect(JSON.stringify(start)).toBe(before);
    }
  });

  it('restoreSnapshot accepts a clock exactly when the clock invariants hold (property)', () => {
    const start = initialSnapshot(machine) as Snapshot;
    const type = nextEvents(machine, start)[0] as string;
    const moved = transition(machine, start, {
      ...(subject.payloads[type]?.[0] ?? {}),
      type,
      at: 1_000,
      actor: 'ana',
    } as never);
    if (!moved.ok) throw new Error(moved.error.message);
    const time = fc.option(fc.nat(5_000), { nil: null });
    fc.assert(
      fc.property(
        fc.constantFrom(start, moved.snapshot as Snapshot),
        time,
        time,
        fc.option(fc.constantFrom('ana', 'lee'), { nil: null }),
        (snapshot, startedAt, lastAt, lastActor) => {
          const initial = snapshot.state === start.state;
          const holds =
            (startedAt === null) === (lastAt === null) &&
            (startedAt === null) === initial &&
            (startedAt === null || lastAt === null || startedAt <= lastAt) &&
            (lastActor === null || lastAt !== null);
          const tampered = {
            ...snapshot,
            context: { ...(snapshot.context as object), startedAt, lastAt, lastActor },
          };
          const result = restoreSnapshot(machine, json(tampered));
          expect(result.ok).toBe(holds);
          if (!result.ok) expect(result.error.message).toMatch(/breaks invariant '/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is version 2; a version-1 snapshot restores while nothing happened yet, and is refused once it has (no time is invented)', () => {
    expect(machine.version).toBe(2);
    const start = initialSnapshot(machine) as Snapshot;
    const { startedAt: _s, lastAt: _l, lastActor: _a, ...oldContext } = start.context as Clock;
    const fresh = restoreSnapshot(machine, { ...json(start), version: 1, context: oldContext });
    if (!fresh.ok) throw new Error(fresh.error.message);
    expect(fresh.migratedFrom).toBe(1);
    expect(fresh.snapshot).toEqual(start);

    const type = nextEvents(machine, start)[0] as string;
    const moved = transition(machine, start, {
      ...(subject.payloads[type]?.[0] ?? {}),
      type,
      at: 1_000,
    } as never);
    if (!moved.ok) throw new Error(moved.error.message);
    const {
      startedAt: _s2,
      lastAt: _l2,
      lastActor: _a2,
      ...movedOld
    } = moved.snapshot.context as Clock;
    const old = restoreSnapshot(machine, {
      ...json(moved.snapshot),
      version: 1,
      context: movedOld,
    });
    expect(old.ok).toBe(false);
    if (!old.ok) {
      expect(old.error.message).toContain("breaks invariant 'clockStartsWithFirstEvent'");
      expect(old.error.message).toContain('set from the host');
    }
  });
});

describe('assessInteraction scores the conversation presets with durations from `at`', () => {
  const conversation = [
    { type: 'APOLOGIZE', at: 0, actor: 'ana', channel: 'chat' },
    { type: 'INVESTIGATE', at: 30_000, actor: 'ana' },
    { type: 'PROPOSE_SOLUTION', at: 240_000, actor: 'ana', solution: 'Refund', remedy: 'refund' },
    { type: 'ACCEPT', at: 200_000, actor: 'customer' },
    { type: 'ACCEPT', at: 300_000, actor: 'customer' },
    { type: 'FOLLOW_UP', at: 86_700_000, actor: 'ana', satisfied: true },
    { type: 'DOCUMENT', at: 86_760_000, actor: 'ana', record: 'Refunded' },
    { type: 'CLOSE', at: 86_770_000, actor: 'ana' },
  ];

  it('a late event is listed as refused with OUT_OF_ORDER, the walk goes on, the duration is first to last accepted', () => {
    const result = assessInteraction(complaintFlow, {
      machine: 'complaint-flow',
      id: 'chat-17',
      events: conversation,
    });
    if (!result.ok) throw new Error(result.error.message);
    const card = result.scorecard;
    expect(card.refused).toEqual([
      expect.objectContaining({
        index: 3,
        type: 'ACCEPT',
        state: 'proposed',
        code: 'REFUSED',
        reason: expect.objectContaining({
          code: 'OUT_OF_ORDER',
          details: { at: 200_000, lastAt: 240_000 },
        }),
      }),
    ]);
    expect(card.state).toBe('closed');
    expect(card.accepted).toBe(7);
    expect(card.score).toBe(Math.floor((100 * 7) / 8));
    expect(card.startedAt).toBe(0);
    expect(card.endedAt).toBe(86_770_000);
    expect(card.durationMs).toBe(86_770_000);
    expect(card.snapshot.context).toMatchObject({
      startedAt: 0,
      lastAt: 86_770_000,
      lastActor: 'ana',
    });
  });

  it('a log without `at` is scored as all refused (INVALID_PAYLOAD), with no duration invented', () => {
    const result = assessInteraction(lastRecovery, {
      events: [{ type: 'NEXT' }, { type: 'NEXT' }],
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.scorecard.accepted).toBe(0);
    expect(result.scorecard.refused.map((r) => r.code)).toEqual([
      'INVALID_PAYLOAD',
      'INVALID_PAYLOAD',
    ]);
    expect(result.scorecard.durationMs).toBeNull();
  });

  it.each(subjects)(
    '$name: the scorecard agrees with a replay, and its duration is the clock’s lastAt − startedAt (property)',
    (subject) => {
      fc.assert(
        fc.property(fc.nat(1_000_000), fc.array(choice, { maxLength: 25 }), (base, choices) => {
          const { machine } = subject;
          let snapshot = initialSnapshot(machine) as Snapshot;
          const events: { type: string; at: number }[] = [];
          let accepted = 0;
          for (const c of choices) {
            const event = eventFor(subject, snapshot, c, base);
            events.push(event);
            const result = transition(machine, snapshot, event as never);
            if (result.ok) {
              accepted += 1;
              snapshot = result.snapshot as Snapshot;
            }
          }
          const assessed = assessInteraction(machine, { machine: machine.id, events });
          if (!assessed.ok) throw new Error(assessed.error.message);
          const card = assessed.scorecard;
          expect(card.snapshot).toEqual(snapshot);
          expect(card.accepted).toBe(accepted);
          expect(card.refused).toHaveLength(events.length - accepted);
          const { startedAt, lastAt } = clockOf(snapshot);
          expect(card.startedAt).toBe(startedAt);
          expect(card.endedAt).toBe(lastAt);
          expect(card.durationMs).toBe(
            startedAt === null || lastAt === null ? null : lastAt - startedAt,
          );
          if (card.durationMs !== null) expect(card.durationMs).toBeGreaterThanOrEqual(0);
        }),
        { numRuns: 60 },
      );
    },
  );
});
