/**
 * The clerk's workplace wired in one place (app.ts creates it): the use cases, the live bus the room
 * events publish to (`roomChanged` for DomainDeps; with REDIS_URL relayed to the other processes), the live
 * channel and the routes.
 */
import type { RequestHandler, Router } from 'express';
import { fileURLToPath } from 'node:url';
import type { ConnectorConfig } from '../../config.ts';
import type { Appointment } from '../../domain/appointment.ts';
import type { DomainDeps, UnitOfWork } from '../../domain/ports.ts';
import { inviteGuest, listGuests, withdrawGuest } from '../../domain/guest-invitations.ts';
import { WorkplaceGuests } from './workplace-guests.ts';
import type { Logger } from '../../log.ts';
import type { Catalogue } from '../../notify/catalogue.ts';
import type { SendWaitingEstimate } from '../../video-admin/waiting-estimate-client.ts';
import type { WorkplaceStore } from './ports.ts';
import type { AuthenticateClerk } from '../principal.ts';
import { sameOriginCsrf } from './csrf.ts';
import { LiveBus, type LiveRelay } from './live-bus.ts';
import { LiveChannel } from './live-channel.ts';
import { Workplace } from './workplace.ts';
import { workplaceRoutes } from './workplace-routes.ts';

/** Where `connector/web/workplace/build.ts` writes the page's bundle. */
export const WORKPLACE_DIST = fileURLToPath(new URL('../../../web/workplace/dist/', import.meta.url));

export interface WorkplaceModuleOptions {
  config: ConnectorConfig;
  uow: UnitOfWork;
  /** For "Person einladen" (guest invitations, issue 15); without it the workplace has no guest routes. */
  domain?: DomainDeps;
  store: WorkplaceStore;
  catalogue: Catalogue;
  clerkLink: (appointment: Appointment) => string;
  /** The admin call for "Wartezeit mitteilen" (video-admin/waiting-estimate-client.ts). */
  sendEstimate: SendWaitingEstimate;
  /** Who is signed in; without a sign-in wired, nobody is (every request is sent to /clerk/login). */
  authenticate?: AuthenticateClerk;
  /** CSRF check of take-next; default: same origin + X-CSRF-Token equal to the va_clerk_csrf cookie. */
  csrf?: RequestHandler;
  publicUrl: () => string;
  log: Logger;
  now?: () => Date;
  heartbeatMs?: number;
  assetsDir?: string;
  /** The shared channel to the other connector processes (REDIS_URL); none: this process alone. */
  relay?: LiveRelay;
}

export class WorkplaceModule {
  readonly bus: LiveBus;
  readonly workplace: Workplace;
  readonly #live: LiveChannel;
  readonly #router: Router;

  constructor(o: WorkplaceModuleOptions) {
    const authenticate = o.authenticate ?? (async () => null);
    this.bus = new LiveBus(o.relay);
    this.workplace = new Workplace({
      uow: o.uow,
      store: o.store,
      desks: o.config.clerkDesks,
      catalogue: o.catalogue,
      timezone: o.config.timezone,
      opensMinutesBefore: o.config.joinOpensMinutesBefore,
      noShowMinutes: o.config.clerkNoShowMinutes,
      clerkLink: o.clerkLink,
      now: o.now ?? (() => new Date()),
      changed: this.bus.publish,
      sendEstimate: o.sendEstimate,
    });
    this.#live = new LiveChannel({
      workplace: this.workplace,
      bus: this.bus,
      authenticate,
      log: o.log,
      ...(o.heartbeatMs ? { heartbeatMs: o.heartbeatMs } : {}),
    });
    const domain = o.domain;
    this.#router = workplaceRoutes({
      workplace: this.workplace,
      ...(domain
        ? {
            guests: new WorkplaceGuests(this.workplace, {
              invite: (id, input) => inviteGuest(domain, id, input),
              list: (id) => listGuests(domain, id),
              withdraw: (id, guestId) => withdrawGuest(domain, id, guestId),
            }),
          }
        : {}),
      live: this.#live,
      desks: o.config.clerkDesks,
      authenticate,
      csrf: o.csrf ?? sameOriginCsrf(o.publicUrl),
      assetsDir: o.assetsDir ?? WORKPLACE_DIST,
      log: o.log,
    });
  }

  /** Pass as `DomainDeps.roomChanged`. */
  get roomChanged(): (appointmentId: string) => void {
    return this.bus.publish;
  }

  routes(): Router {
    return this.#router;
  }

  /** Ends the live streams' bus subscription. Safe to call twice. */
  close(): void {
    this.#live.close();
  }
}
