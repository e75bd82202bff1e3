// The worked example of docs/guides/testing.md, run in CI. Only the import paths differ from the
// guide (the guide imports 'servicecraft' and 'servicecraft/testing').
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { arbitraryValidSequence } from '../../src/fast-check/index.js';
import { defineMachine, replay } from '../../src/index.js';
import { coverage, shortestPaths, transitionCover } from '../../src/testing/index.js';
import { installMatchers } from '../../src/vitest/index.js';

installMatchers(expect);

const refund = defineMachine({
  id: 'refund',
  version: 1,
  initial: 'requested',
  context: z.object({ amount: z.number().int().nonnegative().default(0) }),
  events: {
    QUOTE: z.object({ amount: z.number().int().min(1).max(50_000) }),
    APPROVE: null,
    REJECT: null,
    PAY: null,
  },
  guards: { smallEnough: ({ context }) => context.amount <= 10_000 },
  states: {
    requested: {
      on: { QUOTE: { target: 'quoted', update: ({ event }) => ({ amount: event.amount }) } },
    },
    quoted: {
      on: {
        APPROVE: { target: 'approved', guard: 'smallEnough' },
        REJECT: 'rejected',
      },
    },
    approved: { on: { PAY: 'paid' } },
    paid: { type: 'final' },
    rejected: { type: 'final' },
  },
});

describe('refund flow', () => {
  const plan = transitionCover(refund);

  it('has paths that take every transition', () => {
    expect(plan.uncoveredEdges).toEqual([]);
  });

  it.each(plan.paths.map((p) => [p.description, p] as const))('accepts %s', (_, path) => {
    expect(refund).toAccept(path.events);
    expect(replay(refund, path.events)).toBeInState(path.target);
  });

  it('reaches every state', () => {
    expect(shortestPaths(refund).unreachedStates).toEqual([]);
  });

  it('refuses to approve a large refund', () => {
    expect(refund).toReject(
      [{ type: 'QUOTE', amount: 20_000 }, { type: 'APPROVE' }],
      'GUARD_REJECTED',
    );
  });

  it('never pays more than the approval limit', () => {
    fc.assert(
      fc.property(arbitraryValidSequence(refund), (events) => {
        const result = replay(refund, events);
        return result.snapshot.state !== 'paid' || result.snapshot.context.amount <= 10_000;
      }),
    );
  });

  it('reports what recorded conversations never exercised', () => {
    const report = coverage(refund, [[{ type: 'QUOTE', amount: 500 }, { type: 'REJECT' }]]);
    expect(report.states.never).toEqual(['approved', 'paid']);
    expect(report.transitions.percent).toBe(50);
  });
});
