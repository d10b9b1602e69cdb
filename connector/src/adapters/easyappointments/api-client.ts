/**
 * A small client for the Easy!Appointments REST API v1, used to complete webhook payloads (they carry
 * the customer's id but not their e-mail address): `GET /index.php/api/v1/{customers|services|providers}/{id}`.
 * Authentication: the API key from E!A's settings as a Bearer token, or an admin's login (Basic).
 * https://easyappointments.org/documentation/rest-api/
 *
 * The URL comes from configuration, so it passes the private-target guard (ALLOW_PRIVATE_TARGETS) like
 * every other outbound call; redirects are not followed.
 */
import axios, { type AxiosInstance } from 'axios';
import type { z } from 'zod';
import { guardAxios, PrivateTargetRefused } from '../../net/private-targets.ts';
import {
  eaCustomerSchema,
  eaProviderSchema,
  eaServiceSchema,
  type EaCustomer,
  type EaProvider,
  type EaService,
} from './schema.ts';

export interface EasyAppointmentsApiOptions {
  /** The installation's base URL (`https://termine.example.org`), or the API base ending in `/api/v1`. */
  url: string;
  /** The API key from E!A's settings, sent as `Authorization: Bearer`. Wins over user/password. */
  apiKey?: string;
  /** Admin login for Basic authentication. */
  user?: string;
  password?: string;
  /** ALLOW_PRIVATE_TARGETS. */
  allowPrivate: boolean;
  /** Per request; default 10 s (E!A waits for our answer while its user waits for E!A). */
  timeoutMs?: number;
}

/** A failed look-up; `reason` is safe to log (a status code or an error code, never a body). */
export class EasyAppointmentsApiError extends Error {
  readonly reason: string;
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`Easy!Appointments API: ${reason}`, options);
    this.name = 'EasyAppointmentsApiError';
    this.reason = reason;
  }
}

export class EasyAppointmentsClient {
  readonly #http: AxiosInstance;

  constructor(options: EasyAppointmentsApiOptions) {
    const base = options.url.replace(/\/+$/, '');
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.apiKey) headers.Authorization = `Bearer ${options.apiKey}`;
    this.#http = axios.create({
      baseURL: /\/api\/v1$/.test(base) ? base : `${base}/index.php/api/v1`,
      timeout: options.timeoutMs ?? 10_000,
      headers,
      ...(!options.apiKey && options.user
        ? { auth: { username: options.user, password: options.password ?? '' } }
        : {}),
      responseType: 'json',
      maxContentLength: 1024 * 1024,
    });
    guardAxios(this.#http, { allowPrivate: options.allowPrivate });
  }

  /** `GET /customers/{id}`: name, e-mail, phone, language. */
  customer(id: string): Promise<EaCustomer> {
    return this.#get(`/customers/${encodeURIComponent(id)}`, eaCustomerSchema);
  }

  /** `GET /services/{id}`: its name becomes the appointment's title. */
  service(id: string): Promise<EaService> {
    return this.#get(`/services/${encodeURIComponent(id)}`, eaServiceSchema);
  }

  /** `GET /providers/{id}`: the clerk's name. */
  provider(id: string): Promise<EaProvider> {
    return this.#get(`/providers/${encodeURIComponent(id)}`, eaProviderSchema);
  }

  async #get<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T>> {
    let data: unknown;
    try {
      ({ data } = await this.#http.get(path));
    } catch (err) {
      if (err instanceof PrivateTargetRefused)
        throw new EasyAppointmentsApiError('private target refused (ALLOW_PRIVATE_TARGETS)', { cause: err });
      const status = axios.isAxiosError(err) ? err.response?.status : undefined;
      const code = (err as { code?: string }).code;
      throw new EasyAppointmentsApiError(status ? `HTTP ${status}` : (code ?? 'request failed'), { cause: err });
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new EasyAppointmentsApiError('unexpected answer');
    return parsed.data;
  }
}
