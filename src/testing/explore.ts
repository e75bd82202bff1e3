/**
 * @internal The breadth-first exploration behind path generation. It walks real snapshots with the
 * core `transition`, so every path it reports is one the engine accepts with the chosen payloads.
 * Coverage is counted per state and per `from/event/to` edge; the context only decides which
 * guards pass. To always terminate, each state is expanded from at most `contextsPerState`
 * distinct contexts (a machine without context has exactly one per state).
 *
 * @module
 */
import {
  type AnyMachine,
  type Edge,
  type EventFrom,
  initialSnapshot,
  type SnapshotFrom,
  type StateFrom,
  type Step,
  transition,
} from '../core/index.js';
import { eventCandidates, type PayloadSamples, timeOf } from './samples.js';
import { readSchema, type SchemaNode, UnsupportedSchemaError } from './schema.js';

/** @internal A snapshot reached by the exploration, linked to how it was reached. */
export interface Visit<M extends AnyMachine> {
  readonly snapshot: SnapshotFrom<M>;
  readonly parent: Visit<M> | undefined;
  readonly event: EventFrom<M> | undefined;
  readonly step: Step<StateFrom<M>> | undefined;
  readonly depth: number;
  /** The latest `at` of the events that led here, when they have one. */
  readonly clock: number | undefined;
}

/**
 * Options for the path generators.
 *
 * @category Testing
 */
export interface PathOptions<M extends AnyMachine> {
  /**
   * Payloads to try per event type, instead of deriving them from the zod schemas: a list, or a
   * function of the current snapshot (see {@link PayloadSamples}).
   */
  readonly samples?: PayloadSamples<EventFrom<M>, SnapshotFrom<M>>;
  /** The initial context input (see `initialSnapshot`). */
  readonly input?: unknown;
  /** The snapshot paths start from, instead of the initial one. */
  readonly from?: SnapshotFrom<M>;
  /**
   * How many distinct contexts each state is explored from (default 16), besides those that bring
   * something new to that state: an event type not yet on any path explored from it, or a context
   * value of a new kind (a branch taken, a list no longer empty, a count above zero), up to three
   * times this number in all. More contexts find transitions behind context-dependent guards; the
   * bound keeps the search finite.
   */
  readonly contextsPerState?: number;
}

/** @internal What the exploration found. */
export interface Exploration<M extends AnyMachine> {
  readonly root: Visit<M>;
  /** The first (so shortest) visit of each reached state. */
  readonly firstVisit: ReadonlyMap<string, Visit<M>>;
  /** The first visit made by taking each `from/event/to` edge key. */
  readonly witness: ReadonlyMap<string, Visit<M>>;
  /** Why each edge key never got a witness (last refusal seen). */
  readonly failures: ReadonlyMap<string, string>;
}

/** @internal The identity of an edge for coverage: guarded candidates to one target share it. */
export const edgeKey = (from: string, event: string, to: string): string =>
  `${from}\u0000${event}\u0000${to}`;

/** @internal The events leading to a visit, oldest first. */
export function lineage<M extends AnyMachine>(
  visit: Visit<M>,
): { events: EventFrom<M>[]; steps: Step<StateFrom<M>>[] } {
  const events: EventFrom<M>[] = [];
  const steps: Step<StateFrom<M>>[] = [];
  for (let v: Visit<M> | undefined = visit; v?.step !== undefined; v = v.parent) {
    events.push(v.event as EventFrom<M>);
    steps.push(v.step);
  }
  return { events: events.reverse(), steps: steps.reverse() };
}

/** @internal The machine's edges grouped by source state, then event type. */
export function edgesByState(machine: AnyMachine): Map<string, Map<string, Edge[]>> {
  const out = new Map<string, Map<string, Edge[]>>();
  for (const edge of machine.edges as readonly Edge[]) {
    const byEvent = out.get(edge.from) ?? new Map<string, Edge[]>();
    out.set(edge.from, byEvent);
    const list = byEvent.get(edge.event);
    if (list === undefined) byEvent.set(edge.event, [edge]);
    else list.push(edge);
  }
  return out;
}

/** @internal The first snapshot of an exploration. */
export function rootOf<M extends AnyMachine>(machine: M, options: PathOptions<M>): Visit<M> {
  const snapshot = options.from ?? (initialSnapshot(machine, options.input) as SnapshotFrom<M>);
  return {
    snapshot,
    parent: undefined,
    event: undefined,
    step: undefined,
    depth: 0,
    clock: undefined,
  };
}

/** @internal The latest event of each type on the path to `visit` (for retries). */
export function earlierOn<M extends AnyMachine>(
  visit: Visit<M>,
): (type: string) => object | undefined {
  return (type) => {
    for (let v: Visit<M> | undefined = visit; v?.event !== undefined; v = v.parent) {
      if ((v.event as { type: string }).type === type) return v.event as object;
    }
    return undefined;
  };
}

/** @internal The clock after sending `event` from `visit`: the latest `at` so far. */
export function clockAfter<M extends AnyMachine>(
  visit: Visit<M>,
  event: unknown,
): number | undefined {
  const at = timeOf(event);
  if (at === undefined) return visit.clock;
  return visit.clock === undefined ? at : Math.max(visit.clock, at);
}

/**
 * @internal The edge keys no path can take because their event can never be sent: no samples
 * were given and its payload schema accepts no value (a framework without qualities declares
 * `quality: z.never()`).
 */
export function impossibleEdges(
  machine: AnyMachine,
  candidates: (type: string) => readonly unknown[],
): Set<string> {
  const out = new Set<string>();
  for (const e of machine.edges as readonly Edge[]) {
    if (candidates(e.event).length === 0) out.add(edgeKey(e.from, e.event, e.to));
  }
  return out;
}

/**
 * @internal The words a machine's context may hold that steer its rules: its state names, event
 * types and the string literals (enum members) of its payload schemas. Other strings in a
 * context (names, notes, ids) are free text to the search.
 */
export function vocabularyOf(machine: AnyMachine): ReadonlySet<string> {
  const out = new Set<string>([...(machine.states as string[]), ...(machine.events as string[])]);
  const childrenOf = (node: SchemaNode): readonly SchemaNode[] => {
    switch (node.kind) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'refined':
        return [node.inner];
      case 'array':
        return [node.element];
      case 'tuple':
        return node.items;
      case 'object':
        return node.shape.map(([, child]) => child);
      case 'record':
        return [node.value];
      case 'union':
        return node.options;
      default:
        return [];
    }
  };
  const walk = (node: SchemaNode): void => {
    if (node.kind === 'literal')
      for (const value of node.values) if (typeof value === 'string') out.add(value);
    for (const child of childrenOf(node)) walk(child);
  };
  for (const schema of Object.values(machine.definition.events)) {
    if (schema === null || schema === undefined) continue;
    try {
      walk(readSchema(schema));
    } catch (error) {
      if (!(error instanceof UnsupportedSchemaError)) throw error;
    }
  }
  return out;
}

/**
 * @internal What a visit has seen, as a finite set of features: each event type on the path to
 * it, and the kind of each value in its context (numbers by sign, lists by being empty, one or
 * more, strings as written when they are in the machine's vocabulary, as text otherwise). A
 * visit with a feature the visits expanded from its state did not have is expanded beyond the
 * `contextsPerState` budget: it may pass a guard they could not (a sale closed, a command to
 * retry, an order held). Finite, so the search still ends.
 */
export function featuresOf<M extends AnyMachine>(
  visit: Visit<M>,
  vocabulary: ReadonlySet<string>,
): string[] {
  const out = new Set<string>();
  for (let v: Visit<M> | undefined = visit; v?.event !== undefined; v = v.parent) {
    out.add(`sent ${(v.event as { type: string }).type}`);
  }
  const walk = (path: string, value: unknown, depth: number): void => {
    if (value === null || value === undefined) out.add(`${path}=${String(value)}`);
    else if (typeof value === 'number')
      out.add(`${path}=${value > 0 ? '+' : value < 0 ? '-' : '0'}`);
    else if (typeof value === 'string')
      out.add(`${path}=${vocabulary.has(value) ? `'${value}'` : value === '' ? "''" : 'text'}`);
    else if (typeof value !== 'object') out.add(`${path}=${String(value)}`);
    else if (depth > 4) out.add(`${path}=…`);
    else if (Array.isArray(value)) {
      out.add(`${path}#${Math.min(value.length, 2)}`);
      for (const item of value) walk(`${path}[]`, item, depth + 1);
    } else {
      for (const [key, child] of Object.entries(value)) walk(`${path}.${key}`, child, depth + 1);
    }
  };
  walk('', visit.snapshot.context, 0);
  return [...out];
}

/**
 * How many times `contextsPerState` a state may be expanded in all, counting the contexts that
 * bring something new (a context can hold unboundedly many keys, so novelty alone is not a bound).
 */
const novelFactor = 3;

/** @internal Breadth-first search over snapshots; stops once every state and edge is witnessed. */
export function explore<M extends AnyMachine>(
  machine: M,
  options: PathOptions<M> = {},
): Exploration<M> {
  const perState = Math.max(1, options.contextsPerState ?? 16);
  const candidates = eventCandidates(machine, options.samples);
  const graph = edgesByState(machine);
  const impossible = impossibleEdges(machine, candidates);
  const wanted = new Set(
    (machine.edges as readonly Edge[])
      .map((e) => edgeKey(e.from, e.event, e.to))
      .filter((key) => !impossible.has(key)),
  );
  const root = rootOf(machine, options);
  const firstVisit = new Map<string, Visit<M>>([[root.snapshot.state, root]]);
  const witness = new Map<string, Visit<M>>();
  const failures = new Map<string, string>();
  const seen = new Set<string>([JSON.stringify([root.snapshot.state, root.snapshot.context])]);
  const expanded = new Map<string, number>();
  const novelty = new Map<string, Set<string>>();
  const vocabulary = vocabularyOf(machine);
  const queue: Visit<M>[] = [root];
  const done = () => witness.size >= wanted.size && firstVisit.size === machine.states.length;

  for (let head = 0; head < queue.length && !done(); head++) {
    const visit = queue[head] as Visit<M>;
    const state: string = visit.snapshot.state;
    const count = expanded.get(state) ?? 0;
    const known = novelty.get(state) ?? new Set<string>();
    novelty.set(state, known);
    const features = featuresOf(visit, vocabulary);
    const novel = features.filter((feature) => !known.has(feature));
    if (count >= perState && (novel.length === 0 || count >= perState * novelFactor)) continue;
    for (const feature of novel) known.add(feature);
    expanded.set(state, count + 1);
    for (const [type, edges] of graph.get(state) ?? []) {
      const missing = edges.filter((e) => !witness.has(edgeKey(e.from, e.event, e.to)));
      const position = {
        depth: visit.depth,
        clock: visit.clock,
        earlier: earlierOn(visit),
        snapshot: visit.snapshot,
      };
      // Every payload where an edge of this event is still to be taken; where all are, a few
      // to carry the context on (the search is mostly spent on those).
      for (const event of candidates(type, position, missing.length === 0)) {
        const result = transition(machine, visit.snapshot, event);
        if (!result.ok) {
          for (const e of missing)
            failures.set(edgeKey(e.from, e.event, e.to), result.error.message);
          continue;
        }
        const next: Visit<M> = {
          snapshot: result.snapshot as SnapshotFrom<M>,
          parent: visit,
          event,
          step: result.step as Step<StateFrom<M>>,
          depth: visit.depth + 1,
          clock: clockAfter(visit, event),
        };
        const key = edgeKey(state, type, result.step.to);
        if (!witness.has(key)) witness.set(key, next);
        for (const e of missing) {
          if (e.to !== result.step.to && !witness.has(edgeKey(e.from, e.event, e.to))) {
            failures.set(
              edgeKey(e.from, e.event, e.to),
              `Event ${type} in state '${state}' went to '${result.step.to}' instead of '${e.to}' with every sample tried.`,
            );
          }
        }
        if (!firstVisit.has(result.step.to)) firstVisit.set(result.step.to, next);
        const id = JSON.stringify([result.snapshot.state, result.snapshot.context]);
        if (!seen.has(id)) {
          seen.add(id);
          queue.push(next);
        }
      }
    }
  }
  return { root, firstVisit, witness, failures };
}
