/**
 * The waiting citizen's connectivity check reaches the clerk: `lobby:network` from the waiting page puts
 * `network` on the citizen's waiting entry (lobby:changed and the clerk's snapshot), a reload keeps it, and
 * nobody but the waiting person can set it. Presence only (nothing stored), so SQLite suffices.
 */
import { expect } from 'chai';
import { createSqliteDatabase } from '../support/databases.ts';
import { nextEvent, recordEvents, request, settle } from './support.ts';
import { useRoomFixture } from './room-fixture.ts';

describe("signalling: the waiting person's connectivity check in the clerk's waiting list", function () {
  this.timeout(30_000);
  const f = useRoomFixture(createSqliteDatabase, { env: { LOBBY_GRACE_SECONDS: '5' } });

  it('shows null until the page reports, then the reported result; a reload keeps it until a new report', async () => {
    const { tokens, clerk, citizen, lobby } = await f.clerkAndWaitingCitizen();
    expect(lobby.waiting[0]).to.include({ id: tokens.citizenId, network: null });

    const changed = nextEvent(clerk.socket, 'lobby:changed');
    expect(await request(citizen.socket, 'lobby:network', { network: 'warn' })).to.deep.equal({ ok: true, data: null });
    expect((await changed).waiting[0]).to.include({ id: tokens.citizenId, network: 'warn' });

    // The same result again changes nothing: the clerks are not told twice.
    const clerkEvents = recordEvents(clerk.socket);
    expect((await request(citizen.socket, 'lobby:network', { network: 'warn' })).ok).to.equal(true);
    await settle(150);
    expect(clerkEvents.map((e) => e.event)).to.deep.equal([]);

    // A reload: the place and the last check stay until the page checks again.
    const gone = nextEvent(clerk.socket, 'lobby:changed');
    citizen.socket.close();
    expect((await gone).waiting[0]).to.include({ connected: false, network: 'warn' });
    const back = nextEvent(clerk.socket, 'lobby:changed');
    const reloaded = await f.connectWith(tokens.citizen);
    expect((await f.join(reloaded.socket)).phase).to.equal('waiting');
    expect((await back).waiting[0]).to.include({ connected: true, network: 'warn' });
    const fixed = nextEvent(clerk.socket, 'lobby:changed');
    expect((await request(reloaded.socket, 'lobby:network', { network: 'ok' })).ok).to.equal(true);
    expect((await fixed).waiting[0]).to.include({ network: 'ok' });

    // A clerk who arrives later sees it in the snapshot.
    const secondClerk = await f.connectWith(tokens.clerk);
    expect((await f.join(secondClerk.socket)).waiting.map((w) => [w.id, w.network])).to.deep.equal([
      [tokens.citizenId, 'ok'],
    ]);
  });

  it('refuses other values, the clerk, and a citizen who is no longer waiting', async () => {
    const { tokens, clerk, citizen } = await f.clerkAndWaitingCitizen();
    const garbage = await request(citizen.socket, 'lobby:network', { network: 'great' });
    expect(!garbage.ok && garbage.error.code).to.equal('invalid_input');
    const byClerk = await request(clerk.socket, 'lobby:network', { network: 'ok' });
    expect(!byClerk.ok && byClerk.error.code).to.equal('forbidden');

    expect((await request(clerk.socket, 'lobby:admit', { participantId: tokens.citizenId })).ok).to.equal(true);
    const late = await request(citizen.socket, 'lobby:network', { network: 'fail' });
    expect(!late.ok && late.error.code).to.equal('invalid_state');
  });
});
