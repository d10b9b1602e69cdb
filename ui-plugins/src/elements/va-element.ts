/**
 * Base of the custom elements: an open shadow root with the plug-ins' stylesheet (so no style leaks in or out
 * of the host page), the shared client of the `connector-url`, and a `token` PROPERTY — deliberately no
 * attribute: attributes end up in the HTML, in screenshots of the DOM and in logs; a property stays in memory.
 */
import { h, render, type ComponentChild } from 'preact';
import type { VaState } from '../client/types.ts';
import { VA_CSS } from '../client/present.ts';
import { acquire, release, setToken } from './shared-clients.ts';

let sheet: CSSStyleSheet | undefined;

export abstract class VaElement extends HTMLElement {
  static readonly observedAttributes = ['connector-url', 'lang'];
  #token: string | null = null;
  #url: string | null = null;
  #entry: ReturnType<typeof acquire> | null = null;
  #unsubscribe: (() => void) | null = null;
  #tick: ReturnType<typeof setInterval> | null = null;
  readonly #root: ShadowRoot;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    // A constructed stylesheet, not a <style> element: works under a host page CSP without 'unsafe-inline'.
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(VA_CSS);
    }
    this.#root.adoptedStyleSheets = [sheet];
  }

  /** The plug-in token from the scheduler's backend (POST /api/plugin-tokens). Write-only in effect: never rendered. */
  get token(): string | null {
    return this.#token;
  }

  set token(value: string | null) {
    this.#token = value || null;
    if (this.#entry) setToken(this.#entry, this.#token);
  }

  connectedCallback(): void {
    this.#connect();
    // Re-render now and then: the Join button opens at a time, not on an event.
    this.#tick = setInterval(() => this.#render(), 30_000);
  }

  disconnectedCallback(): void {
    if (this.#tick) clearInterval(this.#tick);
    this.#disconnect();
  }

  attributeChangedCallback(name: string): void {
    if (name === 'connector-url' && this.isConnected) {
      this.#disconnect();
      this.#connect();
    } else this.#render();
  }

  /** What to show for the state (a Preact view). */
  protected abstract view(state: VaState, lang: string, now: Date): ComponentChild;

  #connect(): void {
    this.#url = this.getAttribute('connector-url');
    if (this.#url) {
      this.#entry = acquire(this.#url, this);
      this.#unsubscribe = this.#entry.client.subscribe(() => this.#render());
      if (this.#token) setToken(this.#entry, this.#token);
    }
    this.#render();
  }

  #disconnect(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    if (this.#url) release(this.#url, this);
    this.#entry = null;
  }

  #render(): void {
    const state = this.#entry?.client.getState();
    const lang =
      this.getAttribute('lang') ||
      this.closest('[lang]')?.getAttribute('lang') ||
      document.documentElement.lang ||
      'de';
    render(state ? h('div', { class: 'va-root' }, this.view(state, lang, new Date())) : null, this.#root);
  }
}
