/**
 * What this browser tab remembers across reloads, in `sessionStorage` (per tab: a clerk and a citizen in
 * two windows of one browser do not clash). Never the join token itself, only the session token the
 * service issued for it. Storage may be unavailable (privacy modes): then nothing is remembered.
 */

const SESSION_KEY = 'va.session';
const JOINED_KEY = 'va.joined';
const IN_CALL_KEY = 'va.incall';
const LANGUAGE_KEY = 'va.lang';

export interface TabMemory {
  sessionToken(): string | null;
  saveSessionToken(token: string): void;
  forgetSession(): void;
  /** The seat (`room/participant`) this tab had joined, so a reload goes straight back in. */
  joinedSeat(): string | null;
  markJoined(seat: string): void;
  clearJoined(): void;
  /** Whether the tab was admitted to the call when it was left (a reload then prepares the call at once). */
  wasInCall(): boolean;
  /**
   * Whether that call ran through the SFU: a reload then makes no peer-to-peer connection ahead, since the
   * SFU's transports replace it (the snapshot says the mode only once the seat is taken).
   */
  wasInSfuCall(): boolean;
  markInCall(inCall: boolean, throughSfu?: boolean): void;
  language(): string | null;
  saveLanguage(code: string): void;
}

/** Tab memory on top of `storage` (default `sessionStorage`, if the browser allows it). */
export function tabMemory(storage: Storage | null = defaultStorage()): TabMemory {
  const read = (key: string): string | null => {
    try {
      return storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  };
  const write = (key: string, value: string | null): void => {
    try {
      if (value === null) storage?.removeItem(key);
      else storage?.setItem(key, value);
    } catch {
      // storage full or blocked: the tab just forgets
    }
  };
  return {
    sessionToken: () => read(SESSION_KEY),
    saveSessionToken: (token) => write(SESSION_KEY, token),
    forgetSession: () => {
      write(SESSION_KEY, null);
      write(JOINED_KEY, null);
      write(IN_CALL_KEY, null);
    },
    joinedSeat: () => read(JOINED_KEY),
    markJoined: (seat) => write(JOINED_KEY, seat),
    clearJoined: () => {
      write(JOINED_KEY, null);
      write(IN_CALL_KEY, null);
    },
    wasInCall: () => read(IN_CALL_KEY) === '1' || read(IN_CALL_KEY) === 'sfu',
    wasInSfuCall: () => read(IN_CALL_KEY) === 'sfu',
    markInCall: (inCall, throughSfu = false) => write(IN_CALL_KEY, inCall ? (throughSfu ? 'sfu' : '1') : null),
    language: () => read(LANGUAGE_KEY),
    saveLanguage: (code) => write(LANGUAGE_KEY, code),
  };
}

function defaultStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}
