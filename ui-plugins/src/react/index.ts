/**
 * React entry of @virtuelles-amt/ui-plugins (docs/ui-plugins.md): the hook and the components. `react` is a peer:
 * the scheduler's own React renders them.
 */
export { useVirtuellesAmt, type UseVirtuellesAmtOptions, type VirtuellesAmt } from './useVirtuellesAmt.ts';
export { AppointmentList } from './AppointmentList.tsx';
export { WaitingBadge } from './WaitingBadge.tsx';
export { JoinButton, type JoinButtonProps } from './JoinButton.tsx';
export { VideoLink, type VideoLinkProps } from './VideoLink.tsx';
export { VA_CSS } from '../client/present.ts';
export type { VaState, VaRow, VaStatus, VaConnection, VaDesk } from '../client/types.ts';
