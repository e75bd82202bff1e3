// A copy of src/frameworks/define.ts as it was before its zod check chains were merged into one
// `.check(...)` each (for import speed). Tests only: the twin tests compare its schemas with the
// current ones. Do not edit, except to delete it with those tests.
/**
 * `defineFramework`: checks a framework spec, fills in defaults, and compiles it to a core machine
 * whose states are the steps (and step outcomes) and whose guards enforce the framework's rules.
 *
 * @module
 */
import * as z from 'zod';
import { optionsError } from '../../../src/core/errors.js';
import {
  DefinitionError,
  type DefinitionProblem,
  defineMachine,
  type Invariant,
  isRefusal,
  type Refusal,
  refusal,
} from '../../../src/core/index.js';
import {
  missingRequired,
  movesFrom,
  positionsOf,
  reenterableSteps,
  stateOf,
} from '../../../src/frameworks/graph.js';
import type {
  EventStamp,
  Framework,
  FrameworkMachine,
  FrameworkQuality,
  FrameworkRefusal,
  FrameworkSpec,
  FrameworkStep,
  OutcomeSpec,
  OutcomeTarget,
  StepSpec,
} from '../../../src/frameworks/types.js';
import { checkSpec } from '../../../src/frameworks/validate.js';

/**
 * The payload every live event carries: `at` (epoch ms) and optional `actor`, `channel`, `note`.
 *
 * @example
 * ```ts
 * import { eventStampSchema } from 'servicecraft/frameworks';
 *
 * eventStampSchema.parse({ at: 1_700_000_000_000, actor: 'ana' });
 * ```
 *
 * @category Frameworks
 */
export const eventStampSchema: z.ZodType<EventStamp> = z.strictObject({
  at: z.number().int().nonnegative().max(8.64e15, {
    error: '`at` must be a time a Date can represent (at most 8.64e15 ms after 1970).',
  }),
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
  branches: Record<string, string>;
  data?: unknown;
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
  CONDITION_NOT_MET: 'A rule of the framework on the interaction data does not allow this move.',
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
 * - guard `enter:<step>` (on moves into a step that can come round again with a finite
 *   `maxTimes`, or that has a data `guard`): no step happens more than `maxTimes` times
 *   (`REPEAT_LIMIT`), and the step's own guard allows it (`CONDITION_NOT_MET`);
 * - guard `outcome:<step>:<outcome>`: the outcome's data guard allows it (`CONDITION_NOT_MET`);
 * - guard `allMandatoryDone`: `END` (the successful final state `completed`) needs every
 *   mandatory step and every step the latest outcomes require (`MANDATORY_MISSING`, with the
 *   missing steps in `details.missing`); `ABANDON` ends early in `abandoned` from anywhere;
 * - events must arrive in time order: an event whose `at` is before the previous one is refused
 *   with `OUT_OF_ORDER` (`details: { at, lastAt }`).
 *
 * Invariants every snapshot satisfies (`restoreSnapshot` rejects a stored snapshot that breaks
 * one): `startedAt` and `lastAt` are `null` exactly before the first event, and
 * `startedAt <= lastAt`; the current step has been counted at least once, and no step is counted
 * in `start`; no count exceeds its step's `maxTimes`; `completed` implies every required step;
 * every recorded branch is an outcome of its step.
 *
 * @example
 * ```ts
 * import { initialSnapshot, transition } from 'servicecraft';
 * import { defineFramework } from 'servicecraft/frameworks';
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
  D = undefined,
>(spec: FrameworkSpec<S, Q, O, D>): Framework<S, Q, O> {
  const problems: DefinitionProblem[] = checkSpec(
    spec as unknown as FrameworkSpec<string, string, string, unknown>,
  );
  const id = typeof spec?.id === 'string' && spec.id ? spec.id : '?';
  if (problems.length > 0) throw new DefinitionError(id, problems);

  const steps: FrameworkStep<S, O>[] = spec.steps.map((step, order) => {
    const outcomes: Record<string, readonly OutcomeTarget<S>[]> = {};
    const requires: Record<string, readonly S[]> = {};
    const outcomeGuards: Record<string, string> = {};
    for (const [name, raw] of Object.entries(step.outcomes ?? {})) {
      const full = outcomeSpecOf(raw as OutcomeSpec<S> | OutcomeTarget<S> | OutcomeTarget<S>[]);
      outcomes[name] = Object.freeze(full.to);
      requires[name] = Object.freeze([...(full.requires ?? [])]);
      if (full.guard !== undefined) outcomeGuards[name] = full.guard;
    }
    return Object.freeze({
      id: step.id,
      order,
      description: step.description,
      mandatory: step.mandatory ?? true,
      maxTimes: step.maxTimes ?? 1,
      back: Object.freeze([...(step.back ?? [])]),
      outcomes: Object.freeze(outcomes) as FrameworkStep<S, O>['outcomes'],
      requires: Object.freeze(requires) as FrameworkStep<S, O>['requires'],
      outcomeGuards: Object.freeze(outcomeGuards) as FrameworkStep<S, O>['outcomeGuards'],
      guard: step.guard ?? null,
      aliases: Object.freeze(
        (step.aliases ?? []).map((a) =>
          Object.freeze(
            typeof a === 'string'
              ? { name: a, guard: null }
              : { name: a.name, guard: a.guard ?? null },
          ),
        ),
      ),
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
  const machine = compile(
    spec as unknown as FrameworkSpec<string, string, string, unknown>,
    steps,
    qualities,
    outcomes,
  ) as unknown as FrameworkMachine<S, Q, O>;
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
    spec: spec as unknown as FrameworkSpec<S, Q, O, unknown>,
  });
}

/** An outcome in any of its written forms, as a full {@link OutcomeSpec} with a target list. */
function outcomeSpecOf<S extends string>(
  raw: OutcomeSpec<S> | OutcomeTarget<S> | readonly OutcomeTarget<S>[],
): { to: OutcomeTarget<S>[]; requires?: readonly S[]; guard?: string } {
  if (typeof raw === 'string') return { to: [raw] };
  if (Array.isArray(raw)) return { to: [...(raw as readonly OutcomeTarget<S>[])] };
  const full = raw as OutcomeSpec<S>;
  const to = typeof full.to === 'string' ? [full.to] : [...(full.to as OutcomeTarget<S>[])];
  return {
    to,
    ...(full.requires === undefined ? {} : { requires: full.requires }),
    ...(full.guard === undefined ? {} : { guard: full.guard }),
  };
}

/**
 * Per-step policy changes for {@link adaptFramework}: a new cap (`Infinity` for none) or a new
 * mandatory flag.
 *
 * @category Frameworks
 */
export interface StepPolicy {
  /** How many times the step may happen (`Infinity`: no cap). */
  readonly maxTimes?: number;
  /** Whether every successful interaction must include the step. */
  readonly mandatory?: boolean;
}

const policySchema = z.strictObject({
  id: z.string().min(1).optional(),
  steps: z
    .record(
      z.string(),
      z.strictObject({
        maxTimes: z
          .number()
          .refine((n) => n === Number.POSITIVE_INFINITY || (Number.isSafeInteger(n) && n >= 1), {
            message: 'maxTimes must be a positive integer or Infinity',
          })
          .optional(),
        mandatory: z.boolean().optional(),
      }),
    )
    .optional(),
});

/**
 * A copy of a framework with its policy changed: caps (`maxTimes`) and mandatory flags per step,
 * and optionally a new id. Presets ship without caps on repeatable steps; caps are a choice of
 * each organisation, made here.
 *
 * @example
 * ```ts
 * import { adaptFramework, eightStepsOfService } from 'servicecraft/frameworks';
 *
 * const capped = adaptFramework(eightStepsOfService, {
 *   id: 'eightStepsCapped',
 *   steps: { handleObjections: { maxTimes: 4 }, present: { maxTimes: 5 } },
 * });
 * capped.steps.find((s) => s.id === 'handleObjections')?.maxTimes; // 4
 * ```
 *
 * @param framework - A framework from {@link defineFramework} or a preset.
 * @param policy - `steps`: changes keyed by step id; `id`: a new framework id (default: the same).
 * @returns A new framework with its own machine.
 * @throws `UsageError` when the policy is malformed or names a step the framework lacks.
 * @category Frameworks
 */
export function adaptFramework<S extends string, Q extends string, O extends string>(
  framework: Framework<S, Q, O>,
  policy: { readonly id?: string; readonly steps?: Readonly<Partial<Record<S, StepPolicy>>> },
): Framework<S, Q, O> {
  const parsed = policySchema.safeParse(policy);
  if (!parsed.success) throw optionsError('adaptFramework', parsed.error.issues);
  const changes = parsed.data.steps ?? {};
  const known = new Set<string>(framework.steps.map((s) => s.id));
  const unknown = Object.keys(changes).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw optionsError(
      'adaptFramework',
      unknown.map((k) => ({
        code: 'custom',
        path: ['steps', k],
        message: `'${k}' is not a step of framework '${framework.id}'`,
        input: undefined,
      })) as never,
    );
  }
  const spec = framework.spec as FrameworkSpec<string, string, string, unknown>;
  const steps = spec.steps.map((step): StepSpec<string, string> => {
    const change = changes[step.id];
    if (change === undefined) return step;
    return {
      ...step,
      ...(change.maxTimes === undefined ? {} : { maxTimes: change.maxTimes }),
      ...(change.mandatory === undefined ? {} : { mandatory: change.mandatory }),
    };
  });
  return defineFramework({
    ...spec,
    id: parsed.data.id ?? spec.id,
    steps,
  } as never) as unknown as Framework<S, Q, O>;
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

/**
 * Parts of every framework's context schema. Schemas are immutable, so all keys and frameworks
 * share these (building four schemas per step was most of what a preset cost at load).
 */
const count = z.number().int().nonnegative().default(0);
const instantOrNull = z.number().int().nonnegative().nullable().default(null);
const branchesSchema = z.record(z.string(), z.string()).default({});

/** A record of counts with one key per id. */
const counter = (ids: readonly string[]) =>
  z.object(Object.fromEntries(ids.map((id) => [id, count]))).prefault({});

/**
 * Runs a named framework guard of the spec. A guard that returns anything but `true`, `false` or
 * a refusal is a bug in the spec: it counts as a refusal naming the guard, never as a pass.
 *
 * @internal
 */
export function runGuard(
  spec: FrameworkSpec<string, string, string, unknown>,
  name: string,
  context: { counts: Record<string, number>; branches: Record<string, string>; data?: unknown },
  event: { type: string; at?: number; actor?: string },
): true | false | Refusal<'CONDITION_NOT_MET'> {
  const guard = spec.guards?.[name];
  if (guard === undefined) return false;
  const result = guard({
    data: context.data,
    counts: context.counts,
    branches: context.branches,
    event,
    refuse: (message, details) =>
      refusal('CONDITION_NOT_MET', message, { guard: name, ...(details ?? {}) }),
  });
  if (result === true || result === false) return result;
  if (isRefusal(result)) return result as Refusal<'CONDITION_NOT_MET'>;
  return refusal('CONDITION_NOT_MET', `Guard ${name} did not answer true, false or a refusal.`, {
    guard: name,
  });
}

function compile(
  spec: FrameworkSpec<string, string, string, unknown>,
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

  const byId = new Map(steps.map((s) => [s.id, s]));
  const reenterable = reenterableSteps(steps);
  const asRefusal = (r: Refusal<'CONDITION_NOT_MET'>, refuse: Args['refuse']) =>
    refuse('CONDITION_NOT_MET', r.message, r.details);
  const guards: Record<string, (args: Args) => boolean | Refusal<FrameworkRefusal>> = {
    allMandatoryDone: ({ context, refuse }: Args) => {
      const missing = missingRequired(steps, context.counts, context.branches);
      if (missing.length === 0) return true;
      return refuse(
        'MANDATORY_MISSING',
        `The interaction cannot end successfully: mandatory step${missing.length === 1 ? '' : 's'} ${missing.join(', ')} ${missing.length === 1 ? 'was' : 'were'} never done.`,
        { missing },
      );
    },
  };
  /** The guard of a move into `step`: its repeat cap when it can come round again, then its own guard. */
  const enterGuard = (step: FrameworkStep): string | undefined => {
    const capped = reenterable.has(step.id) && step.maxTimes !== Number.POSITIVE_INFINITY;
    if (!capped && step.guard === null) return undefined;
    const name = `enter:${step.id}`;
    guards[name] = ({ context, event, refuse }: Args) => {
      if (capped) {
        const done = context.counts[step.id] ?? 0;
        if (done >= step.maxTimes) {
          return refuse(
            'REPEAT_LIMIT',
            `Step ${step.id} was already done ${times(done)}; the framework allows it at most ${times(step.maxTimes)}.`,
            { step: step.id, count: done, maxTimes: step.maxTimes },
          );
        }
      }
      if (step.guard === null) return true;
      const verdict = runGuard(spec, step.guard, context, event);
      return isRefusal(verdict) ? asRefusal(verdict, refuse) : verdict;
    };
    return name;
  };
  const outcomeGuard = (step: FrameworkStep, outcome: string): string | undefined => {
    const guard = (step.outcomeGuards as Record<string, string>)[outcome];
    if (guard === undefined) return undefined;
    const name = `outcome:${step.id}:${outcome}`;
    guards[name] = ({ context, event, refuse }: Args) => {
      const verdict = runGuard(spec, guard, context, event);
      return isRefusal(verdict) ? asRefusal(verdict, refuse) : verdict;
    };
    return name;
  };
  const enter =
    (stepId: string) =>
    ({ context, event, refuse }: Args) => {
      const next = stamp(context, event.at, refuse);
      if (isRefusal(next)) return next;
      return { ...next, counts: { ...next.counts, [stepId]: (next.counts[stepId] ?? 0) + 1 } };
    };
  const branch =
    (stepId: string, outcome: string) =>
    ({ context, event, refuse }: Args) => {
      const next = stamp(context, event.at, refuse);
      if (isRefusal(next)) return next;
      return { ...next, branches: { ...next.branches, [stepId]: outcome } };
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
    const step = position.step === null ? undefined : byId.get(position.step);
    if (step !== undefined && position.outcome === null) {
      for (const outcome of Object.keys(step.outcomes)) {
        const guard = outcomeGuard(step, outcome);
        on[outcome] = {
          target: `${step.id}:${outcome}`,
          update: branch(step.id, outcome),
          ...(guard === undefined ? {} : { guard }),
        };
      }
    }
    for (const move of movesFrom(steps, position)) {
      if (move === 'end') on.END = { target: 'completed', guard: 'allMandatoryDone', update: tick };
      else {
        const guard = enterGuard(byId.get(move) as FrameworkStep);
        on[move] = { target: move, update: enter(move), ...(guard === undefined ? {} : { guard }) };
      }
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
  states.completed = { type: 'final', description: 'Finished with every required step done' };
  states.abandoned = { type: 'final', description: 'Stopped before a successful end' };

  return defineMachine({
    id: spec.id,
    version: spec.version ?? 1,
    initial: 'start',
    context: z.object({
      counts: counter(stepIds),
      qualities: counter(qualityIds),
      startedAt: instantOrNull,
      lastAt: instantOrNull,
      branches: branchesSchema,
      ...(spec.data === undefined ? {} : { data: spec.data as z.ZodType }),
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
      const missing = missingRequired(steps, context.counts, context.branches ?? {});
      return (
        missing.length === 0 ||
        `state 'completed' needs every required step, but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} counted 0 times`
      );
    },
    branchesAreOutcomes: ({ context }) => {
      const wrong = Object.entries(context.branches ?? {}).filter(
        ([step, outcome]) =>
          !Object.hasOwn(steps.find((s) => s.id === step)?.outcomes ?? {}, outcome),
      );
      return (
        wrong.length === 0 ||
        `branches name outcomes the steps do not have: ${wrong.map(([s, o]) => `${s}:${o}`).join(', ')}`
      );
    },
  };
}
