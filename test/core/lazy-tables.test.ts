import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compiled, type TableSlot } from '../../src/core/internal.js';
import {
  can,
  defineMachine,
  initialSnapshot,
  isFinal,
  type Machine,
  nextEvents,
  replay,
  restoreSnapshot,
  transition,
} from '../../src/index.js';
import { ticket } from './fixtures.js';

/** A new machine from the ticket's definition, with a counter on its table compiler. */
function counted(): { machine: Machine; slot: TableSlot; compiles: () => number } {
  const machine = defineMachine(ticket.definition as never) as Machine;
  const slot = (machine as unknown as Record<symbol, TableSlot>)[compiled] as TableSlot;
  const compile = slot.compile;
  let count = 0;
  (slot as { compile: () => ReturnType<typeof compile> }).compile = () => {
    count += 1;
    return compile();
  };
  return { machine, slot, compiles: () => count };
}

const events = [
  { type: 'ASSIGN', agent: 'ana' },
  { type: 'REPLY', at: 1, text: 'hello' },
  { type: 'REPLY', at: 2, text: '' },
  { type: 'SOLVE' },
  { type: 'REOPEN' },
  { type: 'CLOSE' },
  { type: 'NOPE' },
] as const;

type Call = (machine: Machine) => unknown;

const calls: Record<string, Call> = {
  initial: (m) => initialSnapshot(m as typeof ticket),
  transition: (m) => transition(m as typeof ticket, initialSnapshot(ticket), { type: 'SOLVE' }),
  restore: (m) =>
    restoreSnapshot(m as typeof ticket, JSON.parse(JSON.stringify(initialSnapshot(ticket)))),
  nextEvents: (m) => nextEvents(m as typeof ticket, initialSnapshot(ticket)),
  can: (m) => can(m as typeof ticket, initialSnapshot(ticket), { type: 'REOPEN' }),
  isFinal: (m) => isFinal(m as typeof ticket, initialSnapshot(ticket)),
  replay: (m) => replay(m as typeof ticket, [{ type: 'ASSIGN', agent: 'ana' }, { type: 'SOLVE' }]),
};

describe('compiled tables on first use', () => {
  it('defineMachine checks the definition but compiles no tables; the public fields are there at once', () => {
    const { machine, slot, compiles } = counted();
    expect(slot.table).toBeUndefined();
    expect(compiles()).toBe(0);
    expect(machine.edges).toEqual(ticket.edges);
    expect(machine.finalStates).toEqual(['closed']);
    expect(machine.events).toEqual(['REPLY', 'ASSIGN', 'SOLVE', 'REOPEN', 'CLOSE']);
    expect(Object.isFrozen(machine)).toBe(true);
  });

  it('a bad definition still throws at defineMachine, not at the first transition', () => {
    expect(() =>
      defineMachine({
        id: 'bad',
        version: 1,
        initial: 'a',
        events: { GO: null },
        states: { a: { on: { GO: 'b' as never } } },
      }),
    ).toThrow(/targets 'b', which is not a state/);
  });

  it('an object that merely carries the tables key is still not a machine', () => {
    const fake = { [compiled]: {} } as unknown as typeof ticket;
    expect(() => nextEvents(fake, initialSnapshot(ticket))).toThrow(
      'Expected a machine made by defineMachine().',
    );
  });

  it('property: whichever call comes first, the tables are compiled exactly once and every answer equals a compiled machine’s', () => {
    const names = Object.keys(calls);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 12 }),
        fc.array(fc.constantFrom(...events), { maxLength: 12 }),
        (order, sent) => {
          const { machine, slot, compiles } = counted();
          for (const name of order) {
            expect(JSON.stringify((calls[name] as Call)(machine))).toBe(
              JSON.stringify((calls[name] as Call)(ticket)),
            );
          }
          const first = slot.table;
          let mine = initialSnapshot(machine as typeof ticket);
          let theirs = initialSnapshot(ticket);
          for (const event of sent) {
            const a = transition(machine as typeof ticket, mine, event as never);
            const b = transition(ticket, theirs, event as never);
            expect(JSON.stringify(a)).toBe(JSON.stringify(b));
            if (a.ok && b.ok) {
              mine = a.snapshot;
              theirs = b.snapshot;
            }
          }
          expect(compiles()).toBe(1);
          expect(slot.table).toBe(first);
        },
      ),
      { numRuns: 100 },
    );
  });
});
