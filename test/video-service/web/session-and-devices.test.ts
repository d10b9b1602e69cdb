/**
 * The join page's session handling against a real video service (token exchange, resume, every refusal
 * the page explains), what a tab remembers, and how camera/microphone failures are classified.
 */
import { expect } from 'chai';
import {
  exchangeToken,
  resumeSession,
  ServiceUnavailableError,
  takeJoinToken,
} from '../../../video-service/web/src/session/session-api.ts';
import { tabMemory } from '../../../video-service/web/src/session/tab-memory.ts';
import { acquireLocalMedia, classifyMediaError } from '../../../video-service/web/src/media/local-media.ts';
import {
  createSigningKey,
  joinClaims,
  signJoinToken,
  startVideoService,
  type StartedVideoService,
} from '../support.ts';

/** A sessionStorage stand-in (Node has none). */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe('join page: session exchange with the video service', function () {
  this.timeout(30_000);
  const key = createSigningKey();
  let video: StartedVideoService;

  before(async () => {
    video = await startVideoService({ keys: [key] });
  });
  after(async () => {
    await video?.close();
  });

  it('trades a valid link token for a session and resumes it with the session token', async () => {
    const claims = joinClaims();
    const opened = await exchangeToken(signJoinToken(key, claims), video.baseUrl);
    if (!opened.ok) throw new Error(`refused: ${opened.refusal.reason}`);
    expect(opened.session.participant.id).to.equal(claims.sub);
    expect(opened.session.appointment.title).to.equal(claims.appt.title);
    const resumed = await resumeSession(opened.session.sessionToken, video.baseUrl);
    expect(resumed.ok && resumed.session.room).to.equal(claims.room);
  });

  it('explains an expired link', async () => {
    const now = Math.floor(Date.now() / 1000);
    const result = await exchangeToken(
      signJoinToken(key, joinClaims({ iat: now - 7200, nbf: now - 7200, exp: now - 3600 })),
      video.baseUrl,
    );
    expect(result).to.deep.equal({ ok: false, refusal: { reason: 'expired', opensAt: null, autoRetry: false } });
  });

  it('explains a room that is not open yet, with its opening time', async () => {
    const now = Math.floor(Date.now() / 1000);
    const result = await exchangeToken(
      signJoinToken(key, joinClaims({ nbf: now + 3600, exp: now + 7200 })),
      video.baseUrl,
    );
    if (result.ok) throw new Error('accepted a token that is not valid yet');
    expect(result.refusal.reason).to.equal('not_yet_valid');
    expect(Date.parse(result.refusal.opensAt ?? '')).to.be.closeTo((now + 3600) * 1000, 60_000);
  });

  it('calls a damaged link or an unknown session invalid', async () => {
    const damaged = await exchangeToken('eyJhbGciOiJFUzI1NiJ9.e30.AAAA', video.baseUrl);
    const unknown = await resumeSession('no-such-session', video.baseUrl);
    expect(!damaged.ok && damaged.refusal.reason).to.equal('invalid');
    expect(!unknown.ok && unknown.refusal.reason).to.equal('invalid');
  });

  it('reports an unreachable service as such, not as a bad link', async () => {
    let error: unknown;
    try {
      await exchangeToken('whatever', 'http://127.0.0.1:1');
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(ServiceUnavailableError);
    expect((error as ServiceUnavailableError).retryAfterMs).to.equal(null);
  });

  it('reports the limit on new sessions per address as busy, with when to come back', async () => {
    const limited = await startVideoService({ keys: [key], env: { SESSION_RATE_LIMIT_PER_MINUTE: '1' } });
    try {
      const opened = await exchangeToken(signJoinToken(key, joinClaims()), limited.baseUrl);
      expect(opened.ok).to.equal(true);
      let error: unknown;
      try {
        await exchangeToken(signJoinToken(key, joinClaims()), limited.baseUrl);
      } catch (caught) {
        error = caught;
      }
      expect(error).to.be.instanceOf(ServiceUnavailableError);
      // The service answers 429 with the rest of its one-minute window in Retry-After.
      expect((error as ServiceUnavailableError).retryAfterMs).to.be.within(2000, 60_000);
    } finally {
      await limited.close();
    }
  });
});

describe('join page: the link token leaves the address bar', () => {
  it('takes the token from the fragment and replaces the address with the bare path', () => {
    const replaced: unknown[][] = [];
    const token = takeJoinToken(
      { hash: '#eyJ.abc.def', pathname: '/join' },
      { replaceState: (...args: unknown[]) => replaced.push(args) },
    );
    expect(token).to.equal('eyJ.abc.def');
    expect(replaced).to.deep.equal([[null, '', '/join']]);
  });

  it('leaves the address alone when there is no token', () => {
    const replaced: unknown[] = [];
    expect(takeJoinToken({ hash: '', pathname: '/join' }, { replaceState: () => replaced.push(1) })).to.equal(null);
    expect(replaced).to.have.length(0);
  });
});

describe('join page: what a tab remembers', () => {
  it('keeps the session and the joined seat, and forgets both together', () => {
    const memory = tabMemory(new MemoryStorage());
    memory.saveSessionToken('s1');
    memory.markJoined('appt-1/citizen-1');
    expect([memory.sessionToken(), memory.joinedSeat()]).to.deep.equal(['s1', 'appt-1/citizen-1']);
    memory.forgetSession();
    expect([memory.sessionToken(), memory.joinedSeat()]).to.deep.equal([null, null]);
  });

  it('remembers being in the call only until the seat is given up or the person waits again', () => {
    const memory = tabMemory(new MemoryStorage());
    memory.markJoined('appt-1/citizen-1');
    memory.markInCall(true);
    expect(memory.wasInCall()).to.equal(true);
    expect(memory.wasInSfuCall()).to.equal(false);
    memory.markInCall(true, true);
    expect([memory.wasInCall(), memory.wasInSfuCall()]).to.deep.equal([true, true]);
    memory.markInCall(false);
    expect([memory.wasInCall(), memory.wasInSfuCall()]).to.deep.equal([false, false]);
    memory.markInCall(true);
    memory.clearJoined();
    expect([memory.joinedSeat(), memory.wasInCall()]).to.deep.equal([null, false]);
  });

  it('works without storage (blocked by the browser) by remembering nothing', () => {
    const blocked = new MemoryStorage();
    blocked.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    blocked.getItem = () => {
      throw new Error('SecurityError');
    };
    const memory = tabMemory(blocked);
    memory.saveSessionToken('s1');
    expect(memory.sessionToken()).to.equal(null);
    expect(tabMemory(null).joinedSeat()).to.equal(null);
  });
});

describe('join page: camera and microphone problems', () => {
  const failure = (name: string) => Object.assign(new Error(name), { name });

  it('classifies the browsers’ error names into problems the page explains', () => {
    expect(classifyMediaError(failure('NotAllowedError'))).to.equal('denied');
    expect(classifyMediaError(failure('NotFoundError'))).to.equal('not_found');
    expect(classifyMediaError(failure('OverconstrainedError'))).to.equal('not_found');
    expect(classifyMediaError(failure('NotReadableError'))).to.equal('in_use');
    expect(classifyMediaError(failure('Whatever'))).to.equal('failed');
    expect(classifyMediaError(null)).to.equal('failed');
  });

  it('falls back to the microphone alone when there is no camera', async () => {
    const asked: MediaStreamConstraints[] = [];
    const audioOnly = { id: 'audio-only' } as unknown as MediaStream;
    const devices = {
      getUserMedia: async (constraints: MediaStreamConstraints) => {
        asked.push(constraints);
        if (constraints.video) throw failure('NotFoundError');
        return audioOnly;
      },
    } as unknown as MediaDevices;
    const result = await acquireLocalMedia(devices);
    expect(result).to.deep.equal({ stream: audioOnly, problem: 'not_found' });
    expect(asked).to.have.length(2);
  });

  it('does not ask again after the person refused', async () => {
    let asked = 0;
    const devices = {
      getUserMedia: async () => {
        asked += 1;
        throw failure('NotAllowedError');
      },
    } as unknown as MediaDevices;
    expect(await acquireLocalMedia(devices)).to.deep.equal({ stream: null, problem: 'denied' });
    expect(asked).to.equal(1);
  });
});
