/**
 * The step graph of a framework: which steps may follow a position. Both the compiled machine and
 * the scorecard read it, so live driving and after-the-fact checking agree on what is legal.
 *
 * @internal
 * @module
 */
import type { FrameworkStep, OutcomeTarget } from './types.js';

/**
 * A position in a framework: before any step (`step: null`), inside a step, or inside a step after
 * one of its outcomes was recorded.
 *
 * @internal
 */
export interface Position {
  readonly step: string | null;
  readonly outcome: string | null;
}

/** The state name of a position. @internal */
export function stateOf(position: Position): string {
  if (position.step === null) return 'start';
  return position.outcome === null ? position.step : `${position.step}:${position.outcome}`;
}

/**
 * Where one may go from a position: step ids, plus `'end'` when finishing is allowed (subject to
 * every mandatory step being done). Order: forward moves, outcome targets, back moves, repeat.
 *
 * @internal
 */
export function movesFrom(
  steps: readonly FrameworkStep[],
  position: Position,
): OutcomeTarget<string>[] {
  const out: OutcomeTarget<string>[] = [];
  const add = (target: OutcomeTarget<string>) => {
    if (!out.includes(target)) out.push(target);
  };
  const index = position.step === null ? -1 : steps.findIndex((s) => s.id === position.step);
  const current = steps[index];
  if (current === undefined || Object.keys(current.outcomes).length === 0) {
    forward(steps, index).forEach(add);
  } else if (position.outcome !== null) {
    const targets = (current.outcomes as Record<string, readonly OutcomeTarget<string>[]>)[
      position.outcome
    ];
    targets?.forEach(add);
  }
  if (current !== undefined) {
    current.back.forEach(add);
    // A step with outcomes repeats only through an outcome or a back move, never in place.
    if (current.maxTimes > 1 && Object.keys(current.outcomes).length === 0) add(current.id);
  }
  return out;
}

/** The next steps in order, skipping optional ones up to and including the next mandatory one. */
function forward(steps: readonly FrameworkStep[], index: number): OutcomeTarget<string>[] {
  const out: OutcomeTarget<string>[] = [];
  for (let j = index + 1; j < steps.length; j++) {
    const step = steps[j] as FrameworkStep;
    out.push(step.id);
    if (step.mandatory) return out;
  }
  out.push('end');
  return out;
}

/** Every position of a framework: start, each step, each step outcome. @internal */
export function positionsOf(steps: readonly FrameworkStep[]): Position[] {
  const out: Position[] = [{ step: null, outcome: null }];
  for (const step of steps) {
    out.push({ step: step.id, outcome: null });
    for (const outcome of Object.keys(step.outcomes)) out.push({ step: step.id, outcome });
  }
  return out;
}

/**
 * The steps that can be entered again after being done once: those on a cycle of the step graph.
 * Only moves into these need a repeat-limit guard.
 *
 * @internal
 */
export function reenterableSteps(steps: readonly FrameworkStep[]): Set<string> {
  const edges = new Map<string, Set<string>>();
  for (const position of positionsOf(steps)) {
    const from = stateOf(position);
    const targets = new Set<string>();
    for (const move of movesFrom(steps, position)) if (move !== 'end') targets.add(move);
    if (position.step !== null) {
      for (const outcome of Object.keys(
        steps.find((s) => s.id === position.step)?.outcomes ?? {},
      )) {
        if (position.outcome === null) targets.add(`${position.step}:${outcome}`);
      }
    }
    edges.set(from, targets);
  }
  const out = new Set<string>();
  for (const step of steps) {
    const seen = new Set<string>();
    const queue = [...(edges.get(step.id) ?? [])];
    for (let s = queue.pop(); s !== undefined; s = queue.pop()) {
      if (s === step.id) {
        out.add(step.id);
        break;
      }
      if (seen.has(s)) continue;
      seen.add(s);
      queue.push(...(edges.get(s) ?? []));
    }
  }
  return out;
}

/**
 * The required steps never done: every mandatory step, plus the steps each step's latest outcome
 * requires. The live `END` guard and the scorecard both use it, so they agree on what is missing.
 *
 * @internal
 */
export function missingRequired(
  steps: readonly FrameworkStep[],
  counts: Readonly<Record<string, number>>,
  branches: Readonly<Record<string, string>>,
): string[] {
  return requiredSteps(steps, branches).filter((id) => (counts[id] ?? 0) === 0);
}

/** The steps required for the branches taken, in framework order. @internal */
export function requiredSteps(
  steps: readonly FrameworkStep[],
  branches: Readonly<Record<string, string>>,
): string[] {
  const required = new Set<string>();
  for (const step of steps) {
    if (step.mandatory) required.add(step.id);
    const outcome = branches[step.id];
    if (outcome === undefined) continue;
    for (const id of (step.requires as Record<string, readonly string[]>)[outcome] ?? []) {
      required.add(id);
    }
  }
  return steps.filter((s) => required.has(s.id)).map((s) => s.id);
}
