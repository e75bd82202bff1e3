/**
 * The five-stage customer interaction cycle, with agreement as a gate before delivery.
 *
 * @module
 */
import { defineFramework } from '../frameworks/index.js';

/**
 * The five-stage customer interaction cycle (customer-service training material) as a framework:
 * ready and welcoming → understanding → agreeing → delivering → keeping. Agreeing has two
 * outcomes: `agreed` opens the way to delivering; `notAgreed` goes back to understanding.
 * Delivering is impossible before `agreed` is recorded: the machine refuses it with
 * `EVENT_NOT_ALLOWED`.
 *
 * @example
 * ```ts
 * import { can, replayOrThrow } from 'servicecraft';
 * import { fiveStageCycle } from 'servicecraft/cycles';
 *
 * const m = fiveStageCycle.machine;
 * const agreeing = replayOrThrow(m, [
 *   { type: 'welcoming', at: 0 },
 *   { type: 'understanding', at: 10_000 },
 *   { type: 'agreeing', at: 60_000 },
 * ]);
 * can(m, agreeing, { type: 'delivering', at: 70_000 }); // false: no agreement yet
 * ```
 *
 * @category Cycles
 */
export const fiveStageCycle = defineFramework({
  id: 'fiveStageCycle',
  name: 'Customer interaction cycle (5 stages)',
  source:
    'The customer interaction cycle in five stages (welcoming, understanding, agreeing, delivering, keeping), from the customer-service training presentation “Customer Interaction Cycle” published on Prezi (author not named)',
  description:
    'Be ready and welcome, understand, agree, deliver, keep; no delivery before agreement.',
  steps: [
    {
      id: 'welcoming',
      description: 'Be prepared to serve and signal it: a verbal and non-verbal welcome.',
      momentOfTruth: true,
    },
    {
      id: 'understanding',
      description: 'Listen, ask questions, and describe what the customer will need to do.',
      maxTimes: Number.POSITIVE_INFINITY,
    },
    {
      id: 'agreeing',
      description:
        'Confirm the request, set expectations on both sides, and get the customer’s agreement.',
      maxTimes: Number.POSITIVE_INFINITY,
      outcomes: { agreed: 'delivering', notAgreed: 'understanding' },
    },
    {
      id: 'delivering',
      description: 'Deliver the product or service with information and assistance.',
    },
    {
      id: 'keeping',
      description: 'Check satisfaction, thank the customer, and invite them back.',
      momentOfTruth: true,
    },
  ],
  qualities: [
    {
      id: 'beReady',
      description: 'Know the equipment and the offer, and watch for cues from each customer.',
      step: 'welcoming',
    },
    {
      id: 'welcome',
      description: 'Show readiness and interest in helping, in words and body language.',
      step: 'welcoming',
    },
    {
      id: 'listen',
      description: 'Take in words, tone and body language; remember facts and feelings.',
      step: 'understanding',
    },
    {
      id: 'askQuestions',
      description: 'Ask to confirm, narrow down, or fill in an unclear request.',
      step: 'understanding',
    },
    {
      id: 'describeCustomerTasks',
      description: 'Tell the customer what they need to do, as a basis for shared expectations.',
      step: 'understanding',
    },
    {
      id: 'confirmRequest',
      description: 'Say back the request so the customer knows it was understood.',
      step: 'agreeing',
    },
    {
      id: 'setExpectations',
      description: 'Say, positively, what can and cannot be done and who is responsible for what.',
      step: 'agreeing',
    },
    {
      id: 'informAndAssist',
      description: 'Give information and help while delivering.',
      step: 'delivering',
    },
    {
      id: 'checkSatisfaction',
      description: 'Confirm the customer got what was expected, even when busy.',
      step: 'keeping',
    },
    {
      id: 'thank',
      description: 'Say that the customer’s business is appreciated.',
      step: 'keeping',
    },
    { id: 'inviteBack', description: 'Encourage the customer to return.', step: 'keeping' },
  ],
});
