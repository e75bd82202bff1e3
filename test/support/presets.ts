/**
 * Every machine the library ships as a preset, with a loyalty programme and a custom complaint
 * case, for the tests that must hold on each of them. Add new presets here.
 */

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
} from '../../src/complaints/index.js';
import { fiveStageCycle, fourStageCycle, unexpectedDemandFlow } from '../../src/cycles/index.js';
import {
  eightStepsOfService,
  ritzThreeSteps,
  tenStepsOfService,
} from '../../src/frameworks/index.js';
import type { AnyMachine } from '../../src/index.js';
import { defineLoyaltyProgram, defineTierLadder } from '../../src/loyalty/index.js';

const loyalty = defineLoyaltyProgram({
  ladder: defineTierLadder({
    id: 'presets',
    qualifyBy: ['points'],
    tiers: [{ id: 'green' }, { id: 'gold', threshold: { points: 100 } }],
  }),
});

/** The shipped presets (and one loyalty programme), keyed by a readable name. */
export const presetMachines: Readonly<Record<string, AnyMachine>> = {
  eightStepsOfService: eightStepsOfService.machine,
  tenStepsOfService: tenStepsOfService.machine,
  ritzThreeSteps: ritzThreeSteps.machine,
  fourStageCycle: fourStageCycle.machine,
  fiveStageCycle: fiveStageCycle.machine,
  unexpectedDemandFlow,
  complaintFlow,
  difficultCustomerFlow,
  problemResolutionFlow,
  iso10002Lifecycle,
  heardRecovery,
  lastRecovery,
  learnRecovery,
  latteRecovery,
  loyaltyProgram: loyalty.machine,
};

/** A complaint case on a custom ladder with its own limits. */
export const customCase = createComplaintCase({
  ladder: ['agent', 'lead'],
  limits: { currency: 'USD', amounts: { agent: 100, lead: 10_000 } },
});
