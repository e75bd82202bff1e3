/**
 * Working-time arithmetic: cost per call against the length of the span. A Mon–Fri 09:00–17:00
 * calendar in Europe/London with 20 holidays; `addWorkingTime` and `workingTimeBetween` over
 * spans from one working hour to five years, starts spread over 2026, every span measured
 * interleaved with the others (so a noisy moment hits all alike). The cost should stay flat as the
 * span grows: whole weeks are counted arithmetically and holidays by binary search; only each
 * daylight-saving change crossed (two a year) adds a small constant.
 *
 * Beside it, the same additions written the usual way by hand: walk local days with luxon (the
 * peer most apps already use for zones), skip weekends and holidays, take each day's 09:00–17:00.
 * Both sides are checked to give the same instants before timing.
 *
 * Run alone: `node --import tsx bench/time.ts` (after `npm run build`).
 */
import { pathToFileURL } from 'node:url';
import { DateTime } from 'luxon';
import {
  addWorkingTime,
  businessCalendar,
  compileCalendar,
  isWorkingAt,
  workingTimeBetween,
} from '../dist/time/index.js';
import {
  type Bench,
  cell,
  compare,
  nsPerOp,
  ratioCell,
  type Sample,
  stat,
  table,
  verdict,
} from './harness.js';

const HOUR = 3_600_000;
const day: readonly (readonly [string, string])[] = [['09:00', '17:00']];
const data = businessCalendar({
  timeZone: 'Europe/London',
  week: { mon: day, tue: day, wed: day, thu: day, fri: day },
  holidays: [
    '2026-01-01',
    '2026-04-03',
    '2026-04-06',
    '2026-05-04',
    '2026-05-25',
    '2026-08-31',
    '2026-12-25',
    '2026-12-28',
    { from: '2026-07-27', to: '2026-07-31' },
    '2027-01-01',
    '2027-03-26',
    '2027-03-29',
    '2027-05-03',
    '2027-05-31',
    '2027-08-30',
    '2027-12-27',
    '2027-12-28',
    '2028-01-03',
    '2028-04-14',
    '2028-04-17',
  ],
});
const calendar = compileCalendar(data);

const holidaySet = new Set<string>();
for (const h of data.holidays) {
  if (typeof h === 'string') holidaySet.add(h);
  else
    for (
      let d = DateTime.fromISO(h.from);
      (d.toISODate() as string) <= h.to;
      d = d.plus({ days: 1 })
    )
      holidaySet.add(d.toISODate() as string);
}

/** The hand-written way: walk local days in luxon, adding each working day's hours. */
function luxonAdd(start: number, ms: number): number {
  let day = DateTime.fromMillis(start, { zone: 'Europe/London' });
  let from = start;
  let left = ms;
  for (;;) {
    if (day.weekday <= 5 && !holidaySet.has(day.toISODate() as string)) {
      const open = day.set({ hour: 9, minute: 0, second: 0, millisecond: 0 }).toMillis();
      const close = day.set({ hour: 17, minute: 0, second: 0, millisecond: 0 }).toMillis();
      const begin = Math.max(from, open);
      if (begin < close) {
        if (left <= close - begin) return begin + left;
        left -= close - begin;
      }
    }
    day = day.plus({ days: 1 }).startOf('day');
    from = day.toMillis();
  }
}

const yearStart = Date.UTC(2026, 0, 1);
const yearLength = 365 * 24 * HOUR;
/** Starts spread over 2026 (a fixed sequence, so runs compare). */
const starts = Array.from(
  { length: 1024 },
  (_, i) => yearStart + ((i * 7_919_993_311) % yearLength),
);
const startAt = (i: number) => starts[i & 1023] as number;

const spans = [
  ['hour', '1 working hour', HOUR],
  ['day', '1 working day (8 h)', 8 * HOUR],
  ['week', '1 working week (40 h)', 40 * HOUR],
  ['month', '1 month (170 h)', 170 * HOUR],
  ['year', '1 year (1,960 h)', 1960 * HOUR],
  ['years5', '5 years (9,800 h)', 9800 * HOUR],
] as const;
type Span = (typeof spans)[number][0];

const N = 100_000;

function measure(): Sample {
  let sink = 0;
  // Let the compiled calendar learn the zone's offsets for every year touched (a one-off cost).
  for (const start of starts) sink += addWorkingTime(calendar, start, 9800 * HOUR);
  const add = compare(
    Object.fromEntries(
      spans.map(([key, , ms]) => [
        key,
        (n: number) => {
          for (let i = 0; i < n; i++) sink += addWorkingTime(calendar, startAt(i), ms);
          return sink;
        },
      ]),
    ) as Record<Span, (n: number) => unknown>,
    N,
  );
  const between = compare(
    Object.fromEntries(
      spans.map(([key, , ms]) => [
        key,
        (n: number) => {
          for (let i = 0; i < n; i++) {
            sink += workingTimeBetween(calendar, startAt(i), startAt(i) + ms * 4);
          }
          return sink;
        },
      ]),
    ) as Record<Span, (n: number) => unknown>,
    N,
  );
  // Equal work: both sides must land on the same instants.
  for (const [, , ms] of spans) {
    for (let i = 0; i < 64; i++) {
      const ours = addWorkingTime(calendar, startAt(i), ms);
      const hand = luxonAdd(startAt(i), ms);
      if (ours !== hand)
        throw new Error(`bench/time: ${ours} !== ${hand} for ${startAt(i)} + ${ms}`);
    }
  }
  // Far slower per call: fewer calls, timed the same way.
  const luxon = {
    day: nsPerOp(
      (n) => {
        for (let i = 0; i < n; i++) sink += luxonAdd(startAt(i), 8 * HOUR);
        return sink;
      },
      200,
      5,
    ),
    year: nsPerOp(
      (n) => {
        for (let i = 0; i < n; i++) sink += luxonAdd(startAt(i), 1960 * HOUR);
        return sink;
      },
      4,
      3,
    ),
  };
  const out: Sample = {};
  out['luxon.day'] = luxon.day;
  out['luxon.year'] = luxon.year;
  for (const [key] of spans) {
    out[`add.${key}`] = add[key];
    out[`between.${key}`] = between[key];
  }
  out.isWorkingAt = nsPerOp((n) => {
    for (let i = 0; i < n; i++) sink += isWorkingAt(calendar, startAt(i)) ? 1 : 0;
    return sink;
  }, N);
  out.uncompiled = nsPerOp(
    (n) => {
      for (let i = 0; i < n; i++) sink += addWorkingTime(data, startAt(i), 8 * HOUR);
      return sink;
    },
    50,
    3,
  );
  return out;
}

function render(runs: readonly Sample[]): string {
  const rows = spans.map(([key, label]) => [
    label,
    cell(runs, `add.${key}`),
    ratioCell(runs, `add.${key}`, 'add.hour'),
    cell(runs, `between.${key}`),
    ratioCell(runs, `between.${key}`, 'between.hour'),
  ]);
  const year = stat(runs, 'add.year').median;
  const versus = table(
    [
      'span',
      'servicecraft (ns)',
      'hand-written luxon day walk (ns)',
      'hand-written ÷ servicecraft',
    ],
    (['day', 'year'] as const).map((key) => [
      key === 'day' ? '1 working day (8 h)' : '1 year (1,960 h)',
      cell(runs, `add.${key}`),
      cell(runs, `luxon.${key}`),
      ratioCell(runs, `luxon.${key}`, `add.${key}`),
    ]),
  );
  return [
    'ns per call, compiled calendar; ratios against the 1-hour span of the same process.',
    '',
    table(
      [
        'span',
        'addWorkingTime (ns)',
        '× 1 hour',
        'workingTimeBetween over 4× span (ns)',
        '× 1 hour',
      ],
      rows,
    ),
    '',
    `Target: a year of working time in ≤ 2,000 ns per call: ${verdict(year, 2000)} (median ${Math.round(year)} ns).`,
    '',
    'Against the same additions written by hand (walk local days with luxon, same results checked first):',
    '',
    versus,
    '',
    table(
      ['other', 'ns per call'],
      [
        ['isWorkingAt', cell(runs, 'isWorkingAt')],
        ['addWorkingTime on calendar data (compiled on every call)', cell(runs, 'uncompiled')],
      ],
    ),
  ].join('\n');
}

export const bench: Bench = {
  title: 'Working time (Europe/London, Mon–Fri 09:00–17:00, 20 holidays)',
  measure,
  render,
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(`## ${bench.title}\n\n${bench.render([await bench.measure()])}`);
}
