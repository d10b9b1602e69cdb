/** One button per language, labelled in that language (with its `lang`), the current one pressed. */
import type { JSX } from 'preact';
import { LANGUAGES } from '../../i18n/index.ts';
import { useUi } from '../context.ts';

export function LanguageSwitch(): JSX.Element {
  const { client, t, lang } = useUi();
  return (
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
  );
}
