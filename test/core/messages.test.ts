import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { issueMessageKeys } from '../../src/core/messages.js';
import {
  defineMachine,
  formatIssue,
  type IssueMessageKey,
  type IssueMessages,
  initialSnapshot,
  isServicecraftError,
  issueMessagesEn,
  issueToJSON,
  restoreSnapshot,
  type Snapshot,
  type SnapshotIssue,
  type TransitionIssue,
  transition,
  transitionOrThrow,
} from '../../src/index.js';
import { steps, ticket } from './fixtures.js';

/** A machine whose rules refuse, throw, break the schema and break an invariant on demand. */
const account = defineMachine({
  id: 'account',
  version: 1,
  initial: 'open',
  context: z.object({ balance: z.number().int().nonnegative().default(0) }),
  events: {
    WITHDRAW: z.object({ amount: z.number().int() }),
    CRASH: null,
    SNEAK: null,
    BREAK: null,
    ODD: null,
  },
  refusals: { INSUFFICIENT_FUNDS: 'The balance does not cover the withdrawal.' },
  invariants: { belowLimit: ({ context }) => context.balance < 1000 || 'the balance is over 1000' },
  guards: {
    crashes: () => {
      throw new Error('guard bug');
    },
  },
  states: {
    open: {
      on: {
        WITHDRAW: {
          target: 'open',
          update: ({ context, event, refuse }) =>
            event.amount > context.balance
              ? refuse(
                  'INSUFFICIENT_FUNDS',
                  `The balance ${context.balance} is below ${event.amount}.`,
                  { balance: context.balance },
                )
              : { balance: context.balance - event.amount },
        },
        CRASH: { target: 'open', guard: 'crashes' },
        SNEAK: { target: 'open', update: ({ refuse }) => refuse('NOT_DECLARED' as never, 'x') },
        BREAK: { target: 'open', update: () => ({ balance: -1 }) },
        ODD: { target: 'open', update: () => ({ balance: 5000 }) },
      },
    },
  },
});

const open = initialSnapshot(ticket);
const closed = transitionOrThrow(
  ticket,
  {
    ...transitionOrThrow(
      ticket,
      transitionOrThrow(ticket, open, { type: 'ASSIGN', agent: 'ana' }),
      { type: 'SOLVE' },
    ),
    context: { replies: 1, assignee: 'ana' },
  },
  { type: 'CLOSE' },
);
const fail = (
  machine: typeof ticket | typeof account,
  snapshot: unknown,
  event: unknown,
): TransitionIssue => {
  const result = transition(machine as typeof account, snapshot as never, event as never);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
};
const acc = initialSnapshot(account);

/** A machine at version 3 whose migration from 1 throws on demand and from 2 is missing. */
const migrating = defineMachine({
  id: 'migrating',
  version: 3,
  initial: 'a',
  events: { GO: null },
  states: { a: { on: { GO: 'a' } } },
  migrations: {
    1: ({ state, context }) => {
      if (state === 'boom') throw new Error('kaputt');
      return { state, context };
    },
  },
});

const rejected = (machine: unknown, value: unknown) => {
  const result = restoreSnapshot(machine as typeof account, value);
  if (result.ok) throw new Error('expected a rejected snapshot');
  return result.error;
};
const thrown = (make: () => unknown): SnapshotIssue => {
  try {
    make();
  } catch (error) {
    return (error as { issue: SnapshotIssue }).issue;
  }
  throw new Error('expected a SnapshotError');
};
const circular: Record<string, unknown> = {};
circular.self = circular;
let deep: unknown = 0;
for (let i = 0; i < 70; i++) deep = [deep];
const thousand = new Array(1000).fill(0);

/** One issue per sentence form, from the core fixtures and the account machine above. */
const issues: Record<IssueMessageKey, TransitionIssue | SnapshotIssue> = {
  notAnEvent: fail(ticket, open, 'SOLVE'),
  unknownEvent: fail(ticket, open, { type: 'ESCALATE' }),
  finalState: fail(ticket, closed, { type: 'REOPEN' }),
  notAllowed: fail(ticket, open, { type: 'CLOSE' }),
  invalidPayload: fail(ticket, open, { type: 'REPLY', at: 1.5, text: '' }),
  guardRejected: fail(ticket, open, { type: 'SOLVE' }),
  refused: fail(account, acc, { type: 'WITHDRAW', amount: 50 }),
  ruleThrew: fail(account, acc, { type: 'CRASH' }),
  updateInvalid: fail(account, acc, { type: 'BREAK' }),
  invariantBroken: fail(account, acc, { type: 'ODD' }),
  wrongMachine: fail(ticket, initialSnapshot(steps), { type: 'SOLVE' }),
  notASnapshot: fail(ticket, null, { type: 'SOLVE' }),
  badRevision: fail(ticket, { ...open, revision: -1 }, { type: 'SOLVE' }),
  unknownState: fail(ticket, { ...open, state: 'nowhere' }, { type: 'SOLVE' }),
  snapshotRejected: rejected(ticket, { ...open, state: 'nowhere', status: 'gone' }),
  moreProblems: rejected(ticket, { ...open, context: { list: new Array(25).fill(Number.NaN) } }),
  notPlainObject: rejected(ticket, null),
  notPlainJson: rejected(ticket, { ...open, context: { at: new Date(0), f: () => 1 } }),
  notJsonNumber: rejected(ticket, { ...open, context: { replies: Number.POSITIVE_INFINITY } }),
  circularReference: rejected(ticket, { ...open, context: circular }),
  nestedTooDeep: rejected(ticket, { ...open, context: { deep } }),
  tooManyValues: rejected(ticket, { ...open, context: { all: new Array(1001).fill(thousand) } }),
  forbiddenKey: rejected(ticket, {
    ...open,
    context: JSON.parse('{"replies":0,"assignee":null,"__proto__":{}}'),
  }),
  unexpectedKey: rejected(ticket, { ...open, owner: 'mallory' }),
  foreignMachine: rejected(ticket, { ...open, machine: 'other' }),
  badVersion: rejected(ticket, { ...open, version: 'two' }),
  newerVersion: rejected(ticket, { ...open, version: 3 }),
  stateNotAName: rejected(ticket, { ...open, version: 1, state: 7 }),
  noMigration: rejected(migrating, {
    machine: 'migrating',
    version: 2,
    state: 'a',
    context: {},
    status: 'active',
    revision: 0,
  }),
  migrationThrew: rejected(migrating, {
    machine: 'migrating',
    version: 1,
    state: 'boom',
    context: {},
    status: 'active',
    revision: 0,
  }),
  notAState: rejected(ticket, { ...open, state: 'nowhere' }),
  statusMismatch: rejected(ticket, { ...open, status: 'done' }),
  badStatus: rejected(ticket, { ...open, version: 1, status: 'paused' }),
  revisionInvalid: rejected(ticket, { ...open, revision: 0.5 }),
  contextSchema: rejected(ticket, { ...open, context: { replies: -1, assignee: 3 } }),
  contextNotEmpty: rejected(steps, { ...initialSnapshot(steps), context: { extra: true } }),
  invariantFailed: rejected(account, { ...acc, context: { balance: 5000 } }),
  initialContextInvalid: thrown(() => initialSnapshot(account, { balance: -1 })),
  initialInputUnexpected: thrown(() => initialSnapshot(steps, { extra: true })),
  initialInvariantBroken: thrown(() => initialSnapshot(account, { balance: 5000 })),
};
const undeclared = fail(account, acc, { type: 'SNEAK' });

const zodDe = z.locales.de().localeError;
const list = (names: readonly string[]) => (names.length === 0 ? 'keine' : names.join(', '));
const fields: Record<string, string> = {
  machine: 'Maschine',
  version: 'Version',
  state: 'Zustand',
  context: 'Kontext',
  status: 'Status',
  revision: 'Revision',
};
/** A problem's place in German: snapshot fields translated, anything else quoted. */
const place = (path: readonly (string | number)[]) =>
  path.map((p) => fields[p] ?? JSON.stringify(String(p))).join('.');
const moreProblems = (count: number) => `und ${count} weitere Probleme`;

/** A complete German table: `satisfies` makes a sentence key added to the type a compile error. */
const de = {
  zodIssue: (issue) => {
    const text = zodDe(issue as never);
    return typeof text === 'string' ? text : (text?.message ?? 'ungültig');
  },
  list,
  value: (v) =>
    v.kind === 'string'
      ? `die Zeichenkette ${JSON.stringify(v.text)}`
      : v.kind === 'null'
        ? 'null'
        : `ein Wert vom Typ ${v.kind}`,
  moreIssues: (count) => `und ${count} weitere`,
  notAnEvent: ({ received }, h) =>
    `Erwartet wurde ein Ereignis mit einem Text-Feld "type", erhalten: ${h.value(received)}.`,
  unknownEvent: ({ machine, event, known }, h) =>
    `${event} ist kein Ereignis der Maschine '${machine}'; bekannt: ${h.list(known)}.`,
  finalState: ({ state, event }) =>
    `${event} wird nicht verarbeitet: Zustand '${state}' ist ein Endzustand.`,
  notAllowed: ({ state, event, allowed }, h) =>
    `${event} ist im Zustand '${state}' nicht erlaubt; erlaubt: ${h.list(allowed)}.`,
  invalidPayload: ({ state, event, issues }, h) =>
    `${event} hat im Zustand '${state}' ungültige Daten: ${h.issues(issues)}.`,
  guardRejected: ({ state, event, guards }, h) =>
    `${event} wurde im Zustand '${state}' abgewiesen: Bedingung ${h.list(guards)} nicht erfüllt.`,
  refused: ({ event, reason }) =>
    reason.code === 'INSUFFICIENT_FUNDS'
      ? `${event} abgelehnt: das Guthaben von ${(reason.details as { balance: number }).balance} reicht nicht.`
      : `${event} abgelehnt (${reason.code}).`,
  ruleThrew: ({ state, event, rule, name, undeclared }) =>
    undeclared === undefined
      ? `${event} konnte im Zustand '${state}' nicht entschieden werden: Regel ${rule} ${name ?? ''} ist abgestürzt.`
      : `${event}: Ablehnungsgrund ${undeclared.code.text} ist nicht deklariert (deklariert: ${list(undeclared.declared)}).`,
  updateInvalid: ({ event, issues }, h) =>
    `${event} ergäbe einen ungültigen Kontext: ${h.issues(issues)}.`,
  invariantBroken: ({ event, invariants }) =>
    `${event} verletzt ${invariants.map((i) => `'${i.name}'`).join(', ')}.`,
  wrongMachine: ({ machine, snapshotMachine }) =>
    `Der Stand gehört zu '${snapshotMachine}', nicht zu '${machine}'.`,
  notASnapshot: ({ machine, received }, h) =>
    `Kein Stand der Maschine '${machine}': ${h.value(received)}.`,
  badRevision: ({ machine, revision }, h) =>
    `Ungültige Revision im Stand von '${machine}': ${h.value(revision)}.`,
  unknownState: ({ machine, state }) =>
    `Die Maschine '${machine}' kennt den Zustand '${state}' nicht.`,
  snapshotRejected: ({ machine, problems, more }, h) =>
    `Der Stand der Maschine '${machine}' wird abgewiesen: ${[
      ...problems.map((p) => (p.path.length ? `${place(p.path)}: ${h.problem(p)}` : h.problem(p))),
      ...(more > 0 ? [moreProblems(more)] : []),
    ].join('; ')}.`,
  moreProblems: ({ count }) => moreProblems(count),
  notPlainObject: () => 'kein einfaches Objekt',
  notPlainJson: ({ kind }) =>
    `${kind === 'class instance' ? 'eine Klasseninstanz' : `ein Wert vom Typ ${kind}`} ist kein reines JSON`,
  notJsonNumber: ({ value }) => `${value} ist keine JSON-Zahl`,
  circularReference: () => 'Zirkelbezug',
  nestedTooDeep: ({ maxDepth }) => `tiefer als ${maxDepth} Ebenen verschachtelt`,
  tooManyValues: ({ maxValues }) => `mehr als ${maxValues} Werte`,
  forbiddenKey: ({ key }) => `der Schlüssel ${JSON.stringify(key)} ist verboten`,
  unexpectedKey: () => 'unbekannter Schlüssel',
  foreignMachine: ({ machine, snapshotMachine, received }, h) =>
    `gehört zu ${snapshotMachine === undefined ? h.value(received) : JSON.stringify(snapshotMachine)}, nicht zu '${machine}'`,
  badVersion: ({ received }, h) => `keine positive ganze Zahl: ${h.value(received)}`,
  newerVersion: ({ version, machineVersion }) =>
    `Version ${version} ist neuer als die Version ${machineVersion} der Maschine`,
  stateNotAName: ({ received }, h) => `kein Zustandsname: ${h.value(received)}`,
  noMigration: ({ from, to }) => `keine Migration von Version ${from} nach ${to}`,
  migrationThrew: ({ from, cause }, h) =>
    `die Migration ab Version ${from} ist abgestürzt (${h.thrown(cause)})`,
  notAState: ({ state, received }, h) =>
    `${state === undefined ? h.value(received) : JSON.stringify(state)} ist kein Zustand dieser Maschine`,
  statusMismatch: ({ expected, state, received }, h) =>
    `Zustand ${JSON.stringify(state)} verlangt Status ${JSON.stringify(expected)}, nicht ${h.value(received)}`,
  badStatus: ({ received }, h) => `kein gültiger Status: ${h.value(received)}`,
  revisionInvalid: ({ received }, h) => `keine nicht-negative ganze Zahl: ${h.value(received)}`,
  contextSchema: ({ issues }, h) => `verletzt das Kontextschema (${h.issues(issues)})`,
  contextNotEmpty: () => 'diese Maschine hat keinen Kontext; nur {} ist zulässig',
  invariantFailed: ({ name }) => `verletzt die Invariante '${name}'`,
  initialContextInvalid: ({ machine, issues }, h) =>
    `Der Anfangskontext der Maschine '${machine}' ist ungültig: ${h.issues(issues)}.`,
  initialInputUnexpected: ({ machine }) =>
    `Die Maschine '${machine}' hat kein Kontextschema und nimmt keine Eingabe.`,
  initialInvariantBroken: ({ machine, invariants }) =>
    `Der Anfangsstand der Maschine '${machine}' verletzt ${invariants.map((i) => `'${i.name}'`).join(', ')}.`,
} satisfies Record<IssueMessageKey, unknown> & IssueMessages;

/** English fragments of every default sentence and of zod's English messages. */
const english =
  /\b(Event|Expected|event|events|state|allowed|accepted|known|invalid|payload|refused|rejected|returned|cannot|handled|final|snapshot|belongs|machine '\w+' version|revision|expected|received|Invalid input|Too small|could not|threw|breaks|failed|declared|none|more)\b/;

describe('formatIssue', () => {
  it('has a fixture for every sentence key, and each fixture is of that form', () => {
    expect(Object.keys(issues).sort()).toEqual([...issueMessageKeys].sort());
    expect(
      Object.keys(issueMessagesEn)
        .filter((k) => !['zodIssue', 'list', 'value', 'moreIssues'].includes(k))
        .sort(),
    ).toEqual([...issueMessageKeys].sort());
  });

  it.each(Object.entries(issues))('%s: the fixture is worded with that key', (key, issue) => {
    const used = new Set<string>();
    const spy = Object.fromEntries(
      Object.entries(issueMessagesEn).map(([k, f]) => [
        k,
        (...args: unknown[]) => {
          used.add(k);
          return (f as (...a: unknown[]) => string)(...args);
        },
      ]),
    ) as unknown as IssueMessages;
    expect(formatIssue(issue, spy)).toBe(issue.message);
    expect([...used]).toContain(key);
  });

  it.each(Object.entries(issues))(
    '%s: the English default is exactly issue.message',
    (_key, issue) => {
      expect(formatIssue(issue)).toBe(issue.message);
      expect(formatIssue(issue, issueMessagesEn)).toBe(issue.message);
    },
  );

  it('an undeclared refusal code reproduces too', () => {
    expect(formatIssue(undeclared)).toBe(undeclared.message);
  });

  it.each(Object.entries(issues))(
    '%s: the German table replaces the whole sentence',
    (_key, issue) => {
      const text = formatIssue(issue, de);
      expect(text).not.toBe(issue.message);
      expect(text).not.toMatch(english);
    },
  );

  it('renders zod issues with the table, not in English', () => {
    expect(formatIssue(issues.invalidPayload, de)).toBe(
      "REPLY hat im Zustand 'open' ungültige Daten: at: Ungültige Eingabe: erwartet int, erhalten undefined; text: Zu klein: erwartet, dass string >=1 Zeichen hat.",
    );
    expect(formatIssue(issues.refused, de)).toBe(
      'WITHDRAW abgelehnt: das Guthaben von 0 reicht nicht.',
    );
    expect(formatIssue(undeclared, de)).toBe(
      'SNEAK: Ablehnungsgrund NOT_DECLARED ist nicht deklariert (deklariert: INSUFFICIENT_FUNDS).',
    );
  });

  it('leaves issue objects as they were: no new enumerable field', () => {
    expect(Object.keys(issues.unknownEvent).sort()).toEqual([
      'code',
      'event',
      'known',
      'message',
      'state',
    ]);
    expect(JSON.parse(JSON.stringify(issues.unknownEvent))).toEqual({ ...issues.unknownEvent });
  });

  it('after JSON, forms whose data lived on the issue object fall back to issue.message', () => {
    const revived = JSON.parse(JSON.stringify(issues.unknownEvent)) as TransitionIssue;
    expect(formatIssue(revived, de)).toBe(issues.unknownEvent.message);
    const notAllowed = JSON.parse(JSON.stringify(issues.notAllowed)) as TransitionIssue;
    expect(formatIssue(notAllowed, de)).toBe(
      "CLOSE ist im Zustand 'open' nicht erlaubt; erlaubt: REPLY, ASSIGN.",
    );
  });

  it('a SnapshotError from restoreSnapshotOrThrow or initialSnapshot words its issue the same way', () => {
    const issue = issues.initialContextInvalid;
    expect(formatIssue(issue)).toBe(issue.message);
    expect(formatIssue(issue, de)).toBe(
      "Der Anfangskontext der Maschine 'account' ist ungültig: balance: Zu klein: erwartet, dass number >=0 ist.",
    );
    expect(formatIssue(issues.moreProblems, de)).toMatch(/; und 5 weitere Probleme\.$/);
    expect(formatIssue(issues.migrationThrew, de)).toBe(
      'Der Stand der Maschine \'migrating\' wird abgewiesen: Version: die Migration ab Version 1 ist abgestürzt (kaputt); Zustand: "boom" ist kein Zustand dieser Maschine.',
    );
  });

  it('a snapshot issue after JSON falls back to its message; its objects gain no field', () => {
    const issue = issues.contextSchema as SnapshotIssue;
    expect(Object.keys(issue).sort()).toEqual(['code', 'issues', 'message', 'problems']);
    expect(Object.keys(issue.problems[0] ?? {}).sort()).toEqual(['message', 'path']);
    const revived = JSON.parse(JSON.stringify(issue)) as SnapshotIssue;
    expect(revived).toEqual({ ...issue, problems: issue.problems.map((p) => ({ ...p })) });
    expect(formatIssue(revived, de)).toBe(issue.message);
  });

  it('for any tampered snapshot, formatIssue(error) is error.message and German has no English (property)', () => {
    const machines = [ticket, account, migrating] as const;
    const bases: unknown[] = [
      open,
      closed,
      acc,
      { machine: 'migrating', version: 1, state: 'a', context: {}, status: 'active', revision: 0 },
    ];
    type Value = Record<string, unknown>;
    const tamper = fc.oneof(
      fc.string().map((machine) => (s: Value) => ({ ...s, machine })),
      fc.oneof(fc.integer({ min: -1, max: 9 }), fc.anything()).map((version) => (s: Value) => ({
        ...s,
        version,
      })),
      fc
        .oneof(fc.string(), fc.constantFrom('boom', 'pending'), fc.anything())
        .map((state) => (s: Value) => ({ ...s, state })),
      fc.oneof(fc.constantFrom('active', 'done'), fc.anything()).map((status) => (s: Value) => ({
        ...s,
        status,
      })),
      fc.oneof(fc.anything(), fc.jsonValue()).map((context) => (s: Value) => ({ ...s, context })),
      fc
        .oneof(fc.integer({ min: -3, max: 6000 }), fc.constant(0.5), fc.constant(Number.NaN))
        .map((n) => (s: Value) => ({
          ...s,
          context: { replies: n, assignee: null, balance: n },
        })),
      fc.constant((s: Value) => ({
        ...s,
        context: JSON.parse('{"replies":0,"assignee":null,"__proto__":{}}'),
      })),
      fc
        .array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 30 })
        .map((extra) => (s: Value) => ({
          ...Object.fromEntries(extra.map((k) => [k, 1])),
          ...s,
        })),
      fc.anything().map((revision) => (s: Value) => ({ ...s, revision })),
      fc.anything().map((value) => (_s: Value) => value as Value),
    );
    fc.assert(
      fc.property(
        fc.nat(machines.length - 1),
        fc.constantFrom(...bases),
        fc.array(tamper, { minLength: 1, maxLength: 3 }),
        (m, base, mutations) => {
          const value = mutations.reduce((v, mutate) => mutate(v), base as Value);
          const result = restoreSnapshot(machines[m] as typeof account, value);
          if (result.ok) return;
          expect(formatIssue(result.error)).toBe(result.error.message);
          expect(formatIssue(result.error, de)).not.toBe(result.error.message);
          // Quoted values are the caller's input, not the table's words.
          const german = formatIssue(result.error, de).replace(/"(?:[^"\\]|\\.)*"/g, '""');
          expect(german).not.toMatch(english);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('an incomplete table is a UsageError naming the missing key', () => {
    const partial = { ...de, notAllowed: undefined } as unknown as IssueMessages;
    let caught: unknown;
    try {
      formatIssue(issues.notAllowed, partial);
    } catch (error) {
      caught = error;
    }
    expect(isServicecraftError(caught, 'UsageError')).toBe(true);
    expect((caught as Error).message).toMatch(/no function for 'notAllowed'/);
  });

  it('for any snapshot and event, formatIssue(issue) is issue.message (property)', () => {
    const snapshot = fc.oneof(
      fc.constant(open as Snapshot),
      fc.constant(closed as Snapshot),
      fc.record({
        machine: fc.constantFrom('ticket', 'steps'),
        version: fc.oneof(fc.constant(2), fc.anything()),
        state: fc.oneof(
          fc.constantFrom('open', 'solved', 'closed'),
          fc.stringMatching(/^[0-9]{0,6}$/),
        ),
        context: fc.constant(open.context),
        status: fc.constant('active'),
        revision: fc.oneof(fc.nat(), fc.anything()),
      }),
      fc.anything(),
    );
    const event = fc.oneof(
      fc.record(
        { type: fc.constantFrom('REPLY', 'ASSIGN', 'SOLVE', 'REOPEN', 'CLOSE', 'ESCALATE') },
        { requiredKeys: ['type'] },
      ),
      fc.record({ type: fc.constant('REPLY'), at: fc.anything(), text: fc.anything() }),
      fc.anything(),
    );
    fc.assert(
      fc.property(snapshot, event, (s, e) => {
        const result = transition(ticket, s as never, e as never);
        if (!result.ok) {
          expect(formatIssue(result.error)).toBe(result.error.message);
          // Quoted values are the caller's input, not the table's words.
          const german = formatIssue(result.error, de).replace(/"(?:[^"\\]|\\.)*"/g, '""');
          expect(german).not.toMatch(english);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('issueToJSON: an issue that travels as JSON keeps its sentence data', () => {
  const travel = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

  it.each(Object.entries(issues))(
    '%s: worded from JSON exactly as from the issue, in English and in German',
    (_key, issue) => {
      const revived = travel(issueToJSON(issue));
      expect(formatIssue(revived)).toBe(issue.message);
      expect(formatIssue(revived, de)).toBe(formatIssue(issue, de));
    },
  );

  it('an undeclared refusal (its cause an Error) survives too', () => {
    const revived = travel(issueToJSON(undeclared));
    expect(formatIssue(revived, de)).toBe(formatIssue(undeclared, de));
    expect(typeof (revived as { cause?: unknown }).cause).toBe('string');
  });

  it('changes nothing on the issue it reads, and adds only messageData', () => {
    const issue = issues.contextSchema as SnapshotIssue;
    const before = JSON.stringify(issue);
    const json = issueToJSON(issue);
    expect(JSON.stringify(issue)).toBe(before);
    expect(Object.keys(json).sort()).toEqual([
      'code',
      'issues',
      'message',
      'messageData',
      'problems',
    ]);
    expect(Object.keys(json.problems[0] ?? {}).sort()).toEqual(['message', 'messageData', 'path']);
  });

  it('without issueToJSON, the old fallback holds: forms needing hidden data give issue.message', () => {
    expect(formatIssue(travel(issues.unknownEvent), de)).toBe(issues.unknownEvent.message);
  });

  it("tampered messageData never throws: it gives the issue's own message (property)", () => {
    const all = Object.values(issues);
    fc.assert(
      fc.property(
        fc.nat(all.length - 1),
        fc.oneof(
          fc.anything(),
          fc.record({ key: fc.constantFrom(...issueMessageKeys), data: fc.anything() }),
          fc.record({
            key: fc.constantFrom(...issueMessageKeys),
            data: fc.dictionary(
              fc.constantFrom('state', 'event', 'allowed', 'problems', 'machine', 'issues'),
              fc.anything(),
            ),
          }),
        ),
        (i, messageData) => {
          const issue = all[i] as TransitionIssue | SnapshotIssue;
          const revived = { ...travel(issueToJSON(issue)), messageData } as unknown as typeof issue;
          const text = formatIssue(revived, de);
          expect(typeof text).toBe('string');
        },
      ),
      { numRuns: 500 },
    );
  });
});
