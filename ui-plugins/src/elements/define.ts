/**
 * The custom elements, for schedulers written in anything (docs/ui-plugins.md):
 *   <va-appointment-list connector-url="…">   the clerk's day, live
 *   <va-waiting-badge connector-url="…">      how many citizens are waiting
 *   <va-join-button connector-url="…" appointment-id="…">  Join for one appointment
 * Set the plug-in token as a property: `element.token = '…'` (on any one of them per connector).
 * Importing this module defines them (once).
 */
import { h } from 'preact';
import type { VaState } from '../client/types.ts';
import { AppointmentListView } from '../views/AppointmentListView.tsx';
import { JoinButtonView } from '../views/JoinButtonView.tsx';
import { WaitingBadgeView } from '../views/WaitingBadgeView.tsx';
import { VaElement } from './va-element.ts';

export class VaAppointmentList extends VaElement {
  protected view(state: VaState, lang: string, now: Date) {
    return h(AppointmentListView, { state, lang, now });
  }
}

export class VaWaitingBadge extends VaElement {
  protected view(state: VaState, lang: string) {
    return h(WaitingBadgeView, { state, lang });
  }
}

export class VaJoinButton extends VaElement {
  static override readonly observedAttributes = [...VaElement.observedAttributes, 'appointment-id'];
  protected view(state: VaState, lang: string, now: Date) {
    const row = state.rows.find((r) => r.id === this.getAttribute('appointment-id'));
    return h(JoinButtonView, { row, timezone: state.timezone, lang, now });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'va-appointment-list': VaAppointmentList;
    'va-waiting-badge': VaWaitingBadge;
    'va-join-button': VaJoinButton;
  }
}

for (const [name, element] of [
  ['va-appointment-list', VaAppointmentList],
  ['va-waiting-badge', VaWaitingBadge],
  ['va-join-button', VaJoinButton],
] as const) {
  if (!customElements.get(name)) customElements.define(name, element);
}

export type { VaState, VaRow, VaStatus, VaConnection } from '../client/types.ts';
