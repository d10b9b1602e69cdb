/**
 * `<va-video-link href="…clerk link…" lang="de">`: a framework-free custom element that schedulers written in
 * anything can drop next to an appointment. It renders an accessible link that opens the video room in a
 * new window without passing a Referer (the token in the link's fragment must not leak).
 */
import { labelsFor } from '../labels.ts';

export class VideoLinkElement extends HTMLElement {
  static readonly observedAttributes = ['href', 'lang'];

  connectedCallback(): void {
    this.render();
  }

  attributeChangedCallback(): void {
    this.render();
  }

  private render(): void {
    const href = this.getAttribute('href') ?? '';
    const labels = labelsFor(this.getAttribute('lang') ?? document.documentElement.lang);
    const link = document.createElement('a');
    link.className = 'va-video-link';
    link.href = href;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.textContent = labels.open;
    const hint = document.createElement('span');
    hint.className = 'va-visually-hidden';
    hint.textContent = ` ${labels.opensNewWindow}`;
    link.append(hint);
    this.replaceChildren(link);
  }
}

if (!customElements.get('va-video-link')) customElements.define('va-video-link', VideoLinkElement);
