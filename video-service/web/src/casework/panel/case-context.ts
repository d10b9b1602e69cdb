/** What every casework component may use: the case client and state, the room state, texts and role. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Role } from '@virtuelles-amt/video-service/contract/join-token';
import type { LanguageCode } from '../../i18n/index.ts';
import type { CaseClient, CaseState } from './case-client.ts';
import type { CaseTranslate } from './texts.ts';

export interface CaseUi {
  cases: CaseClient;
  state: CaseState;
  /** The others in the call (changes only when someone comes, goes or is renamed). */
  participants: Participant[];
  ct: CaseTranslate;
  lang: LanguageCode;
  role: Role;
  selfId: string;
  /** The call to the citizen is weak (their report or ours): the ID check offers stills from their camera first. */
  weakConnection: boolean;
  /** A participant's name for "… is editing", "… replaced" (falls back to the role). */
  who(participantId: string): string;
  /** Shows a failed action in the panel's alert line. */
  fail(error: unknown): void;
}

export interface Participant {
  id: string;
  name: string;
  role: Role;
}

export const CaseContext = createContext<CaseUi | null>(null);

export function useCase(): CaseUi {
  const ui = useContext(CaseContext);
  if (!ui) throw new Error('useCase() outside <CaseworkPanel>');
  return ui;
}
