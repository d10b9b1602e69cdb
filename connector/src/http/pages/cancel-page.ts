/**
 * The cancel page. Static HTML: /assets/cancel.js reads the token from the fragment, asks
 * /api/cancel/preview and fills in the details; nothing personal is in the HTML itself. Every text is
 * German with the citizen's language beneath it (cancel-texts.ts); the texts of all languages travel
 * as JSON (not a script: CSP allows it) so that the page can switch to the appointment's language.
 */
import type { MunicipalityProfile } from '@virtuelles-amt/video-service/shared/municipality-profile';
import { LANGUAGES, languageOf, type Language } from '../../notify/catalogue.ts';
import { escapeHtml as esc } from '../../notify/html.ts';
import { CANCEL_TEXTS, type CancelTexts } from './cancel-texts.ts';
import { page } from './layout.ts';

/** The second language for a browser's Accept-Language: the first one we have besides German, else English. */
export function secondLanguage(acceptLanguage: string | undefined): Language {
  for (const tag of (acceptLanguage ?? '').split(',')) {
    const base = tag.trim().split(';')[0]!.toLowerCase().split(/[-_]/)[0];
    const found = LANGUAGES.find((language) => language === base);
    if (found && found !== 'de') return found;
  }
  return 'en';
}

export function cancelPage(second: Language = 'en', office?: MunicipalityProfile): string {
  const both = (key: keyof CancelTexts, tag = 'span') => {
    const dir = languageOf(second) === 'ar' ? ' dir="rtl"' : '';
    return `<${tag} data-t="${key}">${esc(CANCEL_TEXTS.de[key])} <span lang="${second}"${dir} class="va-en">${esc(CANCEL_TEXTS[second][key])}</span></${tag}>`;
  };
  // `<` escaped so that no text can close the JSON block.
  const texts = JSON.stringify(CANCEL_TEXTS).replace(/</g, '\\u003c');
  return page({
    ...(office ? { office } : {}),
    title: `${CANCEL_TEXTS.de.title} / ${CANCEL_TEXTS[second].title}`,
    scripts: ['/assets/cancel.js'],
    body: `<main id="main" class="va-main" data-second="${second}">
<h1>${both('title')}</h1>
<div id="va-status" class="va-status" role="status" aria-live="polite" tabindex="-1">
  <p>${both('loading')}</p>
</div>
<section id="va-details" hidden aria-labelledby="va-details-heading">
  <h2 id="va-details-heading">${both('detailsHeading')}</h2>
  <dl class="va-facts">
    <dt>${both('subject')}</dt><dd id="va-title"></dd>
    <dt>${both('when')}</dt><dd id="va-when"></dd>
  </dl>
  <div id="va-confirm-area" hidden>
    <p>${both('question')}</p>
    <button id="va-confirm" type="button" class="va-button va-danger">${both('button')}</button>
  </div>
</section>
<noscript><p>${both('noscript')}</p></noscript>
<script type="application/json" id="va-texts">${texts}</script>
</main>`,
  });
}
