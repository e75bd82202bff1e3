/**
 * Demo: working time. A housing complaint received on a Friday morning in London, on a Mon–Fri
 * 09:00–17:00 calendar with the 2026 bank holidays of England and Wales, under the Housing
 * Ombudsman's Complaint Handling Code: the acknowledgement falls due five working days later, and
 * `nextWakeUp` tells the host when to look again and which event to send then.
 */

import { createComplaintCase, housingOmbudsmanPolicy, overdue } from '../src/complaints/index.js';
import { initialSnapshot, nextWakeUp, transitionOrThrow } from '../src/index.js';
import { businessCalendar } from '../src/time/index.js';

const day: [string, string][] = [['09:00', '17:00']];
const uk = businessCalendar({
  timeZone: 'Europe/London',
  week: { mon: day, tue: day, wed: day, thu: day, fri: day },
  holidays: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31'],
});
const landlord = createComplaintCase({ calendar: uk, policy: housingOmbudsmanPolicy() });

const london = (t: number) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(t);

/** Walks the scenario and logs one line per step. */
export function run(log: (line: string) => void): void {
  const received = Date.UTC(2026, 2, 6, 9); // Friday 6 March 2026, 09:00 in London (GMT)
  let c = transitionOrThrow(landlord, initialSnapshot(landlord), {
    type: 'RECEIVE',
    at: received,
    by: 'portal',
    id: 'HC-2026-0117',
    channel: 'web',
    summary: 'Damp in the bedroom, reported three times',
    remedySought: 'Repair',
    owner: { id: 'ana', level: 'agent' },
  });
  log(`Received ${london(received)} (Housing Ombudsman Complaint Handling Code, 2024)`);
  log(
    `  acknowledge by ${london(c.context.due?.acknowledgeBy ?? 0)}: the 5th working day after the day of receipt`,
  );
  log(`  (5 × 24 hours would have said ${london(received + 5 * 86_400_000)})`);

  const wake = nextWakeUp(landlord, c);
  if (wake === undefined) return;
  log(`  nextWakeUp → ${wake.reason} at ${london(wake.at)}: send ${wake.event.type}`);
  c = transitionOrThrow(landlord, c, wake.event);
  const late = overdue(c, wake.at);
  log(`  after ${wake.event.type}: overdue ${late.map((b) => b.deadline).join(', ') || 'nothing'}`);
  const next = nextWakeUp(landlord, c);
  log(`  next wake-up: ${next === undefined ? 'none' : `${next.reason} at ${london(next.at)}`}`);
}
