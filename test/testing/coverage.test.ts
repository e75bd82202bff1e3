import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverage, formatCoverage, transitionCover } from '../../src/testing/index.js';
import { steps, ticket } from '../core/fixtures.js';
import { door, pointsWallet } from './machines.js';

describe('coverage', () => {
  it('reports visited and never-visited states and transitions', () => {
    expect(coverage(door, [[{ type: 'OPEN' }], []])).toEqual({
      machine: 'door',
      totals: { logs: 2, events: 1 },
      states: {
        counts: { closed: 2, open: 1 },
        visited: ['closed', 'open'],
        never: [],
        percent: 100,
      },
      transitions: {
        edges: [
          { from: 'closed', event: 'OPEN', to: 'open', updates: false, index: 0, count: 1 },
          { from: 'open', event: 'CLOSE', to: 'closed', updates: false, index: 0, count: 0 },
        ],
        taken: [{ from: 'closed', event: 'OPEN', to: 'open', updates: false, index: 0 }],
        never: [{ from: 'open', event: 'CLOSE', to: 'closed', updates: false, index: 0 }],
        percent: 50,
      },
      refused: [],
    });
  });

  it('counts a REFUSED event (a guard or update returning a refusal) as refused', () => {
    const report = coverage(pointsWallet, [
      [{ type: 'EARN', points: 90 }, { type: 'EARN', points: 20 }, { type: 'CLOSE' }],
      [{ type: 'REDEEM', points: 1 }],
    ]);
    expect(report.refused.map((r) => [r.log, r.index, r.error.code, r.error.reason?.code])).toEqual(
      [
        [0, 1, 'REFUSED', 'CAP_REACHED'],
        [1, 0, 'REFUSED', 'INSUFFICIENT_POINTS'],
      ],
    );
    expect(report.totals).toEqual({ logs: 2, events: 1 });
    expect(formatCoverage(report)).toContain(
      "refused: log #2, event #1: Event REDEEM was refused in state 'active' (INSUFFICIENT_POINTS): The balance is 0 points.",
    );
  });

  it('records a refused event and stops that log there', () => {
    const report = coverage(ticket, [
      [{ type: 'SOLVE' }, { type: 'ASSIGN', agent: 'ana' }],
      [{ type: 'ASSIGN', agent: 'ana' }, { type: 'SOLVE' }],
    ]);
    expect(report.refused).toEqual([
      {
        log: 0,
        index: 0,
        error: expect.objectContaining({ code: 'GUARD_REJECTED', state: 'open', event: 'SOLVE' }),
      },
    ]);
    expect(report.totals).toEqual({ logs: 2, events: 2 });
    expect(report.states.never).toEqual(['closed']);
    expect(report.transitions.never.map((e) => `${e.from} ${e.event}`)).toEqual([
      'open REPLY',
      'solved REOPEN',
      'solved CLOSE',
    ]);
    expect(report.states.percent).toBe(66.7);
    expect(report.transitions.percent).toBe(40);
  });

  it('formats a readable summary', () => {
    const report = coverage(ticket, [
      [{ type: 'SOLVE' }],
      [{ type: 'ASSIGN', agent: 'ana' }, { type: 'SOLVE' }],
    ]);
    expect(formatCoverage(report)).toBe(
      [
        "Coverage of 'ticket' from 2 logs (2 events):",
        '  states: 2/3 (66.7%); never visited: closed',
        '  transitions: 2/5 (40%); never taken: open --REPLY--> open, solved --REOPEN--> open, solved --CLOSE--> closed [answered]',
        "  refused: log #1, event #1: Event SOLVE was rejected in state 'open': guard 'assigned' returned false; events accepted now: REPLY, ASSIGN.",
      ].join('\n'),
    );
  });

  it('reports full coverage for the generated transition-covering paths', () => {
    for (const machine of [steps, ticket, door]) {
      const logs = transitionCover(machine).paths.map((p) => p.events);
      const report = coverage(machine, logs as never);
      expect(report.transitions.percent).toBe(100);
      expect(report.states.never).toEqual([]);
      expect(report.refused).toEqual([]);
    }
  });

  it('counts each accepted event once (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.constantFrom({ type: 'NEXT' as const }, { type: 'SKIP' as const }), {
            maxLength: 12,
          }),
          { maxLength: 5 },
        ),
        (logs) => {
          const report = coverage(steps, logs);
          const edgeTotal = report.transitions.edges.reduce((sum, e) => sum + e.count, 0);
          const stateTotal = Object.values(report.states.counts).reduce((sum, n) => sum + n, 0);
          expect(edgeTotal).toBe(report.totals.events);
          expect(stateTotal).toBe(report.totals.events + logs.length);
          expect(report.refused.length).toBeLessThanOrEqual(logs.length);
        },
      ),
    );
  });
});
