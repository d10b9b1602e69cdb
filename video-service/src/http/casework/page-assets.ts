/**
 * The style sheet the public pages share and the download page's script (the verify page's: verify-page.ts),
 * served from /casework/assets/ (same origin, so the CSP needs no inline scripts or styles). Plain ES2020.
 */

export const PAGES_CSS = `
:root { color-scheme: light dark; --accent: var(--va-brand, #0b5cad); }
/* The office's bar: its colours from /brand/brand-<hash>.css (the municipality profile), white text on them. */
.va-brand-bar { display: flex; align-items: center; gap: .75rem; padding: .6rem 1rem; background: var(--accent); color: var(--va-on-brand, #fff); border-bottom: 4px solid var(--va-brand-accent, var(--accent)); }
.va-brand-logo { height: 48px; width: auto; flex: none; }
.va-brand-office { font-weight: 700; font-size: 1.1rem; overflow-wrap: anywhere; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; line-height: 1.5; }
main { max-width: 42rem; margin: 0 auto; padding: 2rem 1rem; }
h1 { font-size: 1.6rem; margin-top: 0; }
.en { color: #555; }
@media (prefers-color-scheme: dark) { .en { color: #bbb; } }
form { margin: 1.5rem 0; display: grid; gap: .75rem; }
label { font-weight: 600; }
input[type=file] { padding: .5rem 0; }
button, .button { font: inherit; padding: .6rem 1.2rem; border: 2px solid var(--accent); background: var(--accent); color: #fff; border-radius: .4rem; cursor: pointer; justify-self: start; text-decoration: none; display: inline-block; }
button:focus-visible, .button:focus-visible, input:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
.result { margin-top: 1rem; padding: 1rem; border-radius: .4rem; border: 2px solid; }
.result.ok { border-color: #1b7f3b; }
.result.bad { border-color: #b3261e; }
.result:empty { display: none; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
/* A phone: each term above its value (side by side, a long term squeezed the value into a narrow column). */
@media (max-width: 30rem) { dl { grid-template-columns: 1fr; gap: 0; } dd { margin-bottom: .5rem; } }
code { word-break: break-all; }
`;

export const DOWNLOAD_JS = `
(function () {
  var token = location.hash.slice(1);
  var out = document.getElementById('result');
  function line(text, cls) { var el = document.createElement('p'); el.textContent = text; if (cls) el.className = cls; return el; }
  history.replaceState(null, '', location.pathname);
  if (!token) { out.className = 'result bad'; out.replaceChildren(line('Dieser Link ist unvollständig.'), line('This link is incomplete.', 'en')); return; }
  fetch('/api/documents/download', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: token }), credentials: 'omit' })
    .then(function (res) {
      if (!res.ok) return res.json().then(function (b) { throw new Error((b && b.message) || String(res.status)); });
      var name = 'dokument.pdf';
      var cd = res.headers.get('content-disposition') || '';
      var m = /filename="([^"]+)"/.exec(cd);
      if (m) name = m[1];
      return res.blob().then(function (blob) { return { blob: blob, name: name }; });
    })
    .then(function (r) {
      var a = document.createElement('a');
      a.href = URL.createObjectURL(r.blob);
      a.download = r.name;
      a.className = 'button';
      a.textContent = 'PDF speichern / Save the PDF';
      out.className = 'result ok';
      out.replaceChildren(line('Ihr Dokument ist bereit.'), line('Your document is ready.', 'en'), a);
      a.focus();
    })
    .catch(function (e) { out.className = 'result bad'; out.replaceChildren(line('Das Dokument kann nicht geladen werden: ' + e.message), line('The document cannot be loaded.', 'en')); });
})();
`;
