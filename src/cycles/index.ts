/**
 * Customer interaction cycles: the four- and five-stage cycles (built as frameworks, so they share
 * the step/quality model and `assessInteraction`) and the unexpected-demand decision flow.
 *
 * Layering: cycles import from `../frameworks/index.js` (cycles are frameworks); nothing else.
 *
 * @module servicecraft/cycles
 */
export { fiveStageCycle } from './fiveStage.js';
export { fourStageCycle } from './fourStage.js';
export {
  type UnexpectedDemandContext,
  type UnexpectedDemandEvent,
  type UnexpectedDemandMachine,
  type UnexpectedDemandRefusal,
  type UnexpectedDemandState,
  unexpectedDemandFlow,
} from './unexpectedDemand.js';
