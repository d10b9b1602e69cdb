/** The development provider's sign-in form (oidc-provider's `login` interaction): pick a clerk, password `dev`. */
import { escapeHtml as esc } from '../../notify/html.ts';
import { DEV_CLERKS } from './dev-clerks.ts';

const STYLE = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
fieldset{border:1px solid #767676;padding:.5rem 1rem}label{display:block;margin:.4rem 0}
input[type=password]{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box}
button{font-size:1rem;padding:.5rem 1.2rem;margin-top:1rem;background:#0b5394;color:#fff;border:0;border-radius:4px}
.error{color:#a30000;font-weight:bold}.hint{color:#4a4a4a}`;

export function loginPage(uid: string, problem?: string): string {
  const choices = DEV_CLERKS.map(
    (c, i) =>
      `<label><input type="radio" name="username" value="${esc(c.username)}"${i === 0 ? ' checked' : ''}> ${esc(c.name)} (${esc(c.username)}, ${esc(c.groups.join(', '))})</label>`,
  ).join('\n');
  return `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Entwicklungs-Anmeldedienst / Development identity provider</title>
<style>${STYLE}</style></head>
<body><main>
<h1>Entwicklungs-Anmeldedienst <span lang="en">/ Development identity provider</span></h1>
<p class="hint">Nur für die Entwicklung: Passwort „dev“. <span lang="en">Development only: password “dev”.</span></p>
${problem ? `<p class="error" role="alert">${esc(problem)}</p>` : ''}
<form method="post" action="/interaction/${esc(uid)}/login">
<fieldset><legend>Sachbearbeiter/in <span lang="en">/ Clerk</span></legend>
${choices}
</fieldset>
<label for="password">Passwort <span lang="en">/ Password</span></label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Anmelden <span lang="en">/ Sign in</span></button>
</form>
</main></body></html>
`;
}
