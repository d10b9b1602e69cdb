/**
 * The public verify page, `GET /verify` (optionally `?lang=tr`; else Accept-Language, else German): the shell
 * in the page's language with the language switch; its script (a static file, no inline code) posts the
 * chosen PDF to `POST /api/documents/verify` and shows the answer in the same language, the reason in the
 * page's language (the API answers each reason in all six), dates formatted for the language.
 */
import { FAVICON_LINK } from '../favicon.ts';
import {
  escapeHtml,
  LANGUAGE_SWITCH_CSS,
  PAGE_LANGUAGES,
  pageStart,
  type PageLanguageCode,
  type PageOffice,
} from './page-languages.ts';
import { VERIFY_PAGE_TEXTS } from './verify-page-texts.ts';

const escape = escapeHtml;

export function verifyPage(authority: string, lang: PageLanguageCode, office?: PageOffice): string {
  const t = VERIFY_PAGE_TEXTS[lang];
  return `${pageStart({ lang, title: t.title, stylesheet: 'verify.css', mainId: 'verify-page', languagesLabel: t.languages, favicon: FAVICON_LINK, office })}
<h1>${escape(t.title)}</h1>
<p>${escape(t.intro.replace('{authority}', authority))}</p>
${lang === 'de' ? '' : `<p class="meta">${escape(t.officialLanguage)}</p>`}
<form id="verify-form">
<label for="file">${escape(t.fileLabel)}</label>
<input id="file" name="file" type="file" accept="application/pdf,.pdf" required>
<button type="submit">${escape(t.submit)}</button>
</form>
<div id="result" class="result" role="status" aria-live="polite" tabindex="-1"></div>
<noscript><p>${escape(t.noScript)}</p></noscript>
</main>
<script src="/casework/assets/verify.js" defer></script>
</body>
</html>
`;
}

export const VERIFY_CSS = `${LANGUAGE_SWITCH_CSS}
.meta { color: #555; }
@media (prefers-color-scheme: dark) { .meta { color: #bbb; } }
/* Checksums, ids and certificate names read left to right on a right-to-left page too. */
.result code { direction: ltr; unicode-bidi: isolate; }
`;

export const VERIFY_JS = `
(function () {
  var TEXTS = ${JSON.stringify(VERIFY_PAGE_TEXTS)};
  var LOCALES = ${JSON.stringify(Object.fromEntries(PAGE_LANGUAGES.map((l) => [l.code, l.locale])))};
  var lang = document.getElementById('verify-page').getAttribute('data-lang');
  var t = TEXTS[lang] || TEXTS.de;
  var form = document.getElementById('verify-form');
  var input = document.getElementById('file');
  var out = document.getElementById('result');
  function line(tag, text, cls) { var el = document.createElement(tag); el.textContent = text; if (cls) el.className = cls; return el; }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var file = input.files && input.files[0];
    if (!file) { input.focus(); return; }
    out.className = 'result';
    out.replaceChildren(line('p', t.checking));
    fetch('/api/documents/verify', { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: file, credentials: 'omit' })
      .then(function (res) { return res.json().then(function (body) { return { status: res.status, body: body }; }); })
      .then(function (r) {
        var b = r.body;
        if (r.status !== 200) { out.className = 'result bad'; out.replaceChildren(line('p', t.failed)); out.focus(); return; }
        out.className = 'result ' + (b.valid ? 'ok' : 'bad');
        var parts = [line('p', b.message[lang] || b.message.de)];
        if (lang !== 'de') { var german = line('p', b.message.de, 'meta'); german.lang = 'de'; german.dir = 'ltr'; parts.push(german); }
        var dl = document.createElement('dl');
        function add(k, v) { dl.appendChild(line('dt', k)); var dd = document.createElement('dd'); dd.appendChild(line('code', v)); dl.appendChild(dd); }
        if (b.document) {
          add(t.document, (b.document.title[lang] || b.document.title.de) + ' (' + b.document.id + ')');
          add(t.sealed, new Date(b.document.sealedAt).toLocaleString(LOCALES[lang] || 'de-DE', { dateStyle: 'long', timeStyle: 'short' }));
          add(t.seal, b.document.certificate);
        }
        add(t.fingerprint, b.sha256);
        parts.push(dl);
        out.replaceChildren.apply(out, parts);
        out.focus();
      })
      .catch(function () { out.className = 'result bad'; out.replaceChildren(line('p', t.unreachable)); out.focus(); });
  });
})();
`;
