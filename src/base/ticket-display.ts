import { css, html } from 'lit';
import type { TemplateResult } from 'lit';
import type { Field, FieldValue, TicketForm, TicketPriority, TicketStatus } from '../api/types.js';
import type { LocalizeController } from '../i18n/localize.js';

// How a ticket's status, priority and custom fields look and read, shared by <portal-ticket-list>
// and <portal-thread> so a ticket looks the same in the list and on its own page.

/** Every status, in the order a person works through them. */
export const TICKET_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];

/** Every priority, lowest first. */
export const TICKET_PRIORITIES: readonly TicketPriority[] = ['low', 'normal', 'high', 'urgent'];

export function isTicketStatus(value: string): value is TicketStatus {
  return (TICKET_STATUSES as readonly string[]).includes(value);
}

export function isTicketPriority(value: string): value is TicketPriority {
  return (TICKET_PRIORITIES as readonly string[]).includes(value);
}

/** The word for a status ("Awaiting your reply" for `pending`). */
export function statusText(localize: LocalizeController, status: TicketStatus): string {
  return localize.t(`ticket.status.${status}`);
}

/** The word for a priority. */
export function priorityText(localize: LocalizeController, priority: TicketPriority): string {
  return localize.t(`ticket.priority.${priority}`);
}

/**
 * The status badge: `<span part="status-badge" data-status="…">`. Its colours come from
 * `--portal-ticket-status-<status>-color` and `-bg` (see `ticketDisplayStyles`).
 */
export function statusBadge(localize: LocalizeController, status: TicketStatus): TemplateResult {
  return html`<span class="status-badge" part="status-badge" data-status=${status}>${statusText(localize, status)}</span>`;
}

/**
 * The priority: a small bar gauge (decorative) and the word. `labelled` adds the hidden word
 * "Priority:" for places where no column header names it (cards, a thread header).
 */
export function priorityIndicator(localize: LocalizeController, priority: TicketPriority, labelled = false): TemplateResult {
  const word = priorityText(localize, priority);
  return html`<span class="priority" part="priority" data-priority=${priority}
    ><span class="priority-gauge" aria-hidden="true"></span
    >${labelled ? html`<span class="visually-hidden">${localize.t('ticket.priorityValue', { priority: word })}</span><span aria-hidden="true">${word}</span>` : word}</span
  >`;
}

/**
 * The custom-field definitions of every ticket form, by key (the first form that defines a key
 * wins), for labels and option names of the fields shown on a ticket.
 */
export function fieldDefinitions(forms: readonly TicketForm[]): Map<string, Field> {
  const byKey = new Map<string, Field>();
  for (const form of forms) for (const field of form.fields) if (!byKey.has(field.key)) byKey.set(field.key, field);
  return byKey;
}

/** A field's label, or a readable form of its key when no form defines it ("billing_topic" → "Billing topic"). */
export function fieldLabel(key: string, field?: Field): string {
  if (field?.label) return field.label;
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Whether a value counts as "not set" (null, empty string, empty list). */
export function isEmptyFieldValue(value: FieldValue | undefined): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * A custom-field value as text in the element's language: option labels for select and
 * multiselect, Yes/No for checkboxes, dates and numbers through `Intl`, lists joined with "and".
 * An empty value gives `ticket.field.empty` ("—"). Values are people's text: render the result
 * as text, never as HTML.
 */
export function formatFieldValue(localize: LocalizeController, value: FieldValue | undefined, field?: Field): string {
  if (value == null || isEmptyFieldValue(value)) return localize.t('ticket.field.empty');
  const option = (v: string): string => field?.options?.find((o) => o.value === v)?.label ?? v;
  if (Array.isArray(value)) return localize.list(value.map(option));
  if (typeof value === 'boolean') return localize.t(value ? 'ticket.field.yes' : 'ticket.field.no');
  if (typeof value === 'number') return localize.number(value);
  if (field?.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    // A calendar date, not an instant: format it in UTC so no time zone moves it a day.
    return localize.date(`${value}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });
  }
  if (field?.type === 'number' && value.trim() !== '' && !Number.isNaN(Number(value))) return localize.number(Number(value));
  return option(value);
}

/**
 * A custom-field value for a template: `formatFieldValue`'s text, or, when nothing is set, the
 * dash for the eye and "Not set" for screen readers, which read a lone "—" as "dash" or skip it.
 * Needs `baseStyles` (its `.visually-hidden`).
 */
export function renderFieldValue(localize: LocalizeController, value: FieldValue | undefined, field?: Field): TemplateResult | string {
  if (!isEmptyFieldValue(value)) return formatFieldValue(localize, value, field);
  return html`<span aria-hidden="true">${localize.t('ticket.field.empty')}</span><span class="visually-hidden">${localize.t('ticket.field.notSet')}</span>`;
}

/**
 * Styles for the helpers above; add to an element's `static styles` after `baseStyles`.
 * @cssprop --portal-ticket-status-<status>-color / -bg: per status (`new`, `open`, `pending`,
 * `on_hold`, `solved`, `closed`).
 */
export const ticketDisplayStyles = css`
  .status-badge {
    --_fg: var(--portal-color-text-muted);
    --_bg: var(--portal-color-surface-sunken);
    display: inline-flex;
    align-items: center;
    gap: var(--portal-space-1);
    padding-block: 0.125rem;
    padding-inline: var(--portal-space-2);
    border: 1px solid color-mix(in oklab, var(--_fg) 35%, transparent);
    border-radius: var(--portal-radius-pill);
    background: var(--_bg);
    color: var(--_fg);
    font-size: var(--portal-font-size-xs);
    font-weight: var(--portal-font-weight-medium);
    line-height: 1.4;
    white-space: nowrap;
  }
  .status-badge::before {
    content: '';
    inline-size: 0.5em;
    block-size: 0.5em;
    border-radius: 50%;
    background: currentColor;
  }
  .status-badge[data-status='new'] {
    --_fg: var(--portal-ticket-status-new-color, var(--portal-color-info));
    --_bg: var(--portal-ticket-status-new-bg, var(--portal-color-info-bg));
  }
  .status-badge[data-status='open'] {
    --_fg: var(--portal-ticket-status-open-color, var(--portal-color-danger));
    --_bg: var(--portal-ticket-status-open-bg, var(--portal-color-danger-bg));
  }
  .status-badge[data-status='pending'] {
    --_fg: var(--portal-ticket-status-pending-color, var(--portal-color-warning));
    --_bg: var(--portal-ticket-status-pending-bg, var(--portal-color-warning-bg));
  }
  .status-badge[data-status='on_hold'] {
    --_fg: var(--portal-ticket-status-on_hold-color, var(--portal-color-text));
    --_bg: var(--portal-ticket-status-on_hold-bg, var(--portal-color-surface-sunken));
  }
  .status-badge[data-status='solved'] {
    --_fg: var(--portal-ticket-status-solved-color, var(--portal-color-success));
    --_bg: var(--portal-ticket-status-solved-bg, var(--portal-color-success-bg));
  }
  .status-badge[data-status='closed'] {
    --_fg: var(--portal-ticket-status-closed-color, var(--portal-color-text-muted));
    --_bg: var(--portal-ticket-status-closed-bg, var(--portal-color-surface-sunken));
  }
  .priority {
    display: inline-flex;
    align-items: center;
    gap: var(--portal-space-2);
    white-space: nowrap;
  }
  /* Three bars, lit up to the priority's level: painted, not elements (lists render many). */
  .priority-gauge {
    --_off: var(--portal-color-border);
    --_on: var(--portal-color-text-muted);
    --_b1: var(--_off);
    --_b2: var(--_off);
    --_b3: var(--_off);
    inline-size: 13px;
    block-size: 0.75rem;
    background:
      linear-gradient(var(--_b1), var(--_b1)) left bottom / 3px 40% no-repeat,
      linear-gradient(var(--_b2), var(--_b2)) center bottom / 3px 70% no-repeat,
      linear-gradient(var(--_b3), var(--_b3)) right bottom / 3px 100% no-repeat;
  }
  [data-priority='low'] .priority-gauge {
    --_b1: var(--_on);
  }
  [data-priority='normal'] .priority-gauge {
    --_b1: var(--_on);
    --_b2: var(--_on);
  }
  [data-priority='high'] .priority-gauge,
  [data-priority='urgent'] .priority-gauge {
    --_b1: var(--_on);
    --_b2: var(--_on);
    --_b3: var(--_on);
  }
  [data-priority='urgent'] .priority-gauge {
    --_on: var(--portal-color-danger);
  }
  [data-priority='urgent'] {
    color: var(--portal-color-danger);
    font-weight: var(--portal-font-weight-medium);
  }
`;
