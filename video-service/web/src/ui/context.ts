/** What every component may use: the client's verbs, the translator and the current language. */
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { LanguageCode, Translate } from '../i18n/index.ts';
import type { RoomClient } from '../room-client.ts';

export interface Ui {
  client: RoomClient;
  t: Translate;
  lang: LanguageCode;
}

export const UiContext = createContext<Ui | null>(null);

export function useUi(): Ui {
  const ui = useContext(UiContext);
  if (!ui) throw new Error('useUi() outside <App>');
  return ui;
}

/** The current time, refreshed every `intervalMs` (for "waiting for 3 minutes"). */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
