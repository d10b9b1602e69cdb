/**
 * The room page: header with the language switch, the current screen (a dispatch table by `screen`),
 * the live region and the reconnecting overlay. Reads the store; all actions go to the RoomClient.
 */
import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { languageInfo, translator } from '../i18n/index.ts';
import type { RoomClient } from '../room-client.ts';
import type { RoomState, Screen } from '../state.ts';
import type { Store } from '../store.ts';
import { UiContext, type Ui } from './context.ts';
import { HEADING_ID } from './parts/Heading.tsx';
import { LanguageSwitch } from './parts/LanguageSwitch.tsx';
import { Announcer, ReconnectingOverlay } from './parts/LiveRegions.tsx';
import {
  ClosedScreen,
  ConnectingScreen,
  LeftScreen,
  LoadingScreen,
  RejectedScreen,
  ReplacedScreen,
} from './screens/MessageScreens.tsx';
import { PreJoinScreen } from './screens/PreJoinScreen.tsx';
import { RefusedScreen, UnavailableScreen } from './screens/RefusedScreen.tsx';

/** The citizen's office as the server names it (`<meta name="va-office">`, the municipality profile). */
const OFFICE_NAME = globalThis.document?.querySelector<HTMLMetaElement>('meta[name="va-office"]')?.content || null;
/** The office's logo as the server hands it over (`<meta name="va-logo">`: path, size, alt text per language). */
const LOGO = JSON.parse(
  globalThis.document?.querySelector<HTMLMetaElement>('meta[name="va-logo"]')?.content || 'null',
) as {
  src: string;
  width: number;
  height: number;
  alt: Record<string, string>;
} | null;
import { WaitingRoomScreen } from './screens/WaitingRoomScreen.tsx';

/**
 * The call view is a chunk of its own, fetched when the call starts (admission, or a clerk joining): the page
 * before the call stays within its JavaScript budget (DESIGN.md "Performance"). Media negotiation runs in the
 * RoomClient meanwhile, so the fetch from the same service overlaps it instead of adding to the first frame.
 */
let callView: typeof import('./screens/CallView.tsx') | undefined;
const loadCallView = () => import('./screens/CallView.tsx').then((module) => (callView = module));

function LazyCallView({ state }: { state: RoomState }): JSX.Element {
  const [loaded, setLoaded] = useState(callView !== undefined);
  const arrived = useRef(false);
  useEffect(() => {
    if (!callView) void loadCallView().then(() => ((arrived.current = true), setLoaded(true)));
  }, []);
  // The screen change moved the focus to the stand-in's heading; the call's own heading takes it over.
  useEffect(() => {
    if (loaded && arrived.current) document.getElementById(HEADING_ID)?.focus();
  }, [loaded]);
  return callView ? <callView.CallView state={state} /> : <ConnectingScreen />;
}

const SCREENS: Record<Screen, (props: { state: RoomState }) => JSX.Element> = {
  loading: LoadingScreen,
  refused: RefusedScreen,
  unavailable: UnavailableScreen,
  prejoin: PreJoinScreen,
  early: PreJoinScreen,
  connecting: ConnectingScreen,
  waiting: WaitingRoomScreen,
  call: LazyCallView,
  left: LeftScreen,
  replaced: ReplacedScreen,
  rejected: RejectedScreen,
  closed: ClosedScreen,
};

export function App({ client, store }: { client: RoomClient; store: Store<RoomState> }): JSX.Element {
  const [state, setState] = useState(store.getState());
  useEffect(() => {
    const unsubscribe = store.subscribe(setState);
    // Changes made between the first render and this effect (e.g. a quick refusal) must not be missed.
    setState(store.getState());
    return unsubscribe;
  }, [store]);
  const ui = useMemo<Ui>(() => ({ client, t: translator(state.lang), lang: state.lang }), [client, state.lang]);
  const { t } = ui;

  useLayoutEffect(() => {
    const info = languageInfo(state.lang);
    document.documentElement.lang = info.code;
    document.documentElement.dir = info.dir;
  }, [state.lang]);

  const waitingCount = state.screen === 'call' ? state.waiting.length : 0;
  useEffect(() => {
    document.title = waitingCount > 0 ? t('documentTitleWaiting', { count: waitingCount }) : t('documentTitle');
  }, [t, waitingCount]);

  // A new screen: move focus to its heading so keyboard and screen-reader users start there.
  const shownScreen = useRef<Screen>(state.screen);
  useEffect(() => {
    if (shownScreen.current === state.screen) return;
    shownScreen.current = state.screen;
    document.getElementById(HEADING_ID)?.focus();
  }, [state.screen]);

  const ScreenView = SCREENS[state.screen];
  return (
    <UiContext.Provider value={ui}>
      <div class={`va-app va-app--${state.screen}`}>
        <header class="va-header">
          <p class="va-brand">
            {LOGO ? (
              <img
                class="va-brand-logo"
                src={LOGO.src}
                alt={LOGO.alt[state.lang] ?? LOGO.alt.de}
                width={Math.round((40 * LOGO.width) / LOGO.height)}
                height={40}
              />
            ) : null}
            <span class="va-brand-name" data-testid="brand-name">
              {OFFICE_NAME ?? t('appName')}
            </span>
            <span class="va-brand-sub">{t('appSubtitle')}</span>
          </p>
          <LanguageSwitch />
        </header>
        <main class="va-main">
          <ScreenView state={state} />
        </main>
        <Announcer announcement={state.announcement} />
        {state.reconnecting ? <ReconnectingOverlay /> : null}
      </div>
    </UiContext.Provider>
  );
}
