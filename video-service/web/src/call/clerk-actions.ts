/**
 * What a clerk does with the people in the room: admit, turn away (with a message), write to someone
 * waiting, send someone back to the waiting room, allow screen sharing, end the call for everyone. Each is
 * one request (contract/signalling.ts); a failure is shown as a notice, never swallowed silently.
 */
import type { WaitingEstimate } from '@virtuelles-amt/video-service/contract/signalling';
import type { MessageKey } from '../i18n/index.ts';
import type { DataOf, RequestName, RequestPayload } from '../signalling/room-socket.ts';
import type { RoomState } from '../state.ts';
import type { Store } from '../store.ts';

export type Requester = <E extends RequestName>(event: E, payload: RequestPayload<E>) => Promise<DataOf<E>>;

export class ClerkActions {
  private readonly store: Store<RoomState>;
  private readonly request: Requester;

  constructor(store: Store<RoomState>, request: Requester) {
    this.store = store;
    this.request = request;
  }

  admit(participantId: string): Promise<boolean> {
    return this.busy(participantId, 'noticeAdmitFailed', () => this.request('lobby:admit', { participantId }));
  }

  /** Turns a waiting person away; `message` (optional, ≤ 500 characters) is shown to them. */
  reject(participantId: string, message: string): Promise<boolean> {
    const text = message.trim();
    return this.busy(participantId, 'noticeRejectFailed', () =>
      this.request('lobby:reject', text ? { participantId, message: text } : { participantId }),
    );
  }

  /** A short message to a waiting person. */
  message(participantId: string, text: string): Promise<boolean> {
    if (!text.trim()) return Promise.resolve(false);
    return this.busy(participantId, 'noticeMessageFailed', () =>
      this.request('lobby:message', { participantId, text: text.trim() }),
    );
  }

  /** Tells a waiting person the estimated waiting time (0 = "any moment now"); the stored estimate, or null. */
  async estimate(participantId: string, minutes: number): Promise<WaitingEstimate | null> {
    let sent: WaitingEstimate | null = null;
    await this.busy(participantId, 'noticeEstimateFailed', async () => {
      sent = await this.request('lobby:estimate', { participantId, minutes });
    });
    return sent;
  }

  /** Sends an admitted citizen or guest back to the waiting room. */
  returnToLobby(participantId: string): Promise<boolean> {
    return this.busy(participantId, 'noticeReturnFailed', () => this.request('lobby:return', { participantId }));
  }

  allowScreenShare(participantId: string, allowed: boolean): Promise<boolean> {
    return this.busy(participantId, 'noticeActionFailed', () =>
      this.request('screen:permission', { participantId, allowed }),
    );
  }

  /** "End for everyone": the room closes for good (every page gets `room:closed`). */
  endForEveryone(): Promise<boolean> {
    return this.busy('room', 'noticeEndFailed', () => this.request('room:end', {}));
  }

  /** Runs one request for `key` at a time (its buttons are disabled meanwhile). */
  private async busy(key: string, failure: MessageKey, action: () => Promise<unknown>): Promise<boolean> {
    if (this.store.getState().admitting.includes(key)) return false;
    this.store.setState(({ admitting }) => ({ admitting: [...admitting, key], notice: null }));
    try {
      await action();
      return true;
    } catch {
      this.store.setState({ notice: failure });
      return false;
    } finally {
      this.store.setState(({ admitting }) => ({ admitting: admitting.filter((id) => id !== key) }));
    }
  }
}
