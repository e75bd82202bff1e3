/**
 * Demo: a live 8-steps interaction driven step by step, then the scorecard of a flawed recorded
 * one, then the five-stage cycle refusing delivery before agreement.
 */
import { fiveStageCycle } from '../src/cycles/index.js';
import { assessInteraction, eightStepsOfService } from '../src/frameworks/index.js';
import { createFlow, replayOrThrow, transition } from '../src/index.js';

const min = 60_000;
const t0 = Date.UTC(2025, 2, 14, 10, 0);

export function run(log: (line: string) => void): void {
  log('Live: 8 Steps of Service at a bike shop (agent: sam)');
  const flow = createFlow(eightStepsOfService.machine);
  const live = [
    { type: 'approach', at: t0, actor: 'sam', channel: 'store' },
    { type: 'determineNeeds', at: t0 + 2 * min },
    { type: 'QUALITY', quality: 'activeListening', at: t0 + 3 * min },
    { type: 'present', at: t0 + 6 * min },
    { type: 'handleObjections', at: t0 + 9 * min, note: 'worried about the price' },
    { type: 'present', at: t0 + 11 * min, note: 'shows the previous model' },
    { type: 'QUALITY', quality: 'productKnowledge', at: t0 + 12 * min },
    { type: 'close', at: t0 + 14 * min },
    { type: 'perform', at: t0 + 15 * min },
    { type: 'sold', at: t0 + 15 * min },
    { type: 'perform', at: t0 + 16 * min },
  ] as const;
  for (const event of live) {
    const result = flow.send(event);
    log(
      result.ok
        ? `  ${event.type.padEnd(16)} -> ${result.snapshot.state}`
        : `  ${event.type.padEnd(16)} refused: ${result.error.code}: ${result.error.message}`,
    );
  }
  const early = transition(eightStepsOfService.machine, flow.snapshot(), {
    type: 'END',
    at: t0 + 17 * min,
  });
  if (!early.ok) log(`  END              refused: ${early.error.message}`);
  for (const type of ['followUp', 'satisfied', 'askReferrals', 'END'] as const) {
    flow.send({ type, at: t0 + 3 * 24 * 60 * min });
  }
  const done = flow.snapshot();
  log(
    `  ...followUp, satisfied, askReferrals, END -> ${done.state} (present done ${done.context.counts.present} times)`,
  );

  log('');
  log('Recorded: a flawed call, checked after the fact');
  const record = {
    framework: 'eightStepsOfService',
    id: 'call-0042',
    events: [
      { kind: 'step', id: 'approach', at: t0 },
      { kind: 'step', id: 'present', at: t0 + 1 * min },
      { kind: 'quality', id: 'productKnowledge', at: t0 + 3 * min },
      { kind: 'step', id: 'close', at: t0 + 5 * min },
      { kind: 'outcome', id: 'notNow', at: t0 + 6 * min },
      { kind: 'step', id: 'perform', at: t0 + 7 * min },
      { kind: 'step', id: 'askReferrals', at: t0 + 8 * min },
    ],
  };
  const result = assessInteraction(eightStepsOfService, record);
  if (!result.ok) {
    log(`  unreadable record: ${result.error.message}`);
    return;
  }
  const card = result.scorecard;
  const b = card.breakdown;
  log(
    `  score ${card.score}/100 (mandatory ${b.mandatory.earned}/${b.mandatory.possible}, order ${b.order.earned}/${b.order.possible}, qualities ${b.qualities.earned}/${b.qualities.possible}, repeats ${b.repeats.earned}/${b.repeats.possible})`,
  );
  log(`  sequence: ${card.sequence.join(' > ')}`);
  log(`  missing mandatory: ${card.missingMandatory.join(', ')}`);
  for (const s of card.skipped)
    log(`  skipped ${s.step} at event #${s.index} (${s.from} -> ${s.to})`);
  for (const o of card.outOfOrder)
    log(
      `  out of order at event #${o.index}: ${o.step} after ${o.after} (allowed: ${o.allowed.join(', ') || 'an outcome first'})`,
    );
  log(
    `  qualities seen: ${card.qualities.seen.join(', ')}; missing: ${card.qualities.missing.join(', ')}`,
  );
  log(
    `  moments of truth: ${card.momentsOfTruth.map((m) => `${m.step}${m.hit ? `(${m.outcome ?? 'hit'})` : '(missed)'}`).join(', ')}`,
  );

  log('');
  log('Five-stage cycle: agreement is a gate');
  const agreeing = replayOrThrow(fiveStageCycle.machine, [
    { type: 'welcoming', at: t0 },
    { type: 'understanding', at: t0 + min },
    { type: 'agreeing', at: t0 + 4 * min },
  ]);
  const refused = transition(fiveStageCycle.machine, agreeing, {
    type: 'delivering',
    at: t0 + 5 * min,
  });
  if (!refused.ok) log(`  delivering refused: ${refused.error.message}`);
}
