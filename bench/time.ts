/**
 * Working-time arithmetic: cost per call against the length of the span. A Mon–Fri 09:00–17:00
 * calendar in Europe/London with 20 holidays; `addWorkingTime` and `workingTimeBetween` over
 * spans from one working hour to five years, starts spread over 2026, every span measured
 * interleaved with the others (so a noisy moment hits all alike). The cost should stay flat as the
 * span grows: whole weeks are counted arithmetically and holidays by binary search; only each
 * daylight-saving change crossed (two a year) adds a small constant.
 *
 * Run alone: `node --import tsx bench/time.ts` (reads the sources). Shaped like the other
 * sections (`bench: Bench`), but not listed in `bench/index.ts`.
 */
import { pathToFileURL } from 'node:url';
import {
  addWorkingTime,
  businessCalendar,
  compileCalendar,
  isWorkingAt,
  workingTimeBetween,
} from '../src/time/index.js';
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
  const out: Sample = {};
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
