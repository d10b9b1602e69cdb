/**
 * Entry of the join page (/join). Starts the session exchange before the first render, so the join
 * token leaves the address bar at once, then renders the UI.
 */
import { render } from 'preact';
import { DEFAULT_LANGUAGE } from './i18n/index.ts';
import { RoomClient } from './room-client.ts';
import { tabMemory } from './session/tab-memory.ts';
import { initialState } from './state.ts';
import { createStore } from './store.ts';
import { App } from './ui/App.tsx';
import { holdRenders, installRenderGate } from './ui/render-gate.ts';
import './styles.css';

installRenderGate();
const memory = tabMemory();
const store = createStore(initialState(DEFAULT_LANGUAGE));
const client = new RoomClient(store, { memory, holdRenders });
const started = client.start();

const root = document.getElementById('va-root');
if (root) render(<App client={client} store={store} />, root);
window.addEventListener('hashchange', () => void client.openNewLink());

started.catch((error: unknown) => {
  console.error('join page | start failed', (error as Error).name);
  store.setState({ screen: 'unavailable' });
});
