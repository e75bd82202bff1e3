// A consumer's view of servicecraft/xstate: every preset, exported and run in a real XState actor
// along the paths servicecraft generates, must reach the same state after every event.

import { describe, expect, expectTypeOf, it } from 'vitest';
import { assign, createActor, createMachine } from 'xstate';
import type { AnyMachine } from '../../src/index.js';
import { transitionCover } from '../../src/testing/index.js';
import { toXStateConfig } from '../../src/xstate/index.js';
import { ticket } from '../core/fixtures.js';
import { presetMachines } from '../support/presets.js';

const presets: readonly { name: string; machine: AnyMachine }[] = Object.entries(
  presetMachines,
).map(([name, machine]) => ({ name, machine }));

describe('servicecraft/xstate in a real XState actor', () => {
  it('regression: the export type-checks in createMachine with the machine context, no casts', () => {
    const { config, implementations } = toXStateConfig(ticket, { assign });
    const machine = createMachine(config, implementations);
    expectTypeOf(config.context).toEqualTypeOf<{ replies: number; assignee: string | null }>();
    expect(createActor(machine).start().getSnapshot().context).toEqual({
      replies: 0,
      assignee: null,
    });
  });

  it.each(presets)(
    '$name: the actor reaches the same state as servicecraft after every event of every generated path',
    ({ machine }) => {
      const { config, implementations } = toXStateConfig(machine, { assign });
      const exported = createMachine(config, implementations);
      const plan = transitionCover(machine);
      expect(plan.paths.length).toBeGreaterThan(0);
      for (const path of plan.paths) {
        const actor = createActor(exported).start();
        path.events.forEach((event, i) => {
          actor.send(event);
          expect({
            path: path.description,
            event: i + 1,
            state: actor.getSnapshot().value,
          }).toEqual({ path: path.description, event: i + 1, state: path.steps[i]?.to });
        });
        actor.stop();
      }
    },
    60_000,
  );
});
