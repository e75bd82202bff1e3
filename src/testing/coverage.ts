/**
 * Coverage of a machine by recorded event logs (from a test run or from production): which states
 * and transitions were exercised, how often, and which never were.
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
  type TransitionIssue,
  transition,
} from '../core/index.js';
import { edgeKey } from './explore.js';
import { checkIterable, checkMachine, checkOptions, startOptions } from './options.js';

/**
 * An edge with the number of times the logs took it.
 *
 * @category Testing
 */
export interface EdgeCount<S extends string = string, E extends string = string>
  extends Edge<S, E> {
  /** How many times it was taken. */
  readonly count: number;
}

/**
 * An event that a log contained but the machine refused; replay of that log stops there.
 *
 * @category Testing
 */
export interface RefusedEvent {
  /** The zero-based position of the log among the logs given. */
  readonly log: number;
  /** The zero-based position of the event in its log. */
  readonly index: number;
  /** The engine's reason. */
  readonly error: TransitionIssue;
}

/**
 * What a set of logs exercised.
 *
 * @category Testing
 */
export interface CoverageReport<S extends string = string, E extends string = string> {
  /** The machine's id. */
  readonly machine: string;
  /** How many logs and accepted events were read. */
  readonly totals: {
    /** Logs read. */
    readonly logs: number;
    /** Events accepted, over all logs. */
    readonly events: number;
  };
  /** States: visits per state (the start state of each log counts), the visited and never-visited lists. */
  readonly states: {
    /** How many times each state was entered (or started in). */
    readonly counts: Readonly<Record<S, number>>;
    /** States entered at least once, in definition order. */
    readonly visited: readonly S[];
    /** States never entered, in definition order. */
    readonly never: readonly S[];
    /** Visited states as a percentage of all states, to one decimal. */
    readonly percent: number;
  };
  /** Transitions: every edge with its count, the taken and never-taken lists. */
  readonly transitions: {
    /** Every edge of the machine with its count. */
    readonly edges: readonly EdgeCount<S, E>[];
    /** Edges taken at least once. */
    readonly taken: readonly Edge<S, E>[];
    /** Edges never taken. */
    readonly never: readonly Edge<S, E>[];
    /** Taken edges as a percentage of all edges, to one decimal (100 for a machine with no edges). */
    readonly percent: number;
  };
  /** Events the machine refused (each ends the replay of its log). */
  readonly refused: readonly RefusedEvent[];
}

/**
 * Options for {@link coverage}.
 *
 * @category Testing
 */
export interface CoverageOptions<M extends AnyMachine> {
  /** The initial context input for every log (see `initialSnapshot`). */
  readonly input?: unknown;
  /** The snapshot every log starts from, instead of the initial one. */
  readonly from?: SnapshotFrom<M>;
}

const percent = (part: number, whole: number) =>
  whole === 0 ? 100 : Math.round((part * 1000) / whole) / 10;

/**
 * Replays each log from the start snapshot and counts the states entered and the transitions
 * taken. Transitions are matched by `from`, `event` and `to` (the `step` the engine reports), so
 * guarded candidates of one event that lead to the same state are counted together. A refused
 * event is recorded in `refused` and ends that log's replay.
 *
 * @example
 * ```ts
 * import { defineMachine } from 'servicecraft';
 * import { coverage } from 'servicecraft/testing';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * const report = coverage(door, [[{ type: 'OPEN' }]]);
 * report.transitions.percent; // 50
 * report.transitions.never; // [{ from: 'open', event: 'CLOSE', to: 'closed', ... }]
 * ```
 *
 * @param machine - A machine from `defineMachine`.
 * @param logs - Event logs, each oldest first.
 * @param options - Initial input or start snapshot.
 * @returns The report.
 * @category Testing
 */
export function coverage<M extends AnyMachine>(
  machine: M,
  logs: Iterable<Iterable<EventFrom<M>>>,
  options: CoverageOptions<M> = {},
): CoverageReport<StateFrom<M>, EventFrom<M>['type']> {
  type S = StateFrom<M>;
  checkMachine('coverage', machine);
  checkOptions('coverage', startOptions, options);
  checkIterable('coverage', ['logs'], logs);
  const start = options.from ?? (initialSnapshot(machine, options.input) as SnapshotFrom<M>);
  const stateCounts = new Map<string, number>();
  const edgeCounts = new Map<string, number>();
  const refused: RefusedEvent[] = [];
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  let logCount = 0;
  let events = 0;
  for (const log of logs) {
    checkIterable('coverage', ['logs', logCount], log);
    let snapshot = start;
    bump(stateCounts, snapshot.state);
    let index = 0;
    for (const event of log) {
      const result = transition(machine, snapshot, event);
      if (!result.ok) {
        refused.push({ log: logCount, index, error: result.error });
        break;
      }
      snapshot = result.snapshot as SnapshotFrom<M>;
      bump(stateCounts, result.step.to);
      bump(edgeCounts, edgeKey(result.step.from, result.step.event, result.step.to));
      events++;
      index++;
    }
    logCount++;
  }
  const states = machine.states as readonly S[];
  const edges = (machine.edges as readonly Edge<S, EventFrom<M>['type']>[]).map((e) => ({
    ...e,
    count: edgeCounts.get(edgeKey(e.from, e.event, e.to)) ?? 0,
  }));
  const strip = ({
    count: _,
    ...edge
  }: EdgeCount<S, EventFrom<M>['type']>): Edge<S, EventFrom<M>['type']> => edge;
  const visited = states.filter((s) => stateCounts.has(s));
  const taken = edges.filter((e) => e.count > 0);
  return {
    machine: machine.id,
    totals: { logs: logCount, events },
    states: {
      counts: Object.fromEntries(states.map((s) => [s, stateCounts.get(s) ?? 0])) as Record<
        S,
        number
      >,
      visited,
      never: states.filter((s) => !stateCounts.has(s)),
      percent: percent(visited.length, states.length),
    },
    transitions: {
      edges,
      taken: taken.map(strip),
      never: edges.filter((e) => e.count === 0).map(strip),
      percent: percent(taken.length, edges.length),
    },
    refused,
  };
}

/**
 * Renders a coverage report as a few lines of text, listing what was never exercised.
 *
 * @example
 * ```ts
 * import { defineMachine } from 'servicecraft';
 * import { coverage, formatCoverage } from 'servicecraft/testing';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * console.log(formatCoverage(coverage(door, [[{ type: 'OPEN' }]])));
 * // Coverage of 'door' from 1 log (1 event):
 * //   states: 2/2 (100%)
 * //   transitions: 1/2 (50%); never taken: open --CLOSE--> closed
 * ```
 *
 * @param report - A report from {@link coverage}.
 * @returns Text for a test log or a CI summary.
 * @category Testing
 */
export function formatCoverage(report: CoverageReport): string {
  const { states, transitions, totals } = report;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const edge = (e: Edge) =>
    `${e.from} --${e.event}--> ${e.to}${e.guard === undefined ? '' : ` [${e.guard}]`}`;
  const stateLine = `  states: ${states.visited.length}/${states.visited.length + states.never.length} (${states.percent}%)`;
  const edgeLine = `  transitions: ${transitions.taken.length}/${transitions.edges.length} (${transitions.percent}%)`;
  const lines = [
    `Coverage of '${report.machine}' from ${plural(totals.logs, 'log')} (${plural(totals.events, 'event')}):`,
    states.never.length === 0
      ? stateLine
      : `${stateLine}; never visited: ${states.never.join(', ')}`,
    transitions.never.length === 0
      ? edgeLine
      : `${edgeLine}; never taken: ${transitions.never.map(edge).join(', ')}`,
  ];
  for (const r of report.refused)
    lines.push(`  refused: log #${r.log + 1}, event #${r.index + 1}: ${r.error.message}`);
  return lines.join('\n');
}
