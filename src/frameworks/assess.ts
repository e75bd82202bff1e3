/**
 * `assessInteraction`: checks a recorded interaction against a framework, after the fact, and
 * returns a scorecard. It reads the same step graph the live machine is compiled from.
 *
 * @module
 */
import { movesFrom, type Position } from './graph.js';
import {
  AssessmentError,
  type AssessmentIssue,
  type InteractionRecord,
  interactionRecordSchema,
} from './record.js';
import {
  adherenceScore,
  type MomentOfTruthReport,
  type OrderDeviation,
  type RecordedOutcome,
  type RepeatOverrun,
  type Scorecard,
  type SkippedStep,
  type StepReport,
} from './scorecard.js';
import type { Framework, FrameworkStep } from './types.js';

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
 * Checks a recorded interaction (plain JSON, validated with {@link interactionRecordSchema})
 * against a framework and returns a scorecard: steps done and in what order, mandatory steps
 * missing, out-of-order and skipped steps with where they happened, repeats beyond the limit,
 * outcomes, qualities seen and missing, moments of truth, per-step durations and a 0–100
 * adherence score (formula: {@link adherenceScore}).
 *
 * Deviations are reported, not refused: after a step the framework did not allow, the check goes
 * on from that step. A record that cannot be read is refused with a code: `INVALID_RECORD`,
 * `WRONG_FRAMEWORK`, `UNKNOWN_STEP`, `UNKNOWN_QUALITY`, `UNKNOWN_OUTCOME`, `TIME_WENT_BACKWARDS`.
 *
 * @example
 * ```ts
 * import { assessInteraction, ritzThreeSteps } from 'servicecraft';
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
 * @param framework - A framework from {@link defineFramework} or a preset.
 * @param record - The recorded interaction, as unknown JSON.
 * @returns `{ ok: true, scorecard }` or `{ ok: false, error }`.
 * @category Frameworks
 */
export function assessInteraction<S extends string, Q extends string, O extends string>(
  framework: Framework<S, Q, O>,
  record: unknown,
): AssessmentResult<S, Q, O> {
  const checked = checkRecord(framework as unknown as Framework, record);
  if (!checked.ok) return checked;
  return {
    ok: true,
    scorecard: score(framework as unknown as Framework, checked.record) as unknown as Scorecard<
      S,
      Q,
      O
    >,
  };
}

/**
 * Like {@link assessInteraction}, but returns the scorecard and throws an
 * {@link AssessmentError} for a record that cannot be read.
 *
 * @example
 * ```ts
 * import { assessInteractionOrThrow, ritzThreeSteps } from 'servicecraft';
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
): Scorecard<S, Q, O> {
  const result = assessInteraction(framework, record);
  if (!result.ok) throw new AssessmentError(result.error);
  return result.scorecard;
}

type Checked = { ok: true; record: InteractionRecord } | { ok: false; error: AssessmentIssue };

function checkRecord(framework: Framework, value: unknown): Checked {
  const parsed = interactionRecordSchema.safeParse(value);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
      .join('; ');
    const message = `The record is not a valid interaction record (${detail}); expected { framework, events: [{ kind, id, at }] }.`;
    return { ok: false, error: { code: 'INVALID_RECORD', message, issues: parsed.error.issues } };
  }
  const record = parsed.data;
  if (record.framework !== framework.id) {
    const message = `The record follows framework '${record.framework}', not '${framework.id}'; assess it against '${record.framework}' or correct its framework field.`;
    return { ok: false, error: { code: 'WRONG_FRAMEWORK', message } };
  }
  const steps = framework.steps.map((s) => s.id);
  const qualities = framework.qualities.map((q) => q.id);
  let previous: number | undefined;
  for (const [index, event] of record.events.entries()) {
    const fail = (code: AssessmentIssue['code'], message: string): Checked => ({
      ok: false,
      error: { code, message: `Event #${index}: ${message}`, index },
    });
    if (event.kind === 'step' && !steps.includes(event.id)) {
      return fail(
        'UNKNOWN_STEP',
        `step '${event.id}' is not a step of framework '${framework.id}'; its steps: ${list(steps)}.`,
      );
    }
    if (event.kind === 'quality' && !qualities.includes(event.id)) {
      return fail(
        'UNKNOWN_QUALITY',
        `quality '${event.id}' is not a quality of framework '${framework.id}'; its qualities: ${list(qualities)}.`,
      );
    }
    if (event.kind === 'outcome' && !framework.outcomes.includes(event.id)) {
      return fail(
        'UNKNOWN_OUTCOME',
        `outcome '${event.id}' is not an outcome of framework '${framework.id}'; its outcomes: ${list(framework.outcomes)}.`,
      );
    }
    if (previous !== undefined && event.at < previous) {
      return fail(
        'TIME_WENT_BACKWARDS',
        `it is at ${event.at}, before the previous event at ${previous}; events must be listed oldest first.`,
      );
    }
    previous = event.at;
  }
  return { ok: true, record };
}

function score(framework: Framework, record: InteractionRecord): Scorecard {
  const steps = framework.steps;
  const byId = new Map<string, FrameworkStep>(steps.map((s) => [s.id, s]));
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
  let position: Position = { step: null, outcome: null };
  let visit: { step: string; at: number } | undefined;
  let illegal = 0;

  const events = record.events;
  for (const [index, event] of events.entries()) {
    if (event.kind === 'quality') {
      seenQualities.add(event.id);
    } else if (event.kind === 'outcome') {
      const step = position.step === null ? undefined : byId.get(position.step);
      const entry = { index, step: position.step, outcome: event.id, at: event.at };
      if (
        step !== undefined &&
        position.outcome === null &&
        Object.hasOwn(step.outcomes, event.id)
      ) {
        outcomes.push(entry);
        lastOutcome.set(step.id, event.id);
        position = { step: step.id, outcome: event.id };
      } else {
        misplaced.push(entry);
      }
    } else {
      const id = event.id;
      const step = byId.get(id) as FrameworkStep;
      const count = (counts.get(id) ?? 0) + 1;
      counts.set(id, count);
      if (!firstAt.has(id)) firstAt.set(id, event.at);
      if (visit !== undefined)
        durations.set(visit.step, (durations.get(visit.step) ?? 0) + event.at - visit.at);
      visit = { step: id, at: event.at };
      sequence.push(id);
      if (count > step.maxTimes)
        overRepeated.push({ index, step: id, count, maxTimes: step.maxTimes });
      const allowed = movesFrom(steps, position);
      if (!allowed.includes(id) && id !== position.step) {
        illegal++;
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
      position = { step: id, outcome: null };
    }
  }
  const startedAt = events[0]?.at ?? null;
  const endedAt = events[events.length - 1]?.at ?? null;
  if (visit !== undefined && endedAt !== null) {
    durations.set(visit.step, (durations.get(visit.step) ?? 0) + endedAt - visit.at);
  }

  const stepEvents = sequence.length;
  const mandatorySteps = steps.filter((s) => s.mandatory);
  const missingMandatory = mandatorySteps.filter((s) => counts.get(s.id) === 0).map((s) => s.id);
  const mandatoryQualities = framework.qualities.filter((q) => q.mandatory);
  const missingQualities = mandatoryQualities
    .filter((q) => !seenQualities.has(q.id))
    .map((q) => q.id);
  const breakdown = {
    mandatory: {
      weight: 50,
      earned: mandatorySteps.length === 0 ? 1 : mandatorySteps.length - missingMandatory.length,
      possible: Math.max(1, mandatorySteps.length),
    },
    order: { weight: 20, earned: stepEvents - illegal, possible: Math.max(1, stepEvents) },
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
    durationMs: durations.get(s.id) ?? 0,
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
  return {
    framework: framework.id,
    record: record.id ?? null,
    score: adherenceScore(breakdown),
    breakdown,
    sequence,
    steps: reports,
    missingMandatory,
    outOfOrder,
    skipped,
    overRepeated,
    outcomes,
    misplacedOutcomes: misplaced,
    qualities: {
      seen: framework.qualities.filter((q) => seenQualities.has(q.id)).map((q) => q.id),
      missing: missingQualities,
    },
    momentsOfTruth: moments,
    startedAt,
    endedAt,
    durationMs: startedAt === null || endedAt === null ? 0 : endedAt - startedAt,
    canEnd: missingMandatory.length === 0 && movesFrom(steps, position).includes('end'),
  };
}
