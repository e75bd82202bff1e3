// A copy of src/complaints/flow-clock.ts as it was before its zod check chains were merged into one
// `.check(...)` each (for import speed). Tests only: the twin tests compare its schemas with the
// current ones. Do not edit, except to delete it with those tests.
/**
 * The clock of the conversation presets (`complaintFlow`, `difficultCustomerFlow`,
 * `problemResolutionFlow`, the recovery models and `defineStepSequence`): every event carries `at`
 * (epoch ms) and optionally who sent it, where and a note, as a framework event does; the context
 * keeps when the conversation started, when it last moved and who moved it; an event earlier than
 * the previous one is refused with `OUT_OF_ORDER`.
 *
 * @module
 */
import * as z from 'zod';
import {
  type Invariant,
  isRefusal,
  type Migration,
  type Refusal,
  refusal,
} from '../../../src/core/index.js';

/**
 * What every event of a conversation preset carries besides its type and payload: when it
 * happened and, optionally, who did it, on which channel, and a note. The same fields as a
 * framework event, so a conversation can be timed, attributed and scored the same way.
 *
 * @category Complaints
 */
export interface ConversationStamp {
  /** When it happened, in epoch milliseconds. Events must arrive in time order. */
  readonly at: number;
  /** Who did it: an agent id, a bot name, `'customer'` (1 to 200 characters). */
  readonly actor?: string | undefined;
  /** Where it happened: `'phone'`, `'chat'`, `'store'`, ... (1 to 200 characters). */
  readonly channel?: string | undefined;
  /** A free-text remark (at most 2,000 characters). */
  readonly note?: string | undefined;
}

/**
 * The clock fields of a conversation preset's context. All three are `null` before the first
 * event; after it, `startedAt <= lastAt`.
 *
 * @category Complaints
 */
export interface ConversationClock {
  /** The `at` of the first accepted event, or `null` before any. */
  readonly startedAt: number | null;
  /** The `at` of the latest accepted event, or `null` before any. */
  readonly lastAt: number | null;
  /** The `actor` of the latest accepted event, or `null` when it named none (or before any). */
  readonly lastActor: string | null;
}

/**
 * The refusal code every conversation preset declares: `OUT_OF_ORDER`, for an event whose `at`
 * is before the previous event's (`details: { at, lastAt }`; the snapshot is unchanged).
 *
 * @category Complaints
 */
export type ConversationRefusal = 'OUT_OF_ORDER';

/** @internal What `OUT_OF_ORDER` means, in each conversation preset's refusal table. */
export const outOfOrderMeaning =
  'The event is dated before the previous event of the conversation; events must be sent in time order.';

/** @internal The refusal table of the presets whose only code is `OUT_OF_ORDER`. */
export const conversationRefusals: Readonly<Record<ConversationRefusal, string>> = Object.freeze({
  OUT_OF_ORDER: outOfOrderMeaning,
});

/** @internal The payload fields every conversation event carries; extend it with the event's own. */
export const conversationStamp = z.strictObject({
  at: z.number().int().nonnegative().max(8.64e15, {
    error: '`at` must be a time a Date can represent (at most 8.64e15 ms after 1970)',
  }),
  actor: z.string().min(1).max(200).optional(),
  channel: z.string().min(1).max(200).optional(),
  note: z.string().max(2000).optional(),
});

/** @internal The clock fields of a conversation context schema (spread into `z.object`). */
export const clockFields = {
  startedAt: z.number().int().nonnegative().nullable().default(null),
  lastAt: z.number().int().nonnegative().nullable().default(null),
  lastActor: z.string().min(1).max(200).nullable().default(null),
};

/**
 * What a stamping update reads. It builds its refusal with `refusal` rather than the `refuse`
 * argument, so it fits machines that declare more codes than `OUT_OF_ORDER`.
 */
type StampArgs<C, E> = { readonly context: C; readonly event: E };

/**
 * @internal An update that checks time order and moves the clock, then applies `change` (default:
 * none). An event earlier than `lastAt` is refused with `OUT_OF_ORDER` and nothing changes.
 */
export function stamped<C extends ConversationClock, E extends ConversationStamp>(
  change: (context: C, event: E) => C = (context) => context,
): (args: StampArgs<C, E>) => C | Refusal<ConversationRefusal> {
  return ({ context, event }) => {
    const next = tick(context, event);
    return isRefusal(next) ? next : change(next, event);
  };
}

function tick<C extends ConversationClock>(
  context: C,
  event: ConversationStamp,
): C | Refusal<ConversationRefusal> {
  if (context.lastAt !== null && event.at < context.lastAt) {
    return refusal(
      'OUT_OF_ORDER',
      `Time went backwards: this event is at ${event.at}, before the previous event at ${context.lastAt}; send events in time order.`,
      { at: event.at, lastAt: context.lastAt },
    );
  }
  return {
    ...context,
    startedAt: context.startedAt ?? event.at,
    lastAt: event.at,
    lastActor: event.actor ?? null,
  };
}

/**
 * @internal The clock invariants of a conversation machine whose initial state no event re-enters:
 * the clock is unset exactly in `initial`, `startedAt <= lastAt`, and `lastActor` needs an event.
 */
export function clockInvariants(
  initial: string,
): Readonly<Record<string, Invariant<string, ConversationClock>>> {
  return {
    clockStartsWithFirstEvent: ({ state, context }) => {
      const unset = context.startedAt === null;
      if (unset !== (context.lastAt === null)) {
        return 'startedAt and lastAt must both be null (no event yet) or both be set';
      }
      if (unset === (state === initial)) return true;
      return unset
        ? `the clock is unset (startedAt null) in state '${state}', which only a timed event reaches; a snapshot saved by version 1 needs startedAt and lastAt set from the host's records`
        : `startedAt is set in '${initial}', before any event`;
    },
    timeMovesForward: ({ context }) =>
      context.startedAt === null ||
      context.lastAt === null ||
      context.startedAt <= context.lastAt ||
      `startedAt ${context.startedAt} is after lastAt ${context.lastAt}`,
    lastActorNeedsAnEvent: ({ context }) =>
      context.lastActor === null ||
      context.lastAt !== null ||
      'lastActor is set, but no event was accepted yet (lastAt is null)',
  };
}

/**
 * @internal Version 1 → 2 of a conversation preset: the context gains an unset clock. A version-1
 * snapshot still in its initial state restores; one further on is rejected by
 * `clockStartsWithFirstEvent`, since no time can be invented for it.
 */
export const addClock: Migration = ({ state, context }) => ({
  state,
  context: {
    ...(typeof context === 'object' && context !== null ? context : {}),
    startedAt: null,
    lastAt: null,
    lastActor: null,
  },
});
