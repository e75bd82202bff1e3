/**
 * The unexpected-demand decision flow: respond now or involve the manager, then verify
 * satisfaction.
 *
 * @module
 */
import * as z from 'zod';
import { defineMachine, isRefusal, type Machine, type Refusal } from '../core/index.js';
import type { EventStamp } from '../frameworks/index.js';

const stamped = z.strictObject({
  at: z.number().check(
    z.int(),
    z.gte(0),
    z.lte(8.64e15, {
      error: '`at` must be a time a Date can represent (at most 8.64e15 ms after 1970).',
    }),
  ),
  actor: z.string().min(1).optional(),
  channel: z.string().min(1).optional(),
  note: z.string().optional(),
});

const context = z.object({
  owner: z.string().min(1).nullable().default(null),
  escalation: z.enum(['cannotRespond', 'notSatisfied']).nullable().default(null),
  startedAt: z.number().check(z.int(), z.gte(0)).nullable().default(null),
  lastAt: z.number().check(z.int(), z.gte(0)).nullable().default(null),
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
 * The refusal codes of {@link unexpectedDemandFlow}: `OUT_OF_ORDER` when an event's `at` is
 * before the previous event's (`details: { at, lastAt }`).
 *
 * @category Cycles
 */
export type UnexpectedDemandRefusal = 'OUT_OF_ORDER';

/**
 * The machine type of {@link unexpectedDemandFlow}.
 *
 * @category Cycles
 */
export type UnexpectedDemandMachine = Machine<
  UnexpectedDemandState,
  UnexpectedDemandEvent,
  UnexpectedDemandContext,
  UnexpectedDemandEvent,
  UnexpectedDemandRefusal
>;

type Refuse = (
  code: UnexpectedDemandRefusal,
  message: string,
  details?: Readonly<Record<string, unknown>>,
) => Refusal<UnexpectedDemandRefusal>;

/** Time order, as in the frameworks: an earlier event is refused with `OUT_OF_ORDER`. */
function stamp(ctx: Ctx, at: number, refuse: Refuse): Ctx | Refusal<UnexpectedDemandRefusal> {
  if (ctx.lastAt !== null && at < ctx.lastAt) {
    return refuse(
      'OUT_OF_ORDER',
      `Time went backwards: this event is at ${at}, before the previous event at ${ctx.lastAt}; send events in time order.`,
      { at, lastAt: ctx.lastAt },
    );
  }
  return { ...ctx, startedAt: ctx.startedAt ?? at, lastAt: at };
}

/** Stamps the event, then applies `change` unless the stamp refused. */
function afterStamp<E extends { readonly at: number }>(
  change: (ctx: Ctx, event: E) => Ctx = (ctx) => ctx,
) {
  return ({ context, event, refuse }: { context: Ctx; event: E; refuse: Refuse }) => {
    const next = stamp(context, event.at, refuse);
    return isRefusal(next) ? next : change(next, event);
  };
}

/** The states in which the provider owns the demand (and so `owner` is set). */
const ownedStates: ReadonlySet<string> = new Set([
  'responding',
  'verifyingSatisfaction',
  'routine',
]);
/** The states in which the manager was contacted (and so `escalation` is set). */
const escalatedStates: ReadonlySet<string> = new Set(['managerContacted', 'handedOver']);

/**
 * What to do when a customer asks for something unexpected (customer-service training material on the interaction cycle), as
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
 * in time order: an earlier event is a `REFUSED` result with `reason.code` `OUT_OF_ORDER` and the
 * snapshot is unchanged.
 *
 * Invariants every snapshot satisfies: `startedAt` and `lastAt` are `null` exactly in
 * `demandReceived` and `startedAt <= lastAt`; `escalation` is set exactly in `managerContacted` and
 * `handedOver`; `owner` is set exactly when the provider responded (in `responding`,
 * `verifyingSatisfaction` and `routine`, and after a `notSatisfied` escalation).
 *
 * @example
 * ```ts
 * import { replayOrThrow } from 'servicecraft';
 * import { unexpectedDemandFlow } from 'servicecraft/cycles';
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
    source:
      'Handling unexpected customer demands, from the customer-service training presentation “Customer Interaction Cycle” published on Prezi (author not named)',
  },
  context,
  refusals: {
    OUT_OF_ORDER: 'The event is earlier than the previous one; events must arrive in time order.',
  },
  invariants: {
    clockStartsWithFirstEvent: ({ state, context }) => {
      const unset = context.startedAt === null;
      if (unset !== (context.lastAt === null)) {
        return 'startedAt and lastAt must both be null (no event yet) or both be set';
      }
      return (
        unset === (state === 'demandReceived') ||
        (unset
          ? `the clock is unset (startedAt null) in state '${state}', which only an event reaches`
          : 'startedAt is set in demandReceived, before any event')
      );
    },
    timeMovesForward: ({ context }) =>
      context.startedAt === null ||
      context.lastAt === null ||
      context.startedAt <= context.lastAt ||
      `startedAt ${context.startedAt} is after lastAt ${context.lastAt}`,
    escalationMatchesState: ({ state, context }) =>
      (context.escalation !== null) === escalatedStates.has(state) ||
      (context.escalation === null
        ? `state '${state}' means the manager was contacted, but escalation is null`
        : `escalation is '${context.escalation}' in state '${state}', where the manager was never contacted`),
    ownerMatchesPath: ({ state, context }) => {
      const responded =
        ownedStates.has(state) ||
        (escalatedStates.has(state) && context.escalation === 'notSatisfied');
      if ((context.owner !== null) === responded) return true;
      return context.owner === null
        ? `state '${state}' follows a RESPOND_NOW, but owner is null`
        : `owner is set in state '${state}', but no provider took responsibility on this path`;
    },
  },
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
          update: afterStamp((ctx, event: { at: number; actor: string }) => ({
            ...ctx,
            owner: event.actor,
          })),
        },
        CANNOT_RESPOND: {
          target: 'managerContacted',
          description: 'No: contact the manager',
          update: afterStamp((ctx) => ({ ...ctx, escalation: 'cannotRespond' as const })),
        },
      },
    },
    responding: {
      description: 'The provider owns the demand and acts on it',
      on: {
        ADDRESSED: {
          target: 'verifyingSatisfaction',
          update: afterStamp(),
        },
      },
    },
    verifyingSatisfaction: {
      description: 'Is the customer satisfied?',
      on: {
        SATISFIED: { target: 'routine', update: afterStamp() },
        NOT_SATISFIED: {
          target: 'managerContacted',
          description: 'Contact the manager for a further response',
          update: afterStamp((ctx) => ({ ...ctx, escalation: 'notSatisfied' as const })),
        },
      },
    },
    managerContacted: {
      description: 'The manager is asked to respond; the provider goes back to routine tasks',
      on: {
        RETURN_TO_ROUTINE: {
          target: 'handedOver',
          update: afterStamp(),
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
