/**
 * The 9-state machine every core benchmark runs, described once as a plain table so servicecraft,
 * XState and the hand-written baseline (and the type-cost consumer files) get the same graph:
 * NEXT through the sales steps, SKIP from `present` to `close`, RESTART from `done`.
 */
export const order = [
  'approach',
  'determineNeeds',
  'present',
  'handleObjections',
  'close',
  'perform',
  'followUp',
  'askReferrals',
  'done',
] as const;
export type StepName = (typeof order)[number];

/** state → event → target. */
export const stepTable = Object.fromEntries(
  order.map((name, i): [StepName, Record<string, StepName>] => [
    name,
    name === 'done'
      ? { RESTART: 'approach' }
      : { NEXT: order[i + 1] as StepName, ...(name === 'present' ? { SKIP: 'close' } : {}) },
  ]),
) as Record<StepName, Record<string, StepName>>;

/** The table as `{ state: { on: { EVENT: target } } }`, the shape both engines take. */
export const stepStates = Object.fromEntries(
  order.map((name) => [name, { on: stepTable[name] }]),
) as Record<StepName, { on: Record<string, StepName> }>;
