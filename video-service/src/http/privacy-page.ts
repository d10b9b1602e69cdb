/**
 * `GET /privacy` (optionally `?lang=tr`; else Accept-Language, else German): the service's own short privacy
 * statement, the default target of `PRIVACY_URL` (issue 11, item 15). A city sets `PRIVACY_URL` to its own
 * statement; this page only says what the video room itself processes, so that the link before joining never
 * leads nowhere.
 */
import { Router } from 'express';
import { FAVICON_LINK } from './favicon.ts';
import {
  escapeHtml,
  PAGE_LANGUAGES,
  pageStart,
  pickPageLanguage,
  type PageLanguageCode,
} from './casework/page-languages.ts';
import { PRIVACY_PAGE_TEXTS } from './privacy-page-texts.ts';
import { noStore } from './security-headers.ts';

export function privacyPage(lang: PageLanguageCode): string {
  const t = PRIVACY_PAGE_TEXTS[lang];
  // The verify page's sheet is the shared one plus the language switch: all this page needs.
  return `${pageStart({ lang, title: t.title, stylesheet: 'verify.css', mainId: 'privacy-page', languagesLabel: t.languages, favicon: FAVICON_LINK })}
<h1>${escapeHtml(t.title)}</h1>
${t.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
</main>
</body>
</html>
`;
}

export function privacyRoutes(): Router {
  const router = Router();
  const pages = new Map<PageLanguageCode, string>(PAGE_LANGUAGES.map((l) => [l.code, privacyPage(l.code)]));
  router.get('/privacy', noStore, (req, res) => {
    res.type('text/html; charset=utf-8').send(pages.get(pickPageLanguage(req.query.lang, req.get('accept-language'))));
  });
  return router;
}
