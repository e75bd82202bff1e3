import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  complaintCaseRefusals,
  complaintChannels,
  complaintFlowRefusals,
  createComplaintCase,
  currencyMinorUnits,
  defaultComplaintDeadlines,
  defaultEmpowermentLimits,
  defaultEscalationLadder,
  defineStepSequence,
  iso10002Lifecycle,
  recoveryMachine,
  recoveryModels,
  utcCalendar,
} from '../../src/complaints/index.js';
import {
  initialSnapshot,
  isServicecraftError,
  transition,
  type UsageError,
} from '../../src/index.js';
import { ack, assess, DAY, receive, refund, T0 } from './helpers.js';

/** The UsageError `f` throws; fails the test when it throws anything else or nothing. */
function usageError(f: () => unknown): UsageError {
  try {
    f();
  } catch (error) {
    if (!isServicecraftError(error, 'UsageError')) {
      throw new Error(`expected a UsageError, got ${String(error)}`);
    }
    return error as UsageError;
  }
  throw new Error('expected a UsageError, nothing was thrown');
}

describe('createComplaintCase validates its options first', () => {
  // Before, the first of these threw "TypeError: ladder.includes is not a function".
  it.each<[string, unknown, string]>([
    ['a string ladder', { ladder: 'agent,lead' }, 'ladder: ladder must be an array'],
    ['a ladder of numbers', { ladder: [1, 2] }, 'ladder.0: every ladder level must be a string'],
    ['an object ladder', { ladder: { 0: 'agent' } }, 'ladder: ladder must be an array'],
    ['limits as a number', { limits: 50 }, 'limits: limits must be { currency, amounts }'],
    [
      'amounts as an array',
      { limits: { currency: 'EUR', amounts: [5] } },
      'limits.amounts: limits.amounts must map ladder levels',
    ],
    [
      'a limit as text',
      { limits: { currency: 'EUR', amounts: { agent: '5000' } } },
      'limits.amounts.agent: a limit must be a number of minor units',
    ],
    ['a currency as a number', { limits: { currency: 978, amounts: {} } }, 'limits.currency'],
    ['deadlines as a string', { deadlines: '5 days' }, 'deadlines: deadlines must be'],
    [
      'a deadline as text',
      { deadlines: { respond: '10d' } },
      'deadlines.respond: a deadline is whole non-negative milliseconds, { days, hours, minutes }, { workingDays }, { calendarDays }, { weeks } or { months }',
    ],
    [
      'a calendar without addWorkingTime',
      { calendar: { name: 'x' } },
      'calendar: calendar must be a business calendar ({ timeZone, week, holidays }, see businessCalendar), a compiled calendar, or an object with an addWorkingTime(start, duration) function',
    ],
    [
      'failedAttemptLimit as text',
      { failedAttemptLimit: '2' },
      'failedAttemptLimit must be a number',
    ],
    [
      'confidenceThreshold as null',
      { confidenceThreshold: null },
      'confidenceThreshold must be a number',
    ],
    [
      'restrictedTopics as a string',
      { restrictedTopics: 'legal' },
      'restrictedTopics must be an array',
    ],
    ['an id as a number', { id: 7 }, 'id: id must be a string'],
    ['an unknown option', { ladders: ['a'] }, 'Unrecognized key: "ladders"'],
    ['null options', null, 'the options must be an object'],
    ['a string as options', 'defaults', 'the options must be an object'],
  ])('%s is a UsageError naming the option', (_name, options, fragment) => {
    const error = usageError(() => createComplaintCase(options as never));
    expect(error.message).toMatch(/^Invalid options for createComplaintCase: /);
    expect(error.message).toContain(fragment);
    expect(error.problems.length).toBeGreaterThan(0);
  });

  it.each<[string, unknown, string]>([
    ['an empty ladder', { ladder: [] }, 'ladder: ladder must list at least one level'],
    ['a blank level', { ladder: [' '] }, 'ladder.0: a ladder level cannot be blank'],
    [
      'a reserved level',
      { ladder: ['__proto__'] },
      'ladder.0: a ladder level cannot be named __proto__',
    ],
    [
      'a repeated level',
      { ladder: ['a', 'b', 'a'], limits: { currency: 'EUR', amounts: {} } },
      'ladder.2: level "a" appears twice',
    ],
    [
      'a negative limit',
      { limits: { currency: 'EUR', amounts: { agent: -1 } } },
      'limits.amounts.agent: a limit cannot be negative',
    ],
    [
      'a fractional limit',
      { limits: { currency: 'EUR', amounts: { agent: 0.5 } } },
      'a limit must be a whole number of minor units',
    ],
    [
      'an unsafe limit',
      { limits: { currency: 'EUR', amounts: { agent: 2 ** 60 } } },
      'a limit is too large to count exactly',
    ],
    [
      'a limit off the ladder',
      { limits: { currency: 'EUR', amounts: { ceo: 1 } } },
      'limits.amounts.ceo: "ceo" is not a level of the ladder',
    ],
    [
      'an unknown currency',
      { limits: { currency: 'EURO', amounts: {} } },
      'Unknown currency code "EURO"',
    ],
    [
      'a negative deadline',
      { deadlines: { acknowledge: -1 } },
      'deadlines.acknowledge: a deadline is whole',
    ],
    [
      'a fractional deadline',
      { deadlines: { respond: { days: 0.5 } } },
      'deadlines.respond: a deadline is whole',
    ],
    [
      'an endless deadline',
      { deadlines: { respond: { days: 1e9 } } },
      'deadlines.respond: a deadline is at most 3650 days long',
    ],
    ['zero attempts', { failedAttemptLimit: 0 }, 'failedAttemptLimit must be at least 1'],
    [
      'a fractional attempt limit',
      { failedAttemptLimit: 1.5 },
      'failedAttemptLimit must be a whole number',
    ],
    ['a threshold of 0', { confidenceThreshold: 0 }, 'confidenceThreshold must be above 0'],
    ['a threshold above 1', { confidenceThreshold: 1.01 }, 'confidenceThreshold must be at most 1'],
    ['an empty topic', { restrictedTopics: [''] }, 'restrictedTopics.0'],
    [
      'a custom ladder without limits',
      { ladder: ['desk', 'lead'] },
      'limits: a custom ladder needs its own limits',
    ],
  ])('%s is a UsageError naming the option', (_name, options, fragment) => {
    expect(usageError(() => createComplaintCase(options as never)).message).toContain(fragment);
  });

  it('any JSON value as options gives a machine or a UsageError, nothing else (property)', () => {
    const option = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom(['agent', 'lead'], { days: 1 }, { currency: 'EUR', amounts: { agent: 1 } }),
    );
    const keys = fc.constantFrom(
      'id',
      'ladder',
      'limits',
      'deadlines',
      'calendar',
      'failedAttemptLimit',
      'confidenceThreshold',
      'restrictedTopics',
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(keys, option)), (options) => {
        try {
          createComplaintCase(options as never);
        } catch (error) {
          expect(isServicecraftError(error, 'UsageError')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps its own copies: changing the options afterwards changes nothing', () => {
    const ladder = ['agent', 'lead'];
    const amounts: Record<string, number> = { agent: 2_000, lead: 20_000 };
    const topics = ['legal'];
    const deadlines = { acknowledge: { days: 1 } };
    const desk = createComplaintCase({
      ladder: ladder as ['agent', 'lead'],
      limits: { currency: 'GBP', amounts },
      restrictedTopics: topics,
      deadlines,
    });
    ladder.reverse();
    amounts.agent = 0;
    topics.length = 0;
    deadlines.acknowledge.days = 30;
    const event = (e: object) => JSON.parse(JSON.stringify(e).replaceAll('"EUR"', '"GBP"'));
    let snap = initialSnapshot(desk);
    for (const e of [receive(), ack(), assess(), refund(2_000)]) {
      const r = transition(desk, snap, event(e));
      if (!r.ok) throw new Error(r.error.message);
      snap = r.snapshot;
    }
    expect(snap.state).toBe('decided');
    expect(snap.context.due?.acknowledgeBy).toBe(T0 + DAY);
    expect(desk.definition.meta?.ladder).toEqual(['agent', 'lead']);
  });
});

/** Every object inside `value` (itself included), functions too. */
function objectsIn(value: unknown): object[] {
  const out: object[] = [];
  const pending = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if ((typeof next !== 'object' && typeof next !== 'function') || next === null) continue;
    out.push(next);
    for (const key of Object.keys(next)) pending.push((next as Record<string, unknown>)[key]);
  }
  return out;
}

describe('exported data is frozen all the way down', () => {
  const exported: Record<string, unknown> = {
    complaintChannels,
    defaultEscalationLadder,
    defaultEmpowermentLimits,
    defaultComplaintDeadlines,
    currencyMinorUnits,
    recoveryModels,
    utcCalendar,
    complaintCaseRefusals,
    complaintFlowRefusals,
    'iso10002Lifecycle.definition.meta': iso10002Lifecycle.definition.meta,
  };

  it.each(Object.entries(exported))('%s', (_name, value) => {
    const objects = objectsIn(value);
    expect(objects.length).toBeGreaterThan(0);
    expect(objects.filter((o) => !Object.isFrozen(o))).toEqual([]);
  });

  it('mutation attempts throw in strict mode and change no result', () => {
    const heard = recoveryModels.heard.variants.standard as unknown as { label: string }[];
    expect(() => {
      heard.push({ label: 'Extra' });
    }).toThrow(TypeError);
    expect(() => {
      (heard[0] as { label: string }).label = 'Shout';
    }).toThrow(TypeError);
    expect(() => {
      (recoveryModels.latte as { defaultVariant: string }).defaultVariant = 'explainThenThank';
    }).toThrow(TypeError);
    expect(() => {
      (defaultEmpowermentLimits.amounts as Record<string, number>).agent = 1e9;
    }).toThrow(TypeError);
    expect(() => {
      (defaultComplaintDeadlines.acknowledge as { days: number }).days = 0;
    }).toThrow(TypeError);
    expect(() => {
      (currencyMinorUnits as Record<string, number>).EUR = 0;
    }).toThrow(TypeError);
    expect(() => {
      (complaintCaseRefusals as Record<string, string>).SELF_APPROVAL = '';
    }).toThrow(TypeError);
    expect(() => {
      (utcCalendar as { addWorkingTime: unknown }).addWorkingTime = () => 0;
    }).toThrow(TypeError);
    expect(recoveryMachine('heard').states).toEqual([
      'hear',
      'empathize',
      'apologize',
      'resolve',
      'diagnose',
      'done',
    ]);
    expect(recoveryMachine('latte').id).toBe('latte-thankThenExplain');
    expect(createComplaintCase().id).toBe('complaint-case');
  });
});

describe('the other factories throw UsageErrors only', () => {
  it('defineStepSequence and recoveryMachine, with any JSON value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 2 }), (spec, variant) => {
        for (const f of [
          () => defineStepSequence(spec as never),
          () => defineStepSequence({ id: 'x', source: 's', steps: spec } as never),
          () => recoveryMachine(spec as never),
          () => recoveryMachine('learn', variant as never),
        ]) {
          try {
            f();
          } catch (error) {
            expect(isServicecraftError(error)).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
