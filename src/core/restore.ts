/**
 * `restoreSnapshot`: the only door through which stored or received data becomes a snapshot.
 * Everything is checked (shape, plain JSON, machine, version, state, status, context) and older
 * versions are migrated; a value that fails anywhere is rejected whole.
 *
 * @module
 */
import {
  clip,
  describeCause,
  describeIssues,
  describeValue,
  SnapshotError,
  type SnapshotIssue,
  type SnapshotProblem,
  type ValidationIssue,
} from './errors.js';
import { breaches, safeParse, tablesOf } from './internal.js';
import { describedValue, withMessageData } from './message-data.js';
import type { IssueMessageData, SnapshotProblemKey } from './messages.js';
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
 * plain JSON, and prototype-polluting keys at any depth: `__proto__`, and `constructor` holding an
 * object or array (the path a naive deep merge follows to `Object.prototype`). A `constructor` key
 * holding a number, string, boolean or null is plain data (a word count, say) and is kept, so a
 * snapshot made by `transition` from such data restores.
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
    const error: SnapshotIssue = {
      code: 'INVALID_SNAPSHOT',
      message: `Cannot restore a snapshot of machine '${machine.id}': ${text}${more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : ''}.`,
      problems: shown,
      issues: issues.slice(0, maxProblems),
    };
    return {
      ok: false,
      error: withMessageData(error, {
        key: 'snapshotRejected',
        data: { machine: machine.id, problems: shown, more },
      }),
    };
  };

  if (!isPlainObject(value)) {
    problems.push(problem([], 'expected a plain object', 'notPlainObject', {}));
    return fail();
  }
  checkJson(value, [], problems, { values: 0, onPath: [] });
  if (problems.length > 0) return fail();
  for (const key of Object.keys(value)) {
    if (!keys.has(key)) problems.push(problem([key], 'unexpected key', 'unexpectedKey', { key }));
  }
  if (value.machine !== machine.id) {
    const named = typeof value.machine === 'string' ? clip(value.machine, 100) : undefined;
    problems.push(
      problem(
        ['machine'],
        `belongs to ${named === undefined ? shown(value.machine) : `'${named}'`}, expected '${machine.id}'`,
        'foreignMachine',
        { machine: machine.id, snapshotMachine: named, received: shownData(value.machine) },
      ),
    );
    return fail();
  }

  const revision = value.revision;
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) {
    problems.push(
      problem(
        ['revision'],
        `expected a non-negative integer, received ${shown(revision)}`,
        'revisionInvalid',
        { received: shownData(revision) },
      ),
    );
  }

  let state: unknown = value.state;
  let context: unknown = value.context;
  let migratedFrom: number | undefined;
  const version = value.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    problems.push(
      problem(
        ['version'],
        `expected a positive integer, received ${shown(version)}`,
        'badVersion',
        { received: shownData(version) },
      ),
    );
  } else if (version > machine.version) {
    problems.push(
      problem(
        ['version'],
        `version ${version} is newer than the machine's version ${machine.version}`,
        'newerVersion',
        { version, machineVersion: machine.version },
      ),
    );
  } else if (version < machine.version && typeof state !== 'string') {
    problems.push(
      problem(['state'], `expected a state name, received ${shown(state)}`, 'stateNotAName', {
        received: shownData(state),
      }),
    );
  } else if (version < machine.version) {
    migratedFrom = version;
    for (let v = version; v < machine.version; v++) {
      const migrate = tables.migrations[v];
      if (migrate === undefined) {
        problems.push(
          problem(['version'], `no migration from version ${v} to ${v + 1}`, 'noMigration', {
            from: v,
            to: v + 1,
          }),
        );
        break;
      }
      try {
        const next = migrate({ state: state as string, context });
        state = next.state;
        context = next.context;
      } catch (cause) {
        problems.push(
          problem(
            ['version'],
            `the migration from version ${v} threw (${describeCause(cause)})`,
            'migrationThrew',
            { from: v, cause },
          ),
        );
        break;
      }
    }
  }

  const compiledState = typeof state === 'string' ? tables.states.get(state) : undefined;
  if (compiledState === undefined) {
    const named = typeof state === 'string' ? clip(state, 100) : undefined;
    problems.push(
      problem(
        ['state'],
        `${named === undefined ? shown(state) : `'${named}'`} is not a state of this machine`,
        'notAState',
        { state: named, received: shownData(state) },
      ),
    );
  } else if (migratedFrom === undefined) {
    const expected = compiledState.final ? 'done' : 'active';
    if (value.status !== expected) {
      problems.push(
        problem(
          ['status'],
          `expected '${expected}' for state '${compiledState.name}', received ${shown(value.status)}`,
          'statusMismatch',
          { expected, state: compiledState.name, received: shownData(value.status) },
        ),
      );
    }
  } else if (value.status !== 'active' && value.status !== 'done') {
    // A migration may move a snapshot into or out of a final state; the status then follows the
    // migrated state, but the stored one must still be a status.
    problems.push(
      problem(
        ['status'],
        `expected 'active' or 'done', received ${shown(value.status)}`,
        'badStatus',
        { received: shownData(value.status) },
      ),
    );
  }

  if (tables.context) {
    const parsed = safeParse(tables.context, context);
    if (parsed.success) {
      context = parsed.data;
    } else {
      issues = parsed.error.issues;
      problems.push(
        problem(
          ['context'],
          `fails the context schema (${describeIssues(issues)})`,
          'contextSchema',
          {
            issues,
          },
        ),
      );
    }
  } else if (!isPlainObject(context) || Object.keys(context).length > 0) {
    problems.push(
      problem(['context'], 'this machine has no context; expected {}', 'contextNotEmpty', {}),
    );
  } else {
    context = {};
  }

  if (problems.length === 0 && compiledState !== undefined) {
    for (const breach of breaches(tables, compiledState.name, context)) {
      problems.push(
        problem(
          ['context'],
          `breaks invariant '${breach.name}': ${breach.detail}`,
          'invariantFailed',
          {
            name: breach.name,
            detail: breach.detail === 'does not hold' ? undefined : breach.detail,
          },
        ),
      );
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

/** One problem, carrying the data its sentence was made from for `formatIssue`. */
function problem<K extends SnapshotProblemKey>(
  path: readonly (string | number)[],
  message: string,
  key: K,
  data: IssueMessageData[K],
): SnapshotProblem {
  return withMessageData({ path, message }, { key, data } as never);
}

/** What {@link shown} prints, as data: primitives keep their full text, as `shown` does. */
function shownData(value: unknown): ReturnType<typeof describedValue> {
  const described = describedValue(value);
  if (typeof value === 'string' || (typeof value === 'object' && value !== null)) return described;
  return { kind: described.kind, text: String(value) };
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
 * Whether a key could carry a naive deep merge to a prototype: `__proto__` whatever it holds, and
 * `constructor` holding an object (then `constructor.prototype` is `Object.prototype` in the merge
 * target). `prototype` alone reaches nothing on a plain object, and a `constructor` holding a
 * primitive merges as an own data property.
 */
const pollutes = (key: string, held: unknown): boolean =>
  key === '__proto__' || (key === 'constructor' && typeof held === 'object' && held !== null);

/**
 * Accepts only what JSON can carry, and no key that could reach a prototype. `path` is one shared
 * stack, copied only when a problem is reported, so a valid value allocates nothing.
 */
function checkJson(
  value: unknown,
  path: (string | number)[],
  problems: SnapshotProblem[],
  walk: { values: number; readonly onPath: object[] },
): void {
  if (walk.values > maxValues) return;
  walk.values++;
  if (walk.values > maxValues) {
    problems.push(
      problem(
        [],
        `holds more than ${maxValues} values (shared references count each time they appear)`,
        'tooManyValues',
        { maxValues },
      ),
    );
    return;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      problems.push(
        problem([...path], `${value} is not a JSON number`, 'notJsonNumber', { value }),
      );
    return;
  }
  // The objects above this one: at most `maxDepth`, so a short array scan beats a Set.
  if (typeof value === 'object' && walk.onPath.includes(value)) {
    problems.push(problem([...path], 'circular reference', 'circularReference', {}));
    return;
  }
  if (path.length >= maxDepth) {
    problems.push(
      problem([...path], `nested more than ${maxDepth} levels`, 'nestedTooDeep', { maxDepth }),
    );
    return;
  }
  if (Array.isArray(value)) {
    walk.onPath.push(value);
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      checkJson(value[i], path, problems, walk);
      path.pop();
    }
    walk.onPath.pop();
    return;
  }
  if (!isPlainObject(value)) {
    const kind = typeof value === 'object' ? 'class instance' : typeof value;
    problems.push(problem([...path], `a ${kind} is not plain JSON`, 'notPlainJson', { kind }));
    return;
  }
  walk.onPath.push(value);
  for (const key in value) {
    path.push(key);
    if (pollutes(key, value[key])) {
      problems.push(
        problem(
          [...path],
          `the key '${key}' is not allowed (prototype pollution)`,
          'forbiddenKey',
          { key },
        ),
      );
    } else {
      checkJson(value[key], path, problems, walk);
    }
    path.pop();
  }
  walk.onPath.pop();
}
