import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  assessInteraction,
  assessInteractionOrThrow,
  eightStepsOfService,
  isAssessmentError,
} from '../../src/frameworks/index.js';
import { defineMachine, initialSnapshot, transition, UsageError } from '../../src/index.js';

/** A till with a guard and an update that refuse with domain codes. */
const till = defineMachine({
  id: 'till',
  version: 1,
  initial: 'open',
  context: z.object({
    cash: z.number().int().default(0),
    lastAt: z.number().nullable().default(null),
  }),
  refusals: {
    TOO_LARGE: 'The amount is above what the till may take at once.',
    OUT_OF_ORDER: 'The event is earlier than the previous one.',
  },
  events: {
    PAY: z.object({ amount: z.number().int().positive(), at: z.number().int() }),
    CLOSE: z.object({ at: z.number().int() }),
  },
  guards: {
    small: ({ event, refuse }) =>
      (event as { amount: number }).amount <= 500 ||
      refuse('TOO_LARGE', 'Payments above 500 need a manager.', { limit: 500 }),
  },
  states: {
    open: {
      on: {
        PAY: {
          target: 'open',
          guard: 'small',
          update: ({ context, event, refuse }) =>
            context.lastAt !== null && event.at < context.lastAt
              ? refuse('OUT_OF_ORDER', 'Time went backwards.')
              : { cash: context.cash + event.amount, lastAt: event.at },
        },
        CLOSE: 'closed',
      },
    },
    closed: { type: 'final' },
  },
});

describe('assessInteraction on a plain machine', () => {
  it('continues past refused events from the last accepted snapshot and lists each with its code and reason', () => {
    const result = assessInteraction(till, {
      id: 'shift-1',
      machine: 'till',
      events: [
        { type: 'PAY', amount: 100, at: 10 },
        { type: 'PAY', amount: 900, at: 20 },
        { type: 'PAY', amount: 50, at: 5 },
        { type: 'REFUND', at: 30 },
        { type: 'PAY', amount: -1, at: 31 },
        { type: 'PAY', amount: 20, at: 40 },
        { type: 'CLOSE', at: 50 },
        { type: 'PAY', amount: 1, at: 60 },
      ],
    });
    if (!result.ok) throw new Error(result.error.message);
    const card = result.scorecard;
    expect(card.machine).toBe('till');
    expect(card.record).toBe('shift-1');
    expect(card.sequence).toEqual(['PAY', 'PAY', 'CLOSE']);
    expect(card.path).toEqual(['open', 'open', 'closed']);
    expect(card.accepted).toBe(3);
    expect(card.score).toBe(37);
    expect(card.snapshot.context).toEqual({ cash: 120, lastAt: 40 });
    expect(card.state).toBe('closed');
    expect(card.status).toBe('done');
    expect(card.refused.map((r) => [r.index, r.code, r.reason?.code ?? null])).toEqual([
      [1, 'REFUSED', 'TOO_LARGE'],
      [2, 'REFUSED', 'OUT_OF_ORDER'],
      [3, 'UNKNOWN_EVENT', null],
      [4, 'INVALID_PAYLOAD', null],
      [7, 'FINAL_STATE', null],
    ]);
    expect(card.refused[0]).toMatchObject({
      type: 'PAY',
      state: 'open',
      reason: {
        code: 'TOO_LARGE',
        message: 'Payments above 500 need a manager.',
        details: { limit: 500 },
      },
    });
    expect(card).toMatchObject({ startedAt: 10, endedAt: 50, durationMs: 40 });
  });

  it('scores an empty log 100 and a log without clocks with null times', () => {
    const card = assessInteractionOrThrow(till, { events: [{ type: 'CLOSE', at: 0 }] });
    expect(card.score).toBe(100);
    expect(assessInteractionOrThrow(till, { events: [] })).toMatchObject({
      score: 100,
      accepted: 0,
      state: 'open',
      startedAt: null,
      durationMs: null,
    });
  });

  it('takes the initial input from the record', () => {
    const card = assessInteractionOrThrow(till, { input: { cash: 7 }, events: [] });
    expect(card.snapshot.context).toEqual({ cash: 7, lastAt: null });
  });

  it('returns INVALID_RECORD, WRONG_MACHINE and INVALID_INPUT instead of throwing', () => {
    const code = (record: unknown) => {
      const r = assessInteraction(till, record);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(code(null)).toBe('INVALID_RECORD');
    expect(code({ events: [{ amount: 1 }] })).toBe('INVALID_RECORD');
    expect(code({ events: [], extra: 1 })).toBe('INVALID_RECORD');
    expect(code({ machine: 'other', events: [] })).toBe('WRONG_MACHINE');
    expect(code({ input: { cash: 'lots' }, events: [] })).toBe('INVALID_INPUT');
    try {
      assessInteractionOrThrow(till, { machine: 'other', events: [] });
      expect.unreachable();
    } catch (error) {
      expect(isAssessmentError(error)).toBe(true);
    }
  });

  it('throws UsageError for something that is not a machine, or for options on a machine', () => {
    expect(() => assessInteraction({} as never, { events: [] })).toThrow(UsageError);
    expect(() =>
      (assessInteraction as (...a: unknown[]) => unknown)(till, { events: [] }, { strict: true }),
    ).toThrow(UsageError);
  });

  it("scores a framework's machine with its own refusal reasons", () => {
    const card = assessInteractionOrThrow(eightStepsOfService.machine, {
      events: [
        { type: 'approach', at: 10 },
        { type: 'determineNeeds', at: 5 },
        { type: 'determineNeeds', at: 20 },
        { type: 'END', at: 30 },
      ],
    });
    expect(card.sequence).toEqual(['approach', 'determineNeeds']);
    expect(card.refused.map((r) => [r.code, r.reason?.code ?? null])).toEqual([
      ['REFUSED', 'OUT_OF_ORDER'],
      ['EVENT_NOT_ALLOWED', null],
    ]);
  });

  it('property: the walk equals replaying only the accepted events; every event is accepted or refused once', () => {
    const event = fc.oneof(
      fc.record({
        type: fc.constant('PAY'),
        amount: fc.integer({ min: -5, max: 800 }),
        at: fc.integer({ min: 0, max: 100 }),
      }),
      fc.record({ type: fc.constantFrom('CLOSE', 'NOPE'), at: fc.integer({ min: 0, max: 100 }) }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (events) => {
        const card = assessInteractionOrThrow(till, { events });
        expect(card.accepted + card.refused.length).toBe(events.length);
        const refusedAt = new Set(card.refused.map((r) => r.index));
        expect(refusedAt.size).toBe(card.refused.length);
        let snap = initialSnapshot(till);
        for (const [i, e] of events.entries()) {
          const r = transition(till, snap, e as never);
          expect(r.ok).toBe(!refusedAt.has(i));
          if (r.ok) snap = r.snapshot;
          else expect(r.snapshot).toBe(snap);
        }
        expect(card.snapshot).toEqual(snap);
        expect(card.score).toBe(
          events.length === 0 ? 100 : Math.floor((100 * card.accepted) / events.length),
        );
      }),
    );
  });
});
