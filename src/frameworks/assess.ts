/**
 * `assessInteraction`: checks a recorded interaction against a framework, after the fact, and
 * returns a scorecard. It reads the same step graph the live machine is compiled from.
 *
 * @module
 */
import * as z from 'zod';
import { clip, optionsError } from '../core/errors.js';
import {
  type AnyMachine,
  type ContextFrom,
  type EventObject,
  initialSnapshot,
  type Machine,
  type Refusal,
  type RefusalFrom,
  type Snapshot,
  type StateFrom,
  transition,
} from '../core/index.js';
import {
  assessMachine,
  isFrameworkValue,
  type MachineAssessmentResult,
  type MachineScorecard,
} from './assess-machine.js';
import { runGuard } from './define.js';
import {
  missingRequired,
  movesFrom,
  type Position,
  positionsOf,
  requiredSteps,
  stateOf,
} from './graph.js';
import {
  AssessmentError,
  type AssessmentIssue,
  type InteractionRecord,
  interactionRecordSchema,
  type RecordedEvent,
} from './record.js';
import {
  adherenceScore,
  type MomentOfTruthReport,
  type OffScriptAction,
  type OrderDeviation,
  type RecordedOutcome,
  type RefusedMove,
  type RepeatOverrun,
  type Scorecard,
  type SkippedStep,
  type StepReport,
} from './scorecard.js';
import type {
  AnyFramework,
  Framework,
  FrameworkContext,
  FrameworkSpec,
  FrameworkStep,
} from './types.js';

/**
 * The result of {@link assessInteraction}.
 *
 * @category Frameworks
 */
export type AssessmentResult<
  S extends string = string,
  Q extends string = string,
  O extends string = string,
> =
  | {
      /** The record could be read. */
      readonly ok: true;
      /** What the record shows. */
      readonly scorecard: Scorecard<S, Q, O>;
    }
  | {
      /** The record could not be read. */
      readonly ok: false;
      /** Why, with a code and a sentence. */
      readonly error: AssessmentIssue;
    };

const list = (items: readonly string[]) => (items.length === 0 ? 'none' : items.join(', '));

/**
 * Scores an event log against any machine made with `defineMachine` (a framework's `machine`, a
 * flow, a machine with guards and refusals). Each event goes through the core `transition`; an
 * event the machine does not accept is listed in `refused` with the transition code and, for a
 * `REFUSED` result, the machine's own reason, and the walk continues from the last accepted
 * snapshot. Time order, guards and payloads are the machine's own rules.
 *
 * A log that cannot be read is refused with `INVALID_RECORD`, `WRONG_MACHINE` or `INVALID_INPUT`.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineMachine } from 'servicecraft';
 * import { assessInteraction } from 'servicecraft/frameworks';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed',
 *   events: { OPEN: z.object({ at: z.number() }), CLOSE: z.object({ at: z.number() }) },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * const result = assessInteraction(door, {
 *   events: [{ type: 'OPEN', at: 0 }, { type: 'OPEN', at: 5 }, { type: 'CLOSE', at: 9 }],
 * });
 * if (result.ok) {
 *   result.scorecard.sequence; // ['OPEN', 'CLOSE']
 *   result.scorecard.refused[0]?.code; // 'EVENT_NOT_ALLOWED' (index 1)
 *   result.scorecard.score; // 66
 * }
 * ```
 *
 * @param machine - A machine from `defineMachine`.
 * @param record - The event log, as unknown JSON ({@link machineRecordSchema}).
 * @returns `{ ok: true, scorecard }` or `{ ok: false, error }`.
 * @throws `UsageError` when `machine` is not a machine.
 */
export function assessInteraction<M extends AnyMachine>(
  machine: M,
  record: unknown,
): MachineAssessmentResult<StateFrom<M>, ContextFrom<M>, RefusalFrom<M>>;
/**
 * Checks a recorded interaction (plain JSON, validated with {@link interactionRecordSchema})
 * against a framework and returns a scorecard: steps done and in what order, mandatory steps
 * missing, out-of-order and skipped steps with where they happened, repeats beyond the limit,
 * outcomes, qualities seen and missing, moments of truth, per-step durations and a 0–100
 * adherence score (formula: {@link adherenceScore}).
 *
 * The record is replayed through the framework's own machine, so the live flow and the scorecard
 * apply the same rules (order, caps, data guards, required steps per branch). Deviations are
 * reported, not refused, and each is reported once: after a step the framework did not allow,
 * the next step may continue either from that step or from where the record was before it.
 * Actions the framework does not know are listed in `offScript` and counted against order
 * (`{ strict: true }` rejects them instead, with `UNKNOWN_STEP`); aliases map action names to
 * steps. Without `at` on its events a record is read in turn order and has no durations.
 *
 * A record that cannot be read is refused with a code: `INVALID_RECORD`, `WRONG_FRAMEWORK`,
 * `UNKNOWN_STEP` (strict only), `UNKNOWN_QUALITY`, `UNKNOWN_OUTCOME`, `TIME_WENT_BACKWARDS`,
 * `MIXED_CLOCK`, `INVALID_DATA`.
 *
 * @example
 * ```ts
 * import { assessInteraction, ritzThreeSteps } from 'servicecraft/frameworks';
 *
 * const result = assessInteraction(ritzThreeSteps, {
 *   framework: 'ritzThreeSteps',
 *   events: [
 *     { kind: 'step', id: 'greeting', at: 0 },
 *     { kind: 'step', id: 'farewell', at: 60_000 },
 *   ],
 * });
 * if (result.ok) {
 *   result.scorecard.missingMandatory; // ['anticipation']
 *   result.scorecard.skipped; // [{ index: 1, step: 'anticipation', from: 'greeting', to: 'farewell' }]
 * }
 * ```
 *
 * The same function also scores an event log against a plain machine (see the second overload).
 *
 * @param framework - A framework from {@link defineFramework} or a preset.
 * @param record - The recorded interaction, as unknown JSON.
 * @param options - `strict: true` to reject unknown actions.
 * @returns `{ ok: true, scorecard }` or `{ ok: false, error }`.
 * @throws `UsageError` when `options` is malformed.
 * @category Frameworks
 */
export function assessInteraction<S extends string, Q extends string, O extends string>(
  framework: Framework<S, Q, O>,
  record: unknown,
  options?: AssessOptions,
): AssessmentResult<S, Q, O>;
export function assessInteraction(
  target: Framework | AnyMachine,
  record: unknown,
  options?: AssessOptions,
): AssessmentResult | MachineAssessmentResult {
  if (!isFrameworkValue(target)) {
    if (options !== undefined) {
      throw optionsError('assessInteraction', [
        {
          code: 'custom',
          path: [],
          message: 'options apply to frameworks only; a plain machine takes none',
          input: options,
        },
      ] as never);
    }
    return assessMachine(target as AnyMachine, record);
  }
  const framework = target as Framework;
  const opts = optionsSchema.safeParse(options);
  if (!opts.success) throw optionsError('assessInteraction', opts.error.issues);
  const checked = checkRecord(framework as unknown as Framework, record, opts.data ?? {});
  if (!checked.ok) return checked;
  return {
    ok: true,
    scorecard: score(
      framework as unknown as Framework,
      checked.record,
      checked.data,
      checked.timed,
    ),
  };
}

/**
 * Like {@link assessInteraction} on a plain machine, but returns the scorecard and throws an
 * {@link AssessmentError} for a log that cannot be read.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineMachine } from 'servicecraft';
 * import { assessInteractionOrThrow } from 'servicecraft/frameworks';
 *
 * const lamp = defineMachine({
 *   id: 'lamp', version: 1, initial: 'off',
 *   events: { TOGGLE: null },
 *   states: { off: { on: { TOGGLE: 'on' } }, on: { on: { TOGGLE: 'off' } } },
 * });
 * assessInteractionOrThrow(lamp, { events: [] }).score; // 100
 * ```
 */
export function assessInteractionOrThrow<M extends AnyMachine>(
  machine: M,
  record: unknown,
): MachineScorecard<StateFrom<M>, ContextFrom<M>, RefusalFrom<M>>;
/**
 * Like {@link assessInteraction}, but returns the scorecard and throws an
 * {@link AssessmentError} for a record that cannot be read.
 *
 * @example
 * ```ts
 * import { assessInteractionOrThrow, ritzThreeSteps } from 'servicecraft/frameworks';
 *
 * const card = assessInteractionOrThrow(ritzThreeSteps, { framework: 'ritzThreeSteps', events: [] });
 * card.score; // 0
 * ```
 *
 * @param framework - A framework from {@link defineFramework} or a preset.
 * @param record - The recorded interaction, as unknown JSON.
 * @returns The scorecard.
 * @throws {@link AssessmentError} carrying the issue.
 * @category Frameworks
 */
export function assessInteractionOrThrow<S extends string, Q extends string, O extends string>(
  framework: Framework<S, Q, O>,
  record: unknown,
  options?: AssessOptions,
): Scorecard<S, Q, O>;
export function assessInteractionOrThrow(
  target: Framework | AnyMachine,
  record: unknown,
  options?: AssessOptions,
): Scorecard | MachineScorecard {
  const result = (
    assessInteraction as (
      t: unknown,
      r: unknown,
      o?: AssessOptions,
    ) => AssessmentResult | MachineAssessmentResult
  )(target, record, options);
  if (!result.ok) throw new AssessmentError(result.error);
  return result.scorecard;
}

/**
 * Options of {@link assessInteraction}.
 *
 * @category Frameworks
 */
export interface AssessOptions {
  /**
   * When `true`, a recorded action that is neither a step nor an alias rejects the record with
   * `UNKNOWN_STEP` (the old behaviour). By default it is listed in `offScript` and counted
   * against order.
   */
  readonly strict?: boolean | undefined;
}

type Checked =
  | { ok: true; record: InteractionRecord; data: unknown; timed: boolean }
  | { ok: false; error: AssessmentIssue };

const optionsSchema = z.strictObject({ strict: z.boolean().optional() }).optional();

function checkRecord(framework: Framework, value: unknown, options: AssessOptions): Checked {
  const parsed = interactionRecordSchema.safeParse(value);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 5)
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
      .join('; ');
    const message = `The record is not a valid interaction record (${clip(detail, 500)}); expected { framework, events: [{ kind, id, at }] }.`;
    return { ok: false, error: { code: 'INVALID_RECORD', message, issues: parsed.error.issues } };
  }
  const record = parsed.data;
  if (record.framework !== framework.id) {
    const message = `The record follows framework '${clip(record.framework, 80)}', not '${framework.id}'; assess it against that framework or correct its framework field.`;
    return { ok: false, error: { code: 'WRONG_FRAMEWORK', message } };
  }
  const withClock = record.events.filter((e) => e.at !== undefined).length;
  if (withClock !== 0 && withClock !== record.events.length) {
    const message = `${withClock} of ${record.events.length} events have a time (at); give every event a time, or none to use turn order.`;
    return { ok: false, error: { code: 'MIXED_CLOCK', message } };
  }
  let data: unknown;
  const schema = framework.spec?.data;
  if (schema !== undefined) {
    const checked = z.safeParse(schema, record.data);
    if (!checked.success) {
      const message = `The record's data does not match what framework '${framework.id}' needs: ${clip(checked.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '), 500)}.`;
      return { ok: false, error: { code: 'INVALID_DATA', message, issues: checked.error.issues } };
    }
    data = checked.data;
  }
  const steps = framework.steps.map((s) => s.id);
  const aliases = new Set(framework.steps.flatMap((s) => s.aliases.map((a) => a.name)));
  const qualities = framework.qualities.map((q) => q.id);
  let previous: number | undefined;
  for (const [index, event] of record.events.entries()) {
    const fail = (code: AssessmentIssue['code'], message: string): Checked => ({
      ok: false,
      error: { code, message: `Event #${index}: ${message}`, index },
    });
    if (
      options.strict === true &&
      event.kind === 'step' &&
      !steps.includes(event.id) &&
      !aliases.has(event.id)
    ) {
      return fail(
        'UNKNOWN_STEP',
        `step '${clip(event.id, 80)}' is not a step of framework '${framework.id}'; its steps: ${clip(list(steps), 500)}.`,
      );
    }
    if (event.kind === 'quality' && !qualities.includes(event.id)) {
      return fail(
        'UNKNOWN_QUALITY',
        `quality '${clip(event.id, 80)}' is not a quality of framework '${framework.id}'; its qualities: ${clip(list(qualities), 500)}.`,
      );
    }
    if (event.kind === 'outcome' && !framework.outcomes.includes(event.id)) {
      return fail(
        'UNKNOWN_OUTCOME',
        `outcome '${clip(event.id, 80)}' is not an outcome of framework '${framework.id}'; its outcomes: ${clip(list(framework.outcomes), 500)}.`,
      );
    }
    if (event.at !== undefined) {
      if (previous !== undefined && event.at < previous) {
        return fail(
          'TIME_WENT_BACKWARDS',
          `it is at ${event.at}, before the previous event at ${previous}; events must be listed oldest first.`,
        );
      }
      previous = event.at;
    }
  }
  return { ok: true, record, data, timed: withClock > 0 || record.events.length === 0 };
}

type Ctx = FrameworkContext<string, string>;
type Snap = Snapshot<string, Ctx>;
type AnyFwMachine = Machine<string, EventObject, Ctx, EventObject, string>;

function score(
  framework: Framework,
  record: InteractionRecord,
  data: unknown,
  timed: boolean,
): Scorecard {
  const steps = framework.steps;
  const spec = framework.spec as FrameworkSpec<string, string, string, unknown>;
  const machine = framework.machine as unknown as AnyFwMachine;
  const byId = new Map<string, FrameworkStep>(steps.map((s) => [s.id, s]));
  const positionOf = new Map<string, Position>(positionsOf(steps).map((p) => [stateOf(p), p]));
  const counts = new Map<string, number>(steps.map((s) => [s.id, 0]));
  const firstAt = new Map<string, number>();
  const durations = new Map<string, number>(steps.map((s) => [s.id, 0]));
  const lastOutcome = new Map<string, string>();
  const seenQualities = new Set<string>();
  const sequence: string[] = [];
  const outOfOrder: OrderDeviation[] = [];
  const skipped: SkippedStep[] = [];
  const overRepeated: RepeatOverrun[] = [];
  const outcomes: RecordedOutcome[] = [];
  const misplaced: RecordedOutcome[] = [];
  const offScript: OffScriptAction[] = [];
  const refused: RefusedMove[] = [];
  let snap = initialSnapshot(
    machine,
    spec.data === undefined ? undefined : { data },
  ) as unknown as Snap;
  /** The snapshot before a run of deviations: the next event may continue from it instead. */
  let anchor: Snap | null = null;
  let visit: { step: string; at: number } | undefined;
  let illegal = 0;
  /**
   * Steps with outcomes that a forced move left before any outcome was recorded for them. Until
   * one is recorded, the replay stands past a decision that never happened, so it cannot end.
   */
  const undecided = new Set<string>();
  /** Refused aliases and outcomes: events that count against order but are not step events. */
  let refusedOther = 0;

  const stampOf = (event: RecordedEvent, at: number) => ({
    at,
    ...(event.actor === undefined ? {} : { actor: event.actor }),
    ...(event.channel === undefined ? {} : { channel: event.channel }),
    ...(event.note === undefined ? {} : { note: event.note }),
  });
  const force = (from: Snap, step: FrameworkStep, at: number): Snap => {
    const c = from.context;
    const n = Math.min(step.maxTimes, (c.counts[step.id] ?? 0) + 1);
    return {
      ...from,
      state: step.id,
      status: 'active',
      context: {
        ...c,
        counts: { ...c.counts, [step.id]: n },
        startedAt: c.startedAt ?? at,
        lastAt: at,
      },
    };
  };
  /** Which step a recorded action means: a step id, or the first alias whose guard allows it. */
  const resolve = (
    action: string,
    at: number,
  ): { step: FrameworkStep } | { refusal: Refusal } | null => {
    const direct = byId.get(action);
    if (direct !== undefined) return { step: direct };
    let refusal: Refusal | null = null;
    for (const step of steps) {
      const alias = step.aliases.find((a) => a.name === action);
      if (alias === undefined) continue;
      if (alias.guard === null) return { step };
      const verdict = runGuard(spec, alias.guard, snap.context, { type: action, at });
      if (verdict === true) return { step };
      if (verdict !== false && refusal === null) refusal = verdict;
    }
    return refusal === null ? null : { refusal };
  };

  const events = record.events;
  for (const [index, event] of events.entries()) {
    const at = event.at ?? index;
    if (event.kind === 'quality') {
      seenQualities.add(event.id);
      continue;
    }
    if (event.kind === 'outcome') {
      const position = positionOf.get(snap.state) ?? { step: null, outcome: null };
      const entry = { index, step: position.step, outcome: event.id, at };
      const result = transition(machine, snap, { type: event.id, ...stampOf(event, at) });
      if (result.ok) {
        outcomes.push(entry);
        lastOutcome.set(position.step as string, event.id);
        undecided.delete(position.step as string);
        snap = result.snapshot as Snap;
        anchor = null;
      } else if (result.error.reason?.code === 'CONDITION_NOT_MET') {
        refusedOther++;
        refused.push({
          index,
          id: event.id,
          code: 'CONDITION_NOT_MET',
          message: result.error.reason.message,
        });
      } else {
        misplaced.push(entry);
      }
      continue;
    }
    const resolved = resolve(event.id, at);
    if (resolved === null) {
      offScript.push({ index, action: event.id });
      continue;
    }
    if ('refusal' in resolved) {
      refusedOther++;
      refused.push({
        index,
        id: event.id,
        code: resolved.refusal.code,
        message: resolved.refusal.message,
      });
      continue;
    }
    const step = resolved.step;
    const id = step.id;
    const count = (counts.get(id) ?? 0) + 1;
    counts.set(id, count);
    if (!firstAt.has(id)) firstAt.set(id, at);
    if (visit !== undefined)
      durations.set(visit.step, (durations.get(visit.step) ?? 0) + at - visit.at);
    visit = { step: id, at };
    sequence.push(id);
    const live = { type: id, ...stampOf(event, at) };
    let result = transition(machine, snap, live);
    if (!result.ok && anchor !== null) {
      const resumed = transition(machine, anchor, live);
      if (resumed.ok) result = resumed;
    }
    if (result.ok) {
      snap = result.snapshot as Snap;
      anchor = null;
      continue;
    }
    // One deviation, reported once, in the one list that explains it best, and charged to one
    // part of the score: a repeat over the cap to `repeats`, any other deviation to `order`.
    const position = positionOf.get(snap.state) ?? { step: null, outcome: null };
    const reason = result.error.reason;
    if (reason?.code === 'REPEAT_LIMIT' || (position.step === id && count > step.maxTimes)) {
      overRepeated.push({ index, step: id, count, maxTimes: step.maxTimes });
    } else if (reason !== undefined) {
      illegal++;
      refused.push({ index, id, code: reason.code, message: reason.message });
    } else {
      illegal++;
      const allowed = movesFrom(steps, position);
      const from = position.step === null ? -1 : (byId.get(position.step)?.order ?? -1);
      const jumped = steps
        .slice(from + 1, step.order)
        .filter((s) => counts.get(s.id) === 0 && (s.mandatory || allowed.includes(s.id)));
      if (step.order > from && jumped.length > 0) {
        for (const s of jumped) skipped.push({ index, step: s.id, from: position.step, to: id });
      } else {
        outOfOrder.push({ index, step: id, after: position.step, allowed });
      }
    }
    const left = byId.get(position.step ?? '');
    if (left !== undefined && position.outcome === null && Object.keys(left.outcomes).length > 0) {
      undecided.add(left.id);
    }
    anchor = anchor ?? snap;
    snap = force(snap, step, at);
  }
  const lastAt = events.length === 0 ? null : (events[events.length - 1]?.at ?? events.length - 1);
  const startedAt = timed ? (events[0]?.at ?? null) : null;
  const endedAt = timed ? lastAt : null;
  if (visit !== undefined && lastAt !== null) {
    durations.set(visit.step, (durations.get(visit.step) ?? 0) + lastAt - visit.at);
  }

  const branches = Object.fromEntries(lastOutcome);
  const countsObj = Object.fromEntries(counts);
  const required = requiredSteps(steps, branches);
  const missingMandatory = missingRequired(steps, countsObj, branches);
  const stepEvents = sequence.length;
  const orderEvents = stepEvents + offScript.length + refusedOther;
  const orderMisses = illegal + offScript.length + refusedOther;
  const mandatoryQualities = framework.qualities.filter((q) => q.mandatory);
  const missingQualities = mandatoryQualities
    .filter((q) => !seenQualities.has(q.id))
    .map((q) => q.id);
  const breakdown = {
    mandatory: {
      weight: 50,
      earned: required.length === 0 ? 1 : required.length - missingMandatory.length,
      possible: Math.max(1, required.length),
    },
    order: {
      weight: 20,
      earned: orderEvents - orderMisses,
      possible: Math.max(1, orderEvents),
    },
    qualities: {
      weight: 20,
      earned:
        mandatoryQualities.length === 0 ? 1 : mandatoryQualities.length - missingQualities.length,
      possible: Math.max(1, mandatoryQualities.length),
    },
    repeats: {
      weight: 10,
      earned: stepEvents - overRepeated.length,
      possible: Math.max(1, stepEvents),
    },
  };
  const reports: StepReport[] = steps.map((s) => ({
    step: s.id,
    mandatory: s.mandatory,
    count: counts.get(s.id) ?? 0,
    maxTimes: s.maxTimes,
    firstAt: firstAt.get(s.id) ?? null,
    durationMs: timed ? (durations.get(s.id) ?? 0) : null,
  }));
  const moments: MomentOfTruthReport[] = steps
    .filter((s) => s.momentOfTruth)
    .map((s) => ({
      step: s.id,
      hit: (counts.get(s.id) ?? 0) > 0,
      count: counts.get(s.id) ?? 0,
      at: firstAt.get(s.id) ?? null,
      outcome: lastOutcome.get(s.id) ?? null,
    }));
  const end = transition(machine, snap, {
    type: 'END',
    at: snap.context.lastAt ?? 0,
  } as EventObject);
  return {
    framework: framework.id,
    record: record.id ?? null,
    score: adherenceScore(breakdown),
    breakdown,
    sequence,
    steps: reports,
    required,
    missingMandatory,
    outOfOrder,
    skipped,
    overRepeated,
    outcomes,
    misplacedOutcomes: misplaced,
    offScript,
    refused,
    qualities: {
      seen: framework.qualities.filter((q) => seenQualities.has(q.id)).map((q) => q.id),
      missing: missingQualities,
    },
    momentsOfTruth: moments,
    timed,
    startedAt,
    endedAt,
    durationMs: !timed ? null : startedAt === null || endedAt === null ? 0 : endedAt - startedAt,
    canEnd: end.ok && undecided.size === 0,
  };
}

/**
 * Turns a live event log (the events sent to a framework machine, such as
 * `{ type: 'present', at }`) into a record {@link assessInteraction} reads: step events become
 * `kind: 'step'`, outcome events `kind: 'outcome'`, `QUALITY` events `kind: 'quality'`; `END`
 * and `ABANDON` are dropped (the scorecard's `canEnd` says whether ending was possible). Any
 * other type is kept as a step, so the scorecard lists it as off-script.
 *
 * @example
 * ```ts
 * import { assessInteraction, recordFromEvents, ritzThreeSteps } from 'servicecraft/frameworks';
 *
 * const record = recordFromEvents(ritzThreeSteps, [
 *   { type: 'greeting', at: 0, actor: 'ana' },
 *   { type: 'anticipation', at: 5_000 },
 *   { type: 'QUALITY', quality: 'useName', at: 6_000 },
 *   { type: 'farewell', at: 9_000 },
 *   { type: 'END', at: 9_500 },
 * ]);
 * const result = assessInteraction(ritzThreeSteps, record);
 * if (result.ok) result.scorecard.score; // 100
 * ```
 *
 * @param framework - The framework the events were sent to.
 * @param events - The live events, oldest first; `at` may be left out on all of them.
 * @param options - `id` for the record; `data` for a framework with a `data` schema.
 * @returns The record.
 * @throws `UsageError` when `events` is not a list of objects with a string `type`.
 * @category Frameworks
 */
export function recordFromEvents(
  framework: AnyFramework,
  events: readonly {
    readonly type: string;
    readonly at?: number;
    readonly quality?: string;
    readonly actor?: string | undefined;
    readonly channel?: string | undefined;
    readonly note?: string | undefined;
  }[],
  options: { readonly id?: string; readonly data?: unknown } = {},
): InteractionRecord {
  const parsed = logSchema.safeParse({ events, options });
  if (!parsed.success) throw optionsError('recordFromEvents', parsed.error.issues);
  const outcomes = new Set<string>(framework.outcomes);
  const out: RecordedEvent[] = [];
  for (const e of events) {
    if (e.type === 'END' || e.type === 'ABANDON') continue;
    const kind = e.type === 'QUALITY' ? 'quality' : outcomes.has(e.type) ? 'outcome' : 'step';
    out.push({
      kind,
      id: kind === 'quality' ? String(e.quality) : e.type,
      ...(e.at === undefined ? {} : { at: e.at }),
      ...(e.actor === undefined ? {} : { actor: e.actor }),
      ...(e.channel === undefined ? {} : { channel: e.channel }),
      ...(e.note === undefined ? {} : { note: e.note }),
    });
  }
  return {
    framework: framework.id,
    ...(options.id === undefined ? {} : { id: options.id }),
    ...(options.data === undefined ? {} : { data: options.data }),
    events: out,
  };
}

const logSchema = z.object({
  events: z.array(
    z
      .looseObject({ type: z.string().min(1), quality: z.string().min(1).optional() })
      .refine((e) => e.type !== 'QUALITY' || e.quality !== undefined, {
        message: 'a QUALITY event needs a quality',
      }),
  ),
  options: z.object({ id: z.string().min(1).optional(), data: z.unknown().optional() }),
});
