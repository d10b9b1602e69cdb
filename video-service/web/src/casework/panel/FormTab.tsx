/**
 * The form tab: the case's forms (one per service with a form), rendered section by section from the
 * declarative definition, co-edited live. The clerk freezes a complete form for signing.
 */
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { FieldValue, FormState } from '@virtuelles-amt/video-service/contract/casework';
import { useCase } from './case-context.ts';
import { Field, type FieldContext } from './FormFields.tsx';
import { localized } from './texts.ts';

export function FormTab(): JSX.Element {
  const { state, ct, lang } = useCase();
  const forms = state.snapshot!.forms;
  const [chosen, setChosen] = useState<string | null>(null);
  if (forms.length === 0) return <p>{ct('formNone')}</p>;
  const form = forms.find((f) => f.id === chosen) ?? forms.find((f) => f.status === 'open') ?? forms[0]!;
  return (
    <div>
      {forms.length > 1 ? (
        <p class="va-form-pick">
          <label for="va-form-pick">{ct('formPick')}</label>{' '}
          <select
            id="va-form-pick"
            value={form.id}
            onChange={(e) => setChosen(e.currentTarget.value)}
            data-testid="form-pick"
          >
            {forms.map((f) => (
              <option key={f.id} value={f.id} data-service={f.service}>
                {localized(f.definition.title, lang)} – {ct(`formStatus_${f.status}`)}
              </option>
            ))}
          </select>
        </p>
      ) : null}
      <FormView key={form.id} form={form} />
    </div>
  );
}

function FormView({ form }: { form: FormState }): JSX.Element {
  const { state, ct, lang, role, cases, fail } = useCase();
  const [busy, setBusy] = useState(false);
  const [showRequired, setShowRequired] = useState(false);
  const values = useMemo(() => {
    const merged: Record<string, FieldValue> = {};
    for (const [path, field] of Object.entries(form.fields)) merged[path] = field.value;
    const prefix = `${form.id}|`;
    for (const [key, value] of Object.entries(state.drafts))
      if (key.startsWith(prefix)) merged[key.slice(prefix.length)] = value;
    return merged;
  }, [form, state.drafts]);
  const finished = Boolean(state.snapshot?.finishedAt);
  const ctx: FieldContext = {
    form,
    values,
    showRequired,
    // A finished case is read-only for everyone (the server refuses changes with `case_finished`).
    mayEdit: (editableBy) =>
      form.status === 'open' && !finished && role !== 'guest' && (editableBy === 'both' || editableBy === role),
  };
  const openIssues = Object.keys(form.issues).length;
  const freeze = async (): Promise<void> => {
    if (openIssues > 0) {
      // Mark what is missing and take the keyboard there.
      setShowRequired(true);
      setTimeout(
        () => document.querySelector<HTMLElement>(`[data-form="${form.id}"] [aria-invalid="true"]`)?.focus(),
        0,
      );
      return;
    }
    setBusy(true);
    try {
      await cases.freeze(form.id);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="va-form"
      data-testid="case-form"
      data-form={form.id}
      data-service={form.service}
      data-status={form.status}
      onSubmit={(e) => e.preventDefault()}
      noValidate
    >
      <h3 class="va-case-h">{localized(form.definition.title, lang)}</h3>
      <p class="va-form-status" data-testid="form-status">
        {ct(`formStatus_${form.status}`)}
        {form.definition.legalBasis ? ` · ${form.definition.legalBasis}` : ''}
      </p>
      {form.status !== 'open' ? (
        <p class="va-case-note" role="status">
          {role === 'citizen' && form.status === 'frozen' ? ct('frozenNotice') : ct('formReadOnlyNote')}
        </p>
      ) : null}
      {form.definition.sections.map((section) => (
        <fieldset key={section.id} class="va-form-section">
          <legend class="va-form-section-title">{localized(section.title, lang)}</legend>
          {section.fields.map((field) => (
            <Field key={field.id} field={field} ctx={ctx} />
          ))}
        </fieldset>
      ))}
      {role === 'clerk' && form.status === 'open' && !finished ? (
        <div class="va-form-actions">
          {openIssues > 0 ? (
            <p class="va-case-note" id={`va-freeze-${form.id}`} role={showRequired ? 'alert' : undefined}>
              {ct('freezeBlocked', { count: openIssues })} {showRequired ? ct('freezeShowIssues') : ''}
            </p>
          ) : null}
          <button
            type="button"
            class="va-case-button"
            disabled={busy}
            aria-describedby={openIssues > 0 ? `va-freeze-${form.id}` : undefined}
            onClick={() => void freeze()}
            data-testid="form-freeze"
          >
            {ct('freeze')}
          </button>
        </div>
      ) : null}
    </form>
  );
}
