/**
 * Use cases behind the webhook API: the delivery log, manual replay, and endpoints managed through the
 * API. Endpoints from OUTBOUND_WEBHOOKS belong to the configuration: through the API they can only be
 * re-enabled (e.g. after a 410) or disabled, never edited or deleted.
 */
import { OUTBOUND_EVENT_TYPES } from '../domain/outbound-ports.ts';
import { Forbidden, InvalidInput, NotFound } from '../errors.ts';
import { assertPublicTarget } from '../net/private-targets.ts';
import { generateSecret } from '../tokens/standard-webhooks.ts';
import type {
  DeliveryDetail,
  DeliveryFilter,
  DeliveryStore,
  DeliveryView,
  EndpointChanges,
  EndpointInfo,
  EndpointStore,
} from './ports.ts';

export interface WebhookManagementDeps {
  deliveries: DeliveryStore;
  endpoints: EndpointStore;
  /** ALLOW_PRIVATE_TARGETS. */
  allowPrivate: boolean;
  /** Tells the delivery worker that something is due now. */
  kick: () => void;
  now: () => Date;
}

export function listDeliveries(deps: WebhookManagementDeps, filter: DeliveryFilter): Promise<DeliveryView[]> {
  return deps.deliveries.list(filter);
}

export async function getDelivery(deps: WebhookManagementDeps, id: number): Promise<DeliveryDetail> {
  const delivery = await deps.deliveries.get(id);
  if (!delivery) throw new NotFound('no delivery with this id', { reason: 'delivery_not_found' });
  return delivery;
}

/** Sends the delivery again, with the same `webhook-id` and body, now; a fresh retry schedule follows. */
export async function replayDelivery(deps: WebhookManagementDeps, id: number): Promise<DeliveryView> {
  const delivery = await deps.deliveries.replay(id, deps.now());
  if (!delivery) throw new NotFound('no delivery with this id', { reason: 'delivery_not_found' });
  deps.kick();
  return delivery;
}

export function listEndpoints(deps: WebhookManagementDeps): Promise<EndpointInfo[]> {
  return deps.endpoints.list();
}

/** Event types must be known ones (a typo would silently never fire). */
function checkEvents(events: string[] | null | undefined): void {
  const unknown = (events ?? []).filter((e) => !(OUTBOUND_EVENT_TYPES as readonly string[]).includes(e));
  if (unknown.length) {
    throw new InvalidInput('unknown event types', {
      issues: [
        { path: 'events', message: `unknown: ${unknown.join(', ')}; known: ${OUTBOUND_EVENT_TYPES.join(', ')}` },
      ],
    });
  }
}

/**
 * Adds an endpoint. The URL is refused (422) when it points at a private or loopback address, unless
 * ALLOW_PRIVATE_TARGETS. Without a secret one is generated.
 * @returns the endpoint and its secret — the only time the secret is shown.
 */
export async function createEndpoint(
  deps: WebhookManagementDeps,
  input: { name: string; url: string; secret?: string; events?: string[] | null },
): Promise<{ endpoint: EndpointInfo; secret: string }> {
  checkEvents(input.events);
  await assertPublicTarget(input.url, { allowPrivate: deps.allowPrivate });
  const secret = input.secret ?? generateSecret();
  const endpoint = await deps.endpoints.create(
    { name: input.name, url: input.url, secret, events: input.events ?? null },
    deps.now(),
  );
  return { endpoint, secret };
}

export async function updateEndpoint(
  deps: WebhookManagementDeps,
  id: string,
  changes: EndpointChanges,
): Promise<EndpointInfo> {
  const existing = await deps.endpoints.get(id);
  if (!existing) throw new NotFound('no endpoint with this id', { reason: 'endpoint_not_found' });
  const edits = Object.keys(changes).filter((k) => k !== 'enabled');
  if (existing.origin === 'config' && edits.length) {
    throw new Forbidden('this endpoint comes from OUTBOUND_WEBHOOKS; change it there (only enabled can be set here)', {
      reason: 'config_endpoint',
    });
  }
  checkEvents(changes.events);
  if (changes.url !== undefined) await assertPublicTarget(changes.url, { allowPrivate: deps.allowPrivate });
  const updated = await deps.endpoints.update(id, changes, deps.now());
  if (!updated) throw new NotFound('no endpoint with this id', { reason: 'endpoint_not_found' });
  if (changes.enabled) deps.kick();
  return updated;
}

export async function deleteEndpoint(deps: WebhookManagementDeps, id: string): Promise<void> {
  const existing = await deps.endpoints.get(id);
  if (!existing) throw new NotFound('no endpoint with this id', { reason: 'endpoint_not_found' });
  if (existing.origin === 'config')
    throw new Forbidden('this endpoint comes from OUTBOUND_WEBHOOKS; remove it there', { reason: 'config_endpoint' });
  await deps.endpoints.remove(id);
}
