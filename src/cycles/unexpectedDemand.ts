/**
 * The unexpected-demand decision flow: respond now or involve the manager, then verify
 * satisfaction.
 *
 * @module
 */
import * as z from 'zod';
import { defineMachine, type Machine } from '../core/index.js';
import type { EventStamp } from '../frameworks/index.js';

const stamped = z.strictObject({
  at: z.number().int().nonnegative(),
  actor: z.string().min(1).optional(),
  channel: z.string().min(1).optional(),
  note: z.string().optional(),
});

const context = z.object({
  owner: z.string().min(1).nullable().default(null),
  escalation: z.enum(['cannotRespond', 'notSatisfied']).nullable().default(null),
  startedAt: z.number().int().nonnegative().nullable().default(null),
  lastAt: z.number().int().nonnegative().nullable().default(null),
});
type Ctx = z.output<typeof context>;

/**
 * The states of {@link unexpectedDemandFlow}.
 *
 * @category Cycles
 */
export type UnexpectedDemandState =
  | 'demandReceived'
  | 'responding'
  | 'verifyingSatisfaction'
  | 'managerContacted'
  | 'routine'
  | 'handedOver';

/**
 * The events of {@link unexpectedDemandFlow}; each carries `at` and optional `actor`, `channel`,
 * `note`.
 *
 * @category Cycles
 */
export type UnexpectedDemandEvent =
  | ({
      /** The provider can respond now and takes responsibility. */
      readonly type: 'RESPOND_NOW';
      /** Who takes responsibility (required here). */
      readonly actor: string;
    } & EventStamp)
  | ({
      /** The other decisions and milestones of the flow. */
      readonly type:
        | 'CANNOT_RESPOND'
        | 'ADDRESSED'
        | 'SATISFIED'
        | 'NOT_SATISFIED'
        | 'RETURN_TO_ROUTINE';
    } & EventStamp);

/**
 * The context of {@link unexpectedDemandFlow}.
 *
 * @category Cycles
 */
export interface UnexpectedDemandContext {
  /** Who took responsibility, once someone did. */
  readonly owner: string | null;
  /** Why the manager was contacted, if they were. */
  readonly escalation: 'cannotRespond' | 'notSatisfied' | null;
  /** The `at` of the first event, or `null`. */
  readonly startedAt: number | null;
  /** The `at` of the latest event, or `null`. */
  readonly lastAt: number | null;
}

/**
 * The machine type of {@link unexpectedDemandFlow}.
 *
 * @category Cycles
 */
export type UnexpectedDemandMachine = Machine<
  UnexpectedDemandState,
  UnexpectedDemandEvent,
  UnexpectedDemandContext
>;

/** Time order, as in the frameworks: the sentence reaches the caller inside `UPDATE_FAILED`. */
function stamp(ctx: Ctx, at: number): Ctx {
  if (ctx.lastAt !== null && at < ctx.lastAt) {
    throw new Error(
      `time went backwards: this event is at ${at}, before the previous event at ${ctx.lastAt}; send events in time order`,
    );
  }
  return { ...ctx, startedAt: ctx.startedAt ?? at, lastAt: at };
}

/**
 * What to do when a customer asks for something unexpected (seed `004_7f6274c7c3da26f7.txt`), as
 * a decision flow:
 *
 * - `demandReceived`: can the provider respond immediately? `RESPOND_NOW` (naming the `actor` who
 *   takes responsibility) → `responding`; `CANNOT_RESPOND` → `managerContacted`.
 * - `responding` → `ADDRESSED` → `verifyingSatisfaction`.
 * - `verifyingSatisfaction`: `SATISFIED` → `routine` (final: back to routine tasks);
 *   `NOT_SATISFIED` → `managerContacted` for a further response.
 * - `managerContacted` → `RETURN_TO_ROUTINE` → `handedOver` (final: the manager owns it now).
 *
 * Every event carries `at` (epoch ms) and optional `actor`, `channel`, `note`; events must arrive
 * in time order (otherwise `UPDATE_FAILED`, snapshot unchanged).
 *
 * @example
 * ```ts
 * import { replayOrThrow, unexpectedDemandFlow } from 'servicecraft';
 *
 * const end = replayOrThrow(unexpectedDemandFlow, [
 *   { type: 'RESPOND_NOW', at: 0, actor: 'lee' },
 *   { type: 'ADDRESSED', at: 120_000 },
 *   { type: 'NOT_SATISFIED', at: 180_000 },
 *   { type: 'RETURN_TO_ROUTINE', at: 200_000 },
 * ]);
 * end.state; // 'handedOver'
 * end.context.escalation; // 'notSatisfied'
 * ```
 *
 * @category Cycles
 */
export const unexpectedDemandFlow: UnexpectedDemandMachine = defineMachine({
  id: 'unexpectedDemandFlow',
  version: 1,
  initial: 'demandReceived',
  description: 'Respond to an unexpected customer demand swiftly and consistently.',
  meta: {
    source: 'Seed document 004_7f6274c7c3da26f7.txt (customer interaction cycle training material)',
  },
  context,
  events: {
    RESPOND_NOW: stamped.extend({ actor: z.string().min(1) }),
    CANNOT_RESPOND: stamped,
    ADDRESSED: stamped,
    SATISFIED: stamped,
    NOT_SATISFIED: stamped,
    RETURN_TO_ROUTINE: stamped,
  },
  states: {
    demandReceived: {
      description: 'Can the provider respond immediately?',
      on: {
        RESPOND_NOW: {
          target: 'responding',
          description: 'Yes: take responsibility and act',
          update: ({ context, event }) => ({ ...stamp(context, event.at), owner: event.actor }),
        },
        CANNOT_RESPOND: {
          target: 'managerContacted',
          description: 'No: contact the manager',
          update: ({ context, event }) => ({
            ...stamp(context, event.at),
            escalation: 'cannotRespond' as const,
          }),
        },
      },
    },
    responding: {
      description: 'The provider owns the demand and acts on it',
      on: {
        ADDRESSED: {
          target: 'verifyingSatisfaction',
          update: ({ context, event }) => stamp(context, event.at),
        },
      },
    },
    verifyingSatisfaction: {
      description: 'Is the customer satisfied?',
      on: {
        SATISFIED: { target: 'routine', update: ({ context, event }) => stamp(context, event.at) },
        NOT_SATISFIED: {
          target: 'managerContacted',
          description: 'Contact the manager for a further response',
          update: ({ context, event }) => ({
            ...stamp(context, event.at),
            escalation: 'notSatisfied' as const,
          }),
        },
      },
    },
    managerContacted: {
      description: 'The manager is asked to respond; the provider goes back to routine tasks',
      on: {
        RETURN_TO_ROUTINE: {
          target: 'handedOver',
          update: ({ context, event }) => stamp(context, event.at),
        },
      },
    },
    routine: {
      type: 'final',
      description: 'Demand met and satisfaction verified; back to routine tasks',
    },
    handedOver: { type: 'final', description: 'Handed to the manager; back to routine tasks' },
  },
});
