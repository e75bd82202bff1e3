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
  type Snapshot,
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

/** One issue per sentence form, from the core fixtures and the account machine above. */
const issues: Record<IssueMessageKey, TransitionIssue> = {
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
};
const undeclared = fail(account, acc, { type: 'SNEAK' });

const zodDe = z.locales.de().localeError;
const list = (names: readonly string[]) => (names.length === 0 ? 'keine' : names.join(', '));

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
