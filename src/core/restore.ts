/**
 * `restoreSnapshot`: the only door through which stored or received data becomes a snapshot.
 * Everything is checked (shape, plain JSON, machine, version, state, status, context) and older
 * versions are migrated; a value that fails anywhere is rejected whole.
 *
 * @module
 */
import {
  clip,
  describeIssues,
  describeValue,
  SnapshotError,
  type SnapshotIssue,
  type SnapshotProblem,
  type ValidationIssue,
} from './errors.js';
import { breaches, safeParse, tablesOf } from './internal.js';
import type { EventObject, Machine, Snapshot } from './types.js';

/**
 * The result of {@link restoreSnapshot}: a {@link RestoreSuccess} or a {@link RestoreFailure}.
 *
 * @typeParam S - The state names, a union of string literals (`'open' | 'solved'`).
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @category Core
 */
export type RestoreResult<S extends string = string, C = unknown> =
  | RestoreSuccess<S, C>
  | RestoreFailure;

/**
 * A value accepted as a snapshot.
 *
 * @typeParam S - The state names, a union of string literals (`'open' | 'solved'`).
 * @typeParam C - The context type: the parsed output of the context schema (`EmptyContext` when
 *   there is none).
 * @category Core
 */
export interface RestoreSuccess<S extends string = string, C = unknown> {
  /** Always `true`. */
  readonly ok: true;
  /** A fresh, validated snapshot of the current machine version. */
  readonly snapshot: Snapshot<S, C>;
  /** The version the value was migrated from, when it was older than the machine. */
  readonly migratedFrom: number | undefined;
}

/**
 * A value rejected whole.
 *
 * @category Core
 */
export interface RestoreFailure {
  /** Always `false`. */
  readonly ok: false;
  /** Every problem found. */
  readonly error: SnapshotIssue;
}

const keys = new Set(['machine', 'version', 'state', 'context', 'status', 'revision']);
const forbidden = new Set(['__proto__', 'constructor', 'prototype']);
const maxDepth = 64;
/** How many values (objects, arrays and leaves) a snapshot may hold, shared references counted each time. */
const maxValues = 1_000_000;
/** How many problems a failure lists; the rest are counted. */
const maxProblems = 20;

/**
 * Validates an untrusted value (parsed JSON from storage, a request, a message) as a snapshot of
 * this machine, migrating it from an older version if the machine declares migrations.
 *
 * It rejects a foreign machine id, an unknown or newer version, an unknown state, a status that
 * does not match the state, a revision that is not a non-negative integer, a context that fails its schema, extra keys, values that are not
 * plain JSON, and prototype-polluting keys (`__proto__`, `constructor`, `prototype`) at any depth.
 * A rejected value is never half-applied.
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { defineMachine, restoreSnapshot } from 'servicecraft';
 *
 * const counter = defineMachine({
 *   id: 'counter', version: 1, initial: 'on',
 *   context: z.object({ n: z.number().int() }),
 *   events: { TICK: null }, states: { on: { on: { TICK: 'on' } } },
 * });
 * const stored = '{"machine":"counter","version":1,"state":"on","context":{"n":2},"status":"active","revision":2}';
 * const restored = restoreSnapshot(counter, JSON.parse(stored));
 * if (restored.ok) console.log(restored.snapshot.context.n); // 2
 *
 * const tampered = restoreSnapshot(counter, { ...JSON.parse(stored), state: 'off' });
 * if (!tampered.ok) console.log(tampered.error.message);
 * ```
 *
 * @param machine - A machine from {@link defineMachine}.
 * @param value - Anything; typically `JSON.parse` output.
 * @returns `{ ok: true, snapshot, migratedFrom }` or `{ ok: false, error }` listing every problem.
 * @category Core
 */
export function restoreSnapshot<S extends string, C>(
  machine: Machine<S, EventObject, C>,
  value: unknown,
): RestoreResult<S, C> {
  const tables = tablesOf(machine);
  const problems: SnapshotProblem[] = [];
  let issues: readonly ValidationIssue[] = [];
  const fail = (): RestoreResult<S, C> => {
    const shown = problems.slice(0, maxProblems);
    const more = problems.length - shown.length;
    const text = shown
      .map((p) => {
        const path = p.path.slice(0, 12).map(String).join('.');
        return p.path.length ? `${path.slice(0, 200)}: ${p.message}` : p.message;
      })
      .join('; ');
    return {
      ok: false,
      error: {
        code: 'INVALID_SNAPSHOT',
        message: `Cannot restore a snapshot of machine '${machine.id}': ${text}${more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : ''}.`,
        problems: shown,
        issues: issues.slice(0, maxProblems),
      },
    };
  };

  if (!isPlainObject(value)) {
    problems.push({ path: [], message: 'expected a plain object' });
    return fail();
  }
  checkJson(value, [], problems, { values: 0, onPath: new Set() });
  if (problems.length > 0) return fail();
  for (const key of Object.keys(value)) {
    if (!keys.has(key)) problems.push({ path: [key], message: 'unexpected key' });
  }
  if (value.machine !== machine.id) {
    problems.push({
      path: ['machine'],
      message: `belongs to ${typeof value.machine === 'string' ? `'${clip(value.machine, 100)}'` : shown(value.machine)}, expected '${machine.id}'`,
    });
    return fail();
  }

  const revision = value.revision;
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) {
    problems.push({
      path: ['revision'],
      message: `expected a non-negative integer, received ${shown(revision)}`,
    });
  }

  let state: unknown = value.state;
  let context: unknown = value.context;
  let migratedFrom: number | undefined;
  const version = value.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    problems.push({
      path: ['version'],
      message: `expected a positive integer, received ${shown(version)}`,
    });
  } else if (version > machine.version) {
    problems.push({
      path: ['version'],
      message: `version ${version} is newer than the machine's version ${machine.version}`,
    });
  } else if (version < machine.version && typeof state !== 'string') {
    problems.push({
      path: ['state'],
      message: `expected a state name, received ${shown(state)}`,
    });
  } else if (version < machine.version) {
    migratedFrom = version;
    for (let v = version; v < machine.version; v++) {
      const migrate = tables.migrations[v];
      if (migrate === undefined) {
        problems.push({ path: ['version'], message: `no migration from version ${v} to ${v + 1}` });
        break;
      }
      try {
        const next = migrate({ state: state as string, context });
        state = next.state;
        context = next.context;
      } catch (cause) {
        const reason = clip(cause instanceof Error ? cause.message : String(cause), 300);
        problems.push({
          path: ['version'],
          message: `the migration from version ${v} threw (${reason})`,
        });
        break;
      }
    }
  }

  const compiledState = typeof state === 'string' ? tables.states.get(state) : undefined;
  if (compiledState === undefined) {
    problems.push({
      path: ['state'],
      message: `${typeof state === 'string' ? `'${clip(state, 100)}'` : shown(state)} is not a state of this machine`,
    });
  } else if (migratedFrom === undefined) {
    const expected = compiledState.final ? 'done' : 'active';
    if (value.status !== expected) {
      problems.push({
        path: ['status'],
        message: `expected '${expected}' for state '${compiledState.name}', received ${shown(value.status)}`,
      });
    }
  } else if (value.status !== 'active' && value.status !== 'done') {
    // A migration may move a snapshot into or out of a final state; the status then follows the
    // migrated state, but the stored one must still be a status.
    problems.push({
      path: ['status'],
      message: `expected 'active' or 'done', received ${shown(value.status)}`,
    });
  }

  if (tables.context) {
    const parsed = safeParse(tables.context, context);
    if (parsed.success) {
      context = parsed.data;
    } else {
      issues = parsed.error.issues;
      problems.push({
        path: ['context'],
        message: `fails the context schema (${describeIssues(issues)})`,
      });
    }
  } else if (!isPlainObject(context) || Object.keys(context).length > 0) {
    problems.push({ path: ['context'], message: 'this machine has no context; expected {}' });
  } else {
    context = {};
  }

  if (problems.length === 0 && compiledState !== undefined) {
    for (const breach of breaches(tables, compiledState.name, context)) {
      problems.push({
        path: ['context'],
        message: `breaks invariant '${breach.name}': ${breach.detail}`,
      });
    }
  }
  if (problems.length > 0) return fail();
  return {
    ok: true,
    snapshot: {
      machine: machine.id,
      version: machine.version,
      state: state as S,
      context: context as C,
      status: compiledState?.final ? 'done' : 'active',
      revision: revision as number,
    },
    migratedFrom,
  };
}

/**
 * Like {@link restoreSnapshot}, but returns the snapshot and throws a {@link SnapshotError} when
 * the value is rejected.
 *
 * @example
 * ```ts
 * import { defineMachine, restoreSnapshotOrThrow } from 'servicecraft';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * const snapshot = restoreSnapshotOrThrow(door, {
 *   machine: 'door', version: 1, state: 'open', context: {}, status: 'active', revision: 1,
 * });
 * snapshot.state; // 'open'
 * ```
 *
 * @param machine - A machine from {@link defineMachine}.
 * @param value - Anything; typically `JSON.parse` output.
 * @returns The validated snapshot.
 * @throws {@link SnapshotError} with code `INVALID_SNAPSHOT`.
 * @category Core
 */
export function restoreSnapshotOrThrow<S extends string, C>(
  machine: Machine<S, EventObject, C>,
  value: unknown,
): Snapshot<S, C> {
  const result = restoreSnapshot(machine, value);
  if (!result.ok) throw new SnapshotError(result.error);
  return result.snapshot;
}

/** A short, bounded rendering of a stored value for a problem message. */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(clip(value, 60));
  if (typeof value === 'object' && value !== null) return describeValue(value);
  return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Accepts only what JSON can carry, and no key that could reach a prototype. `path` is one shared
 * stack, copied only when a problem is reported, so a valid value allocates nothing.
 */
function checkJson(
  value: unknown,
  path: (string | number)[],
  problems: SnapshotProblem[],
  walk: { values: number; readonly onPath: Set<object> },
): void {
  if (walk.values > maxValues) return;
  walk.values++;
  if (walk.values > maxValues) {
    problems.push({
      path: [],
      message: `holds more than ${maxValues} values (shared references count each time they appear)`,
    });
    return;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      problems.push({ path: [...path], message: `${value} is not a JSON number` });
    return;
  }
  if (typeof value === 'object' && walk.onPath.has(value)) {
    problems.push({ path: [...path], message: 'circular reference' });
    return;
  }
  if (path.length >= maxDepth) {
    problems.push({ path: [...path], message: `nested more than ${maxDepth} levels` });
    return;
  }
  if (Array.isArray(value)) {
    walk.onPath.add(value);
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      checkJson(value[i], path, problems, walk);
      path.pop();
    }
    walk.onPath.delete(value);
    return;
  }
  if (!isPlainObject(value)) {
    const what = typeof value === 'object' ? 'a class instance' : `a ${typeof value}`;
    problems.push({ path: [...path], message: `${what} is not plain JSON` });
    return;
  }
  walk.onPath.add(value);
  for (const key in value) {
    path.push(key);
    if (forbidden.has(key)) {
      problems.push({
        path: [...path],
        message: `the key '${key}' is not allowed (prototype pollution)`,
      });
    } else {
      checkJson(value[key], path, problems, walk);
    }
    path.pop();
  }
  walk.onPath.delete(value);
}
