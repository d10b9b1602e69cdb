/**
 * The small HTTP client the providers share: fetch with a timeout, JSON in and out, and the one rule that
 * matters for money: a network error, a timeout, 429 or 5xx is `ProviderUnavailable` (try again with the
 * same idempotency key), anything else that is not 2xx goes to the provider's own error mapping. Request
 * and response bodies are never logged (they carry payment data and tokens).
 */
import { ProviderRejected, ProviderUnavailable } from './provider.ts';

export interface JsonAnswer {
  status: number;
  contentType: string;
  body: unknown;
}

export async function requestJson(
  url: string,
  init: RequestInit & { timeoutMs?: number },
  providerName: string,
): Promise<JsonAnswer> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(init.timeoutMs ?? 15_000) });
  } catch (error) {
    throw new ProviderUnavailable(`${providerName} not reachable`, { cause: error });
  }
  const text = await response.text().catch(() => '');
  if (response.status === 429 || response.status >= 500)
    throw new ProviderUnavailable(`${providerName} answered ${response.status}`);
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
}

/** An OAuth2 client-credentials token, fetched when needed and kept until shortly before it expires. */
export class ClientCredentials {
  readonly #o: {
    tokenUrl: string;
    clientId: string;
    clientSecret: string;
    provider: string;
    form?: Record<string, string>;
  };
  #token: { value: string; until: number } | undefined;
  #fetching: Promise<string> | undefined;

  constructor(o: {
    tokenUrl: string;
    clientId: string;
    clientSecret: string;
    provider: string;
    form?: Record<string, string>;
  }) {
    this.#o = o;
  }

  async token(): Promise<string> {
    if (this.#token && this.#token.until > Date.now()) return this.#token.value;
    this.#fetching ??= this.#fetch().finally(() => {
      this.#fetching = undefined;
    });
    return this.#fetching;
  }

  /** Forget the token (the provider answered 401 with it). */
  reset(): void {
    this.#token = undefined;
  }

  async #fetch(): Promise<string> {
    const { tokenUrl, clientId, clientSecret, provider } = this.#o;
    const answer = await requestJson(
      tokenUrl,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', ...this.#o.form }).toString(),
      },
      provider,
    );
    const body = answer.body as { access_token?: unknown; expires_in?: unknown } | null;
    if (answer.status === 400 || answer.status === 401)
      throw new ProviderRejected('UNAUTHORIZED', `${provider} refused our client credentials`);
    if (answer.status !== 200 || typeof body?.access_token !== 'string')
      throw new ProviderUnavailable(`${provider} token endpoint answered ${answer.status}`);
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : 300;
    this.#token = { value: body.access_token, until: Date.now() + Math.max(10, seconds - 30) * 1000 };
    return body.access_token;
  }
}
