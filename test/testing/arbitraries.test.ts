import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import * as z from 'zod';
import {
  arbitraryEvent,
  arbitraryPayload,
  arbitrarySequence,
  arbitraryValidSequence,
} from '../../src/fast-check/index.js';
import {
  type AnyMachine,
  defineMachine,
  initialSnapshot,
  replay,
  transition,
} from '../../src/index.js';
import { UnsupportedSchemaError } from '../../src/testing/index.js';
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

describe('generation never hangs', () => {
  // Before, a refined field (a currency code among random strings) was generated by filtering
  // random values, and fast-check retried without end: this call never returned. It runs in a
  // worker so that the test's timeout can fail it (a loop on the test's own thread would block
  // the timer too).
  it('regression: 3000 arrays of ISO 10002 events are generated in seconds, every payload valid', async () => {
    const script = new URL('./generate-iso-events.ts', import.meta.url).href;
    const worker = new Worker(
      `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(script)}, ${JSON.stringify(script)}));`,
      { eval: true },
    );
    worker.unref();
    onTestFinished(() => worker.terminate().then(() => undefined));
    const result = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    expect(result).toEqual({ arrays: 3000, invalid: 0, currencies: true });
    // About a second of generation and two of loading the sources in the worker; the margin is
    // for a loaded machine. The old code never finished.
  }, 20_000);

  it('finds values for a refinement no derived sample passes, by a bounded search', () => {
    const big = z.object({
      n: z
        .number()
        .int()
        .refine((n) => n > 5_000_000),
    });
    const values = fc.sample(arbitraryPayload(big), { numRuns: 200, seed: 2 });
    for (const value of values) expect(big.safeParse(value).success).toBe(true);
  });

  it('fails at once with a clear error when nothing passes a refinement, instead of hanging', () => {
    const impossible = z.object({ code: z.string().refine((s) => s === 'x'.repeat(40)) });
    expect(() => arbitraryPayload(impossible)).toThrow(UnsupportedSchemaError);
    expect(() => arbitraryPayload(impossible)).toThrow(
      "Cannot derive a value for 'code': zod schema type 'refinement' is not supported by the payload generator; pass samples for this event (the `samples` option) instead.",
    );
  });

  it('builds multiples within the bounds by construction, and refuses bounds with none', () => {
    const step = z.number().multipleOf(5).gt(10).lt(20);
    expect(new Set(fc.sample(arbitraryPayload(step), { numRuns: 100, seed: 3 }))).toEqual(
      new Set([15]),
    );
    expect(() => arbitraryPayload(z.number().int().min(1).max(1).multipleOf(2))).toThrow(
      UnsupportedSchemaError,
    );
  });
});

describe('sample functions', () => {
  const shop = defineMachine({
    id: 'shop',
    version: 1,
    initial: 'open',
    events: { BUY: z.object({ order: z.string() }), RETURN: z.object({ order: z.string() }) },
    context: z.object({ orders: z.array(z.string()).default([]) }),
    guards: { held: ({ context, event }) => context.orders.includes(event.order) },
    states: {
      open: {
        on: {
          BUY: {
            target: 'open',
            update: ({ context, event }) => ({ orders: [...context.orders, event.order] }),
          },
          RETURN: {
            target: 'open',
            guard: 'held',
            update: ({ context, event }) => ({
              orders: context.orders.filter((o) => o !== event.order),
            }),
          },
        },
      },
    },
  });

  it('valid sequences ask a sample function at the snapshot of each step', () => {
    const seen = new Set<string>();
    const sequences = fc.sample(
      arbitraryValidSequence(shop, {
        samples: {
          BUY: (snapshot) => [{ order: `o${snapshot.revision}` }],
          RETURN: (snapshot) => snapshot.context.orders.map((order) => ({ order })),
        },
        maxLength: 6,
      }),
      { numRuns: 100, seed: 4 },
    );
    for (const events of sequences) {
      expect(replay(shop, events).ok).toBe(true);
      for (const event of events) seen.add(event.type);
    }
    expect([...seen].sort()).toEqual(['BUY', 'RETURN']);
  });
});
