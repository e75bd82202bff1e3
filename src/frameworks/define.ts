/**
 * `defineFramework`: checks a framework spec, fills in defaults, and compiles it to a core machine
 * whose states are the steps (and step outcomes) and whose guards enforce the framework's rules.
 *
 * @module
 */
import * as z from 'zod';
import {
  DefinitionError,
  type DefinitionProblem,
  defineMachine,
  type Invariant,
  isRefusal,
  type Refusal,
} from '../core/index.js';
import { movesFrom, positionsOf, reenterableSteps, stateOf } from './graph.js';
import type {
  EventStamp,
  Framework,
  FrameworkMachine,
  FrameworkQuality,
  FrameworkRefusal,
  FrameworkSpec,
  FrameworkStep,
  OutcomeTarget,
} from './types.js';
import { checkSpec } from './validate.js';

/**
 * The payload every live event carries: `at` (epoch ms) and optional `actor`, `channel`, `note`.
 *
 * @example
 * ```ts
 * import { eventStampSchema } from 'servicecraft';
 *
 * eventStampSchema.parse({ at: 1_700_000_000_000, actor: 'ana' });
 * ```
 *
 * @category Frameworks
 */
export const eventStampSchema: z.ZodType<EventStamp> = z.strictObject({
  at: z.number().int().nonnegative(),
  actor: z.string().min(1).optional(),
  channel: z.string().min(1).optional(),
  note: z.string().optional(),
});
const stampObject = eventStampSchema as z.ZodObject<{
  at: z.ZodNumber;
  actor: z.ZodOptional<z.ZodString>;
  channel: z.ZodOptional<z.ZodString>;
  note: z.ZodOptional<z.ZodString>;
}>;

type Ctx = {
  counts: Record<string, number>;
  qualities: Record<string, number>;
  startedAt: number | null;
  lastAt: number | null;
};
type Ev = { type: string; at: number; quality?: string };
type Args = {
  context: Ctx;
  event: Ev;
  refuse(
    code: FrameworkRefusal,
    message: string,
    details?: Readonly<Record<string, unknown>>,
  ): Refusal<FrameworkRefusal>;
};

/** What each refusal code of a framework machine means (declared on every framework machine). */
const refusals: { readonly [K in FrameworkRefusal]: string } = {
  OUT_OF_ORDER: 'The event is earlier than the previous one; events must arrive in time order.',
  REPEAT_LIMIT: 'The step was already done as many times as the framework allows (maxTimes).',
  MANDATORY_MISSING: 'The interaction cannot end successfully while a mandatory step is missing.',
};

/**
 * Defines a service framework: ordered steps with attributes, qualities checked across the whole
 * interaction, moments of truth and a provenance note. It compiles to a core machine
 * (`framework.machine`) that drives a live interaction; {@link assessInteraction} scores a
 * recorded one against the same rules.
 *
 * Rules the machine enforces (a broken rule is a `REFUSED` result whose `error.reason.code` is a
 * {@link FrameworkRefusal}; the snapshot is unchanged):
 * - a step may follow the previous one, skip optional steps up to the next mandatory one, go
 *   `back` to the steps listed, or repeat itself when `maxTimes` is above 1 (steps without
 *   outcomes; a step with outcomes comes round again only through an outcome or a back move);
 *   any other move is `EVENT_NOT_ALLOWED`;
 * - a step with `outcomes` is left only after an outcome event, and only towards that outcome's
 *   targets (`'end'` allows finishing);
 * - guard `withinRepeatLimit`: no step happens more than `maxTimes` times (`REPEAT_LIMIT`);
 * - guard `allMandatoryDone`: `END` (the successful final state `completed`) needs every
 *   mandatory step (`MANDATORY_MISSING`, with the missing steps in `details.missing`); `ABANDON`
 *   ends early in `abandoned` from anywhere;
 * - events must arrive in time order: an event whose `at` is before the previous one is refused
 *   with `OUT_OF_ORDER` (`details: { at, lastAt }`).
 *
 * Invariants every snapshot satisfies (`restoreSnapshot` rejects a stored snapshot that breaks
 * one): `startedAt` and `lastAt` are `null` exactly before the first event, and
 * `startedAt <= lastAt`; the current step has been counted at least once, and no step is counted
 * in `start`; no count exceeds its step's `maxTimes`; `completed` implies every mandatory step.
 *
 * @example
 * ```ts
 * import { defineFramework, initialSnapshot, transition } from 'servicecraft';
 *
 * const desk = defineFramework({
 *   id: 'helpDesk',
 *   name: 'Help desk',
 *   source: 'In-house checklist',
 *   steps: [
 *     { id: 'greet', description: 'Greet by name.', momentOfTruth: true },
 *     { id: 'diagnose', description: 'Find the cause.', maxTimes: 3 },
 *     { id: 'resolve', description: 'Fix it.', outcomes: { fixed: 'end', notFixed: 'diagnose' } },
 *   ],
 *   qualities: [{ id: 'patience', description: 'No rushing.' }],
 * });
 * const start = initialSnapshot(desk.machine);
 * const result = transition(desk.machine, start, { type: 'greet', at: 1000, actor: 'ana' });
 * if (result.ok) console.log(result.snapshot.state); // 'greet'
 * ```
 *
 * @param spec - The id, name, source, steps and qualities.
 * @returns The compiled framework, with its machine on `machine`.
 * @throws `DefinitionError` listing every problem in the spec (or in the machine it compiles to).
 * @category Frameworks
 */
export function defineFramework<
  const S extends string,
  const Q extends string = never,
  const O extends string = never,
>(spec: FrameworkSpec<S, Q, O>): Framework<S, Q, O> {
  const problems: DefinitionProblem[] = checkSpec(
    spec as unknown as FrameworkSpec<string, string, string>,
  );
  const id = typeof spec?.id === 'string' && spec.id ? spec.id : '?';
  if (problems.length > 0) throw new DefinitionError(id, problems);

  const steps: FrameworkStep<S, O>[] = spec.steps.map((step, order) => {
    const outcomes: Record<string, readonly OutcomeTarget<S>[]> = {};
    for (const [name, target] of Object.entries(step.outcomes ?? {})) {
      const list = (Array.isArray(target) ? target : [target]) as OutcomeTarget<S>[];
      outcomes[name] = Object.freeze([...list]);
    }
    return Object.freeze({
      id: step.id,
      order,
      description: step.description,
      mandatory: step.mandatory ?? true,
      maxTimes: step.maxTimes ?? 1,
      back: Object.freeze([...(step.back ?? [])]),
      outcomes: Object.freeze(outcomes) as FrameworkStep<S, O>['outcomes'],
      momentOfTruth: step.momentOfTruth ?? false,
    });
  });
  const qualities: FrameworkQuality<Q>[] = (spec.qualities ?? []).map((q) =>
    Object.freeze({
      id: q.id,
      description: q.description,
      mandatory: q.mandatory ?? true,
      ...(q.step === undefined ? {} : { step: q.step }),
    }),
  );
  const outcomes = [...new Set(steps.flatMap((s) => Object.keys(s.outcomes)))] as O[];
  const machine = compile(spec, steps, qualities, outcomes) as unknown as FrameworkMachine<S, Q, O>;
  return Object.freeze({
    id: spec.id,
    version: spec.version ?? 1,
    name: spec.name,
    source: spec.source,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    steps: Object.freeze(steps),
    qualities: Object.freeze(qualities),
    outcomes: Object.freeze(outcomes),
    machine,
  });
}

/**
 * Time order, checked in every update: an event earlier than the previous one is refused with
 * `OUT_OF_ORDER`; otherwise the clock fields move on.
 */
function stamp(context: Ctx, at: number, refuse: Args['refuse']): Ctx | Refusal<FrameworkRefusal> {
  if (context.lastAt !== null && at < context.lastAt) {
    return refuse(
      'OUT_OF_ORDER',
      `Time went backwards: this event is at ${at}, before the previous event at ${context.lastAt}; send events in time order.`,
      { at, lastAt: context.lastAt },
    );
  }
  return { ...context, startedAt: context.startedAt ?? at, lastAt: at };
}

const counter = (ids: readonly string[]) =>
  z
    .object(Object.fromEntries(ids.map((id) => [id, z.number().int().nonnegative().default(0)])))
    .prefault({});

function compile(
  spec: FrameworkSpec<string, string, string>,
  steps: readonly FrameworkStep[],
  qualities: readonly FrameworkQuality[],
  outcomes: readonly string[],
): FrameworkMachine<string, string, string> {
  const stepIds = steps.map((s) => s.id);
  const qualityIds = qualities.map((q) => q.id);
  const qualityEnum =
    qualityIds.length > 0 ? z.enum(qualityIds as [string, ...string[]]) : z.never();
  const events: Record<string, z.ZodType> = {};
  for (const step of stepIds) events[step] = eventStampSchema;
  for (const outcome of outcomes) events[outcome] = eventStampSchema;
  events.QUALITY = stampObject.extend({ quality: qualityEnum });
  events.END = eventStampSchema;
  events.ABANDON = eventStampSchema;

  const max = new Map(steps.map((s) => [s.id, s.maxTimes]));
  const mandatory = steps.filter((s) => s.mandatory).map((s) => s.id);
  const reenterable = reenterableSteps(steps);
  const guards = {
    withinRepeatLimit: ({ context, event, refuse }: Args) => {
      const done = context.counts[event.type] ?? 0;
      const limit = max.get(event.type) ?? 1;
      if (done < limit) return true;
      return refuse(
        'REPEAT_LIMIT',
        `Step ${event.type} was already done ${times(done)}; the framework allows it at most ${times(limit)}.`,
        { step: event.type, count: done, maxTimes: limit },
      );
    },
    allMandatoryDone: ({ context, refuse }: Args) => {
      const missing = mandatory.filter((id) => (context.counts[id] ?? 0) === 0);
      if (missing.length === 0) return true;
      return refuse(
        'MANDATORY_MISSING',
        `The interaction cannot end successfully: mandatory step${missing.length === 1 ? '' : 's'} ${missing.join(', ')} ${missing.length === 1 ? 'was' : 'were'} never done.`,
        { missing },
      );
    },
  };
  const enter = ({ context, event, refuse }: Args) => {
    const next = stamp(context, event.at, refuse);
    if (isRefusal(next)) return next;
    return {
      ...next,
      counts: { ...next.counts, [event.type]: (next.counts[event.type] ?? 0) + 1 },
    };
  };
  const observe = ({ context, event, refuse }: Args) => {
    const next = stamp(context, event.at, refuse);
    if (isRefusal(next)) return next;
    const q = event.quality as string;
    return { ...next, qualities: { ...next.qualities, [q]: (next.qualities[q] ?? 0) + 1 } };
  };
  const tick = ({ context, event, refuse }: Args) => stamp(context, event.at, refuse);

  const states: Record<string, unknown> = {};
  for (const position of positionsOf(steps)) {
    const on: Record<string, unknown> = {};
    const step = steps.find((s) => s.id === position.step);
    if (step !== undefined && position.outcome === null) {
      for (const outcome of Object.keys(step.outcomes)) {
        on[outcome] = { target: `${step.id}:${outcome}`, update: tick };
      }
    }
    for (const move of movesFrom(steps, position)) {
      if (move === 'end') on.END = { target: 'completed', guard: 'allMandatoryDone', update: tick };
      else
        on[move] = {
          target: move,
          update: enter,
          ...(reenterable.has(move) ? { guard: 'withinRepeatLimit' } : {}),
        };
    }
    on.QUALITY = { target: stateOf(position), update: observe };
    on.ABANDON = { target: 'abandoned', update: tick };
    states[stateOf(position)] = {
      on,
      description:
        step === undefined
          ? 'Before the first step'
          : position.outcome === null
            ? step.description
            : `${step.id} ended with outcome ${position.outcome}`,
      meta:
        step === undefined
          ? { step: null }
          : {
              step: step.id,
              outcome: position.outcome,
              mandatory: step.mandatory,
              maxTimes: step.maxTimes,
              momentOfTruth: step.momentOfTruth,
            },
    };
  }
  states.completed = { type: 'final', description: 'Finished with every mandatory step done' };
  states.abandoned = { type: 'final', description: 'Stopped before a successful end' };

  return defineMachine({
    id: spec.id,
    version: spec.version ?? 1,
    initial: 'start',
    context: z.object({
      counts: counter(stepIds),
      qualities: counter(qualityIds),
      startedAt: z.number().int().nonnegative().nullable().default(null),
      lastAt: z.number().int().nonnegative().nullable().default(null),
    }),
    events,
    guards,
    refusals,
    invariants: invariantsOf(steps, qualityIds),
    states,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    meta: {
      kind: 'framework',
      name: spec.name,
      source: spec.source,
      steps,
      qualities,
    },
  } as never) as unknown as FrameworkMachine<string, string, string>;
}

const times = (n: number) => (n === 1 ? 'once' : `${n} times`);

/**
 * What holds between a framework machine's state and its context in every reachable snapshot.
 * Each returns `true` or a sentence naming the breach.
 */
function invariantsOf(
  steps: readonly FrameworkStep[],
  qualityIds: readonly string[],
): Record<string, Invariant<string, Ctx>> {
  const stepOfState = new Map<string, string>();
  for (const position of positionsOf(steps)) {
    if (position.step !== null) stepOfState.set(stateOf(position), position.step);
  }
  const untouched = (context: Ctx) =>
    steps.every((s) => (context.counts[s.id] ?? 0) === 0) &&
    qualityIds.every((q) => (context.qualities[q] ?? 0) === 0);
  return {
    clockStartsWithFirstEvent: ({ state, context }) => {
      if ((context.startedAt === null) !== (context.lastAt === null)) {
        return 'startedAt and lastAt must both be null (no event yet) or both be set';
      }
      const fresh = state === 'start' && untouched(context);
      if (context.startedAt === null && !fresh) {
        return `the clock is unset (startedAt null) in state '${state}' after steps or qualities were counted`;
      }
      if (context.startedAt !== null && fresh) {
        return 'startedAt is set, but no event was counted and the state is still start';
      }
      return true;
    },
    timeMovesForward: ({ context }) =>
      context.startedAt === null ||
      context.lastAt === null ||
      context.startedAt <= context.lastAt ||
      `startedAt ${context.startedAt} is after lastAt ${context.lastAt}`,
    currentStepCounted: ({ state, context }) => {
      const step = stepOfState.get(state);
      if (step !== undefined) {
        return (
          (context.counts[step] ?? 0) >= 1 ||
          `state '${state}' is inside step ${step}, but that step is counted 0 times`
        );
      }
      if (state !== 'start') return true;
      const counted = steps.filter((s) => (context.counts[s.id] ?? 0) > 0).map((s) => s.id);
      return (
        counted.length === 0 ||
        `no step can have happened in state 'start', but ${counted.join(', ')} ${counted.length === 1 ? 'is' : 'are'} counted`
      );
    },
    countsWithinMaxTimes: ({ context }) => {
      const over = steps.filter((s) => (context.counts[s.id] ?? 0) > s.maxTimes);
      return (
        over.length === 0 ||
        over
          .map(
            (s) =>
              `step ${s.id} is counted ${context.counts[s.id]} times, above its maxTimes ${s.maxTimes}`,
          )
          .join('; ')
      );
    },
    completedHasEveryMandatoryStep: ({ state, context }) => {
      if (state !== 'completed') return true;
      const missing = steps.filter((s) => s.mandatory && (context.counts[s.id] ?? 0) === 0);
      return (
        missing.length === 0 ||
        `state 'completed' needs every mandatory step, but ${missing.map((s) => s.id).join(', ')} ${missing.length === 1 ? 'is' : 'are'} counted 0 times`
      );
    },
  };
}
