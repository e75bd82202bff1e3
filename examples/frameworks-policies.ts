/**
 * Demo: a returns policy written as a framework, with data guards (how long a return is allowed
 * depends on the member's tier and on the receipt), three branches each with its own required
 * step, and action aliases as they appear in chat logs. One chat is refused live, then three
 * recorded chats are scored: one that follows the policy, one with an off-script action, and one
 * that skipped the step its branch requires.
 */
import * as z from 'zod';
import { assessInteraction, defineFramework } from '../src/frameworks/index.js';
import { initialSnapshot, replayOrThrow, transition } from '../src/index.js';

/** The returns desk of an online shop: refund, exchange or decline, by tier, age and receipt. */
export const returnsDesk = defineFramework({
  id: 'returnsDesk',
  name: 'Returns desk (chat)',
  source: 'Example policy written for this demo',
  data: z.object({
    tier: z.enum(['standard', 'gold']),
    daysSincePurchase: z.number().int().nonnegative(),
    receipt: z.boolean(),
  }),
  guards: {
    withinWindow: ({ data, refuse }) => {
      const window = data.tier === 'gold' ? 90 : 30;
      return (
        data.daysSincePurchase <= window ||
        refuse(
          `A ${data.tier} member may return within ${window} days; this purchase is ${data.daysSincePurchase} days old.`,
          { window, days: data.daysSincePurchase },
        )
      );
    },
    hasReceipt: ({ data, refuse }) =>
      data.receipt || refuse('A refund needs the receipt; offer an exchange instead.'),
  },
  steps: [
    { id: 'greet', description: 'Greet the customer by name.', aliases: ['say-hello'] },
    { id: 'findOrder', description: 'Find the order and the item.', aliases: ['lookup-order'] },
    {
      id: 'decide',
      description: 'Decide what the policy allows and tell the customer.',
      outcomes: {
        approveRefund: { to: 'refund', requires: ['refund'], guard: 'withinWindow' },
        approveExchange: { to: 'exchange', requires: ['exchange'], guard: 'withinWindow' },
        decline: { to: 'explain', requires: ['explain'] },
      },
    },
    {
      id: 'refund',
      description: 'Refund to the original payment method.',
      mandatory: false,
      guard: 'hasReceipt',
      aliases: ['issue-refund'],
    },
    {
      id: 'exchange',
      description: 'Send the replacement and a return label.',
      mandatory: false,
    },
    {
      id: 'explain',
      description: 'Explain why the return is declined and what the customer can do instead.',
      mandatory: false,
    },
    { id: 'confirm', description: 'Confirm in writing what happens next.' },
  ],
  qualities: [{ id: 'plainWords', description: 'No policy jargon; one thing at a time.' }],
});

/** Three recorded chats: events as the chat tool logs them, with the customer's data. */
export const chats = {
  conforming: {
    framework: 'returnsDesk',
    id: 'chat-101',
    data: { tier: 'gold', daysSincePurchase: 60, receipt: true },
    events: [
      { kind: 'step', id: 'say-hello', at: 0 },
      { kind: 'step', id: 'lookup-order', at: 40_000 },
      { kind: 'step', id: 'decide', at: 95_000 },
      { kind: 'quality', id: 'plainWords', at: 100_000 },
      { kind: 'outcome', id: 'approveRefund', at: 110_000 },
      { kind: 'step', id: 'issue-refund', at: 150_000 },
      { kind: 'step', id: 'confirm', at: 170_000 },
    ],
  },
  offScript: {
    framework: 'returnsDesk',
    id: 'chat-102',
    data: { tier: 'standard', daysSincePurchase: 12, receipt: false },
    events: [
      { kind: 'step', id: 'say-hello', at: 0 },
      { kind: 'step', id: 'lookup-order', at: 30_000 },
      { kind: 'step', id: 'offer-coupon', at: 50_000 },
      { kind: 'step', id: 'decide', at: 80_000 },
      { kind: 'quality', id: 'plainWords', at: 85_000 },
      { kind: 'outcome', id: 'approveExchange', at: 90_000 },
      { kind: 'step', id: 'exchange', at: 120_000 },
      { kind: 'step', id: 'confirm', at: 140_000 },
    ],
  },
  skippedRequired: {
    framework: 'returnsDesk',
    id: 'chat-103',
    data: { tier: 'standard', daysSincePurchase: 45, receipt: true },
    events: [
      { kind: 'step', id: 'say-hello', at: 0 },
      { kind: 'step', id: 'lookup-order', at: 25_000 },
      { kind: 'step', id: 'decide', at: 70_000 },
      { kind: 'outcome', id: 'approveRefund', at: 72_000 },
      { kind: 'outcome', id: 'decline', at: 75_000 },
      { kind: 'step', id: 'confirm', at: 90_000 },
    ],
  },
} as const;

export function run(log: (line: string) => void): void {
  log('Live: a standard member asks to return an item bought 45 days ago');
  const m = returnsDesk.machine;
  const data = { tier: 'standard', daysSincePurchase: 45, receipt: true } as const;
  const decided = replayOrThrow(
    m,
    [
      { type: 'greet', at: 0 },
      { type: 'findOrder', at: 20_000 },
      { type: 'decide', at: 60_000 },
    ],
    initialSnapshot(m, { data }),
  );
  const refused = transition(m, decided, { type: 'approveRefund', at: 65_000 });
  if (!refused.ok) {
    log(`  approveRefund refused: ${refused.error.reason?.code}: ${refused.error.reason?.message}`);
  }
  const declined = transition(m, decided, { type: 'decline', at: 65_000 });
  if (declined.ok) log(`  decline -> ${declined.snapshot.state}`);

  for (const [name, record] of Object.entries(chats)) {
    log('');
    const result = assessInteraction(returnsDesk, record);
    if (!result.ok) {
      log(`${record.id}: unreadable record: ${result.error.message}`);
      continue;
    }
    const card = result.scorecard;
    log(`${record.id} (${name}): score ${card.score}/100, can end: ${card.canEnd}`);
    log(`  steps: ${card.sequence.join(' > ')}`);
    log(`  required for the branch taken: ${card.required.join(', ')}`);
    if (card.missingMandatory.length > 0) log(`  missing: ${card.missingMandatory.join(', ')}`);
    for (const s of card.skipped)
      log(`  skipped ${s.step} at event #${s.index} (${s.from} -> ${s.to})`);
    for (const o of card.offScript) log(`  off-script at event #${o.index}: ${o.action}`);
    for (const r of card.refused) log(`  refused at event #${r.index}: ${r.id} (${r.code})`);
  }
}
