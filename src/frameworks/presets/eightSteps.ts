/**
 * The 8 Steps of Service: a sales-and-service sequence from greeting to referrals, with the
 * objection loop and the two ways a close can go.
 *
 * @module
 */
import { defineFramework } from '../define.js';

/**
 * The 8 Steps of Service, a common sales-and-service training framework, as a framework.
 *
 * - Objections loop back to presenting, with no cap: the source sets none. Caps are a policy
 *   choice; set them with `adaptFramework`.
 * - The close has two outcomes: `sold` leads to performing the service; `notNow` leads to a later
 *   follow-up and never to performing.
 * - The follow-up has outcomes `satisfied` and `notSatisfied`; referrals may be asked only after a
 *   satisfied follow-up, and are optional. An unsatisfied follow-up never ends the interaction
 *   successfully, and where it leads depends on how the latest close went:
 *   - after `sold`, it goes back to performing (resolve what is still open), then to another
 *     follow-up;
 *   - after `notNow`, nothing was sold, so there is nothing to perform: the follow-up is another
 *     chance to win the customer, so it goes back to handling objections (then presenting or
 *     closing again), or the interaction is abandoned (`ABANDON`). This reading follows the source:
 *     a failed close goes to a later follow-up whose purpose is to re-engage the customer.
 *   Guards `afterSale` (on `perform`: the latest close is `sold`) and `beforeSale` (on
 *   `handleObjections`: the latest close is not `sold`) enforce this (`CONDITION_NOT_MET`).
 * - The close may be made again after a `notNow` (no cap); performing is not mandatory for every
 *   interaction (a `notNow` one has none), but the `sold` branch requires it, so live driving and
 *   scoring agree.
 *
 * @example
 * ```ts
 * import { createFlow } from 'servicecraft';
 * import { eightStepsOfService } from 'servicecraft/frameworks';
 *
 * const flow = createFlow(eightStepsOfService.machine);
 * flow.send({ type: 'approach', at: 0, actor: 'sam' });
 * flow.send({ type: 'determineNeeds', at: 30_000 });
 * flow.send({ type: 'close', at: 60_000 }).ok; // false: nothing was presented yet
 * ```
 *
 * @category Frameworks
 */
export const eightStepsOfService = defineFramework({
  id: 'eightStepsOfService',
  name: '8 Steps of Service',
  source:
    'The 8 Steps of Service, a common sales-and-service training framework (community guide “8 Steps of Service”)',
  description:
    'A sales-and-service sequence: greet, learn the need, present, answer objections, close, deliver, follow up, ask for referrals.',
  steps: [
    {
      id: 'approach',
      description: 'Greet the customer promptly and personally; use the name when known.',
      momentOfTruth: true,
    },
    {
      id: 'determineNeeds',
      description: 'Ask open questions, listen actively and summarise the need back.',
    },
    {
      id: 'present',
      description: 'Present the product or service that fits the need found, in plain words.',
      maxTimes: Number.POSITIVE_INFINITY,
    },
    {
      id: 'handleObjections',
      description:
        'Acknowledge each concern, answer it with evidence, and admit what you do not know.',
      mandatory: false,
      maxTimes: Number.POSITIVE_INFINITY,
      back: ['present'],
      guard: 'beforeSale',
    },
    {
      id: 'close',
      description:
        'Confirm details and next steps and ask for a decision; "not now" is a legitimate answer.',
      momentOfTruth: true,
      maxTimes: Number.POSITIVE_INFINITY,
      outcomes: { sold: { to: 'perform', requires: ['perform'] }, notNow: 'followUp' },
    },
    {
      id: 'perform',
      description:
        'Deliver what was promised and keep the customer informed of progress and delays.',
      mandatory: false,
      maxTimes: Number.POSITIVE_INFINITY,
      guard: 'afterSale',
    },
    {
      id: 'followUp',
      description: 'Check satisfaction, fix anything left open, and thank the customer.',
      momentOfTruth: true,
      maxTimes: Number.POSITIVE_INFINITY,
      outcomes: {
        satisfied: ['askReferrals', 'end'],
        notSatisfied: ['perform', 'handleObjections'],
      },
    },
    {
      id: 'askReferrals',
      description: 'Make referring easy, mention any incentive, and thank the customer for it.',
      mandatory: false,
    },
  ],
  guards: {
    afterSale: ({ branches, refuse }) =>
      branches.close === 'sold' ||
      refuse(
        'Nothing was sold: performing follows only a close that ended sold; after "not now", handle the objections again or abandon.',
        { close: branches.close ?? null },
      ),
    beforeSale: ({ branches, refuse }) =>
      branches.close !== 'sold' ||
      refuse(
        'The sale is closed: an unsatisfied customer after a sale is served by performing again, not by new objections.',
        { close: 'sold' },
      ),
  },
  qualities: [
    {
      id: 'productKnowledge',
      description: 'Answers are accurate and show how features turn into benefits.',
    },
    {
      id: 'activeListening',
      description: 'The customer is not interrupted and is summarised back correctly.',
    },
    {
      id: 'respectfulPace',
      description: 'No pushing: the customer decides without pressure.',
      mandatory: false,
    },
  ],
});
