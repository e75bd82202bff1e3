/**
 * The Ritz-Carlton Three Steps of Service.
 *
 * @module
 */
import { defineFramework } from '../define.js';

/**
 * The Ritz-Carlton Three Steps of Service (public company material): a warm greeting,
 * anticipating and fulfilling needs, a fond farewell. All three are expected in every interaction;
 * using the guest's name is an optional quality.
 *
 * @example
 * ```ts
 * import { toMermaid } from 'servicecraft';
 * import { ritzThreeSteps } from 'servicecraft/frameworks';
 *
 * console.log(toMermaid(ritzThreeSteps.machine));
 * ```
 *
 * @category Frameworks
 */
export const ritzThreeSteps = defineFramework({
  id: 'ritzThreeSteps',
  name: 'Ritz-Carlton Three Steps of Service',
  source:
    'The Ritz-Carlton Hotel Company, Gold Standards: Three Steps of Service (public company material)',
  steps: [
    {
      id: 'greeting',
      description: 'A warm and sincere greeting, using the guest’s name when possible.',
      momentOfTruth: true,
    },
    {
      id: 'anticipation',
      description: 'Anticipate the guest’s needs and fulfil them, asked or not.',
      maxTimes: 10,
    },
    {
      id: 'farewell',
      description: 'A fond farewell, using the guest’s name again.',
      momentOfTruth: true,
    },
  ],
  qualities: [
    {
      id: 'useName',
      description: 'The guest’s name is used at greeting and farewell.',
      mandatory: false,
    },
  ],
});
