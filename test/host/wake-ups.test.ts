/**
 * Wake-ups through the reference host, on a small machine of this test's own with a `wakeUp` rule
 * (a hold that expires 60 s after the last HOLD). The host is generic: a complaint case or a
 * loyalty programme that declares `wakeUp` is scheduled the same way.
 */

import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  type Command,
  createHost,
  type Database,
  type DueWakeUp,
  type Host,
} from '../../examples/host/index.js';
import {
  defineMachine,
  initialSnapshot,
  nextWakeUp,
  type Snapshot,
  transition,
} from '../../src/index.js';
import { checkHost, type Ledger } from './load-run.js';
import { backendRows, prng } from './support.js';

const holdFor = 60_000;
const hold = defineMachine({
  id: 'hold',
  version: 1,
  initial: 'idle',
  context: z.object({
    until: z.number().nullable().default(null),
    expiries: z.number().int().nonnegative().default(0),
  }),
  events: { HOLD: z.object({ at: z.number() }), EXPIRE: z.object({ at: z.number() }) },
  refusals: { NOT_DUE: 'The hold was extended: this expiry is no longer due.' },
  states: {
    idle: {
      on: {
        HOLD: {
          target: 'held',
          update: ({ context, event }) => ({ ...context, until: event.at + holdFor }),
        },
      },
    },
    held: {
      on: {
        HOLD: {
          target: 'held',
          update: ({ context, event }) => ({ ...context, until: event.at + holdFor }),
        },
        EXPIRE: {
          target: 'idle',
          update: ({ context, event, refuse }) =>
            context.until === null || event.at < context.until
              ? refuse(
                  'NOT_DUE',
                  `Held until ${context.until}; the expiry at ${event.at} is stale.`,
                )
              : { until: null, expiries: context.expiries + 1 },
        },
      },
    },
  },
  wakeUp: ({ state, context }) =>
    state === 'held' && context.until !== null
      ? { at: context.until, event: { type: 'EXPIRE', at: context.until }, reason: 'hold.expiry' }
      : undefined,
});

const tick = 30_000;

describe.each(backendRows)('host wake-ups on $name', ({ backend }) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  async function open(): Promise<Host> {
    db = await (backend as NonNullable<typeof backend>).open(10);
    return createHost(db, { machines: [hold] });
  }

  it.skipIf(!backend)(
    'concurrent claims never hand the same row to two workers',
    async () => {
      const host = await open();
      for (let i = 0; i < 40; i++) {
        await host.create(`h-${i}`, 'hold');
        await host.apply(`h-${i}`, `h-${i}:hold`, { type: 'HOLD', at: i });
      }
      const claims = await Promise.all(
        [1, 2, 3, 4].map((w) => host.claimDueWakeUps(holdFor + 100, 15, { worker: `w${w}` })),
      );
      const claimed = claims.flat().map((c) => c.streamId);
      expect(claimed).toHaveLength(40);
      expect(new Set(claimed).size).toBe(40);
      // A live lease keeps a claimed row from being claimed again; an expired one frees it.
      expect(await host.claimDueWakeUps(holdFor + 200, 100)).toEqual([]);
      expect(await host.claimDueWakeUps(holdFor + 100 + 30_000, 100)).toHaveLength(40);
    },
    60_000,
  );

  it.skipIf(!backend)(
    'a wake-up fired twice is applied once',
    async () => {
      const host = await open();
      await host.create('h', 'hold');
      const held = await host.apply('h', 'h:1', { type: 'HOLD', at: 0 });
      expect(held.status === 'accepted' && held.wakeUp).toEqual({
        at: holdFor,
        event: { type: 'EXPIRE', at: holdFor },
        reason: 'hold.expiry',
      });
      const [due] = await host.claimDueWakeUps(holdFor, 10);
      const first = await host.fireWakeUp(due as DueWakeUp);
      const second = await host.fireWakeUp(due as DueWakeUp);
      expect(first.status).toBe('accepted');
      expect(second).toEqual({ status: 'duplicate', revision: 2 });
      expect((await host.history('h')).map((e) => e.event.type)).toEqual(['HOLD', 'EXPIRE']);
      // An expiry overtaken by a new HOLD is refused by the machine, and its row is retired.
      await host.apply('h', 'h:2', { type: 'HOLD', at: 2 * holdFor });
      const [stale] = await host.claimDueWakeUps(3 * holdFor, 10);
      await host.apply('h', 'h:3', { type: 'HOLD', at: 3 * holdFor - 1 });
      const late = await host.fireWakeUp(stale as DueWakeUp);
      expect(late.status === 'refused' && late.error.reason?.code).toBe('NOT_DUE');
      const { rows } = await host.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM wakeups WHERE NOT done',
      );
      expect(rows[0]?.n).toBe(1); // the one for the last HOLD
    },
    60_000,
  );

  it.skipIf(!backend)(
    'a clock sweep with 4 workers, dying claimers and double fires matches a one-process reference exactly',
    async () => {
      const host = await open();
      const random = prng(1804);
      const streams = 60;
      const ticks = 40;
      // Each stream gets HOLDs at random ticks.
      const plan = new Map<string, number[]>();
      for (let i = 0; i < streams; i++) {
        const times: number[] = [];
        for (let t = 1; t <= ticks; t++) if (random() < 0.25) times.push(t * tick);
        plan.set(`s-${i}`, times);
        await host.create(`s-${i}`, 'hold');
      }
      const ledger: Ledger = new Map(
        [...plan.keys()].map((id) => [id, { machineId: 'hold', accepted: new Set() }]),
      );
      let fires = 0;
      let duplicates = 0;
      let dropped = 0;
      for (let t = 1; t <= ticks + 3; t++) {
        const now = t * tick;
        // Phase 1: fire what is due. A worker may "die" after claiming (its rows stay claimed);
        // with a zero lease the others pick them up, and may race to fire the same row twice.
        await Promise.all(
          [1, 2, 3, 4].map(async (w) => {
            for (;;) {
              const due = await host.claimDueWakeUps(now, 3, { worker: `w${w}`, leaseMs: 0 });
              if (due.length === 0) return;
              if (random() < 0.2) {
                dropped += due.length;
                continue;
              }
              for (const d of due) {
                const r = await host.fireWakeUp(d);
                fires++;
                if (r.status === 'duplicate') duplicates++;
                if (r.status === 'accepted')
                  ledger.get(d.streamId)?.accepted.add(`wake:${d.streamId}:${d.revision}`);
              }
            }
          }),
        );
        // Phase 2: this tick's commands, spread over the workers, some delivered twice.
        const commands = [...plan].filter(([, times]) => times.includes(now)).map(([id]) => id);
        await Promise.all(
          [0, 1, 2, 3].map(async (w) => {
            for (const id of commands.filter((_, i) => i % 4 === w)) {
              const messageId = `${id}:hold:${now}`;
              const r = await host.apply(id, messageId, { type: 'HOLD', at: now });
              if (r.status === 'accepted') ledger.get(id)?.accepted.add(messageId);
              if (random() < 0.2)
                expect((await host.apply(id, messageId, { type: 'HOLD', at: now })).status).toBe(
                  'duplicate',
                );
            }
          }),
        );
      }
      console.log(
        `[host ${host.db.kind}] wake-up sweep: ${streams} streams, ${fires} fires, ${duplicates} deduplicated double fires, ${dropped} claims dropped by dying workers`,
      );
      expect(dropped).toBeGreaterThan(0);
      // The reference: the same plan in one process, with transition and nextWakeUp only.
      for (const [id, times] of plan) {
        let s: Snapshot = initialSnapshot(hold);
        const log: Command[] = [];
        const send = (e: Command) => {
          const r = transition(hold, s as never, e as never);
          if (r.ok) {
            s = r.snapshot;
            log.push(e);
          }
        };
        for (let t = 1; t <= ticks + 3; t++) {
          const w = nextWakeUp(hold, s as never);
          if (w !== undefined && w.at <= t * tick) send({ ...w.event });
          if (times.includes(t * tick)) send({ type: 'HOLD', at: t * tick });
        }
        const stored = (await host.history(id)).map((e) => e.event);
        expect(stored, id).toEqual(log);
      }
      expect(await checkHost(host, ledger, [hold])).toEqual([]);
      const { rows } = await host.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM wakeups WHERE NOT done',
      );
      expect(rows[0]?.n).toBe(0); // everything due has fired
    },
    120_000,
  );
});
