/**
 * The engine's sentences as a replaceable table, after zod's locales: every issue keeps its
 * English `message`, and {@link formatIssue} words the same issue again from its code and data
 * with a table the app supplies, zod's issues inside included (the table renders them too, so no
 * English clause is left inside a German sentence).
 *
 * @module
 */
import {
  clip,
  describeCause,
  type RuleThrewIssue,
  type SnapshotIssue,
  type SnapshotProblem,
  transitionMessages as say,
  type TransitionIssue,
  UsageError,
  type ValidationIssue,
} from './errors.js';
import { type KeyedData, messageDataOf } from './message-data.js';
import type { Refusal } from './types.js';

/**
 * A value the engine had to name (a snapshot that is not one, a revision that is not a number),
 * described without keeping the value: its kind and, for strings, numbers and other primitives,
 * its text clipped to 60 characters.
 *
 * @category Core
 */
export interface DescribedValue {
  /** `'null'`, `'array'`, `'object'`, `'function'`, `'string'`, `'number'`, `'boolean'`, `'undefined'`, `'bigint'` or `'symbol'`. */
  readonly kind: string;
  /** The clipped text of a primitive (`undefined` for null, arrays, objects and functions). */
  readonly text: string | undefined;
}

/**
 * The data each engine sentence receives, by key. Each key is one form of a
 * {@link TransitionIssue} code: `UNKNOWN_EVENT` has `notAnEvent` and `unknownEvent`,
 * `INVALID_SNAPSHOT` has `wrongMachine`, `notASnapshot`, `badRevision` and `unknownState`,
 * `UPDATE_FAILED` has `updateInvalid` and `invariantBroken`; every other code has one key.
 * A {@link SnapshotIssue} from `restoreSnapshot` is `snapshotRejected`, each of its problems has
 * a key of its own (`unexpectedKey`, `newerVersion`, `contextSchema`…) and the cut list ends with
 * `moreProblems`; one from `initialSnapshot` is `initialContextInvalid`, `initialInputUnexpected`
 * or `initialInvariantBroken`.
 *
 * @category Core
 */
export interface IssueMessageData {
  /** `UNKNOWN_EVENT`: the value is not an event object. */
  readonly notAnEvent: {
    /** The value that was passed as the event, described rather than kept. */
    readonly received: DescribedValue;
  };
  /** `UNKNOWN_EVENT`: the machine has no such event. */
  readonly unknownEvent: {
    /** The id of the machine that was sent the event. */
    readonly machine: string;
    /** The event type that was sent, clipped to 80 characters. */
    readonly event: string;
    /** Every event type the machine declares. */
    readonly known: readonly string[];
  };
  /** `FINAL_STATE`. */
  readonly finalState: {
    /** The final state the snapshot is in. */
    readonly state: string;
    /** The type of the event that arrived after the end. */
    readonly event: string;
  };
  /** `EVENT_NOT_ALLOWED`. */
  readonly notAllowed: {
    /** The state that has no transition for the event. */
    readonly state: string;
    /** The type of the event that was turned away. */
    readonly event: string;
    /** The event types the current state does accept now. */
    readonly allowed: readonly string[];
  };
  /** `INVALID_PAYLOAD`: the raw zod issues (render them with `helpers.issues`). */
  readonly invalidPayload: {
    /** The state the snapshot was in when the event arrived. */
    readonly state: string;
    /** The type of the event whose payload failed its schema. */
    readonly event: string;
    /** The zod issues of the payload, with paths inside it. */
    readonly issues: readonly ValidationIssue[];
  };
  /** `GUARD_REJECTED`. */
  readonly guardRejected: {
    /** The state the snapshot was in when the event arrived. */
    readonly state: string;
    /** The type of the event no candidate of which passed its guard. */
    readonly event: string;
    /** The names of the guards that returned `false`. */
    readonly guards: readonly string[];
    /** The event types accepted now, exactly what `nextEvents` returns for the same snapshot. */
    readonly allowed: readonly string[];
  };
  /** `REFUSED`: `reason.code` and `reason.details` let a table word the domain's refusal itself. */
  readonly refused: {
    /** The state the snapshot was in when the event arrived. */
    readonly state: string;
    /** The type of the event that a rule refused. */
    readonly event: string;
    /** The refusal the guard or update returned: its declared code, sentence and details. */
    readonly reason: Refusal;
    /** The name of the guard that refused, or `undefined` when the context update refused. */
    readonly guard: string | undefined;
    /** The event types accepted now, exactly what `nextEvents` returns for the same snapshot. */
    readonly allowed: readonly string[];
  };
  /**
   * `RULE_THREW`: `cause` is what the rule threw; `undeclared` is set when the rule returned a
   * refusal code the machine does not declare (then `cause` is an English Error saying so).
   */
  readonly ruleThrew: {
    /** The state the snapshot was in when the event arrived. */
    readonly state: string;
    /** The type of the event being handled when the rule failed. */
    readonly event: string;
    /** Which kind of rule failed: a guard, the context update or an invariant. */
    readonly rule: RuleThrewIssue['rule'];
    /** The name of the guard or invariant that failed, `undefined` for an update. */
    readonly name: string | undefined;
    /** The value the rule threw, or an Error describing the undeclared refusal code. */
    readonly cause: unknown;
    /** The undeclared refusal code and the declared ones, or `undefined` when the rule threw. */
    readonly undeclared:
      | {
          /** The refusal code the rule returned, described rather than kept. */
          readonly code: DescribedValue;
          /** The refusal codes the machine declares. */
          readonly declared: readonly string[];
        }
      | undefined;
  };
  /** `UPDATE_FAILED`: the update's context fails the schema (the raw zod issues). */
  readonly updateInvalid: {
    /** The state the snapshot was in when the event arrived. */
    readonly state: string;
    /** The type of the event whose context update failed. */
    readonly event: string;
    /** The zod issues of the context the update returned. */
    readonly issues: readonly ValidationIssue[];
  };
  /**
   * `UPDATE_FAILED`: the next snapshot breaks invariants; `detail` is the sentence the invariant
   * returned, `undefined` when it returned `false`.
   */
  readonly invariantBroken: {
    /** The state the snapshot was in when the event arrived. */
    readonly state: string;
    /** The type of the event whose outcome breaks the invariants. */
    readonly event: string;
    /** Every invariant the next snapshot breaks. */
    readonly invariants: readonly {
      /** The invariant's name in the machine definition. */
      readonly name: string;
      /** The sentence the invariant returned, or `undefined` when it returned `false`. */
      readonly detail: string | undefined;
    }[];
  };
  /** `INVALID_SNAPSHOT`: the snapshot is of another machine or version. */
  readonly wrongMachine: {
    /** The id of the machine that was given the snapshot. */
    readonly machine: string;
    /** The version of the machine that was given the snapshot. */
    readonly version: number;
    /** The machine id the snapshot names, clipped to 100 characters. */
    readonly snapshotMachine: string;
    /** The version the snapshot carries, described since it may not be a number. */
    readonly snapshotVersion: DescribedValue;
  };
  /** `INVALID_SNAPSHOT`: the value is not a snapshot at all. */
  readonly notASnapshot: {
    /** The id of the machine that was given the value. */
    readonly machine: string;
    /** The version of the machine that was given the value. */
    readonly version: number;
    /** The value passed in place of a snapshot, described rather than kept. */
    readonly received: DescribedValue;
  };
  /** `INVALID_SNAPSHOT`: the revision is not a non-negative integer below 2^53 − 1. */
  readonly badRevision: {
    /** The id of the machine that was given the snapshot. */
    readonly machine: string;
    /** The snapshot's `revision`, described: not a safe integer, negative, or the last safe one. */
    readonly revision: DescribedValue;
  };
  /** `INVALID_SNAPSHOT`: the snapshot names a state the machine does not have. */
  readonly unknownState: {
    /** The id of the machine that was given the snapshot. */
    readonly machine: string;
    /** The state the snapshot names (described when it is not a string), unknown to the machine. */
    readonly state: string;
  };
  /**
   * `INVALID_SNAPSHOT` from `restoreSnapshot`: the whole sentence. Each problem carries its own
   * sentence form (render one with `helpers.problem`, or all with `helpers.problems`).
   */
  readonly snapshotRejected: {
    /** The id of the machine that was given the value. */
    readonly machine: string;
    /** The problems listed (twenty at most), as in the issue's `problems`. */
    readonly problems: readonly SnapshotProblem[];
    /** How many further problems were found but not listed (`0` when none). */
    readonly more: number;
  };
  /** `INVALID_SNAPSHOT`: the tail of a list cut at twenty problems (`and 3 more problems`). */
  readonly moreProblems: {
    /** How many problems were left out. */
    readonly count: number;
  };
  /** Snapshot problem: the value is not a plain object. */
  readonly notPlainObject: Record<string, never>;
  /** Snapshot problem: a value JSON cannot carry (a class instance, a function, `undefined`…). */
  readonly notPlainJson: {
    /** `'class instance'` for an object with a prototype, else the `typeof` of the value. */
    readonly kind: string;
  };
  /** Snapshot problem: `NaN` or an infinity. */
  readonly notJsonNumber: {
    /** The number. */
    readonly value: number;
  };
  /** Snapshot problem: an object or array that contains itself. */
  readonly circularReference: Record<string, never>;
  /** Snapshot problem: nested deeper than the limit. */
  readonly nestedTooDeep: {
    /** The deepest nesting allowed. */
    readonly maxDepth: number;
  };
  /** Snapshot problem: more values than the limit. */
  readonly tooManyValues: {
    /** How many values a snapshot may hold. */
    readonly maxValues: number;
  };
  /** Snapshot problem: a key that could reach a prototype. */
  readonly forbiddenKey: {
    /** `'__proto__'`, or `'constructor'` holding an object or array. */
    readonly key: string;
  };
  /** Snapshot problem: a top-level key that is not a snapshot field. */
  readonly unexpectedKey: {
    /** The key. */
    readonly key: string;
  };
  /** Snapshot problem: the snapshot is of another machine. */
  readonly foreignMachine: {
    /** The id of the machine that was given the value. */
    readonly machine: string;
    /** The machine id the snapshot names, clipped to 100 characters (`undefined` when not a string). */
    readonly snapshotMachine: string | undefined;
    /** The snapshot's `machine` field, described. */
    readonly received: DescribedValue;
  };
  /** Snapshot problem: the version is not a positive integer. */
  readonly badVersion: {
    /** The snapshot's `version`, described. */
    readonly received: DescribedValue;
  };
  /** Snapshot problem: the version is newer than the machine's. */
  readonly newerVersion: {
    /** The snapshot's version. */
    readonly version: number;
    /** The machine's version. */
    readonly machineVersion: number;
  };
  /** Snapshot problem: an older snapshot to migrate whose `state` is not a string. */
  readonly stateNotAName: {
    /** The snapshot's `state`, described. */
    readonly received: DescribedValue;
  };
  /** Snapshot problem: the machine declares no migration for a step. */
  readonly noMigration: {
    /** The version the missing migration starts from. */
    readonly from: number;
    /** The version it would lead to. */
    readonly to: number;
  };
  /** Snapshot problem: a migration threw. */
  readonly migrationThrew: {
    /** The version the migration starts from. */
    readonly from: number;
    /** What the migration threw (render it with `helpers.thrown`: the app's words). */
    readonly cause: unknown;
  };
  /** Snapshot problem: the (migrated) state is not a state of the machine. */
  readonly notAState: {
    /** The state name clipped to 100 characters (`undefined` when not a string). */
    readonly state: string | undefined;
    /** The state value, described. */
    readonly received: DescribedValue;
  };
  /** Snapshot problem: the status does not match the state. */
  readonly statusMismatch: {
    /** The status the state implies. */
    readonly expected: 'active' | 'done';
    /** The state. */
    readonly state: string;
    /** The snapshot's `status`, described. */
    readonly received: DescribedValue;
  };
  /** Snapshot problem: a migrated snapshot's status is not a status at all. */
  readonly badStatus: {
    /** The snapshot's `status`, described. */
    readonly received: DescribedValue;
  };
  /** Snapshot problem: the revision is not a non-negative integer. */
  readonly revisionInvalid: {
    /** The snapshot's `revision`, described. */
    readonly received: DescribedValue;
  };
  /** Snapshot problem: the context fails the schema (the raw zod issues). */
  readonly contextSchema: {
    /** The zod issues of the context. */
    readonly issues: readonly ValidationIssue[];
  };
  /** Snapshot problem: a machine without context schema was given a non-empty context. */
  readonly contextNotEmpty: Record<string, never>;
  /** Snapshot problem: the context breaks an invariant. */
  readonly invariantFailed: {
    /** The invariant's name. */
    readonly name: string;
    /** The sentence the invariant returned, or `undefined` when it returned `false`. */
    readonly detail: string | undefined;
  };
  /** `INVALID_CONTEXT` from `initialSnapshot`: the input fails the context schema. */
  readonly initialContextInvalid: {
    /** The machine's id. */
    readonly machine: string;
    /** The zod issues of the input. */
    readonly issues: readonly ValidationIssue[];
  };
  /** `INVALID_CONTEXT` from `initialSnapshot`: an input for a machine without context schema. */
  readonly initialInputUnexpected: {
    /** The machine's id. */
    readonly machine: string;
  };
  /** `INVALID_CONTEXT` from `initialSnapshot`: the initial snapshot breaks invariants. */
  readonly initialInvariantBroken: {
    /** The machine's id. */
    readonly machine: string;
    /** Every invariant broken. */
    readonly invariants: readonly {
      /** The invariant's name. */
      readonly name: string;
      /** The sentence the invariant returned, or `undefined` when it returned `false`. */
      readonly detail: string | undefined;
    }[];
  };
}

/** @internal The data keys of one snapshot problem (rendered by `helpers.problem`). */
export type SnapshotProblemKey =
  | 'notPlainObject'
  | 'notPlainJson'
  | 'notJsonNumber'
  | 'circularReference'
  | 'nestedTooDeep'
  | 'tooManyValues'
  | 'forbiddenKey'
  | 'unexpectedKey'
  | 'foreignMachine'
  | 'badVersion'
  | 'newerVersion'
  | 'stateNotAName'
  | 'noMigration'
  | 'migrationThrew'
  | 'notAState'
  | 'statusMismatch'
  | 'badStatus'
  | 'revisionInvalid'
  | 'contextSchema'
  | 'contextNotEmpty'
  | 'invariantFailed';

/**
 * The keys of an {@link IssueMessages} table, one per sentence form.
 *
 * @category Core
 */
export type IssueMessageKey = keyof IssueMessageData;

/**
 * Renderers every sentence may use, built from the table's own `zodIssue`, `list`, `value` and
 * `moreIssues` entries.
 *
 * @category Core
 */
export interface IssueHelpers {
  /** zod issues as one bounded clause (`path: text; path: text`, ten at most). */
  issues(issues: readonly ValidationIssue[]): string;
  /** A list of names (the table's `list`). */
  list(names: readonly string[]): string;
  /** A described value (the table's `value`). */
  value(value: DescribedValue): string;
  /** What a rule threw, as text (its own message, clipped: the app's words, not the engine's). */
  thrown(cause: unknown): string;
  /** One snapshot problem's sentence, without its path (its `message` when it lost its data). */
  problem(problem: SnapshotProblem): string;
  /**
   * Snapshot problems as one clause (`path: sentence; path: sentence`), with the table's
   * `moreProblems` sentence appended when `more` is above zero.
   */
  problems(problems: readonly SnapshotProblem[], more: number): string;
}

/**
 * A table of the engine's sentences: a function for every {@link IssueMessageKey}, given that
 * key's {@link IssueMessageData} and the {@link IssueHelpers}, plus the small renderers the
 * sentences share. `zodIssue` words one zod issue: pass zod's own locale
 * (`(issue) => z.locales.de().localeError(issue)`-style) or `(issue) => issue.message` when zod is
 * configured for the language already.
 *
 * @example
 * ```ts
 * import { issueMessagesEn, type IssueMessages } from 'servicecraft';
 *
 * const mine: IssueMessages = {
 *   ...issueMessagesEn,
 *   notAllowed: ({ event, allowed }, h) => `${event} cannot happen now (try ${h.list(allowed)}).`,
 * };
 * ```
 *
 * @category Core
 */
export type IssueMessages = {
  readonly [K in IssueMessageKey]: (data: IssueMessageData[K], helpers: IssueHelpers) => string;
} & {
  /** One zod issue as text (its path is added by `helpers.issues`). */
  readonly zodIssue: (issue: ValidationIssue) => string;
  /** A list of names; the English table says `none` for an empty one. */
  readonly list: (names: readonly string[]) => string;
  /** A described value: `the string "x"`, `an object`, `number 42`. */
  readonly value: (value: DescribedValue) => string;
  /** The tail of a clause cut at ten zod issues: `and 3 more`. */
  readonly moreIssues: (count: number) => string;
};

const englishValue = (d: DescribedValue): string => {
  switch (d.kind) {
    case 'null':
      return 'null';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    case 'function':
      return 'a function';
    case 'string':
      return `the string ${JSON.stringify(d.text ?? '')}`;
    default:
      return `${d.kind} ${d.text ?? ''}`;
  }
};

/** How a snapshot problem names a stored value: strings quoted, other primitives as they print. */
const shownEn = (d: DescribedValue): string => {
  if (d.kind === 'string') return JSON.stringify(d.text ?? '');
  if (d.text !== undefined) return d.text;
  return englishValue(d);
};

/**
 * The engine's English sentences: `formatIssue(issue)` with this table returns exactly
 * `issue.message`.
 *
 * @example
 * ```ts
 * import { issueMessagesEn } from 'servicecraft';
 *
 * issueMessagesEn.list([]); // 'none'
 * ```
 *
 * @category Core
 */
export const issueMessagesEn: IssueMessages = Object.freeze({
  zodIssue: (issue: ValidationIssue) => issue.message,
  list: (names: readonly string[]) => (names.length === 0 ? 'none' : names.join(', ')),
  value: englishValue,
  moreIssues: (count: number) => `and ${count} more`,
  notAnEvent: ({ received }, h) => say.notAnEvent(h.value(received)),
  unknownEvent: ({ machine, event, known }) => say.unknownEvent(machine, event, known),
  finalState: ({ state, event }) => say.finalState(state, event),
  notAllowed: ({ state, event, allowed }) => say.notAllowed(state, event, allowed),
  invalidPayload: ({ state, event, issues }, h) =>
    say.invalidPayload(state, event, h.issues(issues)),
  guardRejected: ({ state, event, guards, allowed }) =>
    say.guardRejected(state, event, guards, allowed),
  refused: ({ state, event, reason }) => say.refused(state, event, reason.code, reason.message),
  ruleThrew: ({ state, event, rule, name, cause }) =>
    say.ruleThrew(
      state,
      event,
      rule === 'update' ? 'its context update' : `${rule} '${name ?? '?'}'`,
      cause,
    ),
  updateInvalid: ({ state, event, issues }, h) => say.updateInvalid(state, event, h.issues(issues)),
  invariantBroken: ({ state, event, invariants }) =>
    say.invariantBroken(
      state,
      event,
      invariants.map((b) => `invariant '${b.name}' (${b.detail ?? 'does not hold'})`).join('; '),
    ),
  wrongMachine: ({ machine, version, snapshotMachine, snapshotVersion }) =>
    say.wrongMachine(
      machine,
      version,
      `machine '${snapshotMachine}' version ${snapshotVersion.kind === 'number' ? snapshotVersion.text : englishValue(snapshotVersion)}`,
    ),
  notASnapshot: ({ machine, version, received }) =>
    say.notASnapshot(machine, version, englishValue(received)),
  badRevision: ({ machine, revision }) => say.badRevision(machine, englishValue(revision)),
  unknownState: ({ machine, state }) => say.unknownState(machine, state),
  snapshotRejected: ({ machine, problems, more }, h) =>
    `Cannot restore a snapshot of machine '${machine}': ${h.problems(problems, more)}.`,
  moreProblems: ({ count }) => `and ${count} more problem${count === 1 ? '' : 's'}`,
  notPlainObject: () => 'expected a plain object',
  notPlainJson: ({ kind }) =>
    `${kind === 'class instance' ? 'a class instance' : `a ${kind}`} is not plain JSON`,
  notJsonNumber: ({ value }) => `${value} is not a JSON number`,
  circularReference: () => 'circular reference',
  nestedTooDeep: ({ maxDepth }) => `nested more than ${maxDepth} levels`,
  tooManyValues: ({ maxValues }) =>
    `holds more than ${maxValues} values (shared references count each time they appear)`,
  forbiddenKey: ({ key }) => `the key '${key}' is not allowed (prototype pollution)`,
  unexpectedKey: () => 'unexpected key',
  foreignMachine: ({ machine, snapshotMachine, received }) =>
    `belongs to ${snapshotMachine === undefined ? shownEn(received) : `'${snapshotMachine}'`}, expected '${machine}'`,
  badVersion: ({ received }) => `expected a positive integer, received ${shownEn(received)}`,
  newerVersion: ({ version, machineVersion }) =>
    `version ${version} is newer than the machine's version ${machineVersion}`,
  stateNotAName: ({ received }) => `expected a state name, received ${shownEn(received)}`,
  noMigration: ({ from, to }) => `no migration from version ${from} to ${to}`,
  migrationThrew: ({ from, cause }, h) =>
    `the migration from version ${from} threw (${h.thrown(cause)})`,
  notAState: ({ state, received }) =>
    `${state === undefined ? shownEn(received) : `'${state}'`} is not a state of this machine`,
  statusMismatch: ({ expected, state, received }) =>
    `expected '${expected}' for state '${state}', received ${shownEn(received)}`,
  badStatus: ({ received }) => `expected 'active' or 'done', received ${shownEn(received)}`,
  revisionInvalid: ({ received }) =>
    `expected a non-negative integer, received ${shownEn(received)}`,
  contextSchema: ({ issues }, h) => `fails the context schema (${h.issues(issues)})`,
  contextNotEmpty: () => 'this machine has no context; expected {}',
  invariantFailed: ({ name, detail }) => `breaks invariant '${name}': ${detail ?? 'does not hold'}`,
  initialContextInvalid: ({ machine, issues }, h) =>
    `The initial context of machine '${machine}' is invalid: ${h.issues(issues)}.`,
  initialInputUnexpected: ({ machine }) =>
    `Machine '${machine}' has no context schema, so it takes no initial input.`,
  initialInvariantBroken: ({ machine, invariants }) =>
    `The initial snapshot of machine '${machine}' breaks ${invariants.map((b) => `invariant '${b.name}' (${b.detail ?? 'does not hold'})`).join('; ')}.`,
} satisfies IssueMessages);

/** @internal Every sentence key, for the run-time checks of a supplied table. */
export const issueMessageKeys: readonly IssueMessageKey[] = Object.freeze([
  'notAnEvent',
  'unknownEvent',
  'finalState',
  'notAllowed',
  'invalidPayload',
  'guardRejected',
  'refused',
  'ruleThrew',
  'updateInvalid',
  'invariantBroken',
  'wrongMachine',
  'notASnapshot',
  'badRevision',
  'unknownState',
  'snapshotRejected',
  'moreProblems',
  'notPlainObject',
  'notPlainJson',
  'notJsonNumber',
  'circularReference',
  'nestedTooDeep',
  'tooManyValues',
  'forbiddenKey',
  'unexpectedKey',
  'foreignMachine',
  'badVersion',
  'newerVersion',
  'stateNotAName',
  'noMigration',
  'migrationThrew',
  'notAState',
  'statusMismatch',
  'badStatus',
  'revisionInvalid',
  'contextSchema',
  'contextNotEmpty',
  'invariantFailed',
  'initialContextInvalid',
  'initialInputUnexpected',
  'initialInvariantBroken',
] satisfies IssueMessageKey[]);

const shownIssues = 10;

function helpersOf(messages: IssueMessages): IssueHelpers {
  return {
    list: (names) => messages.list(names),
    value: (value) => messages.value(value),
    thrown: describeCause,
    issues: (issues) => {
      const shown = issues.slice(0, shownIssues).map((issue) => {
        const path = issue.path.length
          ? `${clip(issue.path.slice(0, 8).map(String).join('.'), 120)}${issue.path.length > 8 ? '…' : ''}: `
          : '';
        return `${path}${clip(messages.zodIssue(issue), 200)}`;
      });
      if (issues.length > shownIssues) shown.push(messages.moreIssues(issues.length - shownIssues));
      return shown.join('; ');
    },
    problem: (problem) => renderProblem(messages, problem),
    problems: (problems, more) => {
      const shown = problems.map((problem) => {
        const text = renderProblem(messages, problem);
        const path = problem.path.slice(0, 12).map(String).join('.');
        return problem.path.length ? `${path.slice(0, 200)}: ${text}` : text;
      });
      if (more > 0) shown.push(render(messages, 'moreProblems', { count: more }));
      return shown.join('; ');
    },
  };
}

function renderProblem(messages: IssueMessages, problem: SnapshotProblem): string {
  const attached = dataOf(problem);
  return attached === undefined ? problem.message : renderData(messages, attached, problem.message);
}

/**
 * The data an issue (or problem) was worded from: attached by the engine, or, on an issue that
 * travelled as JSON, the visible `messageData` that {@link issueToJSON} wrote.
 */
function dataOf(issue: object): { keyed: KeyedData; visible: boolean } | undefined {
  const attached = messageDataOf(issue);
  if (attached !== undefined) return { keyed: attached, visible: false };
  const visible = (issue as { messageData?: unknown }).messageData;
  if (
    typeof visible === 'object' &&
    visible !== null &&
    typeof (visible as { key?: unknown }).key === 'string' &&
    issueMessageKeys.includes((visible as { key: IssueMessageKey }).key) &&
    typeof (visible as { data?: unknown }).data === 'object' &&
    (visible as { data?: unknown }).data !== null
  ) {
    const keyed = visible as KeyedData;
    if (keyed.key === 'notJsonNumber' && typeof keyed.data.value === 'string') {
      return {
        keyed: { key: keyed.key, data: { value: Number(keyed.data.value) } },
        visible: true,
      };
    }
    return { keyed, visible: true };
  }
  return undefined;
}

/**
 * Renders attached data. Data that came back from JSON is input like any other: a form it cannot
 * fill (a field missing or of the wrong kind) gives the issue's own message instead of a throw.
 */
function renderData(
  messages: IssueMessages,
  found: { keyed: KeyedData; visible: boolean },
  fallback: string,
): string {
  const { key, data } = found.keyed;
  // An incomplete table is the app's bug either way: `render` reports it as a usage error.
  if (!found.visible || typeof messages[key] !== 'function') {
    return render(messages, key, data as never);
  }
  try {
    return render(messages, key, data as never);
  } catch {
    return typeof fallback === 'string' ? fallback : '';
  }
}

function render<K extends IssueMessageKey>(
  messages: IssueMessages,
  key: K,
  data: IssueMessageData[K],
): string {
  const sentence = messages[key] as (d: IssueMessageData[K], h: IssueHelpers) => unknown;
  if (typeof sentence !== 'function') {
    throw new UsageError(
      `formatIssue was given a messages table with no function for '${key}'; supply every key (spread issueMessagesEn to keep the English ones).`,
      [{ path: ['messages', key], message: 'expected a function' }],
    );
  }
  const text = sentence(data, helpersOf(messages));
  return typeof text === 'string' ? text : String(text);
}

/**
 * Words a transition issue again from its code and data, with the app's table of sentences
 * (English by default: `formatIssue(issue)` is exactly `issue.message`). zod's issues inside are
 * worded by the table's `zodIssue`, so a German table gives a German sentence throughout.
 *
 * The data of an unknown event, a foreign snapshot, a broken invariant and every snapshot issue
 * (and each of its problems) travel with the issue object `transition` or `restoreSnapshot`
 * returned (not as enumerable fields, so nothing about the issue changes); an issue that went
 * through JSON has lost them, and for those forms `formatIssue` then returns `issue.message`
 * unchanged, unless it was sent as {@link issueToJSON} made it (then every form is worded from
 * its `messageData`).
 *
 * @example
 * ```ts
 * import {
 *   defineMachine, formatIssue, initialSnapshot, issueMessagesEn, transition, type IssueMessages,
 * } from 'servicecraft';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * const result = transition(door, initialSnapshot(door), { type: 'CLOSE' });
 * if (!result.ok) {
 *   formatIssue(result.error) === result.error.message; // true
 *   const de: IssueMessages = {
 *     ...issueMessagesEn,
 *     notAllowed: ({ state, event, allowed }, h) =>
 *       `Ereignis ${event} ist im Zustand '${state}' nicht erlaubt; erlaubt: ${h.list(allowed)}.`,
 *   };
 *   formatIssue(result.error, de); // "Ereignis CLOSE ist im Zustand 'closed' nicht erlaubt; erlaubt: OPEN."
 * }
 * ```
 *
 * @param issue - An issue from `transition` (or `replay`, or a thrown `TransitionError`'s `issue`),
 *   or a {@link SnapshotIssue} from `restoreSnapshot` (or a thrown `SnapshotError`'s `issue`).
 * @param messages - The sentences; {@link issueMessagesEn} when omitted.
 * @returns The sentence.
 * @category Core
 */
export function formatIssue(
  issue: TransitionIssue | SnapshotIssue,
  messages: IssueMessages = issueMessagesEn,
): string {
  const found = dataOf(issue);
  const attached = found?.keyed;
  if (!('event' in issue)) {
    // A SnapshotIssue (restoreSnapshot, initialSnapshot): every form needs the attached data.
    return found === undefined ? issue.message : renderData(messages, found, issue.message);
  }
  const state = issue.state ?? '?';
  const event = issue.event ?? '?';
  switch (issue.code) {
    case 'FINAL_STATE':
      return render(messages, 'finalState', { state, event });
    case 'EVENT_NOT_ALLOWED':
      return render(messages, 'notAllowed', { state, event, allowed: issue.allowed });
    case 'INVALID_PAYLOAD':
      return render(messages, 'invalidPayload', { state, event, issues: issue.issues });
    case 'GUARD_REJECTED':
      return render(messages, 'guardRejected', {
        state,
        event,
        guards: issue.guards,
        allowed: issue.allowed,
      });
    case 'REFUSED':
      return render(messages, 'refused', {
        state,
        event,
        reason: issue.reason,
        guard: issue.guard,
        allowed: issue.allowed,
      });
    case 'RULE_THREW':
      return render(messages, 'ruleThrew', {
        state,
        event,
        rule: issue.rule,
        name: issue.name,
        cause: issue.cause,
        undeclared: attached?.key === 'ruleThrew' ? attached.data.undeclared : undefined,
      });
    case 'UPDATE_FAILED':
      if (issue.invariants.length === 0) {
        return render(messages, 'updateInvalid', { state, event, issues: issue.issues });
      }
      return found?.keyed.key === 'invariantBroken'
        ? renderData(messages, found, issue.message)
        : issue.message;
    default:
      // UNKNOWN_EVENT and INVALID_SNAPSHOT: their sentences need the attached data.
      return found === undefined ? issue.message : renderData(messages, found, issue.message);
  }
}

/**
 * An issue as plain data that keeps what {@link formatIssue} needs: the issue's own fields plus a
 * `messageData` field (`{ key, data }`, the sentence form and the data it was worded from), on
 * the issue and on each of its problems. The engine keeps that data off the issue's enumerable
 * fields, so `JSON.stringify(issue)` drops it; send this form instead when the sentence is worded
 * elsewhere (a server refuses, the customer's browser words the refusal in the customer's
 * language). A `RULE_THREW` cause is an `Error`, which JSON turns into `{}`: it is kept as its
 * message text.
 *
 * @example
 * ```ts
 * import { defineMachine, formatIssue, issueMessagesEn, issueToJSON, restoreSnapshot } from 'servicecraft';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: {} },
 * });
 * const result = restoreSnapshot(door, { machine: 'door', version: 1, state: 'ajar', context: {}, status: 'active', revision: 0 });
 * if (!result.ok) {
 *   const sent = JSON.stringify(issueToJSON(result.error)); // on the server
 *   const received = JSON.parse(sent);                      // in the browser
 *   formatIssue(received, { ...issueMessagesEn, notAState: ({ state }) => `Zustand ${state} gibt es nicht` });
 *   // "Cannot restore a snapshot of machine 'door': state: Zustand ajar gibt es nicht."
 * }
 * ```
 *
 * @param issue - An issue from `transition`, `restoreSnapshot` or `initialSnapshot`.
 * @returns A new plain object; the issue is not changed.
 * @category Core
 */
export function issueToJSON<T extends TransitionIssue | SnapshotIssue>(
  issue: T,
): T & {
  /** The sentence form and its data, when the engine kept them off the issue's fields. */
  readonly messageData?: {
    /** The sentence key (a key of {@link IssueMessages}). */
    readonly key: IssueMessageKey;
    /** The data the sentence is worded from, as plain JSON. */
    readonly data: unknown;
  };
} {
  const out: Record<string, unknown> = { ...issue };
  if ('cause' in issue && issue.cause !== undefined) out.cause = describeCause(issue.cause);
  if (Array.isArray(out.problems)) out.problems = out.problems.map(problemToJSON);
  const attached = messageDataOf(issue);
  if (attached !== undefined) out.messageData = keyedToJSON(attached);
  return out as never;
}

function problemToJSON(problem: unknown): unknown {
  if (typeof problem !== 'object' || problem === null) return problem;
  const attached = messageDataOf(problem);
  return attached === undefined
    ? { ...problem }
    : { ...problem, messageData: keyedToJSON(attached) };
}

function keyedToJSON(keyed: KeyedData): { key: IssueMessageKey; data: unknown } {
  const data: Record<string, unknown> = { ...(keyed.data as object) };
  if (Array.isArray(data.problems)) data.problems = data.problems.map(problemToJSON);
  if (data.cause !== undefined) data.cause = describeCause(data.cause);
  // JSON has no NaN or infinities: the one form that names such a number keeps it as text.
  if (keyed.key === 'notJsonNumber') data.value = String(data.value);
  return { key: keyed.key, data };
}
