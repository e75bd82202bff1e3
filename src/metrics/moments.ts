/**
 * Moments of truth: the transitions of a machine at which the customer forms an opinion (Jan
 * Carlzon, Moments of Truth, 1987). Any machine's transitions can be marked, by `'from->to'` keys
 * or by a predicate over its edges; the result is plain data that tells which observed steps were moments of truth.
 *
 * @module
 */
import type { AnyMachine, Edge, StateFrom } from '../core/index.js';
import { MetricError, show } from './errors.js';

/**
 * One marked transition.
 *
 * @category Metrics
 */
export interface MomentOfTruth {
  /** The moment's id: the name given when marking (several transitions may share it). */
  readonly id: string;
  /** The state the transition leaves. */
  readonly from: string;
  /** The event type that takes it. */
  readonly event: string;
  /** The state it enters. */
  readonly to: string;
}

/**
 * The moments of truth of one machine: plain JSON.
 *
 * @category Metrics
 */
export interface MomentsOfTruth {
  /** The machine's id. */
  readonly machine: string;
  /** Every marked transition, in the machine's edge order. */
  readonly moments: readonly MomentOfTruth[];
}

/**
 * Marks by transition: `'from->to'` keys (every event between the two states) to moment ids.
 *
 * @category Metrics
 */
export type MomentMarks<M extends AnyMachine> = {
  readonly [K in `${StateFrom<M>}->${StateFrom<M>}`]?: string;
};

/**
 * Marks by predicate: returns the moment id for an edge that is a moment of truth, `undefined`
 * for one that is not.
 *
 * @category Metrics
 */
export type MomentPredicate<M extends AnyMachine> = (
  edge: Edge<StateFrom<M>, string>,
) => string | undefined;

/**
 * A transition as observed: the `step` of a successful core `transition(...)` result fits.
 *
 * @category Metrics
 */
export interface ObservedStep {
  /** The state before. */
  readonly from: string;
  /** The state after. */
  readonly to: string;
  /** The event type. */
  readonly event: string;
}

const arrow = '->';

/**
 * Marks transitions of any machine as moments of truth.
 *
 * @example
 * ```ts
 * import { defineMachine } from 'servicecraft';
 * import { momentsOfTruth } from 'servicecraft/metrics';
 *
 * const sale = defineMachine({
 *   id: 'sale', version: 1, initial: 'present', events: { OBJECT: null, ANSWER: null, CLOSE: null },
 *   states: {
 *     present: { on: { OBJECT: 'handleObjections', CLOSE: 'closed' } },
 *     handleObjections: { on: { ANSWER: 'present' } },
 *     closed: { type: 'final' },
 *   },
 * });
 * momentsOfTruth(sale, { 'present->handleObjections': 'first objection' }).moments;
 * // [{ id: 'first objection', from: 'present', event: 'OBJECT', to: 'handleObjections' }]
 * momentsOfTruth(sale, (edge) => (edge.to === 'closed' ? 'the close' : undefined));
 * ```
 *
 * @param machine - Any machine from `defineMachine`.
 * @param marks - `'from->to'` keys mapped to moment ids, or a predicate over `machine.edges`.
 * @returns The marked transitions.
 * @throws {@link MetricError} `UNKNOWN_TRANSITION` for a key that matches no transition (listing
 *   the machine's transitions); `INVALID_OPTIONS` for an empty or non-string id.
 * @category Metrics
 */
export function momentsOfTruth<M extends AnyMachine>(
  machine: M,
  marks: MomentMarks<M> | MomentPredicate<M>,
): MomentsOfTruth {
  const edges = machine.edges as readonly Edge<StateFrom<M>, string>[];
  if (typeof marks === 'function') {
    const moments = edges.flatMap((edge) => {
      const id = marks(edge);
      if (id === undefined) return [];
      return [
        {
          id: checkId(id, `${edge.from}${arrow}${edge.to}`),
          from: edge.from,
          event: edge.event,
          to: edge.to,
        },
      ];
    });
    return { machine: machine.id, moments };
  }
  const wanted = new Map<string, string>();
  for (const [key, id] of Object.entries(marks as Record<string, unknown>)) {
    if (id !== undefined) wanted.set(key, checkId(id, key));
  }
  const moments: MomentOfTruth[] = [];
  const used = new Set<string>();
  for (const edge of edges) {
    const key = `${edge.from}${arrow}${edge.to}`;
    const id = wanted.get(key);
    if (id === undefined) continue;
    used.add(key);
    moments.push({ id, from: edge.from, event: edge.event, to: edge.to });
  }
  const unknown = [...wanted.keys()].filter((key) => !used.has(key));
  if (unknown.length > 0) {
    const known = [...new Set(edges.map((e) => `${e.from}${arrow}${e.to}`))];
    throw new MetricError(
      'UNKNOWN_TRANSITION',
      `Machine '${machine.id}' has no transition ${unknown.map((k) => `'${k}'`).join(', ')}; its transitions are: ${known.join(', ')}.`,
      unknown.map((key) => ({
        path: [key],
        value: wanted.get(key),
        message: 'no such transition',
      })),
    );
  }
  return { machine: machine.id, moments };
}

function checkId(id: unknown, key: string): string {
  if (typeof id === 'string' && id.length > 0) return id;
  throw new MetricError(
    'INVALID_OPTIONS',
    `The moment of truth for '${key}' is named ${show(id)}; a moment's id must be a non-empty string.`,
    [{ path: [key], value: id, message: 'expected a non-empty string' }],
  );
}

/**
 * The moment of truth an observed step is, if any.
 *
 * @example
 * ```ts
 * import { defineMachine, initialSnapshot, transition } from 'servicecraft';
 * import { momentAt, momentsOfTruth } from 'servicecraft/metrics';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * const moments = momentsOfTruth(door, { 'closed->open': 'welcome' });
 * const result = transition(door, initialSnapshot(door), { type: 'OPEN' });
 * if (result.ok) momentAt(moments, result.step); // 'welcome'
 * ```
 *
 * @param moments - From {@link momentsOfTruth}.
 * @param step - A step, e.g. from a core `transition(...)` result.
 * @returns The moment's id, or `undefined` when the step is not a moment of truth.
 * @category Metrics
 */
export function momentAt(moments: MomentsOfTruth, step: ObservedStep): string | undefined {
  for (const m of moments.moments) {
    if (m.from === step.from && m.to === step.to && m.event === step.event) return m.id;
  }
  return undefined;
}
