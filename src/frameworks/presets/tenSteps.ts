/**
 * The 10 Steps of Service: four ordered moments around six qualities that hold throughout.
 *
 * @module
 */
import { defineFramework } from '../define.js';

/**
 * The 10 Steps of Service, a common hospitality training framework, as a framework. Only the first two
 * and the last two steps are ordered moments, modelled as states (welcome, acknowledgment,
 * lasting impression, farewell); the six in between are qualities checked across the whole
 * interaction: anticipation, personalization, knowledge, empathy, efficiency, attention to detail.
 *
 * @example
 * ```ts
 * import { replay } from 'servicecraft';
 * import { tenStepsOfService } from 'servicecraft/frameworks';
 *
 * const result = replay(tenStepsOfService.machine, [
 *   { type: 'welcome', at: 0 },
 *   { type: 'acknowledgment', at: 1_000 },
 *   { type: 'QUALITY', quality: 'empathy', at: 60_000 },
 *   { type: 'lastingImpression', at: 300_000 },
 *   { type: 'farewell', at: 310_000 },
 *   { type: 'END', at: 311_000 },
 * ]);
 * if (result.ok) console.log(result.snapshot.state); // 'completed'
 * ```
 *
 * @category Frameworks
 */
export const tenStepsOfService = defineFramework({
  id: 'tenStepsOfService',
  name: '10 Steps of Service',
  source:
    'The 10 Steps of Service, a common hospitality training framework (community guide “The 10 Steps of Service: A Comprehensive Guide to Delivering Exceptional Customer Experiences”)',
  description:
    'Four ordered moments (welcome, acknowledgment, lasting impression, farewell) and six qualities that hold across the interaction.',
  steps: [
    {
      id: 'welcome',
      description: 'A warm, sincere welcome: smile, eye contact, friendly words.',
      momentOfTruth: true,
    },
    {
      id: 'acknowledgment',
      description: 'Show the customer their presence or contact has been noticed.',
    },
    {
      id: 'lastingImpression',
      description: 'Leave the customer with something worth remembering.',
    },
    {
      id: 'farewell',
      description: 'A fond farewell that invites the customer back.',
      momentOfTruth: true,
    },
  ],
  qualities: [
    { id: 'anticipation', description: 'Needs are foreseen from observation and past visits.' },
    { id: 'personalization', description: 'The service is tailored: name, history, preferences.' },
    { id: 'knowledge', description: 'Accurate, helpful answers about products and services.' },
    { id: 'empathy', description: 'Feelings and concerns are acknowledged without judgement.' },
    { id: 'efficiency', description: 'Service is timely and does not waste the customer’s time.' },
    {
      id: 'attentionToDetail',
      description: 'Small things are right: order, spelling, cleanliness, follow-through.',
    },
  ],
});
