// biome-ignore-all format: the first code block of docs/guides/complaints.md, verbatim but for the import path

import { complaintStatus, iso10002Lifecycle, overdue } from '../../src/complaints/index.js';
import { initialSnapshot, transition, transitionOrThrow } from '../../src/index.js';

const t = (minutes: number) => Date.UTC(2028, 1, 28, 22, 30) + minutes * 60_000;
const m = iso10002Lifecycle;

let s = transitionOrThrow(m, initialSnapshot(m), {
  type: 'RECEIVE', at: t(0), by: 'chatbot', id: 'C-2028-0042', channel: 'chat',
  summary: 'Blender arrived with a cracked jug', remedySought: 'Full refund',
  owner: { id: 'chatbot', level: 'bot' },
});
s = transitionOrThrow(m, s, { type: 'ACKNOWLEDGE', at: t(1), by: 'chatbot' });
s = transitionOrThrow(m, s, {
  type: 'ASSESS', at: t(2), by: 'chatbot',
  severity: 'medium', complexity: 'low', impact: 'low', urgency: 'medium', safety: 'low',
});
s = transitionOrThrow(m, s, { type: 'ATTEMPT_FAILED', at: t(3), by: 'chatbot', note: 'replacement declined' });
s = transitionOrThrow(m, s, { type: 'ATTEMPT_FAILED', at: t(4), by: 'chatbot', note: 'store credit declined' });
s = transitionOrThrow(m, s, {
  type: 'ESCALATE', at: t(5), by: 'chatbot', to: { id: 'sam', level: 'agent' },
  trigger: { kind: 'failedAttempts' }, reason: 'BOT_CANNOT_REFUND',
  handoff: { summary: 'Cracked jug; wants a refund', stepsAttempted: ['replacement', 'store credit'] },
});
// EUR 120.00 is above the agent's EUR 50.00 limit: the case waits for approval.
s = transitionOrThrow(m, s, {
  type: 'RESPOND', at: t(20), by: 'sam',
  closure: { kind: 'monetaryRemedy', amount: { amount: 12_000, currency: 'EUR' } },
});
// 'SAM' is sam once normalised (see normalizeActorId): a self-approval, refused; s is unchanged.
const self = transition(m, s, { type: 'APPROVE_REMEDY', at: t(21), by: 'SAM', level: 'manager' });
if (!self.ok && self.error.reason?.code === 'SELF_APPROVAL') {
  self.error.reason.details; // { proposedBy: 'sam', approver: 'SAM', amount: 12000, currency: 'EUR' }
}
s = transitionOrThrow(m, s, { type: 'APPROVE_REMEDY', at: t(30), by: 'mia', level: 'manager' });
s = transitionOrThrow(m, s, { type: 'COMMUNICATE_DECISION', at: t(35), by: 'sam' });
s = transitionOrThrow(m, s, { type: 'ACCEPT', at: t(90), by: 'customer' });

complaintStatus(s).stage; // 'closed'
overdue(s, t(90)); // []

export const guideResult = { status: complaintStatus(s), breaches: overdue(s, t(90)), self };
