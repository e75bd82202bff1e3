/**
 * The reference host (examples/host) on each backend: two agents deciding the same complaint case
 * at once, the idempotent inbox, refusals, and the errors it throws.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHost,
  type Database,
  HostError,
  type HostHooks,
  TooManyConflictsError,
} from '../../examples/host/index.js';
import { coffeeClub } from '../../examples/loyalty.js';
import { iso10002Lifecycle } from '../../src/complaints/index.js';
import { backendRows, complaintScript } from './support.js';

const machines = [iso10002Lifecycle, coffeeClub.machine];

describe.each(backendRows)('host on $name', ({ name, backend }) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  /** A case taken to `awaitingApproval` (its first 7 scripted events). */
  async function caseAwaitingApproval(id: string, hooks?: HostHooks) {
    db ??= await (backend as NonNullable<typeof backend>).open();
    const host = await createHost(db, { machines, hooks, now: () => 1 });
    await host.create(id, iso10002Lifecycle.id);
    const script = complaintScript(id);
    for (const [i, event] of script.slice(0, 7).entries()) {
      expect((await host.apply(id, `${id}#${i}`, event)).status).toBe('accepted');
    }
    const { snapshot } = await host.load(id);
    expect(snapshot.state).toBe('awaitingApproval');
    return { host, decidedAt: Number(script[7]?.at) };
  }

  it.skipIf(!backend)(
    'two agents approve and decline the same case from the same snapshot: exactly one decision is logged',
    async () => {
      let arrived = 0;
      let release: () => void = () => undefined;
      // A fresh barrier each round: a barrier resolved in round 0 would let later rounds through
      // without overlapping (then the loser reads after the winner's commit and is refused on its
      // first attempt, and the race this test is about never happens).
      let bothLoaded = Promise.resolve();
      const attempts: Record<string, number> = {};
      const hooks: HostHooks = {
        // On the server both transactions read the snapshot before either writes (a barrier).
        // PGlite runs transactions one at a time, so there the second one reads after the first.
        async afterLoad({ messageId, attempt }) {
          if (!messageId.startsWith('race:')) return;
          attempts[messageId] = attempt;
          if (name === 'postgres' && attempt === 1) {
            if (++arrived === 2) release();
            await bothLoaded;
          }
        },
      };
      for (let round = 0; round < 5; round++) {
        const id = `race-${round}`;
        const { host, decidedAt } = await caseAwaitingApproval(id, hooks);
        arrived = 0;
        bothLoaded = new Promise<void>((resolve) => {
          release = resolve;
        });
        const approve = { type: 'APPROVE_REMEDY', at: decidedAt, by: 'mia', level: 'manager' };
        const decline = { type: 'DECLINE_REMEDY', at: decidedAt, by: 'lee', note: 'no' };
        const [a, d] = await Promise.all([
          host.apply(id, `race:${id}:approve`, approve),
          host.apply(id, `race:${id}:decline`, decline),
        ]);
        const outcomes = [a.status, d.status].sort();
        expect(outcomes).toEqual(['accepted', 'refused']);
        const loser = a.status === 'refused' ? a : d;
        if (loser.status === 'refused') {
          expect(loser.error.code).toBe('EVENT_NOT_ALLOWED');
          expect(loser.revision).toBe(8);
        }
        const log = await host.history(id);
        const decisions = log.filter((e) => /_REMEDY$/.test(e.event.type));
        expect(decisions).toHaveLength(1);
        expect(log).toHaveLength(8);
        const { snapshot } = await host.load(id);
        expect(snapshot.revision).toBe(8);
        expect(snapshot.state).toBe(a.status === 'accepted' ? 'decided' : 'investigating');
        if (name === 'postgres') {
          // The loser read revision 7, lost the compare-and-set, and was refused on its retry.
          const loserId = a.status === 'refused' ? `race:${id}:approve` : `race:${id}:decline`;
          expect(attempts[loserId]).toBe(2);
        }
      }
    },
    60_000,
  );

  it.skipIf(!backend)(
    'a redelivered message changes nothing; a refusal writes nothing and may be sent again',
    async () => {
      const { host } = await caseAwaitingApproval('inbox-1');
      const script = complaintScript('inbox-1');
      const again = await host.apply('inbox-1', 'inbox-1#3', script[3] as never);
      expect(again).toEqual({ status: 'duplicate', revision: 4 });
      // COMMUNICATE_DECISION is not allowed while awaiting approval.
      const early = await host.apply('inbox-1', 'early', script[13] as never);
      expect(early.status).toBe('refused');
      expect((await host.history('inbox-1')).length).toBe(7);
      const { rows } = await host.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM inbox WHERE message_id = 'early'",
      );
      expect(rows[0]?.n).toBe(0);
      expect((await host.load('inbox-1')).snapshot.revision).toBe(7);
    },
    60_000,
  );

  it.skipIf(!backend)(
    'gives up with TooManyConflictsError after maxAttempts lost compare-and-sets, writing nothing',
    async () => {
      db = await (backend as NonNullable<typeof backend>).open();
      // Another writer "saves first" on every attempt: the hook bumps the row inside the transaction.
      const host = await createHost(db, {
        machines,
        maxAttempts: 3,
        hooks: {
          async afterLoad({ tx, streamId }) {
            if (streamId === 'busy') {
              await tx.query(
                'UPDATE snapshots SET revision = revision + 1000 WHERE stream_id = $1',
                [streamId],
              );
            }
          },
        },
      });
      await host.create('busy', coffeeClub.machine.id);
      const enroll = { type: 'ENROLL', key: 'k1', at: 0 };
      const error = await host.apply('busy', 'm1', enroll).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TooManyConflictsError);
      expect(error).toMatchObject({ code: 'TOO_MANY_CONFLICTS', attempts: 3, streamId: 'busy' });
      expect((error as Error).message).toMatch(/changed under message m1 3 times in a row/);
      expect(await host.history('busy')).toEqual([]);
      expect((await host.load('busy')).snapshot.revision).toBe(0);
    },
    60_000,
  );

  it.skipIf(!backend)(
    'an unknown stream and a tampered snapshot are clear errors',
    async () => {
      db = await (backend as NonNullable<typeof backend>).open();
      const host = await createHost(db, { machines });
      const missing = await host.apply('nope', 'm', { type: 'ENROLL' }).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(HostError);
      expect(missing).toMatchObject({
        code: 'UNKNOWN_STREAM',
        message: 'Stream nope does not exist.',
      });
      await host.create('m-1', coffeeClub.machine.id);
      await host.db.query(
        `UPDATE snapshots SET snapshot = jsonb_set(snapshot, '{state}', '"gone"') WHERE stream_id = 'm-1'`,
      );
      const bad = await host
        .apply('m-1', 'm', { type: 'ENROLL', key: 'k', at: 0 })
        .catch((e: unknown) => e);
      expect(bad).toMatchObject({ code: 'BAD_STORED_SNAPSHOT' });
      expect((bad as Error).message).toMatch(/'gone' is not a state/);
      expect(await host.history('m-1')).toEqual([]);
      await expect(host.create('x', 'no-such-machine')).rejects.toMatchObject({
        code: 'UNKNOWN_MACHINE',
      });
    },
    60_000,
  );
});
