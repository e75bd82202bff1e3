/**
 * The four-stage customer interaction cycle: receiving, understanding, helping, keeping.
 *
 * @module
 */
import { defineFramework } from '../frameworks/index.js';

/**
 * The four-stage customer interaction cycle (the Receiving–Understanding–Helping–Keeping cycle) as a framework:
 * receiving → understanding → helping → keeping, each stage's skills as checklist items (qualities
 * grouped by `step`). Helping may go back to understanding when a question needs clarifying.
 * Receiving and keeping are marked as moments of truth: first and last impressions are the ones
 * customers remember most vividly.
 *
 * @example
 * ```ts
 * import { assessInteraction } from 'servicecraft/frameworks';
 * import { fourStageCycle } from 'servicecraft/cycles';
 *
 * const result = assessInteraction(fourStageCycle, {
 *   framework: 'fourStageCycle',
 *   events: [
 *     { kind: 'step', id: 'receiving', at: 0 },
 *     { kind: 'quality', id: 'greet', at: 1_000 },
 *     { kind: 'step', id: 'understanding', at: 20_000 },
 *   ],
 * });
 * if (result.ok) console.log(result.scorecard.missingMandatory); // ['helping', 'keeping']
 * ```
 *
 * @category Cycles
 */
export const fourStageCycle = defineFramework({
  id: 'fourStageCycle',
  name: 'Customer interaction cycle (4 stages)',
  source:
    'The four-stage customer service cycle (Receiving, Understanding, Helping, Keeping), from the service-training article “How to achieve service excellence”',
  description: 'Receive the customer, understand the need, help, and keep the customer.',
  steps: [
    {
      id: 'receiving',
      description:
        'Invite the customer in and show their business is valued; the first minutes decide.',
      momentOfTruth: true,
    },
    {
      id: 'understanding',
      description: 'Concentrate fully on the customer to learn the nature of the request.',
      maxTimes: Number.POSITIVE_INFINITY,
    },
    {
      id: 'helping',
      description: 'Explain, inform, and discuss options that resolve the request.',
      maxTimes: Number.POSITIVE_INFINITY,
      back: ['understanding'],
    },
    {
      id: 'keeping',
      description: 'Leave the customer satisfied and informed, open to coming back.',
      momentOfTruth: true,
    },
  ],
  qualities: [
    { id: 'greet', description: 'Greet the customer.', step: 'receiving' },
    { id: 'acknowledge', description: 'Acknowledge the customer promptly.', step: 'receiving' },
    {
      id: 'showValued',
      description: 'Let the customer know they are valued as a person.',
      step: 'receiving',
    },
    {
      id: 'listenForFeelingsAndFacts',
      description: 'Hear both what happened and how the customer feels about it.',
      step: 'understanding',
    },
    {
      id: 'askClarifyingQuestions',
      description: 'Ask open, high-gain questions that make the customer evaluate or explain.',
      step: 'understanding',
    },
    {
      id: 'restateFeelingsAndFacts',
      description: 'Acknowledge the feelings and summarise the facts back.',
      step: 'understanding',
    },
    { id: 'offerOptions', description: 'Offer information and options.', step: 'helping' },
    {
      id: 'setRealisticExpectations',
      description: 'Promise only what can be delivered.',
      step: 'helping',
    },
    {
      id: 'getAgreement',
      description: 'Agree with the customer on the course of action.',
      step: 'helping',
    },
    { id: 'checkSatisfaction', description: 'Ask how satisfied the customer is.', step: 'keeping' },
    {
      id: 'thank',
      description: 'Thank the customer for their time and business.',
      step: 'keeping',
    },
    {
      id: 'bridgeToOtherNeeds',
      description: 'Ask whether anything else can be done.',
      step: 'keeping',
    },
    {
      id: 'followUp',
      description: 'Follow up later where the request needs it.',
      step: 'keeping',
    },
  ],
});
