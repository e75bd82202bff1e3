/**
 * The core engine on its own: a support ticket defined from scratch, driven event by event,
 * refused where it should be, stored as JSON and restored, then replayed from its log.
 */
import * as z from 'zod';
import {
  defineMachine,
  type EventFrom,
  initialSnapshot,
  replay,
  restoreSnapshot,
  toMermaid,
  transition,
} from '../src/index.js';

const ticket = defineMachine({
  id: 'ticket',
  version: 1,
  initial: 'new',
  context: z.object({
    assignee: z.string().nullable().default(null),
    replies: z.number().int().nonnegative().default(0),
    lastAt: z.number().int().nullable().default(null),
  }),
  events: {
    ASSIGN: z.object({ agent: z.string().min(1), at: z.number().int() }),
    REPLY: z.object({ text: z.string().min(1), at: z.number().int() }),
    SOLVE: z.object({ at: z.number().int() }),
    REOPEN: z.object({ at: z.number().int() }),
    CLOSE: null,
  },
  guards: {
    hasAssignee: ({ context }) => context.assignee !== null,
    answered: ({ context }) => context.replies > 0,
  },
  states: {
    new: {
      description: 'Waiting for an agent',
      on: {
        ASSIGN: {
          target: 'open',
          update: ({ context, event }) => ({ ...context, assignee: event.agent, lastAt: event.at }),
        },
      },
    },
    open: {
      description: 'An agent is working on it',
      on: {
        REPLY: {
          target: 'open',
          update: ({ context, event }) => ({
            ...context,
            replies: context.replies + 1,
            lastAt: event.at,
          }),
        },
        SOLVE: { target: 'solved', guard: 'answered' },
      },
    },
    solved: {
      on: { REOPEN: { target: 'open', guard: 'hasAssignee' }, CLOSE: 'closed' },
    },
    closed: { type: 'final' },
  },
});

type TicketEvent = EventFrom<typeof ticket>;

export function run(log: (line: string) => void): void {
  const t0 = Date.UTC(2026, 10, 22, 9, 0);
  const minute = 60_000;
  const events = [
    { type: 'REPLY', text: 'Hello?', at: t0 },
    { type: 'ASSIGN', agent: 'ana', at: t0 + minute },
    { type: 'SOLVE', at: t0 + 2 * minute },
    { type: 'REPLY', text: '', at: t0 + 3 * minute },
    { type: 'REPLY', text: 'Your refund is on its way.', at: t0 + 4 * minute },
    { type: 'SOLVE', at: t0 + 5 * minute },
    { type: 'ESCALATE' },
    { type: 'CLOSE' },
    { type: 'REOPEN', at: t0 + 6 * minute },
  ] as unknown as TicketEvent[]; // two of these are deliberately wrong: they come from outside

  log('A support ticket, one event at a time:');
  let snapshot = initialSnapshot(ticket);
  const accepted: TicketEvent[] = [];
  for (const event of events) {
    const result = transition(ticket, snapshot, event);
    if (result.ok) {
      accepted.push(event);
      snapshot = result.snapshot;
      log(`  ✓ ${result.step.event.padEnd(8)} ${result.step.from} → ${result.step.to}`);
    } else {
      log(
        `  ✗ ${String((event as { type: string }).type).padEnd(8)} ${result.error.code}: ${result.error.message}`,
      );
    }
  }
  log(`  final snapshot: ${JSON.stringify(snapshot)}`);

  const stored = JSON.stringify(snapshot);
  const restored = restoreSnapshot(ticket, JSON.parse(stored));
  log(
    `Restored from JSON: ${restored.ok ? `ok, state '${restored.snapshot.state}'` : restored.error.message}`,
  );
  const tampered = restoreSnapshot(ticket, { ...JSON.parse(stored), state: 'deleted' });
  log(`A tampered copy: ${tampered.ok ? 'accepted (bug!)' : tampered.error.message}`);

  const again = replay(ticket, accepted);
  log(
    `Replaying the ${accepted.length} accepted events gives the same snapshot: ${again.ok && JSON.stringify(again.snapshot) === stored}`,
  );
  log('The machine as a Mermaid diagram:');
  for (const line of toMermaid(ticket).split('\n')) log(`  ${line}`);
}
