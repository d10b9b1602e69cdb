/**
 * The sign-in's few HTML pages (German, then English, like the connector's other pages): sign-in not
 * configured, sign-in failed, signed out, and the tiny stand-in for the workplace at GET /clerk until the
 * workplace replaces it. No personal data beyond the clerk's own display name.
 */
import { escapeHtml as esc } from '../../notify/html.ts';
import { page } from '../../http/pages/layout.ts';

/** German text with its English translation beneath. */
const both = (de: string, en: string, tag = 'p') =>
  `<${tag}>${esc(de)} <span lang="en" class="va-en">${esc(en)}</span></${tag}>`;

const shell = (titleDe: string, titleEn: string, body: string) =>
  page({
    title: `${titleDe} / ${titleEn}`,
    body: `<main id="main" class="va-main">\n${both(titleDe, titleEn, 'h1')}\n${body}\n</main>`,
  });

export function notConfiguredPage(): string {
  return shell(
    'Anmeldung nicht eingerichtet',
    'Sign-in not configured',
    both(
      'Die Anmeldung für Sachbearbeiterinnen und Sachbearbeiter ist auf diesem Server nicht eingerichtet. Bitte wenden Sie sich an Ihre IT (CLERK_OIDC_ISSUER, siehe docs/clerk-workplace.md).',
      'Clerk sign-in is not configured on this server. Please ask your IT department (CLERK_OIDC_ISSUER, see docs/clerk-workplace.md).',
    ),
  );
}

export type SignInProblem =
  | 'state'
  | 'provider_error'
  | 'code_rejected'
  | 'id_token_invalid'
  | 'no_clerk_claim'
  | 'provider_unreachable';

const PROBLEMS: Record<SignInProblem, [string, string]> = {
  state: [
    'Diese Anmeldung ist abgelaufen, wurde schon benutzt oder in einem anderen Browser begonnen.',
    'This sign-in has expired, was used already or was started in another browser.',
  ],
  provider_error: ['Der Anmeldedienst hat die Anmeldung abgelehnt.', 'The identity provider refused the sign-in.'],
  code_rejected: [
    'Der Anmeldedienst hat die Anmeldung nicht bestätigt (abgelaufen oder schon benutzt).',
    'The identity provider did not confirm the sign-in (expired or used already).',
  ],
  id_token_invalid: ['Die Antwort des Anmeldedienstes war ungültig.', 'The identity provider’s answer was invalid.'],
  no_clerk_claim: [
    'Ihr Konto nennt keine Kennung für den Arbeitsplatz. Bitte wenden Sie sich an Ihre IT.',
    'Your account carries no identifier for the workplace. Please ask your IT department.',
  ],
  provider_unreachable: [
    'Der Anmeldedienst ist gerade nicht erreichbar.',
    'The identity provider cannot be reached right now.',
  ],
};

export function signInFailedPage(problem: SignInProblem): string {
  const [de, en] = PROBLEMS[problem];
  return shell(
    'Anmeldung fehlgeschlagen',
    'Sign-in failed',
    `${both(de, en)}\n<p><a class="va-button" href="/clerk/login">Erneut anmelden <span lang="en" class="va-en">Sign in again</span></a></p>`,
  );
}

export function signedOutPage(providerLogout: string | null): string {
  const provider = providerLogout
    ? `\n${both(
        'Am gemeinsamen Anmeldedienst der Stadt sind Sie möglicherweise noch angemeldet.',
        'You may still be signed in at the city’s identity provider.',
      )}\n<p><a href="${esc(providerLogout)}">Auch dort abmelden <span lang="en" class="va-en">Sign out there too</span></a></p>`
    : '';
  return shell(
    'Abgemeldet',
    'Signed out',
    `${both('Sie sind vom Arbeitsplatz abgemeldet.', 'You are signed out of the workplace.')}${provider}
<p><a class="va-button" href="/clerk/login">Wieder anmelden <span lang="en" class="va-en">Sign in again</span></a></p>`,
  );
}
