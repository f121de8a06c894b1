/**
 * Validation of custom field values against a ticket form.
 *
 * Field-error naming convention (the `field` of each entry in a 422's `errors`):
 * - top-level request properties use their own name: `subject`, `body`, `priority`, `formId`,
 *   `attachmentIds`, `clientId`, `email`, `code`, `name`, `role`, `status`, `rating`,
 *   `comment`, `file`, and query parameters by their name (`limit`, `cursor`, `status`, …);
 * - custom fields use their bare field key (`invoice_number`, not `fields.invoice_number`), so an
 *   element can show the message next to the input with that key. Form field keys therefore must
 *   not collide with the top-level names above.
 */
import type { Field, FieldError, FieldValue, TicketForm } from '../api/types.js';

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a string looks like an email address. */
export function isEmail(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 254 && EMAIL.test(value);
}

/** Whether a string is an absolute http(s) URL (so never `javascript:`). */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function isEmpty(value: FieldValue | undefined): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

/**
 * The keys of the fields that show for these values: every `showWhen` condition must hold, and
 * a condition on a hidden field never holds (so hiding cascades), evaluated in form order.
 */
export function visibleFieldKeys(form: TicketForm, values: Record<string, FieldValue>): Set<string> {
  const visible = new Set<string>();
  for (const field of form.fields) {
    const shows = (field.showWhen ?? []).every((condition) => {
      if (!visible.has(condition.field)) return false;
      const value = values[condition.field];
      if (condition.in !== undefined) return condition.in.some((candidate) => sameValue(value, candidate));
      return sameValue(value, condition.equals);
    });
    if (shows) visible.add(field.key);
  }
  return visible;
}

/** The error message for one field value, or null when it is valid. */
export function validateFieldValue(field: Field, value: FieldValue | undefined): string | null {
  if (field.type === 'checkbox') {
    if (value !== undefined && value !== null && typeof value !== 'boolean') return `${field.label} must be true or false.`;
    if (field.required && value !== true) return `${field.label} is required.`;
    return null;
  }
  if (isEmpty(value)) return field.required ? `${field.label} is required.` : null;
  const options = new Set((field.options ?? []).map((o) => o.value));
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'url': {
      if (typeof value !== 'string') return `${field.label} must be text.`;
      if (field.maxLength !== undefined && value.length > field.maxLength) {
        return `${field.label} must be at most ${field.maxLength} characters.`;
      }
      if (field.type === 'email' && !isEmail(value)) return `${field.label} must be an email address.`;
      if (field.type === 'url' && !isHttpUrl(value)) return `${field.label} must be a web address starting with https://.`;
      if (field.pattern !== undefined && !new RegExp(`^(?:${field.pattern})$`, 'u').test(value)) {
        return `${field.label} is not in the expected format.`;
      }
      return null;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${field.label} must be a number.`;
      if (typeof field.min === 'number' && value < field.min) return `${field.label} must be at least ${field.min}.`;
      if (typeof field.max === 'number' && value > field.max) return `${field.label} must be at most ${field.max}.`;
      return null;
    }
    case 'date': {
      if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value))) {
        return `${field.label} must be a date (YYYY-MM-DD).`;
      }
      if (typeof field.min === 'string' && value < field.min) return `${field.label} must be on or after ${field.min}.`;
      if (typeof field.max === 'string' && value > field.max) return `${field.label} must be on or before ${field.max}.`;
      return null;
    }
    case 'select':
      return typeof value === 'string' && options.has(value) ? null : `${field.label}: choose one of the options.`;
    case 'multiselect':
      return Array.isArray(value) && value.every((v) => options.has(v)) ? null : `${field.label}: choose from the options.`;
    default:
      return null;
  }
}

/**
 * Validates submitted custom field values against a form. Hidden fields (by `showWhen`) are
 * neither validated nor kept; unknown keys are errors. Returns the values to store and the errors.
 */
export function validateFields(
  form: TicketForm | null,
  values: Record<string, FieldValue>,
  options: { partial?: boolean } = {},
): { values: Record<string, FieldValue>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const kept: Record<string, FieldValue> = {};
  const known = new Map((form?.fields ?? []).map((f) => [f.key, f]));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) errors.push({ field: key, message: `Unknown field "${key}".` });
  }
  if (!form) return { values: kept, errors };
  const visible = visibleFieldKeys(form, values);
  for (const field of form.fields) {
    if (!visible.has(field.key)) continue;
    if (options.partial && !(field.key in values)) continue;
    const message = validateFieldValue(field, values[field.key]);
    if (message) errors.push({ field: field.key, message });
    else if (values[field.key] !== undefined) kept[field.key] = values[field.key] as FieldValue;
  }
  return { values: kept, errors };
}
