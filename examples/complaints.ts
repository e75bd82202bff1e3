/**
 * Demo: a chat complaint that a bot cannot settle. After two failed attempts the bot escalates to
 * an agent with a handoff package; the agent's refund is above the agent's limit, so the agent
 * cannot approve it alone and a manager does. The decision is communicated and accepted.
 */
import {
  type ComplaintCaseEvent,
  type ComplaintCaseSnapshot,
  complaintStatus,
  type DefaultEscalationLevel,
  formatMoney,
  iso10002Lifecycle,
  overdue,
} from '../src/complaints/index.js';
import { initialSnapshot, transition } from '../src/index.js';

const minute = 60_000;
const t0 = Date.UTC(2028, 1, 28, 22, 30); // 28 Feb 2028, 22:30 UTC: deadlines cross a leap day

/** Walks the scenario and logs one line per step. */
export function run(log: (line: string) => void): void {
  let snap: ComplaintCaseSnapshot<DefaultEscalationLevel> = initialSnapshot(iso10002Lifecycle);
  const at = (minutes: number) => t0 + minutes * minute;
  const send = (event: ComplaintCaseEvent<DefaultEscalationLevel>) => {
    const result = transition(iso10002Lifecycle, snap, event);
    if (result.ok) {
      snap = result.snapshot;
      const owner = snap.context.owner;
      log(
        `  ${event.type.padEnd(20)} by ${event.by.padEnd(8)} → ${snap.state} (owner ${owner?.id}@${owner?.level})`,
      );
    } else {
      log(
        `  ${event.type.padEnd(20)} by ${event.by.padEnd(8)} ✗ ${result.error.code} [${result.error.reason?.code ?? '-'}]`,
      );
      log(`    ${result.error.message}`);
    }
  };

  log('Complaint case (ISO 10002 lifecycle, default ladder and EUR limits)');
  send({
    type: 'RECEIVE',
    at: at(0),
    by: 'chatbot',
    id: 'C-2028-0042',
    channel: 'chat',
    summary: 'Blender arrived with a cracked jug',
    remedySought: 'Full refund',
    owner: { id: 'chatbot', level: 'bot' },
  });
  const due = snap.context.due;
  if (due) {
    log(
      `  deadlines: acknowledge by ${new Date(due.acknowledgeBy).toISOString()}, respond by ${new Date(due.respondBy).toISOString()}`,
    );
  }
  send({ type: 'ACKNOWLEDGE', at: at(1), by: 'chatbot' });
  send({
    type: 'ASSESS',
    at: at(2),
    by: 'chatbot',
    severity: 'medium',
    complexity: 'low',
    impact: 'low',
    urgency: 'medium',
    safety: 'low',
  });
  send({
    type: 'ESCALATE',
    at: at(3),
    by: 'chatbot',
    to: { id: 'sam', level: 'agent' },
    trigger: { kind: 'failedAttempts' },
    reason: 'BOT_CANNOT_REFUND',
    handoff: { summary: 'Cracked jug, wants refund', stepsAttempted: [] },
  });
  send({
    type: 'ATTEMPT_FAILED',
    at: at(4),
    by: 'chatbot',
    note: 'Offered a replacement jug; declined',
  });
  send({
    type: 'ATTEMPT_FAILED',
    at: at(5),
    by: 'chatbot',
    note: 'Offered store credit; declined',
  });
  send({
    type: 'ESCALATE',
    at: at(6),
    by: 'chatbot',
    to: { id: 'sam', level: 'agent' },
    trigger: { kind: 'failedAttempts' },
    reason: 'BOT_CANNOT_REFUND',
    handoff: {
      summary: 'Cracked jug on delivery; customer wants a full refund',
      stepsAttempted: ['replacement jug', 'store credit'],
    },
  });
  send({
    type: 'RESPOND',
    at: at(20),
    by: 'sam',
    closure: {
      kind: 'monetaryRemedy',
      amount: { amount: 12_000, currency: 'EUR' },
      explanation: 'Refund of the full price',
    },
  });
  send({ type: 'APPROVE_REMEDY', at: at(21), by: 'sam', level: 'agent' });
  send({ type: 'APPROVE_REMEDY', at: at(30), by: 'mia', level: 'manager' });
  const approved = snap.context.decision;
  if (approved?.closure.kind === 'monetaryRemedy') {
    log(
      `  approved ${formatMoney(approved.closure.amount)} by ${approved.approvedBy?.id} (${approved.approvedBy?.level})`,
    );
  }
  send({ type: 'COMMUNICATE_DECISION', at: at(35), by: 'sam' });
  const status = complaintStatus(snap);
  log(`  customer sees: [${status.stage}] ${status.message}`);
  send({ type: 'ACCEPT', at: at(90), by: 'customer' });
  log(`  customer sees: [${complaintStatus(snap).stage}] ${complaintStatus(snap).message}`);
  log(
    `  breaches at close: ${overdue(snap, at(90)).length}; escalations: ${snap.context.escalations}`,
  );
}
