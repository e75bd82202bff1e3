/**
 * Loyalty demo: a coffee-club member moves up to gold, redeems, gets a refund clawed back, and
 * drops one tier at the year's end.
 */
import { initialSnapshot, transition } from '../src/index.js';
import {
  defineLoyaltyProgram,
  defineTierLadder,
  explain,
  type MembershipEvent,
  pointsToKeepTier,
  pointsToNextTier,
  upcomingExpiries,
} from '../src/loyalty/index.js';

export const coffeeClub = defineLoyaltyProgram({
  ladder: defineTierLadder({
    id: 'coffee-club',
    qualifyBy: ['points', 'visits'],
    tiers: [
      { id: 'green', perks: ['birthday-drink'] },
      {
        id: 'silver',
        threshold: { points: 500, visits: 20 },
        multiplier: 125,
        perks: ['birthday-drink', 'free-refill'],
      },
      {
        id: 'gold',
        threshold: { points: 1_500, visits: 60 },
        multiplier: 150,
        perks: ['birthday-drink', 'free-refill', 'early-access'],
      },
    ],
  }),
  policy: {
    downgrade: 'oneStep',
    expiry: { kind: 'endOfYear', years: 1 },
    earn: { points: 1, per: 100 },
  },
});

/** Walks the scenario and logs a readable trace. */
export function run(log: (line: string) => void): void {
  const program = coffeeClub;
  let member = initialSnapshot(program.machine);
  const day = (m: number, d: number, y = 2025) => Date.UTC(y, m - 1, d, 9);
  const date = (at: number) => new Date(at).toISOString().slice(0, 10);
  const send = (event: MembershipEvent, note: string) => {
    const result = transition(program.machine, member, event);
    if (!result.ok) {
      // A domain refusal carries its typed reason; anything else is an engine issue.
      const reason = result.error.reason;
      log(
        `${date(event.at)} ${event.type}: refused [${reason?.code ?? result.error.code}] ${reason?.message ?? result.error.message}`,
      );
      return;
    }
    const same =
      result.snapshot.context === member.context ||
      JSON.stringify(result.snapshot) === JSON.stringify(member);
    member = result.snapshot;
    const c = member.context;
    log(
      `${date(event.at)} ${event.type} ${note}: tier ${c.tier}, balance ${c.balance}${same ? ' (retry, nothing changed)' : ''}`,
    );
  };

  log(
    `Programme ${program.ladder.id}: ${program.ladder.tiers.map((t) => `${t.id} ×${t.multiplier / 100}`).join(', ')}; downgrade ${program.policy.downgrade}`,
  );
  send({ type: 'ENROLL', key: 'enroll-ana', at: day(1, 5) }, 'Ana joins');
  send(
    { type: 'PURCHASE', key: 'pos-1001', at: day(2, 3), order: 'R-1001', amount: 42_000 },
    'catering order 420.00',
  );
  const next = pointsToNextTier(program, member, day(2, 3));
  log(
    `  next tier ${next?.tier.id}: ${next?.missing.points} more points or ${next?.missing.visits} more visits`,
  );
  send(
    { type: 'PURCHASE', key: 'pos-1002', at: day(3, 14), order: 'R-1002', amount: 120_000 },
    'office coffee contract 1200.00',
  );
  send(
    { type: 'PURCHASE', key: 'pos-1002', at: day(3, 14), order: 'R-1002', amount: 120_000 },
    'the till retries the same request',
  );
  send(
    { type: 'PURCHASE', key: 'pos-1002', at: day(3, 14), order: 'R-1003', amount: 500 },
    'a buggy till reuses the key',
  );
  send({ type: 'REDEEM', key: 'app-77', at: day(4, 2), points: 5_000 }, 'asks for too much');
  send(
    { type: 'REDEEM', key: 'app-78', at: day(4, 2), points: 800 },
    'redeems a coffee machine voucher',
  );
  send(
    { type: 'REFUND', key: 'pos-2001', at: day(4, 20), order: 'R-1002', amount: 60_000 },
    'half the contract is refunded',
  );
  log(
    `  clawed back ${member.context.totals.clawedBack} points (never more than the order earned)`,
  );
  const keep = pointsToKeepTier(program, member, day(9, 1));
  log(
    `  to keep ${keep?.tier.id} by ${keep ? date(keep.by - 1) : '-'}: ${keep?.missing.points} points or ${keep?.missing.visits} visits`,
  );
  send({ type: 'PERIOD_END', key: 'close-2025', at: day(1, 1, 2026) }, 'year-end review');
  for (const line of explain(program, member).lines) log(`  ${line}`);
  for (const e of upcomingExpiries(member, day(1, 1, 2026), 366))
    log(`  ${e.points} points expire on ${date(e.at)}`);
  send(
    { type: 'PERIOD_END', key: 'close-2026', at: day(1, 1, 2027) },
    'a quiet 2026 ends, points expire',
  );
}
