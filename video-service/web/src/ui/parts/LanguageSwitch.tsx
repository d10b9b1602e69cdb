/**
 * The language choice: one button per language, labelled in that language (with its `lang`), the current one
 * pressed — and, on narrow screens where six buttons do not fit beside the name, the same choice as a native
 * select (CSS shows one of the two; the hidden one is `display: none`, so assistive technology meets only one).
 */
import type { JSX } from 'preact';
import { LANGUAGES, type LanguageCode } from '../../i18n/index.ts';
import { useUi } from '../context.ts';

export function LanguageSwitch(): JSX.Element {
  const { client, t, lang } = useUi();
  return (
    <>
      <div class="va-languages" role="group" aria-label={t('languageLabel')}>
        {LANGUAGES.map((language) => (
          <button
            type="button"
            key={language.code}
            class="va-language"
            lang={language.code}
            aria-pressed={language.code === lang}
            onClick={() => client.setLanguage(language.code)}
            data-testid={`language-${language.code}`}
          >
            {language.name}
          </button>
        ))}
      </div>
      <select
        class="va-language-select"
        aria-label={t('languageLabel')}
        value={lang}
        onChange={(event) => client.setLanguage(event.currentTarget.value as LanguageCode)}
        data-testid="language-select"
      >
        {LANGUAGES.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.name}
          </option>
        ))}
      </select>
    </>
  );
}
