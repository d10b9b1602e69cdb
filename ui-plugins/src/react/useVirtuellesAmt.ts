/**
 * `useVirtuellesAmt({ connectorUrl, getToken })`: the clerk's day, live, for React schedulers. One VaClient per
 * mounted hook (put the hook high up and pass its result to the components). `getToken` is asked whenever a
 * token is needed — after the first one was refused or expired, too — so fetch a fresh one from your backend there.
 */
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { VaClient } from '../client/va-client.ts';
import { INITIAL_STATE, type VaRow, type VaState } from '../client/types.ts';

export interface UseVirtuellesAmtOptions {
  /** The connector's base URL. */
  connectorUrl: string;
  /** Returns a current plug-in token (POST /api/plugin-tokens on your backend); may be async. */
  getToken: () => string | null | undefined | Promise<string | null | undefined>;
  /** BCP 47 language of the components; default German. */
  lang?: string;
}

export interface VirtuellesAmt extends VaState {
  lang: string;
  /** The longest-waiting citizen of `desk` for this clerk, or null when none (or another clerk was faster). */
  takeNext(desk: string): Promise<VaRow | null>;
}

export function useVirtuellesAmt({ connectorUrl, getToken, lang = 'de' }: UseVirtuellesAmtOptions): VirtuellesAmt {
  const tokenRef = useRef(getToken);
  tokenRef.current = getToken;
  const client = useMemo(() => new VaClient({ connectorUrl, getToken: () => tokenRef.current() }), [connectorUrl]);
  useEffect(() => {
    client.start();
    return () => client.close();
  }, [client]);
  const state = useSyncExternalStore(client.subscribe, client.getState, () => INITIAL_STATE);
  return useMemo(() => ({ ...state, lang, takeNext: (desk: string) => client.takeNext(desk) }), [state, lang, client]);
}
