// A consumer's view of servicecraft/xstate: every preset, exported and run in a real XState actor
// along the paths servicecraft generates, must reach the same state after every event.

import { describe, expect, expectTypeOf, it } from 'vitest';
import { assign, createActor, createMachine } from 'xstate';
import {
  complaintFlow,
  difficultCustomerFlow,
  heardRecovery,
  iso10002Lifecycle,
  lastRecovery,
  latteRecovery,
  learnRecovery,
  problemResolutionFlow,
} from '../../src/complaints/index.js';
import { fiveStageCycle, fourStageCycle, unexpectedDemandFlow } from '../../src/cycles/index.js';
import {
  eightStepsOfService,
  ritzThreeSteps,
  tenStepsOfService,
} from '../../src/frameworks/index.js';
import type { AnyMachine } from '../../src/index.js';
import { defineLoyaltyProgram, defineTierLadder } from '../../src/loyalty/index.js';
import { transitionCover } from '../../src/testing/index.js';
import { toXStateConfig } from '../../src/xstate/index.js';
import { ticket } from '../core/fixtures.js';

const loyalty = defineLoyaltyProgram({
  ladder: defineTierLadder({
    id: 'xstate',
    qualifyBy: ['points'],
    tiers: [{ id: 'green' }, { id: 'gold', threshold: { points: 100 } }],
  }),
});

const presets: readonly { name: string; machine: AnyMachine }[] = [
  { name: 'eightStepsOfService', machine: eightStepsOfService.machine },
  { name: 'tenStepsOfService', machine: tenStepsOfService.machine },
  { name: 'ritzThreeSteps', machine: ritzThreeSteps.machine },
  { name: 'fourStageCycle', machine: fourStageCycle.machine },
  { name: 'fiveStageCycle', machine: fiveStageCycle.machine },
  { name: 'unexpectedDemandFlow', machine: unexpectedDemandFlow },
  { name: 'complaintFlow', machine: complaintFlow },
  { name: 'difficultCustomerFlow', machine: difficultCustomerFlow },
  { name: 'problemResolutionFlow', machine: problemResolutionFlow },
  { name: 'iso10002Lifecycle', machine: iso10002Lifecycle },
  { name: 'heardRecovery', machine: heardRecovery },
  { name: 'lastRecovery', machine: lastRecovery },
  { name: 'learnRecovery', machine: learnRecovery },
  { name: 'latteRecovery', machine: latteRecovery },
  { name: 'loyalty program', machine: loyalty.machine },
];

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
