/**
 * Custom fields of a ticket form: the right input for each field type of the contract, its
 * label, help and error text (tied to the input with `aria-describedby`), client validation that
 * mirrors the field's constraints, and `showWhen` evaluation. Used by `<portal-ticket-form>` and
 * by `<portal-thread>` for editing a ticket's fields in place.
 *
 * ```ts
 * const visible = visibleFields(form.fields, values);
 * html`${form.fields.filter((f) => visible.has(f.key)).map((field) =>
 *   renderField(field, { value: values[field.key], error: errors[field.key], localize: this.localize,
 *     onChange: (key, value) => this.#set(key, value) }))}`;
 * ```
 */
import { css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { Field, FieldValue } from '../api/types.js';
import type { LocalizeController } from '../i18n/localize.js';

export type FieldValues = Record<string, FieldValue | undefined>;

export interface RenderFieldOptions {
  /** The field's current value (undefined: empty). */
  value: FieldValue | undefined;
  /** The error shown under the field (a client or server message), if any. */
  error?: string | undefined;
  /** Called with the new value on every change. */
  onChange: (key: string, value: FieldValue) => void;
  localize: LocalizeController;
  /** Prefix of the input's id, so two forms in one shadow root don't clash. Default `field-`. */
  idPrefix?: string;
  disabled?: boolean;
}

/** The id of a field's input (the target for focus and `label[for]`). */
export function fieldId(key: string, idPrefix = 'field-'): string {
  return `${idPrefix}${key}`;
}

function same(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

/**
 * The keys of the fields that show for these values: every `showWhen` condition must hold, and a
 * condition on a hidden field never holds (so hiding cascades), in form order, as the server does.
 */
export function visibleFields(fields: readonly Field[], values: FieldValues): Set<string> {
  const visible = new Set<string>();
  for (const field of fields) {
    const shows = (field.showWhen ?? []).every(
      (c) => visible.has(c.field) && (c.in ? c.in.some((v) => same(values[c.field], v)) : same(values[c.field], c.equals)),
    );
    if (shows) visible.add(field.key);
  }
  return visible;
}

/** Whether a value counts as not filled in. */
export function isEmptyValue(value: FieldValue | undefined): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length);
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

function formatDate(localize: LocalizeController, iso: string): string {
  return localize.date(`${iso}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' }) || iso;
}

/**
 * The message for a value that breaks the field's constraints (required, min/max, maxLength,
 * pattern, email, url, options), or null when it is valid. Mirrors the server's checks.
 */
export function validateField(field: Field, value: FieldValue | undefined, localize: LocalizeController): string | null {
  const t = localize.t.bind(localize);
  const { type, min, max } = field;
  if (type === 'checkbox') return field.required && value !== true ? t('field.error.checkbox') : null;
  if (isEmptyValue(value)) {
    if (!field.required) return null;
    return t(type === 'select' ? 'field.error.choose' : type === 'multiselect' ? 'field.error.chooseSome' : 'field.error.required');
  }
  if (type === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return t('field.error.number');
    if (typeof min === 'number' && value < min) return t('field.error.min', { min: localize.number(min) });
    if (typeof max === 'number' && value > max) return t('field.error.max', { max: localize.number(max) });
    return null;
  }
  if (type === 'date') {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) return t('field.error.date');
    if (typeof min === 'string' && value < min) return t('field.error.dateMin', { date: formatDate(localize, min) });
    if (typeof max === 'string' && value > max) return t('field.error.dateMax', { date: formatDate(localize, max) });
    return null;
  }
  const options = (field.options ?? []).map((o) => o.value);
  if (type === 'select') return typeof value === 'string' && options.includes(value) ? null : t('field.error.choose');
  if (type === 'multiselect') {
    return Array.isArray(value) && value.every((v) => options.includes(v)) ? null : t('field.error.chooseSome');
  }
  const text = String(value);
  if (field.maxLength !== undefined && text.length > field.maxLength) return t('field.error.tooLong', { count: field.maxLength });
  if (type === 'email' && !(text.length <= 254 && EMAIL.test(text))) return t('field.error.email');
  if (type === 'url' && !isHttpUrl(text)) return t('field.error.url');
  if (field.pattern !== undefined) {
    let ok = true;
    try {
      ok = new RegExp(`^(?:${field.pattern})$`, 'u').test(text);
    } catch {
      // A pattern this browser cannot compile is left to the server.
    }
    if (!ok) return field.placeholder ? t('field.error.patternExample', { example: field.placeholder }) : t('field.error.pattern');
  }
  return null;
}

/**
 * Validates the visible fields; returns the errors by field key (empty when all are valid), in
 * form order.
 */
export function validateFields(fields: readonly Field[], values: FieldValues, localize: LocalizeController): Record<string, string> {
  const visible = visibleFields(fields, values);
  const errors: Record<string, string> = {};
  for (const field of fields) {
    if (!visible.has(field.key)) continue;
    const error = validateField(field, values[field.key], localize);
    if (error) errors[field.key] = error;
  }
  return errors;
}

/** The values of the visible fields that are filled in: what to send. Hidden fields are never sent. */
export function fieldsToSend(fields: readonly Field[], values: FieldValues): Record<string, FieldValue> {
  const visible = visibleFields(fields, values);
  const out: Record<string, FieldValue> = {};
  for (const field of fields) {
    const value = values[field.key];
    if (visible.has(field.key) && value !== undefined && (!isEmptyValue(value) || field.type === 'checkbox')) out[field.key] = value;
  }
  return out;
}

/** The input's value as a field value: numbers as numbers (NaN for unreadable input), checkboxes as booleans. */
function readInput(field: Field, input: HTMLInputElement): FieldValue {
  if (field.type === 'checkbox') return input.checked;
  if (field.type !== 'number') return input.value;
  return input.validity.badInput ? Number.NaN : input.value === '' ? null : Number(input.value);
}

/** One field: label, input, help text and error, for any field type of the contract. */
export function renderField(field: Field, options: RenderFieldOptions): TemplateResult {
  const { value, error, onChange, localize, idPrefix = 'field-', disabled = false } = options;
  const { key, type, label, required, helpText, placeholder, min, max } = field;
  const id = fieldId(key, idPrefix);
  const describedBy = ifDefined([helpText ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined);
  const invalid = error ? 'true' : 'false';
  const star = required ? html`<span class="required" aria-hidden="true">*</span>` : nothing;
  const change = (event: Event): void => onChange(key, readInput(field, event.target as HTMLInputElement));
  const messages = html`${helpText ? html`<p class="hint" part="field-help" id="${id}-help">${helpText}</p>` : nothing}${error
    ? html`<p class="field-error" part="field-error" id="${id}-error">${error}</p>`
    : nothing}`;
  const box = (boxId: string, checked: boolean, text: unknown, onBox: (event: Event) => void, described?: typeof describedBy): TemplateResult =>
    html`<label class="choice"
      ><input type="checkbox" id=${boxId} .checked=${live(checked)} ?required=${required && type === 'checkbox'} ?disabled=${disabled}
        aria-invalid=${invalid} aria-describedby=${described ?? nothing} @change=${onBox} /><span>${text}</span></label
    >`;
  const choices = field.options ?? [];

  if (type === 'multiselect') {
    const chosen = Array.isArray(value) ? value : [];
    // Read from the boxes, not from `chosen`: two changes may come before the next render.
    const toggle = (event: Event): void => {
      const boxes = [...((event.target as Element).closest('fieldset')?.querySelectorAll('input') ?? [])];
      onChange(key, choices.filter((_, i) => boxes[i]?.checked).map((o) => o.value));
    };
    return html`<fieldset class="field" part="field" data-key=${key} aria-describedby=${describedBy}>
      <legend>${label}${star}${required ? html`<span class="visually-hidden">${localize.t('field.requiredHint')}</span>` : nothing}</legend>
      ${choices.map((o, i) => box(i ? `${id}-${i}` : id, chosen.includes(o.value), o.label, toggle))} ${messages}
    </fieldset>`;
  }
  if (type === 'checkbox') {
    return html`<div class="field" part="field" data-key=${key}>${box(id, value === true, html`${label}${star}`, change, describedBy)} ${messages}</div>`;
  }
  const text = typeof value === 'number' ? (Number.isNaN(value) ? '' : String(value)) : typeof value === 'string' ? value : '';
  const input =
    type === 'select'
      ? html`<select id=${id} part="input" ?required=${required} ?disabled=${disabled} aria-invalid=${invalid} aria-describedby=${describedBy} @change=${change}>
          ${!required || !text ? html`<option value="" ?selected=${!text}>${localize.t('field.choose')}</option>` : nothing}
          ${choices.map((o) => html`<option value=${o.value} ?selected=${o.value === text}>${o.label}</option>`)}
        </select>`
      : type === 'textarea'
        ? html`<textarea id=${id} part="input" rows="4" placeholder=${ifDefined(placeholder)} ?required=${required} ?disabled=${disabled}
            aria-invalid=${invalid} aria-describedby=${describedBy} .value=${live(text)} @input=${change}></textarea>`
        : html`<input id=${id} part="input" type=${type} placeholder=${ifDefined(placeholder)} min=${ifDefined(min)} max=${ifDefined(max)}
            inputmode=${ifDefined(type === 'number' ? 'decimal' : undefined)} autocomplete=${type === 'email' || type === 'url' ? type : 'off'}
            ?required=${required} ?disabled=${disabled} aria-invalid=${invalid} aria-describedby=${describedBy} .value=${live(text)} @input=${change} />`;
  return html`<div class="field" part="field" data-key=${key}><label for=${id}>${label}${star}</label>${input}${messages}</div>`;
}

/**
 * Styles of `renderField` (and of labels, inputs and errors that sit beside it), on top of
 * `controlStyles`, which draws the inputs, help text (`.hint`) and errors.
 */
export const fieldStyles = css`
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--portal-space-1);
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .field > label,
  legend {
    padding: 0;
    font-weight: var(--portal-font-weight-medium);
  }
  legend {
    margin-block-end: var(--portal-space-1);
  }
  .required {
    margin-inline-start: 0.2em;
    color: var(--portal-color-danger);
  }
  input:not([type='checkbox'], [type='radio']),
  select,
  textarea {
    inline-size: 100%;
    padding-block: var(--portal-space-2);
  }
  textarea {
    min-block-size: 6rem;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: var(--portal-space-2);
    min-block-size: 1.75rem;
  }
  .choice input {
    inline-size: 1.125rem;
    block-size: 1.125rem;
    margin: 0;
    flex: none;
    accent-color: var(--portal-color-accent);
  }
`;
