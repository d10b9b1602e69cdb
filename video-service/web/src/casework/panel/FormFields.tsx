/**
 * One form field rendered from its declarative definition: text, date, select, checkbox, address (part by
 * part) and repeatable person groups. Shows who else edits it, the issue (linked by aria-describedby), a
 * conflict the service resolved, and is read-only when the role may not edit it or the form is closed.
 */
import type { JSX } from 'preact';
import {
  ADDRESS_PARTS,
  type AddressPart,
  type FieldDef,
  type FieldIssueCode,
  type FieldValue,
  type FormState,
  type LeafFieldDef,
  type PersonsFieldDef,
} from '@virtuelles-amt/video-service/contract/casework';
import { isShown, itemKeys, type Values } from '@virtuelles-amt/video-service/shared/form-conditions';
import { fieldKey } from './case-client.ts';
import { useCase, type CaseUi } from './case-context.ts';
import { localized, type CaseTextKey } from './texts.ts';

export interface FieldContext {
  form: FormState;
  values: Values;
  /** Show "please fill in" also at fields nobody has touched yet (after the clerk tried to freeze). */
  showRequired: boolean;
  /** Whether this participant may change fields editable by `editableBy`. */
  mayEdit(editableBy: LeafFieldDef['editableBy']): boolean;
}

const domId = (formId: string, path: string): string => `va-f-${formId}-${path}`.replace(/[^A-Za-z0-9_-]/g, '_');

/**
 * The issues to show at `path`: "please fill in" only once someone has written the field (or the clerk
 * tried to freeze), so a fresh form is not a wall of red; every other issue at once.
 */
export function shownIssues(ctx: FieldContext, path: string): FieldIssueCode[] {
  const issues = ctx.form.issues[path] ?? [];
  if (ctx.showRequired || path in ctx.form.fields) return issues;
  return issues.filter((code) => code !== 'required' && code !== 'too_few_items');
}

/** The stored or typed value of a path. */
export function valueOf(ctx: FieldContext, path: string): FieldValue | undefined {
  return ctx.values[path];
}

export function Field({
  field,
  ctx,
  prefix = '',
}: {
  field: FieldDef;
  ctx: FieldContext;
  prefix?: string;
}): JSX.Element | null {
  if (!isShown(field, ctx.values, prefix)) return null;
  const path = prefix + field.id;
  if (field.type === 'persons') return <Persons field={field} ctx={ctx} path={path} />;
  if (field.type === 'address') return <Address field={field} ctx={ctx} path={path} />;
  return (
    <div class="va-field" data-testid="form-field" data-path={path}>
      <Leaf field={field} ctx={ctx} path={path} />
    </div>
  );
}

/** "… is editing this field" for everyone else focused on `path` (or, for a person group, inside it). */
function Presence({ ctx, path, inside }: { ctx: FieldContext; path: string; inside?: boolean }): JSX.Element {
  const { ct, state, selfId, who } = useCase();
  const editors = (state.snapshot?.presence ?? []).filter(
    (p) =>
      p.formId === ctx.form.id &&
      p.participantId !== selfId &&
      p.field !== null &&
      (p.field === path || (inside === true && p.field.startsWith(`${path}.`))),
  );
  return (
    <>
      {editors.map((p) => (
        <span
          key={p.participantId}
          class="va-field-presence"
          data-testid="field-presence"
          data-participant={p.participantId}
        >
          ✎ {ct('fieldEditing', { who: who(p.participantId) })}
        </span>
      ))}
    </>
  );
}

/** Label line: name, "required", who may edit, who is editing now. */
function LabelLine({
  field,
  ctx,
  path,
  htmlFor,
  legend,
}: {
  field: LeafFieldDef | PersonsFieldDef;
  ctx: FieldContext;
  path: string;
  htmlFor?: string;
  legend?: boolean;
}): JSX.Element {
  const { ct, lang } = useCase();
  const readOnlyFor =
    field.editableBy !== 'both' && !ctx.mayEdit(field.editableBy)
      ? ct('fieldReadOnly', { who: ct(field.editableBy === 'clerk' ? 'editableClerk' : 'editableCitizen') })
      : null;
  const content = (
    <>
      {localized(field.label, lang)}
      {field.required ? <span class="va-field-req"> ({ct('fieldRequired')})</span> : null}
      {readOnlyFor && ctx.form.status === 'open' ? <span class="va-field-meta"> · {readOnlyFor}</span> : null}
    </>
  );
  return (
    <>
      {legend ? (
        <legend class="va-field-label">{content}</legend>
      ) : (
        <label class="va-field-label" for={htmlFor}>
          {content}
        </label>
      )}
      <Presence ctx={ctx} path={path} inside={field.type === 'persons'} />
    </>
  );
}

/** Issue, conflict and refusal lines under a field (or address part); returns their ids for aria-describedby. */
function fieldNotes(
  ui: CaseUi,
  ctx: FieldContext,
  path: string,
  help?: { de: string; en: string },
): { ids: string; notes: JSX.Element } {
  const { ct, lang, state, selfId, who } = ui;
  const id = domId(ctx.form.id, path);
  const key = fieldKey(ctx.form.id, path);
  const issues = shownIssues(ctx, path);
  const conflict = state.conflicts[key];
  const refused = state.refused[key];
  const ids: string[] = [];
  const lines: JSX.Element[] = [];
  if (help) {
    ids.push(`${id}-help`);
    lines.push(
      <span id={`${id}-help`} class="va-field-help">
        {localized(help, lang)}
      </span>,
    );
  }
  if (issues.length > 0 && !(key in state.drafts)) {
    ids.push(`${id}-issue`);
    lines.push(
      <span id={`${id}-issue`} class="va-field-issue" data-testid="field-issue" data-code={issues[0]}>
        {issues.map((code) => ct(`issue_${code}` as CaseTextKey)).join(' ')}
      </span>,
    );
  }
  if (conflict) {
    ids.push(`${id}-conflict`);
    const value = String(conflict.overwrittenValue);
    const text =
      conflict.overwrittenBy === selfId
        ? ct('fieldConflictYours', { value, who: who(conflict.by) })
        : conflict.by === selfId
          ? ct('fieldConflictOther', { value, who: who(conflict.overwrittenBy) })
          : ct('fieldConflictThird', { value, loser: who(conflict.overwrittenBy), who: who(conflict.by) });
    lines.push(
      <span id={`${id}-conflict`} class="va-field-conflict" role="status" data-testid="field-conflict">
        {text}
      </span>,
    );
  }
  if (refused) {
    ids.push(`${id}-refused`);
    lines.push(
      <span id={`${id}-refused`} class="va-field-issue" role="alert">
        {ct('fieldRefused', { message: refused })}
      </span>,
    );
  }
  return { ids: ids.join(' '), notes: <>{lines}</> };
}

function Leaf({
  field,
  ctx,
  path,
}: {
  field: Exclude<LeafFieldDef, { type: 'address' }>;
  ctx: FieldContext;
  path: string;
}): JSX.Element {
  const ui = useCase();
  const { cases, ct, lang } = ui;
  const id = domId(ctx.form.id, path);
  const editable = ctx.mayEdit(field.editableBy);
  const { ids, notes } = fieldNotes(ui, ctx, path, field.help);
  const value = valueOf(ctx, path);
  const invalid = shownIssues(ctx, path).length > 0;
  const common = {
    'data-open-issue': (ctx.form.issues[path]?.length ?? 0) > 0 || undefined,
    id,
    name: path,
    disabled: !editable,
    'aria-describedby': ids || undefined,
    'aria-invalid': invalid || undefined,
    'aria-required': field.required || undefined,
    onFocus: () => cases.focus(ctx.form.id, path),
    onBlur: () => {
      void cases.flush(ctx.form.id, path);
      cases.focus(ctx.form.id, null);
    },
    'data-testid': 'field-input',
    'data-path': path,
  };
  if (field.type === 'checkbox') {
    return (
      <>
        <span class="va-field-check">
          <input
            type="checkbox"
            {...common}
            checked={value === true}
            onChange={(e) => cases.change(ctx.form.id, path, e.currentTarget.checked, true)}
          />
          <LabelLine field={field} ctx={ctx} path={path} htmlFor={id} />
        </span>
        {notes}
      </>
    );
  }
  let control: JSX.Element;
  if (field.type === 'select') {
    control = (
      <select
        {...common}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => cases.change(ctx.form.id, path, e.currentTarget.value, true)}
      >
        <option value="">{ct('selectNone')}</option>
        {field.options.map((option) => (
          <option key={option.value} value={option.value}>
            {localized(option.label, lang)}
          </option>
        ))}
      </select>
    );
  } else if (field.type === 'text' && field.multiline) {
    control = (
      <textarea
        {...common}
        rows={3}
        maxLength={field.maxLength}
        value={typeof value === 'string' ? value : ''}
        onInput={(e) => cases.change(ctx.form.id, path, e.currentTarget.value)}
      />
    );
  } else {
    const type =
      field.type === 'date' ? 'date' : field.format === 'email' ? 'email' : field.format === 'phone' ? 'tel' : 'text';
    control = (
      <input
        type={type}
        {...common}
        maxLength={field.type === 'text' ? field.maxLength : undefined}
        inputMode={field.type === 'text' && field.format === 'postcode' ? 'numeric' : undefined}
        value={typeof value === 'string' ? value : ''}
        onInput={(e) => cases.change(ctx.form.id, path, e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void cases.flush(ctx.form.id, path);
        }}
      />
    );
  }
  return (
    <>
      <LabelLine field={field} ctx={ctx} path={path} htmlFor={id} />
      {control}
      {notes}
    </>
  );
}

function Address({
  field,
  ctx,
  path,
}: {
  field: Extract<LeafFieldDef, { type: 'address' }>;
  ctx: FieldContext;
  path: string;
}): JSX.Element {
  const ui = useCase();
  const { cases, ct } = ui;
  const editable = ctx.mayEdit(field.editableBy);
  const parts = ADDRESS_PARTS.filter((part) => part !== 'country' || field.abroad);
  const { ids, notes } = fieldNotes(ui, ctx, path, field.help);
  return (
    <fieldset
      class="va-field va-field-address"
      data-testid="form-field"
      data-path={path}
      aria-describedby={ids || undefined}
    >
      <LabelLine field={field} ctx={ctx} path={path} legend />
      <div class="va-address-grid">
        {parts.map((part: AddressPart) => {
          const partPath = `${path}.${part}`;
          const id = domId(ctx.form.id, partPath);
          const value = valueOf(ctx, partPath);
          const part_ = fieldNotes(ui, ctx, partPath);
          return (
            <div key={part} class={`va-address-part va-address-part--${part}`}>
              <label class="va-field-sublabel" for={id}>
                {ct(`part_${part}`)}
              </label>
              <Presence ctx={ctx} path={partPath} />
              <input
                id={id}
                type="text"
                disabled={!editable}
                inputMode={part === 'postcode' ? 'numeric' : undefined}
                autoComplete={part === 'postcode' ? 'postal-code' : part === 'city' ? 'address-level2' : undefined}
                aria-invalid={shownIssues(ctx, partPath).length > 0 || undefined}
                aria-describedby={part_.ids || undefined}
                data-open-issue={(ctx.form.issues[partPath]?.length ?? 0) > 0 || undefined}
                value={typeof value === 'string' ? value : ''}
                onInput={(e) => cases.change(ctx.form.id, partPath, e.currentTarget.value)}
                onFocus={() => cases.focus(ctx.form.id, partPath)}
                onBlur={() => {
                  void cases.flush(ctx.form.id, partPath);
                  cases.focus(ctx.form.id, null);
                }}
                data-testid="field-input"
                data-path={partPath}
              />
              {part_.notes}
            </div>
          );
        })}
      </div>
      {notes}
    </fieldset>
  );
}

function Persons({ field, ctx, path }: { field: PersonsFieldDef; ctx: FieldContext; path: string }): JSX.Element {
  const ui = useCase();
  const { cases, ct, lang } = ui;
  const keys = itemKeys(ctx.values, path);
  const editable = ctx.mayEdit(field.editableBy);
  const item = localized(field.itemLabel, lang);
  const { ids, notes } = fieldNotes(ui, ctx, path, field.help);
  const add = (): void => {
    let key = `p${keys.length + 1}`;
    while (keys.includes(key)) key = `p${Math.random().toString(36).slice(2, 9)}`;
    cases.change(ctx.form.id, path, [...keys, key], true);
  };
  return (
    <fieldset
      class="va-field va-field-persons"
      data-testid="form-field"
      data-path={path}
      aria-describedby={ids || undefined}
    >
      <LabelLine field={field} ctx={ctx} path={path} legend />
      {keys.map((key, index) => (
        <fieldset key={key} class="va-person" data-testid="person-item" data-key={key}>
          <legend class="va-person-title">{ct('personHeading', { item, n: index + 1 })}</legend>
          {field.fields.map((sub) => (
            <Field key={sub.id} field={sub} ctx={ctx} prefix={`${path}.${key}.`} />
          ))}
          {editable && keys.length > field.minItems ? (
            <button
              type="button"
              class="va-case-small"
              onClick={() =>
                cases.change(
                  ctx.form.id,
                  path,
                  keys.filter((k) => k !== key),
                  true,
                )
              }
              data-testid="person-remove"
            >
              {ct('personRemove', { item, n: index + 1 })}
            </button>
          ) : null}
        </fieldset>
      ))}
      {editable && keys.length < field.maxItems ? (
        <button type="button" class="va-case-button va-case-button--secondary" onClick={add} data-testid="person-add">
          {ct('personAdd', { item })}
        </button>
      ) : null}
      {notes}
    </fieldset>
  );
}
