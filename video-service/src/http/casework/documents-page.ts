/**
 * The citizen's documents page, `GET /documents#<capability>` (optionally `?lang=en`): the shell is
 * rendered here in the page's language; its script (no inline code, CSP-clean) takes the capability from
 * the fragment, removes it from the address bar (kept in sessionStorage, so a reload of the tab still
 * works), fetches `GET /api/casework/case-documents` and lists each document with name, date, seal state,
 * a download (through `POST /api/documents/download`) and a link to the verify page.
 */
import { FAVICON_LINK } from '../favicon.ts';
import { DOCUMENTS_PAGE_TEXTS, type DocumentsPageLanguage } from './documents-page-texts.ts';
import { escapeHtml, LANGUAGE_SWITCH_CSS, PAGE_LANGUAGES, pageStart, type PageOffice } from './page-languages.ts';

const escape = escapeHtml;

export function documentsPage(lang: DocumentsPageLanguage, office?: PageOffice): string {
  const t = DOCUMENTS_PAGE_TEXTS[lang];
  return `${pageStart({ lang, title: t.title, stylesheet: 'documents.css', mainId: 'documents-page', languagesLabel: t.languages, favicon: FAVICON_LINK, office })}
<h1>${escape(t.title)}</h1>
<p>${escape(t.intro)}</p>
<div id="status" role="status" aria-live="polite" tabindex="-1"><p>${escape(t.loading)}</p></div>
<div id="content"></div>
<noscript><p>${escape(t.noScript)}</p></noscript>
</main>
<script src="/casework/assets/documents.js" defer></script>
</body>
</html>
`;
}

export const DOCUMENTS_CSS = `${LANGUAGE_SWITCH_CSS}#status:empty { display: none; }
#status.bad { padding: 1rem; border: 2px solid #b3261e; border-radius: .4rem; }
.doc-list { list-style: none; padding: 0; margin: 1rem 0; display: grid; gap: 1rem; }
.doc { border: 1px solid #8a8a8a; border-radius: .5rem; padding: 1rem; }
.doc h3 { margin: 0 0 .25rem; font-size: 1.15rem; overflow-wrap: anywhere; }
.doc p { margin: .25rem 0; }
.doc .state { font-weight: 600; }
.doc .state.sealed::before { content: "\\2713\\00a0"; color: #1b7f3b; }
.doc .state.locked { font-weight: 400; border-left: 4px solid #8a4b00; padding-left: .6rem; }
.doc .actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; margin-top: .75rem; }
.doc .actions a:not(.button) { color: var(--accent); }
.doc .error { color: #b3261e; }
.doc details { margin-top: .5rem; font-size: .9rem; }
.doc code { font-size: .85rem; }
.meta { color: #555; }
@media (prefers-color-scheme: dark) { .meta { color: #bbb; } .doc .error { color: #ffb4ab; } .doc .actions a:not(.button) { color: #9ecbff; } }
`;

/** The page script; the catalogue is inlined as data, so the script stays one static file. */
export const DOCUMENTS_JS = `
(function () {
  var TEXTS = ${JSON.stringify(DOCUMENTS_PAGE_TEXTS)};
  var LOCALES = ${JSON.stringify(Object.fromEntries(PAGE_LANGUAGES.map((l) => [l.code, l.locale])))};
  var main = document.getElementById('documents-page');
  var lang = main.getAttribute('data-lang');
  var t = TEXTS[lang] || TEXTS.de;
  var locale = LOCALES[lang] || 'de-DE';
  var status = document.getElementById('status');
  var content = document.getElementById('content');
  var KEY = 'va-documents-link';
  var token = location.hash.slice(1);
  if (token) { try { sessionStorage.setItem(KEY, token); } catch (e) {} history.replaceState(null, '', location.pathname + location.search); }
  else { try { token = sessionStorage.getItem(KEY) || ''; } catch (e) { token = ''; } }
  function fill(text, values) { return text.replace(/\\{(\\w+)\\}/g, function (_, k) { return values[k]; }); }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (k === 'text') node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }
  function when(iso, zone, withTime) {
    var options = withTime ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long' };
    try { return new Date(iso).toLocaleString(locale, Object.assign({ timeZone: zone }, options)); } catch (e) { return new Date(iso).toLocaleString(locale, options); }
  }
  function fail(text) { status.className = 'bad'; status.replaceChildren(el('p', { text: text })); status.focus(); }
  function download(doc, button, message) {
    button.disabled = true;
    message.className = 'meta';
    message.textContent = t.downloading;
    fetch('/api/documents/download', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: doc.downloadToken }), credentials: 'omit' })
      .then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        var m = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') || '');
        return res.blob().then(function (blob) { return { blob: blob, name: m ? m[1] : 'dokument.pdf' }; });
      })
      .then(function (r) {
        var a = el('a', { href: URL.createObjectURL(r.blob), download: r.name });
        document.body.appendChild(a); a.click(); a.remove();
        message.textContent = '';
      })
      .catch(function () { message.className = 'error'; message.textContent = t.downloadFailed; })
      .then(function () { button.disabled = false; });
  }
  function item(doc, view, zone) {
    var name = doc.title[lang] || doc.title.de;
    var parts = [el('h3', { text: name })];
    if (doc.status === 'sealed') {
      parts.push(el('p', { class: 'meta', text: fill(t.sealedOn, { date: when(doc.sealedAt, zone, true) }) }));
      parts.push(el('p', { class: 'state sealed', text: view.developmentSeal ? t.sealStateDevelopment : fill(t.sealState, { authority: view.authority }) }));
      if (doc.lockedUntilPaid) {
        // Sealed, but its service wants the fee first: say why there is no download, and what to do.
        parts.push(el('p', { class: 'state locked', 'data-testid': 'documents-page-locked', text: t.lockedUntilPaid }));
        return el('li', { class: 'doc', 'data-testid': 'documents-page-item', 'data-status': doc.status, 'data-locked': 'true' }, parts);
      }
      var message = el('p', { 'aria-live': 'polite' });
      var button = el('button', { type: 'button', class: 'button', 'aria-label': fill(t.downloadLabel, { name: name }), 'data-testid': 'documents-page-download', text: t.download });
      button.addEventListener('click', function () { download(doc, button, message); });
      var verify = el('a', { href: view.verifyPath + '?lang=' + lang, 'aria-label': fill(t.verifyLabel, { name: name }), text: t.verify });
      parts.push(el('div', { class: 'actions' }, [button, verify]), message);
      parts.push(el('details', {}, [el('summary', { text: t.fingerprint }), el('code', { text: doc.sha256 })]));
    } else {
      parts.push(el('p', { class: 'state', text: t.notSigned }));
    }
    return el('li', { class: 'doc', 'data-testid': 'documents-page-item', 'data-status': doc.status }, parts);
  }
  if (!token) { fail(t.incomplete); return; }
  fetch('/api/casework/case-documents', { headers: { authorization: 'Bearer ' + token }, credentials: 'omit' })
    .then(function (res) {
      if (res.status === 401) throw new Error('expired');
      if (res.status === 404) throw new Error('gone');
      if (!res.ok) throw new Error('unreachable');
      return res.json();
    })
    .then(function (view) {
      var zone = view.appointment.timeZone;
      status.className = '';
      status.replaceChildren();
      var parts = [
        el('p', { class: 'meta', text: fill(t.appointment, { date: when(view.appointment.start, zone, false) }) }),
        el('p', { text: fill(t.validUntil, { date: when(view.expiresAt, zone, true) }) }),
        el('h2', { text: t.documentsHeading }),
      ];
      if (view.documents.length === 0) parts.push(el('p', { text: t.none }));
      else parts.push(el('ul', { class: 'doc-list', 'data-testid': 'documents-page-list' }, view.documents.map(function (d) { return item(d, view, zone); })));
      if (view.receipts.length > 0) {
        parts.push(el('h2', { text: t.receiptsHeading }));
        parts.push(el('ul', { class: 'doc-list' }, view.receipts.map(function (d) { return item(d, view, zone); })));
      }
      content.replaceChildren.apply(content, parts);
    })
    .catch(function (e) { fail(t[e.message] || t.unreachable); });
})();
`;
