/**
 * Every machine the library ships, fed what a hostile client can send: no throw, a typed error,
 * inputs and snapshots untouched; and every refusal's `allowed` list is what `nextEvents` says.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iso10002Lifecycle } from '../../src/complaints/index.js';
import {
  type AnyMachine,
  can,
  createFlow,
  initialSnapshot,
  nextEvents,
  restoreSnapshot,
  type Snapshot,
  transition,
} from '../../src/index.js';
import { samplePayloads } from '../../src/testing/index.js';
import { hostileEventText, sameJson } from '../support/hostile.js';
import { customCase, presetMachines } from '../support/presets.js';

const machines: Readonly<Record<string, AnyMachine>> = { ...presetMachines, customCase };

const codes = new Set([
  'UNKNOWN_EVENT',
  'INVALID_PAYLOAD',
  'EVENT_NOT_ALLOWED',
  'GUARD_REJECTED',
  'REFUSED',
  'FINAL_STATE',
  'INVALID_SNAPSHOT',
  'UPDATE_FAILED',
]);

/** Valid-looking events for a walk: the testing entry's derived samples, one list per type. */
function walkEvents(machine: AnyMachine): fc.Arbitrary<unknown[]> {
  const events: unknown[] = [];
  for (const type of machine.events as string[]) {
    const schema = machine.definition.events[type];
    let payloads: unknown[] = [{}];
    try {
      if (schema !== null && schema !== undefined) payloads = samplePayloads(schema);
    } catch {
      payloads = [{ at: 1 }];
    }
    for (const payload of payloads.slice(0, 8)) events.push({ ...(payload as object), type });
  }
  return fc.array(fc.constantFrom(...events), { maxLength: 12 });
}

/** The snapshots a walk reaches (accepted events only), starting from the initial one. */
function reached(machine: AnyMachine, events: readonly unknown[]): Snapshot[] {
  let snapshot = initialSnapshot(machine) as Snapshot;
  const out = [snapshot];
  for (const event of events) {
    const result = transition(machine, snapshot, event as never);
    if (result.ok) {
      snapshot = result.snapshot as Snapshot;
      out.push(snapshot);
    }
  }
  return out;
}

describe.each(Object.entries(machines))('%s', (_name, machine) => {
  it('hostile JSON events never throw, give a typed error and change nothing', () => {
    fc.assert(
      fc.property(walkEvents(machine), hostileEventText(machine), (walk, text) => {
        const snapshots = reached(machine, walk);
        const snapshot = snapshots[snapshots.length - 1] as Snapshot;
        const before = JSON.stringify(snapshot);
        const event = JSON.parse(text) as never;
        const result = transition(machine, snapshot, event);
        if (!result.ok) {
          expect(codes.has(result.error.code)).toBe(true);
          expect(result.error.message.length).toBeLessThan(4_000);
          expect(result.snapshot).toBe(snapshot);
        }
        expect(() => can(machine, snapshot, event)).not.toThrow();
        const flow = createFlow(machine, snapshot);
        expect(() => flow.send(event)).not.toThrow();
        expect(sameJson(event, JSON.parse(text))).toBe(true);
        expect(JSON.stringify(snapshot)).toBe(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });

  it('every refusal lists as allowed exactly what nextEvents returns', () => {
    fc.assert(
      fc.property(walkEvents(machine), walkEvents(machine), (walk, probes) => {
        for (const snapshot of reached(machine, walk)) {
          for (const probe of [...probes, ...machine.events.map((type: string) => ({ type }))]) {
            const result = transition(machine, snapshot, probe as never);
            if (result.ok) continue;
            const error = result.error;
            if ('allowed' in error) expect(error.allowed).toEqual(nextEvents(machine, snapshot));
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('every reached snapshot survives JSON and restoreSnapshot (invariants included)', () => {
    fc.assert(
      fc.property(walkEvents(machine), (walk) => {
        for (const snapshot of reached(machine, walk)) {
          const restored = restoreSnapshot(machine, JSON.parse(JSON.stringify(snapshot)));
          if (!restored.ok) throw new Error(restored.error.message);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('restoreSnapshot on hostile stored values', () => {
  const machine = iso10002Lifecycle;
  it('a context full of shared references is refused in linear time, not walked 2^64 times', () => {
    let node: Record<string, unknown> = { leaf: 1 };
    // 40 levels: within the depth limit, but 2^40 paths if every reference were followed.
    for (let i = 0; i < 40; i++) node = { p: node, q: node };
    const value = { ...initialSnapshot(machine), context: node };
    const result = restoreSnapshot(machine, value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('holds more than 1000000 values');
  });

  it('a cycle is reported, not followed', () => {
    const a: Record<string, unknown> = {};
    a.p = a;
    a.q = a;
    const result = restoreSnapshot(machine, { ...initialSnapshot(machine), context: a });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.problems[0]?.message).toBe('circular reference');
  });

  it('the problem list is capped: 200,000 bad values give 20 problems and a count', () => {
    const bad = Array.from({ length: 200_000 }, () => Number.NaN);
    const result = restoreSnapshot(machine, { ...initialSnapshot(machine), context: { bad } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.problems.length).toBeLessThanOrEqual(20);
    expect(result.error.message.length).toBeLessThan(3_000);
    expect(result.error.message).toMatch(/and \d+ more problems/);
  });
});
