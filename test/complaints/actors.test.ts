import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iso10002Lifecycle, normalizeActorId } from '../../src/complaints/index.js';
import { transition } from '../../src/index.js';
import { ack, assess, type Ev, MIN, receive, refund, refuse, run, T0 } from './helpers.js';

const waiting = () => run([receive(), ack(), assess(), refund(12_000)]);
const approveAs = (by: string): Ev => ({
  type: 'APPROVE_REMEDY',
  at: T0 + 5 * MIN,
  by,
  level: 'manager',
});

describe('normalizeActorId', () => {
  it.each([
    ['Ana', 'ana'],
    ['ANA', 'ana'],
    ['ana\u200b', 'ana'],
    ['\u2060a\u00adn\u200da\ufe0f', 'ana'],
    ['ａｎａ', 'ana'],
    ['ＡＮＡ', 'ana'],
    [' ana\u200b ', 'ana'],
    ['Bot-1', 'bot-1'],
    ['\u200b\u200c\u2060', ''],
  ])('%j → %j', (id, normalised) => {
    expect(normalizeActorId(id)).toBe(normalised);
  });

  it('is idempotent and never longer than needed to compare', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (id) => {
        const once = normalizeActorId(id);
        expect(normalizeActorId(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});

describe('self-approval cannot be bypassed by writing the same id differently', () => {
  // Each of these was accepted as "someone else" before ids were normalised.
  it.each(['ana', 'Ana', 'ANA', 'ana\u200b', 'ａｎａ', '\u2060an\u00ada'])(
    'approving as %j when ana proposed is SELF_APPROVAL',
    (by) => {
      const issue = refuse(iso10002Lifecycle, waiting(), approveAs(by));
      expect(issue.code).toBe('REFUSED');
      expect(issue.reason?.code).toBe('SELF_APPROVAL');
      expect(issue.reason?.details).toEqual({
        proposedBy: 'ana',
        approver: by,
        amount: 12_000,
        currency: 'EUR',
      });
    },
  );

  it('names both spellings when they differ', () => {
    const issue = refuse(iso10002Lifecycle, waiting(), approveAs('ａｎａ'));
    expect(issue.reason?.message).toBe(
      "'ana' proposed EUR 120.00 and cannot approve it as 'ａｎａ' (the same id once normalised); someone else whose limit covers it must approve.",
    );
  });

  it('someone else may approve', () => {
    const result = transition(iso10002Lifecycle, waiting(), approveAs('Mia'));
    expect(result.ok && result.snapshot.state).toBe('decided');
  });
});

describe('ids made only of invisible characters are an invalid payload', () => {
  it.each(['\u200b', '\u200b\u2060\u00ad', ' \u200d '])('by %j', (by) => {
    const issue = refuse(iso10002Lifecycle, run([receive()]), { ...ack(), by });
    expect(issue.code).toBe('INVALID_PAYLOAD');
    expect(issue.message).toContain(
      'by: An actor id must contain a visible character; this one is only white space or invisible characters',
    );
  });

  it('as an owner, a new owner or an approver', () => {
    const start = run([]);
    const owner = refuse(
      iso10002Lifecycle,
      start,
      receive({ owner: { id: '\u200b', level: 'agent' } }),
    );
    expect(owner.message).toContain('owner.id: An actor id must contain a visible character');
    const reassign = refuse(iso10002Lifecycle, run([receive()]), {
      type: 'REASSIGN',
      at: T0 + MIN,
      by: 'lead',
      owner: '\ufe0f',
    });
    expect(reassign.message).toContain('owner: An actor id must contain a visible character');
    expect(refuse(iso10002Lifecycle, waiting(), approveAs('\u2060')).code).toBe('INVALID_PAYLOAD');
  });

  it('an empty or over-long id says so', () => {
    const received = run([receive()]);
    expect(refuse(iso10002Lifecycle, received, { ...ack(), by: '  ' }).message).toContain(
      'by: An actor id must name who acted; it is empty.',
    );
    expect(
      refuse(iso10002Lifecycle, received, { ...ack(), by: 'x'.repeat(201) }).message,
    ).toContain('by: An actor id is at most 200 characters long.');
  });
});

describe('rule outcomes are returned, never thrown', () => {
  // The guards, updates and invariants of every complaint machine live in these files; a domain
  // "no" must be a returned refusal there (a throw would be reported as RULE_THREW, a bug).
  it.each([
    'case-rules.ts',
    'case-invariants.ts',
    'case.ts',
    'complaint-flow.ts',
    'conversation-flows.ts',
  ])('src/complaints/%s has no throw statement', (file) => {
    const source = readFileSync(new URL(`../../src/complaints/${file}`, import.meta.url), 'utf8');
    const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\bthrow\b/);
  });
});
