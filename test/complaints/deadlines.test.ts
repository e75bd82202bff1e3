import { describe, expect, it } from 'vitest';
import {
  createComplaintCase,
  type DeadlineCalendar,
  durationToMs,
  overdue,
  utcCalendar,
} from '../../src/complaints/index.js';
import { initialSnapshot, isServicecraftError, transition } from '../../src/index.js';
import { ack, assess, DAY, receive, run, T0 } from './helpers.js';

function usageMessage(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    expect(isServicecraftError(error, 'UsageError')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

const iso = (ms: number) => new Date(ms).toISOString();
const add = (start: string, duration: Parameters<typeof utcCalendar.addWorkingTime>[1]) =>
  iso(utcCalendar.addWorkingTime(Date.parse(start), duration));

describe('duration arithmetic on the UTC calendar', () => {
  it('converts durations', () => {
    expect(durationToMs({ days: 1, hours: 2, minutes: 3 })).toBe(DAY + 2 * 3_600_000 + 3 * 60_000);
    expect(durationToMs({})).toBe(0);
    expect(durationToMs(1234)).toBe(1234);
  });

  it.each([-1, 1.5, { days: -1 }, { hours: 0.5 }, { weeks: 1 }, Number.MAX_SAFE_INTEGER + 2, '5'])(
    'rejects %o with a UsageError',
    (d) => {
      expect(usageMessage(() => durationToMs(d as never))).toMatch(/^Invalid duration \(/);
    },
  );

  it('describes a hostile duration without serialising it', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(usageMessage(() => durationToMs(deep as never))).toBe(
      'Invalid duration (an array): use whole, non-negative milliseconds or { days, hours, minutes }.',
    );
    expect(usageMessage(() => durationToMs('x'.repeat(1_000_000) as never)).length).toBeLessThan(
      300,
    );
  });

  it('rejects parts that overflow together', () => {
    expect(usageMessage(() => durationToMs({ days: Number.MAX_SAFE_INTEGER }))).toContain(
      'is too long',
    );
  });

  it.each([
    ['2027-01-31T12:00:00.000Z', { days: 1 }, '2027-02-01T12:00:00.000Z'],
    ['2027-02-28T23:30:00.000Z', { hours: 1 }, '2027-03-01T00:30:00.000Z'],
    ['2028-02-28T09:00:00.000Z', { days: 1 }, '2028-02-29T09:00:00.000Z'],
    ['2028-02-29T09:00:00.000Z', { days: 1 }, '2028-03-01T09:00:00.000Z'],
    ['2028-02-20T00:00:00.000Z', { days: 10 }, '2028-03-01T00:00:00.000Z'],
    ['2027-12-31T23:59:00.000Z', { minutes: 1 }, '2028-01-01T00:00:00.000Z'],
    ['2028-04-30T18:00:00.000Z', { days: 5 }, '2028-05-05T18:00:00.000Z'],
  ])('%s + %o = %s across month and year ends', (start, duration, end) => {
    expect(add(start, duration)).toBe(end);
  });

  it('DST changes in local zones do not move UTC deadlines', () => {
    // EU clocks go forward at 01:00 UTC on 26 Mar 2028 and back on 29 Oct 2028; US on 12 Mar / 5 Nov.
    for (const start of [
      '2028-03-25T12:00:00.000Z',
      '2028-10-28T12:00:00.000Z',
      '2028-03-11T12:00:00.000Z',
      '2028-11-04T12:00:00.000Z',
    ]) {
      const end = utcCalendar.addWorkingTime(Date.parse(start), { days: 1 });
      expect(end - Date.parse(start)).toBe(DAY);
      expect(iso(end).slice(11)).toBe('12:00:00.000Z');
    }
    // In London the same deadline reads 13:00 after the spring change: the instant is fixed, the wall clock is not.
    const london = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(london.format(Date.parse('2028-03-25T12:00:00Z'))).toBe('12:00');
    expect(
      london.format(utcCalendar.addWorkingTime(Date.parse('2028-03-25T12:00:00Z'), { days: 1 })),
    ).toBe('13:00');
  });

  it('rejects a start that is not an integer instant', () => {
    expect(usageMessage(() => utcCalendar.addWorkingTime(1.5, 0))).toContain(
      'integer of epoch milliseconds, received number 1.5',
    );
    expect(usageMessage(() => utcCalendar.addWorkingTime(Number.MAX_SAFE_INTEGER, 10))).toContain(
      'beyond the safe integer range',
    );
  });
});

describe('deadlines on a complaint', () => {
  it('are computed from the received instant; the response from the acknowledgement', () => {
    const snap = run([receive({ at: Date.UTC(2028, 1, 24, 17) })]);
    // On the default 24/7 calendar a working day is 24 hours. Until the acknowledgement, the
    // response is due 10 working days after the latest acknowledgement allowed.
    expect(snap.context.due).toEqual({
      acknowledgeBy: Date.UTC(2028, 1, 29, 17),
      respondBy: Date.UTC(2028, 2, 10, 17),
      summaryResolutionBy: null,
      referralBy: null,
    });
    const acknowledged = run([ack(Date.UTC(2028, 1, 25, 10))], snap);
    expect(acknowledged.context.due?.respondBy).toBe(Date.UTC(2028, 2, 6, 10));
  });

  it('overdue lists outstanding and late breaches; on the due instant is on time', () => {
    const received = run([receive()]);
    const ackBy = T0 + 5 * DAY;
    expect(overdue(received, ackBy)).toEqual([]);
    expect(overdue(received, ackBy + 1)).toEqual([
      { deadline: 'acknowledgement', dueAt: ackBy, metAt: null, lateByMs: 1 },
    ]);
    expect(overdue(received, T0 + 16 * DAY)).toEqual([
      { deadline: 'acknowledgement', dueAt: ackBy, metAt: null, lateByMs: 11 * DAY },
      { deadline: 'response', dueAt: T0 + 15 * DAY, metAt: null, lateByMs: DAY },
    ]);
    const lateAck = run([ack(T0 + 6 * DAY)], received);
    expect(overdue(lateAck, T0 + 7 * DAY)).toEqual([
      { deadline: 'acknowledgement', dueAt: ackBy, metAt: T0 + 6 * DAY, lateByMs: DAY },
    ]);
    expect(overdue(run([ack()], received), T0 + 9 * DAY)).toEqual([]);
  });

  it('overdue is empty before receipt', () => {
    expect(overdue(run([]), T0 + 100 * DAY)).toEqual([]);
  });

  it('an urgent assessment can only tighten the response deadline', () => {
    const slowUrgent = createComplaintCase({
      deadlines: { respond: { days: 1 }, respondFrom: 'receipt', urgentRespond: { days: 3 } },
    });
    let snap = initialSnapshot(slowUrgent);
    for (const e of [receive(), ack(), assess({ urgency: 'critical' })]) {
      const r = transition(slowUrgent, snap, e);
      if (!r.ok) throw new Error(r.error.message);
      snap = r.snapshot;
    }
    expect(snap.context.due?.respondBy).toBe(T0 + DAY);
  });

  it('a business calendar plugs in', () => {
    // Toy calendar: every day counts only from 09:00 to 17:00 UTC, weekends included (8 working hours a day).
    const officeHours: DeadlineCalendar = {
      name: 'office-hours',
      addWorkingTime: (start, duration) => start + durationToMs(duration) * 3,
    };
    const desk = createComplaintCase({
      calendar: officeHours,
      deadlines: { acknowledge: { hours: 8 } },
    });
    const r = transition(desk, initialSnapshot(desk), receive());
    expect(r.ok && r.snapshot.context.due?.acknowledgeBy).toBe(T0 + DAY);
  });
});
