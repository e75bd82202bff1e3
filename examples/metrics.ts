/**
 * Demo: one week of survey results at a small support desk. Scores NPS (with a 95 % interval),
 * CSAT, CES, FCR by repeat contact, AHT and SERVQUAL gaps; merges two shards; rejects a bad
 * answer; and marks moments of truth on a sales flow, then weighs their outcomes 12 to 1.
 */
import { defineMachine, type EventFrom, initialSnapshot, transition } from '../src/index.js';
import {
  aht,
  assessSteps,
  ces,
  csat,
  csatScales,
  fcr,
  isMetricError,
  type MomentOutcome,
  momentOutcomes,
  momentsOfTruth,
  nps,
  npsAccumulator,
  npsAdd,
  npsMerge,
  npsResult,
  type ObservedStep,
  servqual,
} from '../src/metrics/index.js';

const day = 86_400_000;
const t0 = Date.UTC(2025, 2, 3); // Monday 3 March 2025
const pct = (x: number) => `${x.toFixed(1)} %`;

const sale = defineMachine({
  id: 'sale',
  version: 1,
  initial: 'approach',
  events: { NEXT: null, OBJECT: null, DECLINE: null },
  meta: {
    source:
      'The 8 Steps of Service, a common sales-and-service training framework; shortened for the demo',
  },
  states: {
    approach: { on: { NEXT: 'present' } },
    present: { on: { NEXT: 'close', OBJECT: 'handleObjections' } },
    handleObjections: { on: { NEXT: 'present' } },
    close: { on: { NEXT: 'followUp', DECLINE: 'followUp' } },
    followUp: { type: 'final' },
  },
});

/** Walks the scenario and logs one line per step. */
export function run(log: (line: string) => void): void {
  const answers = [10, 9, 9, 10, 8, 7, 6, 9, 10, 3, 8, 9, 10, 7, 5, 9, 10, 9, 8, 10];
  const score = nps(answers, { interval: true });
  if (score.kind === 'score' && score.interval) {
    log(
      `NPS over ${score.responses} answers: ${score.score.toFixed(1)} ` +
        `(${score.promoters.count} promoters, ${score.passives.count} passives, ${score.detractors.count} detractors; ` +
        `95 % interval ${score.interval.low.toFixed(1)} to ${score.interval.high.toFixed(1)})`,
    );
  }
  log(`NPS of a day with no answers: ${JSON.stringify(nps([]))}`);

  const east = npsAccumulator();
  const west = npsAccumulator();
  for (const [i, a] of answers.entries()) npsAdd(i % 2 === 0 ? east : west, a);
  const merged = npsResult(npsMerge(east, west));
  log(
    `two shards merged: ${merged.kind === 'score' ? merged.score.toFixed(1) : 'empty'} (same as the batch)`,
  );
  try {
    npsAdd(east, 11);
  } catch (error) {
    if (isMetricError(error)) log(`rejected: ${error.message}`);
  }

  const sat = csat([5, 4, 3, 5, null, 2, 4, null, 5], csatScales.fivePoint, { offered: 30 });
  if (sat.kind === 'score') {
    log(
      `CSAT: ${pct(sat.percent)} satisfied (4–5) of ${sat.rated} rated, ${sat.unrated} unrated; ` +
        `average ${sat.average?.toFixed(2)}; response rate ${pct(100 * (sat.responseRate?.share ?? 0))}`,
    );
  }
  const effort = ces([7, 6, 6, 5, 3, 7, 2], 2);
  if (effort.kind === 'score') {
    log(
      `CES v2 (higher is easier): average ${effort.average.toFixed(2)}, ${effort.easy.count} of ${effort.responses} found it easy`,
    );
  }

  const contacts = [
    { customer: 'ana', at: t0 + 9 * 3_600_000 },
    { customer: 'bo', at: t0 + 10 * 3_600_000, issue: 'refund' },
    { customer: 'ana', at: t0 + 2 * day }, // ana is back within 7 days
    { customer: 'bo', at: t0 + 3 * day, issue: 'delivery' }, // a different issue
    { customer: 'cy', at: t0 + 6 * day },
  ];
  const first = fcr(
    contacts,
    { method: 'repeat', windowMs: 7 * day },
    { observedUntil: t0 + 10 * day },
  );
  if (first.kind === 'rate') {
    log(
      `FCR (no repeat within 7 days): ${first.resolved.count} of ${first.contacts} = ${pct(first.percent)}; ` +
        `${first.excluded} still inside the window`,
    );
  }
  const handle = aht([
    { talkMs: 240_000, holdMs: 30_000, afterWorkMs: 90_000 },
    { talkMs: 420_000, holdMs: 120_000, afterWorkMs: 60_000 },
    { talkMs: 180_000, holdMs: 0, afterWorkMs: 30_000 },
  ]);
  if (handle.kind === 'average') {
    log(
      `AHT over ${handle.handled} handled contacts: ${(handle.averageMs / 60_000).toFixed(2)} min`,
    );
  }

  const gaps = servqual([
    { item: 'promises-kept', dimension: 'reliability', expectation: 7, perception: 5 },
    { item: 'promises-kept', dimension: 'reliability', expectation: 6, perception: 5 },
    { item: 'prompt-reply', dimension: 'responsiveness', expectation: 6, perception: 6 },
    { item: 'individual-care', dimension: 'empathy', expectation: 5, perception: 6 },
  ]);
  if (gaps.kind === 'gaps') {
    for (const d of gaps.dimensions)
      log(`SERVQUAL ${d.dimension}: gap ${d.gap >= 0 ? '+' : ''}${d.gap.toFixed(2)}`);
  }

  const moments = momentsOfTruth(sale, {
    'approach->present': 'greeting',
    'present->handleObjections': 'first objection',
    'close->followUp': 'the close',
  });
  log(
    `moments of truth on '${moments.machine}': ${moments.moments.map((m) => `${m.from} -${m.event}-> ${m.to} (${m.id})`).join(', ')}`,
  );
  const walk = (plan: readonly [EventFrom<typeof sale>['type'], MomentOutcome?][]) => {
    let snap = initialSnapshot(sale);
    const observed: { step: ObservedStep; outcome?: MomentOutcome }[] = [];
    for (const [type, outcome] of plan) {
      const result = transition(sale, snap, { type });
      if (!result.ok) throw new Error(result.error.message);
      snap = result.snapshot;
      observed.push(outcome === undefined ? { step: result.step } : { step: result.step, outcome });
    }
    return assessSteps(moments, observed);
  };
  const visits = [
    walk([['NEXT', 'positive'], ['NEXT'], ['NEXT', 'positive']]),
    walk([
      ['NEXT', 'positive'],
      ['OBJECT', 'negative'],
      ['NEXT'],
      ['NEXT'],
      ['DECLINE', 'neutral'],
    ]),
  ];
  const report = momentOutcomes(visits);
  if (report.kind === 'moments') {
    for (const m of report.moments) {
      log(`  ${m.id}: +${m.positive} −${m.negative} ·${m.neutral}`);
    }
    const h = report.health;
    if (h.kind === 'balance') {
      log(
        `relationship health at ${h.ratio}:1: ${h.positive} good vs ${h.negative} bad needs ${h.required} good; ` +
          `${h.healthy ? 'healthy' : `short by ${-h.surplus}`}`,
      );
    }
  }
}
