import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ComplaintStatusMessageKey,
  type ComplaintStatusMessages,
  complaintStatus,
  complaintStatusMessagesEn,
} from '../../src/complaints/index.js';
import { isServicecraftError } from '../../src/index.js';
import { events, fold } from './arbitraries.js';
import { ack, assess, MIN, receive, refund, run, type Snap, T0 } from './helpers.js';

/** The sentences complaintStatus returned before messages could be replaced (the oracle). */
const before: Record<ComplaintStatusMessageKey, string> = {
  notReceived: 'We have not received this complaint yet.',
  received: 'We have received your complaint and will acknowledge it shortly.',
  acknowledged: 'We have acknowledged your complaint and are assessing it.',
  underInvestigation: 'We are investigating your complaint.',
  decisionPending: 'We have reached a decision and are preparing to send it to you.',
  decisionSent: 'We have sent you our decision; please tell us whether you accept it.',
  openWithRecourse:
    'You did not accept our decision; your complaint stays open and you may use the recourse we listed.',
  closed: 'Your complaint is closed.',
};

/** A complete German table: `satisfies` makes a key added to the type a compile error here. */
const de = {
  notReceived: () => 'Diese Beschwerde ist bei uns noch nicht eingegangen.',
  received: ({ reference, receivedOn }) =>
    `Ihre Beschwerde ${reference} ist am ${receivedOn} eingegangen; wir bestätigen sie in Kürze.`,
  acknowledged: ({ reference, dueDate }) =>
    `Wir haben Ihre Beschwerde ${reference} bestätigt und prüfen sie${dueDate === null ? '' : `; Sie erhalten unsere Entscheidung bis zum ${dueDate}`}.`,
  underInvestigation: ({ reference }) => `Wir untersuchen Ihre Beschwerde ${reference}.`,
  decisionPending: ({ reference }) =>
    `Zu Ihrer Beschwerde ${reference} ist eine Entscheidung gefallen; wir senden sie Ihnen bald.`,
  decisionSent: ({ remedy }) =>
    `Wir haben Ihnen unsere Entscheidung geschickt${remedy === null ? '' : ` (Erstattung ${remedy})`}; bitte teilen Sie uns mit, ob Sie sie annehmen.`,
  openWithRecourse: ({ recourse }) =>
    `Sie haben unsere Entscheidung nicht angenommen; Ihre Beschwerde bleibt offen. Sie können sich wenden an: ${recourse.join(', ')}.`,
  closed: ({ reference }) => `Ihre Beschwerde ${reference} ist abgeschlossen.`,
} satisfies Record<ComplaintStatusMessageKey, unknown> & ComplaintStatusMessages;

const englishWords = /\b(We|we|your|You|complaint|received|decision|closed|accept)\b/;

describe('complaintStatus messages', () => {
  it('the default table is the English sentences of before, key for key', () => {
    expect(Object.keys(complaintStatusMessagesEn).sort()).toEqual(Object.keys(before).sort());
    expect(Object.keys(de).sort()).toEqual(Object.keys(before).sort());
  });

  it('without options every reachable status says what it said before (property)', () => {
    fc.assert(
      fc.property(events, (list) => {
        fold(list, (_b, after) => {
          const status = complaintStatus(after);
          expect(status.message).toBe(before[status.stage]);
          expect(complaintStatus(after, { messages: complaintStatusMessagesEn })).toEqual(status);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('a German table replaces every sentence, with no English left (property)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(events, (list) => {
        fold(list, (previous, after) => {
          for (const snap of [previous, after]) {
            const status = complaintStatus(snap, { messages: de, locale: 'de-DE' });
            seen.add(status.stage);
            expect(status.message).not.toBe(before[status.stage]);
            expect(status.message).not.toMatch(englishWords);
            // Everything but the sentence is the same as without options.
            expect({ ...status, message: '' }).toEqual({ ...complaintStatus(snap), message: '' });
          }
        });
      }),
      { numRuns: 80 },
    );
    // The generator never rejects a decision; that stage is reached by hand.
    const rejected = run([
      receive(),
      ack(),
      assess(),
      {
        type: 'RESPOND',
        at: T0 + 5 * MIN,
        by: 'ana',
        closure: { kind: 'explained', explanation: 'x' },
      },
      { type: 'COMMUNICATE_DECISION', at: T0 + 6 * MIN, by: 'ana' },
      { type: 'REJECT', at: T0 + 7 * MIN, by: 'customer', recourseOffered: ['Schlichtungsstelle'] },
    ]);
    const status = complaintStatus(rejected, { messages: de, locale: 'de-DE' });
    seen.add(status.stage);
    expect(status.message).toBe(
      'Sie haben unsere Entscheidung nicht angenommen; Ihre Beschwerde bleibt offen. Sie können sich wenden an: Schlichtungsstelle.',
    );
    expect(complaintStatus(rejected).message).toBe(before.openWithRecourse);
    // Every stage, so every German sentence, was checked.
    expect([...seen].sort()).toEqual(Object.keys(before).sort());
  });

  it('gives the messages typed data formatted with Intl for the locale and time zone', () => {
    const acknowledged = run([receive(), ack()]);
    expect(complaintStatus(acknowledged, { messages: de, locale: 'de-DE' }).message).toBe(
      'Wir haben Ihre Beschwerde C-1 bestätigt und prüfen sie; Sie erhalten unsere Entscheidung bis zum 9. März 2028.',
    );
    const received = run([receive({ at: T0 + 15 * 60 * MIN })]); // 29 Feb 2028, 00:00 UTC
    expect(complaintStatus(received, { messages: de, locale: 'de-DE' }).message).toContain(
      'am 29. Februar 2028 eingegangen',
    );
    const inLosAngeles = complaintStatus(received, {
      messages: de,
      locale: 'de-DE',
      timeZone: 'America/Los_Angeles',
    });
    expect(inLosAngeles.message).toContain('am 28. Februar 2028 eingegangen');
  });

  it('formats a monetary remedy for the locale', () => {
    const sent = run([
      receive(),
      ack(),
      assess(),
      refund(4_321),
      { type: 'COMMUNICATE_DECISION', at: T0 + 4 * MIN, by: 'ana' },
    ] as Parameters<typeof run>[0]);
    const seen: unknown[] = [];
    const spy: ComplaintStatusMessages = {
      ...complaintStatusMessagesEn,
      decisionSent: (data) => {
        seen.push(data);
        return 'x';
      },
    };
    complaintStatus(sent, { messages: spy, locale: 'de-DE' });
    expect(seen).toEqual([
      {
        reference: 'C-1',
        receivedOn: '28. Februar 2028',
        dueDate: expect.any(String),
        locale: 'de-DE',
        decision: { kind: 'monetaryRemedy', amount: { amount: 4_321, currency: 'EUR' } },
        remedy: '43,21\u00a0€',
      },
    ]);
    expect(complaintStatus(sent, { messages: de, locale: 'de-DE' }).message).toContain(
      'Erstattung 43,21\u00a0€',
    );
  });

  it.each([
    [{ messages: { ...de, closed: undefined } }, /no function for closed/],
    [{ messages: {} }, /no function for notReceived, received, acknowledged/],
    [{ messages: null }, /messages must be a table of functions \(received null\)/],
    [{ locale: 'not a locale!' }, /the locale is not valid/],
    [{ timeZone: 'Mars/Olympus' }, /the locale or time zone is not valid/],
    [{ messages: { ...de, notReceived: () => 42 } }, /messages.notReceived returned number/],
  ])('bad options %# are a UsageError saying what is wrong', (options, message) => {
    const snap = run([]) as Snap;
    let caught: unknown;
    try {
      complaintStatus(snap, options as never);
    } catch (error) {
      caught = error;
    }
    expect(isServicecraftError(caught, 'UsageError')).toBe(true);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).toMatch(/^Invalid options for complaintStatus: /);
  });
});
