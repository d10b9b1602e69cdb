/**
 * Revoking join links, the one way (citizen and clerk links on a change, guest links when withdrawn or moved):
 * the token ids are recorded as revoked (the short link is refused at once) and the video service is told by
 * an admin call, queued in the same transaction and retried until delivered (it refuses them and ends their
 * sessions). Cancel tokens are the connector's own: recorded only.
 */
import type { DomainDeps, LinkRevocation, Repositories } from './ports.ts';

export async function revokeTokens(
  ctx: { deps: DomainDeps; repos: Repositories },
  appointmentId: string,
  revocations: LinkRevocation[],
): Promise<void> {
  if (!revocations.length) return;
  const now = ctx.deps.now();
  await ctx.repos.revocations.record(revocations, now);
  const jtis = revocations.filter((r) => r.kind !== 'cancel').map((r) => r.jti);
  if (!jtis.length) return;
  const giveUpAt = new Date(Math.max(...revocations.map((r) => r.expiresAt.getTime())));
  await ctx.repos.videoAdmin.enqueue({ kind: 'revoke_tokens', appointmentId, jtis, giveUpAt }, now);
}
