import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  arbitraryEvent,
  arbitrarySequence,
  arbitraryValidSequence,
} from '../../src/fast-check/index.js';
import { type AnyMachine, initialSnapshot, replay, transition } from '../../src/index.js';
import { steps, ticket } from '../core/fixtures.js';
import { wallet } from './machines.js';

/** The wallet's invariant, checked after every accepted event. */
function tierInvariant(machine: ReturnType<typeof wallet>) {
  return (events: readonly { type: string }[]) => {
    let snapshot = initialSnapshot(machine);
    for (const event of events) {
      const result = transition(machine, snapshot, event as never);
      if (!result.ok) return false;
      snapshot = result.snapshot;
      const { points, tier } = snapshot.context;
      if (tier !== (points >= 100 ? 'gold' : 'basic')) return false;
    }
    return true;
  };
}

describe('arbitraryValidSequence', () => {
  it('finds the planted bug: redeeming below 100 points keeps the gold tier', () => {
    const broken = wallet(true);
    const result = fc.check(
      fc.property(arbitraryValidSequence(broken, { maxLength: 30 }), tierInvariant(broken)),
      {
        numRuns: 2000,
        seed: 42,
      },
    );
    expect(result.failed).toBe(true);
    const [events] = result.counterexample ?? [[]];
    // Shrunk to the essence: earn up to gold (at least two EARNs of at most 50), then redeem below 100.
    expect(events.length).toBeLessThanOrEqual(6);
    expect(events.at(-1)?.type).toBe('REDEEM');
    expect(events.slice(0, -1).every((e) => e.type === 'EARN')).toBe(true);
    const after = replay(broken, events as never);
    expect(after).toMatchObject({ ok: true, snapshot: { context: { tier: 'gold' } } });
    expect(after.snapshot.context.points).toBeLessThan(100);
  });

  it('finds nothing in the correct machine', () => {
    const fixed = wallet(false);
    const result = fc.check(
      fc.property(arbitraryValidSequence(fixed, { maxLength: 30 }), tierInvariant(fixed)),
      {
        numRuns: 500,
        seed: 42,
      },
    );
    expect(result.failed).toBe(false);
  });

  it('only produces sequences the machine accepts, guards included (property)', () => {
    for (const machine of [steps, ticket, wallet(false)] as AnyMachine[]) {
      fc.assert(
        fc.property(
          arbitraryValidSequence(machine),
          (events) => replay(machine, events as never).ok,
        ),
        { numRuns: 100 },
      );
    }
  });

  it('reaches guarded transitions', () => {
    const seen = new Set<string>();
    for (const events of fc.sample(arbitraryValidSequence(ticket, { maxLength: 12 }), {
      numRuns: 300,
      seed: 7,
    })) {
      const result = replay(ticket, events);
      if (result.ok) seen.add(result.snapshot.state);
    }
    expect([...seen].sort()).toEqual(['closed', 'open', 'solved']);
  });

  it('uses the given samples', () => {
    const events = fc
      .sample(arbitraryValidSequence(ticket, { samples: { ASSIGN: [{ agent: 'ana' }] } }), {
        numRuns: 50,
        seed: 3,
      })
      .flat();
    const agents = new Set(
      events.filter((e) => e.type === 'ASSIGN').map((e) => (e as { agent: string }).agent),
    );
    expect([...agents]).toEqual(['ana']);
  });

  it('stops at a final state', () => {
    for (const events of fc.sample(arbitraryValidSequence(ticket, { maxLength: 40 }), {
      numRuns: 100,
      seed: 9,
    })) {
      expect(events.slice(0, -1).some((e) => e.type === 'CLOSE')).toBe(false);
    }
  });
});

describe('arbitrarySequence', () => {
  it('mixes valid, junk, unknown and non-events; the engine refuses them without throwing and leaves the snapshot unchanged (property)', () => {
    const codes = new Set<string>();
    fc.assert(
      fc.property(arbitrarySequence(ticket, { maxLength: 15 }), (events) => {
        let snapshot = initialSnapshot(ticket);
        for (const event of events) {
          const before = structuredClone(snapshot);
          const result = transition(ticket, snapshot, event);
          if (!result.ok) {
            codes.add(result.error.code);
            expect(result.snapshot).toEqual(before);
          }
          snapshot = result.snapshot;
        }
      }),
      { numRuns: 300, seed: 11 },
    );
    expect([...codes].sort()).toEqual([
      'EVENT_NOT_ALLOWED',
      'FINAL_STATE',
      'GUARD_REJECTED',
      'INVALID_PAYLOAD',
      'UNKNOWN_EVENT',
    ]);
  });
});

describe('arbitraryEvent', () => {
  it('produces every event type with a valid payload (property)', () => {
    const types = new Set<string>();
    fc.assert(
      fc.property(arbitraryEvent(ticket), (event) => {
        types.add(event.type);
        const schema = ticket.definition.events[event.type];
        const { type: _, ...payload } = event;
        return schema === null || schema === undefined
          ? Object.keys(payload).length === 0
          : z.safeParse(schema, payload).success;
      }),
      { numRuns: 200, seed: 5 },
    );
    expect([...types].sort()).toEqual(['ASSIGN', 'CLOSE', 'REOPEN', 'REPLY', 'SOLVE']);
  });
});
