import { Task, TaskStatus } from '@lit/task';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { isAbortError, isPortalError } from '../../api/errors.js';
import type { Article, ArticleSummary, Attachment, CreateTicketRequest, Field, FieldValue, Ticket, TicketForm, TicketPriority } from '../../api/types.js';
import type { FieldValues } from '../../base/field-input.js';
import { fieldId, fieldStyles, fieldsToSend, renderField, validateField, validateFields, visibleFields } from '../../base/field-input.js';
import { MarkdownEditorController, markdownEditorStyles } from '../../base/markdown-editor.js';
import { PortalElement } from '../../base/portal-element.js';
import { DraftController } from '../../controllers/draft.js';
import { UploadsController, uniqueKey, uploadStyles } from '../../controllers/uploads.js';
import { renderMarkdown } from '../../markdown/index.js';
import { baseStyles, controlStyles } from '../../theme/shared-styles.js';
import { PortalDeflectedEvent, PortalTicketCreatedEvent, PortalTicketSubmitEvent } from './events.js';
import { ticketFormStyles } from './ticket-form.styles.js';
import { ticketFormEn } from '../../i18n/en/ticket-form.js';

const PRIORITIES: readonly TicketPriority[] = ['low', 'normal', 'high', 'urgent'];

/** What is kept in the draft, per user (and per `form-id` when fixed). */
interface Draft {
  formId: string | null;
  /** Subject, body and priority, under those keys. */
  common: FieldValues;
  /** Values the person set, by form id. */
  fields: Record<string, FieldValues>;
  attachments: Attachment[];
  /** The key of a send that may have reached the server, so a retry after a reload creates nothing new. */
  key: string | null;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Subject and priority keep their ids bare (`#subject`); the form's custom fields get `field-`. */
const idPrefix = (key: string): string => (key === 'subject' || key === 'priority' ? '' : 'field-');

/**
 * A new support ticket from one of the portal's ticket forms: the form picker (or a fixed form),
 * subject, a markdown description with a preview, priority when the form asks for it, every
 * custom field type with required and conditional (`showWhen`) fields, and attachments (picker,
 * drop, paste). Validation mirrors the form's constraints, and server errors land next to their
 * fields. While the subject is typed, matching knowledge-base articles are suggested; one can be
 * read in place and "This solved my problem" ends the flow. Everything typed is kept as a draft per
 * user until the server created the ticket; a send is retried with the same `Idempotency-Key`,
 * so one click makes one ticket.
 *
 * @summary Create a ticket: forms, custom and conditional fields, attachments, article suggestions, drafts.
 * @tag portal-ticket-form
 *
 * @csspart form - The form.
 * @csspart heading - The element's headings (success, article).
 * @csspart form-picker - The group of ticket forms to choose from.
 * @csspart form-option - One ticket form of the picker.
 * @csspart field - A field: label, input, help and error.
 * @csspart input - An input, select or text area.
 * @csspart field-help - Help text under a field.
 * @csspart field-error - An error under a field.
 * @csspart editor - The description editor.
 * @csspart editor-tab - The Write and Preview tabs.
 * @csspart editor-input - The description text area.
 * @csspart editor-preview - The description preview.
 * @csspart suggestions - Articles suggested while typing the subject.
 * @csspart suggestion - One suggested article's button.
 * @csspart article - An article opened in place.
 * @csspart solved-button - "This solved my problem".
 * @csspart back-button - Back from the article to the form.
 * @csspart upload-picker - The attach button with the drop and paste hint.
 * @csspart upload-button - "Attach files".
 * @csspart uploads - The list of attached files.
 * @csspart upload - One attached file.
 * @csspart upload-progress - A file's progress bar.
 * @csspart upload-error - Why a file failed or was refused.
 * @csspart upload-retry - Retries a failed upload.
 * @csspart upload-remove - Removes a file.
 * @csspart alert - A failure of the form, with its retry.
 * @csspart retry - "Try again" in an alert.
 * @csspart submit - The send button.
 * @csspart notice - Signed-out, session-ended and unavailable notices.
 * @csspart success - The "ticket created" and "glad that helped" panels.
 * @csspart ticket-link - The link to the created ticket.
 * @csspart create-another - Starts a new ticket.
 *
 * @cssprop [--portal-ticket-form-max-inline-size=44rem] - Widest the form grows.
 * @cssprop [--portal-ticket-form-gap=var(--portal-space-5)] - Space between the form's sections.
 * @cssprop [--portal-ticket-form-radius=var(--portal-radius-md)] - Corner radius of inputs, cards and buttons.
 * @cssprop [--portal-ticket-form-input-block-size=2.5rem] - Height of inputs.
 * @cssprop [--portal-ticket-form-card-background=var(--portal-color-surface)] - Background of form options, suggestions and panels.
 *
 * @fires portal-ticket-submit - A valid ticket is about to be sent; cancelable. `event.request`, `event.form`.
 * @fires portal-ticket-created - The server created the ticket. `event.ticket`.
 * @fires portal-deflected - A suggested article solved the problem; nothing was sent. `event.article`, `event.subject`.
 */
export class PortalTicketForm extends PortalElement {
  static override styles = [baseStyles, controlStyles, fieldStyles, markdownEditorStyles, uploadStyles, ticketFormStyles];
  static override strings = [ticketFormEn];

  readonly #forms = new Task(this, {
    task: async ([client, user], { signal }): Promise<TicketForm[] | undefined> =>
      client && user ? client.listTicketForms({ signal }) : undefined,
    args: () => [this.client, this.#user()] as const,
  });

  readonly #suggestions = new Task(this, {
    task: async ([client, query], { signal }): Promise<ArticleSummary[]> => {
      if (!client || query.length < 3) return [];
      const search = async (q: string): Promise<ArticleSummary[]> => (await client.listArticles({ q, limit: 5 }, { signal })).items;
      // A sentence rarely matches as a whole: then try its two longest words.
      const words = query.split(/\s+/).filter((w) => w.length > 3).sort((a, b) => b.length - a.length).slice(0, 2).join(' ');
      let items = await search(query);
      if (!items.length && words && words !== query) items = await search(words);
      const ids = items.map((a) => a.id).join();
      if (items.length && ids !== this.#suggested) this.#announce(this.localize.t('ticket-form.suggestionsFound', { count: items.length }));
      this.#suggested = ids;
      return items;
    },
    args: () => [this.client, this.query] as const,
  });

  readonly #article = new Task(this, {
    task: async ([client, id], { signal }): Promise<{ article: Article; html: string } | null> => {
      if (!client || !id) return null;
      const article = await client.getArticle(id, { signal });
      const { html } = await renderMarkdown(article.body, { mode: 'article', idPrefix: 'portal-tf-' });
      this.#focusAfterUpdate = '#article-title';
      return { article, html };
    },
    args: () => [this.client, this.openArticle] as const,
  });

  readonly #draft = new DraftController<Draft>(this);
  readonly #editor = new MarkdownEditorController(this, this.localize);
  readonly #uploads = new UploadsController(this, {
    client: () => this.client,
    limits: () => (this.configState.status === 'ready' ? this.configState.config.attachments : undefined),
    localize: this.localize,
    announce: (message) => this.#announce(message),
    onChange: () => {
      if (!this.#uploads.problems.length) this.#setError('attachments');
      this.#save();
    },
  });

  @state() private selected: string | null = null;
  /** Subject, body and priority, under those keys. */
  @state() private common: FieldValues = {};
  @state() private fieldsByForm: Record<string, FieldValues> = {};
  @state() private errors: Record<string, string> = {};
  @state() private alert: { message: string; retry: boolean } | null = null;
  /** The created ticket, or `deflected` when an article solved it; null while editing. */
  @state() private done: Ticket | 'deflected' | null = null;
  @state() private sending: 'uploads' | 'ticket' | null = null;
  /** The subject as last searched for articles (debounced). */
  @state() private query = '';
  @state() private openArticle: string | null = null;
  @state() private announcement = '';

  /** The user whose draft is loaded ('' before one is). */
  #restored = '';
  #lastUser = '';
  #key: string | null = null;
  #queryTimer: ReturnType<typeof setTimeout> | undefined;
  #suggested = '';
  #focusAfterUpdate: string | null = null;

  /** A ticket form id: use this form and show no picker. */
  @property({ attribute: 'form-id' }) formId = '';

  /**
   * Where the created ticket lives, for the success link: `{id}` and `{number}` are replaced, as
   * in `/support/tickets/{id}`. No link without it.
   */
  @property({ attribute: 'href-template' }) hrefTemplate = '';

  /**
   * Prefilled values: custom fields by key, and `subject`, `body`, `priority`. As an attribute,
   * JSON: `values='{"product":"api","affected_version":"4.2.1"}'`. What the person typed (and
   * their draft) wins over these, except for `hidden-fields`.
   */
  @property({ type: Object }) values: Record<string, FieldValue> = {};

  /**
   * Custom fields (comma-separated keys) that are not shown but sent with their `values`: the
   * host's context (app version, plan, page) carried into the ticket.
   */
  @property({ attribute: 'hidden-fields' }) hiddenFields = '';

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#queryTimer);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    const user = this.#user();
    if (!user) this.#restored = '';
    const forms = this.#forms.value;
    if (user && forms && this.#forms.status === TaskStatus.COMPLETE && this.#restored !== user) this.#restore(forms, user);
    if (changed.has('formId') && forms?.some((f) => f.id === this.formId)) this.selected = this.formId;
  }

  protected override updated(): void {
    const el = this.#focusAfterUpdate && this.renderRoot.querySelector<HTMLElement>(this.#focusAfterUpdate);
    if (el) {
      this.#focusAfterUpdate = null;
      el.focus();
    }
  }

  // ----- state -----

  #user(): string {
    const s = this.session;
    // While signing in, and after an expiry that kept no user, the last user stays.
    if (s.status === 'signed-out') this.#lastUser = '';
    else if ('user' in s) this.#lastUser = s.user?.id ?? this.#lastUser;
    return this.#lastUser;
  }

  #draftKey(): string {
    return this.formId ? `ticket-form:${this.formId}` : 'ticket-form';
  }

  /** Loads the user's draft over the host's prefill. */
  #restore(forms: TicketForm[], user: string): void {
    const draft = this.#draft.read(user, this.#draftKey());
    const host = this.values ?? {};
    this.#restored = '';
    this.common = draft?.common ?? { subject: text(host['subject']), body: text(host['body']), priority: text(host['priority']) || 'normal' };
    this.fieldsByForm = draft?.fields ?? {};
    this.#key = draft?.key ?? null;
    const known = (id: string | null | undefined): id is string => !!id && forms.some((f) => f.id === id);
    this.selected = known(this.formId) ? this.formId : forms.length === 1 ? (forms[0]?.id ?? null) : known(draft?.formId) ? draft.formId : null;
    this.#uploads.reset();
    this.#uploads.restore(draft?.attachments ?? []);
    this.errors = {};
    this.alert = null;
    this.done = null;
    this.query = text(this.common['subject']).trim();
    this.#restored = user;
  }

  #save(): void {
    if (!this.#restored || this.done) return;
    const { selected: formId, common, fieldsByForm: fields } = this;
    this.#draft.save(this.#restored, this.#draftKey(), { formId, common, fields, attachments: this.#uploads.attachments, key: this.#key });
  }

  #form(): TicketForm | null {
    return this.#forms.value?.find((f) => f.id === this.selected) ?? null;
  }

  #hidden(): string[] {
    return this.hiddenFields.split(',').map((k) => k.trim());
  }

  /** The current form's values: host prefill, then what the person set, then the host's hidden fields. */
  #values(form: TicketForm | null): FieldValues {
    if (!form) return {};
    const host: FieldValues = {};
    for (const { key } of form.fields) if (key in this.values) host[key] = this.values[key];
    const hidden = Object.fromEntries(this.#hidden().filter((k) => k in host).map((k) => [k, host[k]]));
    return { ...host, ...this.fieldsByForm[form.id], ...hidden };
  }

  /** Subject, priority (when asked), the form's shown fields and the description: what is checked, in screen order. */
  #fields(form: TicketForm | null): Field[] {
    const t = this.localize.t.bind(this.localize);
    const hidden = this.#hidden();
    return [
      { key: 'subject', label: t('ticket-form.subject'), type: 'text', required: true, maxLength: 200, helpText: t('ticket-form.subjectHelp') },
      ...(form?.priority
        ? [{ key: 'priority', label: t('ticket-form.priority'), type: 'select', required: true, options: PRIORITIES.map((p) => ({ value: p, label: t(`ticket-form.priority.${p}`) })) } as const]
        : []),
      ...(form?.fields.filter((f) => !hidden.includes(f.key)) ?? []),
      { key: 'body', label: t('ticket-form.description'), type: 'textarea', required: true },
    ];
  }

  /** Sets or (without a message) clears one error. */
  #setError(key: string, message?: string | null): void {
    if (!message && !(key in this.errors)) return;
    const rest = Object.fromEntries(Object.entries(this.errors).filter(([k]) => k !== key));
    this.errors = message ? { ...rest, [key]: message } : rest;
  }

  #announce(message: string): void {
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = message));
  }

  // ----- event handlers -----

  #onField(form: TicketForm | null, field: Field, value: FieldValue): void {
    const { key } = field;
    if (form?.fields.includes(field)) {
      this.fieldsByForm = { ...this.fieldsByForm, [form.id]: { ...this.fieldsByForm[form.id], [key]: value } };
    } else {
      this.common = { ...this.common, [key]: value };
    }
    // A field showing an error is checked again as it is corrected, so the message goes once it is right.
    if (this.errors[key]) this.#setError(key, validateField(field, value, this.localize));
    if (key === 'subject') {
      clearTimeout(this.#queryTimer);
      this.#queryTimer = setTimeout(() => (this.query = text(value).trim()), 350);
    }
    this.#save();
  }

  #onPickForm(event: Event): void {
    this.selected = (event.target as HTMLInputElement).value;
    this.#setError('form');
    this.#save();
  }

  #closeArticle(): void {
    this.#focusAfterUpdate = `[data-article="${this.openArticle}"]`;
    this.openArticle = null;
  }

  #solved(article: Article): void {
    this.done = 'deflected';
    this.openArticle = null;
    this.#focusAfterUpdate = '#done-heading';
    this.#announce(this.localize.t('ticket-form.deflectedHeading'));
    // A vote for the article; its failure changes nothing for the person.
    this.client?.sendArticleFeedback(article.id, { helpful: true }).catch(() => undefined);
    this.dispatchEvent(new PortalDeflectedEvent(article, text(this.common['subject']).trim()));
  }

  #again(): void {
    if (this.done !== 'deflected') {
      this.#draft.clear(this.#restored, this.#draftKey());
      this.#restored = '';
    }
    this.done = null;
    this.#focusAfterUpdate = '#subject';
  }

  // ----- submit -----

  #validate(form: TicketForm | null): Record<string, string> {
    const errors = validateFields(this.#fields(form), { ...this.common, ...this.#values(form) }, this.localize);
    if (!form && this.#forms.value?.length) errors['form'] = this.localize.t('ticket-form.error.form');
    if (this.#uploads.problems.length) errors['attachments'] = this.localize.t('ticket-form.error.uploads');
    return errors;
  }

  /** Shows errors: announces a summary and moves focus to the first. */
  #showErrors(errors: Record<string, string>, form: TicketForm | null): void {
    const t = this.localize.t.bind(this.localize);
    this.errors = errors;
    const order: [string, string][] = [
      ['form', t('ticket-form.formLabel')],
      ...this.#fields(form).map((f): [string, string] => [f.key, f.label]),
      ['attachments', t('upload.listLabel')],
    ];
    const invalid = order.filter(([key]) => errors[key]);
    const first = invalid[0]?.[0] ?? '';
    this.#announce(t('ticket-form.invalid', { count: invalid.length, fields: this.localize.list(invalid.map(([, label]) => label)) }));
    if (first === 'body') this.#editor.focus();
    else
      this.#focusAfterUpdate =
        first === 'form'
          ? '[name="form"]'
          : first === 'attachments'
            ? // A failed file's first button is its retry; a refused one has only remove.
              '.upload:is([data-status=failed],[data-status=rejected]) button'
            : `#${fieldId(first, idPrefix(first))}`;
  }

  async #submit(): Promise<void> {
    // Checked and set before any await: a double click comes here twice.
    const { client } = this;
    if (this.sending || !client) return;
    this.sending = 'uploads';
    const form = this.#form();
    this.alert = null;
    try {
      let errors = this.#validate(form);
      // Waiting for uploads only when the rest is right, so errors show at once.
      if (!Object.keys(errors).length && this.#uploads.busy) {
        await this.#uploads.settled();
        errors = this.#validate(form);
      }
      if (Object.keys(errors).length) return this.#showErrors(errors, form);
      this.errors = {};
      const request: CreateTicketRequest = {
        subject: text(this.common['subject']).trim(),
        body: text(this.common['body']),
        fields: form ? fieldsToSend(form.fields, this.#values(form)) : {},
        attachmentIds: this.#uploads.attachmentIds,
      };
      if (form) request.formId = form.id;
      if (form?.priority) request.priority = this.common['priority'] as TicketPriority;
      if (!this.dispatchEvent(new PortalTicketSubmitEvent(request, form))) return;
      this.sending = 'ticket';
      this.#key ??= uniqueKey();
      this.#save();
      this.#draft.flush();
      const ticket = await client.createTicket(request, { idempotencyKey: this.#key });
      this.done = ticket;
      this.#draft.clear(this.#restored, this.#draftKey());
      this.#key = null;
      this.#uploads.reset();
      this.#focusAfterUpdate = '#done-heading';
      this.#announce(this.localize.t('ticket-form.createdHeading', { number: String(ticket.number) }));
      this.dispatchEvent(new PortalTicketCreatedEvent(ticket));
    } catch (error) {
      if (!isAbortError(error)) this.#failed(error, form);
    } finally {
      this.sending = null;
    }
  }

  #failed(error: unknown, form: TicketForm | null): void {
    const t = this.localize.t.bind(this.localize);
    const status = isPortalError(error) ? error.status : 0;
    let message = this.localize.error(error);
    if (status === 401) {
      // The session notice says it; after signing in again, Send works with everything kept.
      this.#focusAfterUpdate = '[part~="notice"]';
      return this.#announce(t('common.signInAgain'));
    }
    if (isPortalError(error) && status === 422 && error.fieldErrors.length) {
      const fields = this.#fields(form);
      const values = { ...this.common, ...this.#values(form) };
      const shown = visibleFields(fields, values);
      const errors: Record<string, string> = {};
      const unplaced: string[] = [];
      for (const { field: key, message: said } of error.fieldErrors) {
        const field = fields.find((f) => f.key === key);
        if (field && shown.has(key)) errors[key] = validateField(field, values[key], this.localize) ?? said;
        else if (key === 'attachmentIds') errors['attachments'] = t('ticket-form.error.attachments');
        else unplaced.push(said);
      }
      // The form itself was refused (removed meanwhile): load the forms again.
      if (error.fieldError('formId')) void this.#forms.run();
      if (!unplaced.length) return this.#showErrors(errors, form);
      this.errors = errors;
      message = `${message} ${unplaced.join(' ')}`;
    }
    this.alert = {
      message: status === 403 && isPortalError(error) && error.code === 'ticket_creation_disabled' ? t('ticket-form.disabled') : message,
      retry: status !== 403 && status !== 422,
    };
    this.#focusAfterUpdate = '[part~="alert"]';
    this.#announce(this.alert.message);
  }

  // ----- render -----

  protected override render(): unknown {
    return html`${this.#renderBody()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
  }

  #renderBody(): unknown {
    const t = this.localize.t.bind(this.localize);
    const status = this.session.status;
    const notice = (key: 'ticket-form.signedOut' | 'ticket-form.disabled' | 'common.loading'): TemplateResult => html`<p class="notice" part="notice">${t(key)}</p>`;
    if (status === 'signing-in') return notice('common.loading');
    if (!this.#user()) return notice('ticket-form.signedOut');
    if (this.configState.status === 'ready' && !this.configState.config.ticketCreation) return notice('ticket-form.disabled');
    const { done } = this;
    if (done) {
      const ticket = done === 'deflected' ? null : done;
      const href = ticket && this.hrefTemplate.replace(/\{(id|number)\}/g, (_, k: 'id' | 'number') => encodeURIComponent(ticket[k]));
      const number = String(ticket?.number);
      return html`<section class="done" part="success" aria-labelledby="done-heading">
        <h2 id="done-heading" part="heading" tabindex="-1">${t(ticket ? 'ticket-form.createdHeading' : 'ticket-form.deflectedHeading', { number })}</h2>
        <p>${t(ticket ? 'ticket-form.createdLead' : 'ticket-form.deflectedLead')}</p>
        <div class="actions">
          ${href ? html`<a class="button" data-variant="primary" part="ticket-link" href=${href}>${t('ticket-form.viewTicket', { number })}</a>` : nothing}
          <button class="button" part="create-another" type="button" @click=${this.#again}>${t(ticket ? 'ticket-form.createAnother' : 'ticket-form.stillNeedHelp')}</button>
        </div>
      </section>`;
    }
    const expired = status === 'expired' ? html`<p class="notice warning" part="notice" tabindex="-1">${t('common.signInAgain')}</p>` : nothing;
    const loading = html`<p class="muted" aria-busy="true">${t('common.loading')}</p>`;
    return html`${expired}${this.#forms.render({
      initial: () => loading,
      pending: () => loading,
      error: (error) => this.#renderAlert(this.localize.error(error), () => void this.#forms.run()),
      complete: (forms) => this.#renderForm(forms ?? []),
    })}`;
  }

  #renderAlert(message: string, retry?: () => void): TemplateResult {
    return html`<div class="alert" part="alert" tabindex="-1">
      <p>${message}</p>
      ${retry ? html`<button class="button" part="retry" type="button" ?disabled=${!!this.sending} @click=${retry}>${this.localize.t('common.retry')}</button>` : nothing}
    </div>`;
  }

  #renderForm(forms: TicketForm[]): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const form = this.#form();
    const values = { ...this.common, ...this.#values(form) };
    const fields = this.#fields(form);
    const shown = visibleFields(fields, values);
    const uploads = this.#uploads;
    const field = (f: Field): TemplateResult =>
      renderField(f, {
        value: values[f.key],
        error: this.errors[f.key],
        localize: this.localize,
        idPrefix: idPrefix(f.key),
        onChange: (_, value) => this.#onField(form, f, value),
      });
    const picker = forms.length > 1 && !this.formId;
    const error = this.errors['form'];
    return html`<form
      part="form"
      novalidate
      aria-busy=${this.sending ? 'true' : 'false'}
      @submit=${(e: Event) => (e.preventDefault(), void this.#submit())}
      @dragover=${uploads.onDragOver}
      @dragleave=${uploads.onDragLeave}
      @drop=${uploads.onDrop}
    >
      ${picker
        ? html`<fieldset class="picker" part="form-picker" aria-describedby=${error ? 'form-error' : nothing}>
            <legend>${t('ticket-form.formLabel')}<span class="required" aria-hidden="true">*</span></legend>
            <div class="options">
              ${forms.map(
                (f) => html`<label class="option" part="form-option">
                  <input type="radio" name="form" .value=${f.id} .checked=${f.id === this.selected} aria-invalid=${error ? 'true' : 'false'} @change=${this.#onPickForm} />
                  <span><b>${f.name}</b><br /><span class="muted">${f.description}</span></span>
                </label>`,
              )}
            </div>
            ${error ? html`<p class="field-error" part="field-error" id="form-error">${error}</p>` : nothing}
          </fieldset>`
        : form
          ? html`<p class="muted">${form.description}</p>`
          : nothing}
      ${field(fields[0] as Field)} ${this.#renderSuggestions()}
      <div class="fields">${fields.slice(1, -1).filter((f) => shown.has(f.key)).map(field)}</div>
      ${this.#editor.render({
        id: 'body',
        label: t('ticket-form.description'),
        value: text(this.common['body']),
        required: true,
        help: t('editor.markdownHint'),
        error: this.errors['body'],
        onInput: (value) => this.#onField(form, fields[fields.length - 1] as Field, value),
        onPaste: uploads.onPaste,
      })}
      <div class="field" role="group" aria-labelledby="attachments-label" aria-describedby=${this.errors['attachments'] ? 'attachments-error' : nothing}>
        <span id="attachments-label" class="label">${t('ticket-form.attachments')}</span>
        ${uploads.renderPicker()} ${uploads.renderList()}
        ${this.errors['attachments'] ? html`<p class="field-error" part="field-error" id="attachments-error">${this.errors['attachments']}</p>` : nothing}
      </div>
      ${this.alert ? this.#renderAlert(this.alert.message, this.alert.retry ? () => void this.#submit() : undefined) : nothing}
      <div class="actions">
        <button class="button" part="submit" data-variant="primary" type="submit" ?disabled=${!!this.sending}>
          ${this.sending ? t(this.sending === 'uploads' ? 'ticket-form.waitingUploads' : 'common.sending') : t('ticket-form.submit')}
        </button>
      </div>
    </form>`;
  }

  #renderSuggestions(): TemplateResult | typeof nothing {
    const t = this.localize.t.bind(this.localize);
    if (this.openArticle) {
      const loaded = this.#article.status === TaskStatus.COMPLETE ? this.#article.value : null;
      return html`<section class="panel" part="article" aria-labelledby="article-title">
        ${this.#article.render({
          pending: () => html`<p class="muted" id="article-title" aria-busy="true">${t('common.loading')}</p>`,
          error: (error) => html`<p id="article-title">${this.localize.error(error)}</p>`,
        })}
        ${loaded
          ? html`<h3 id="article-title" part="heading" tabindex="-1">${loaded.article.title}</h3>
              <div class="prose">${unsafeHTML(loaded.html)}</div>
              <p><b>${t('ticket-form.solvedQuestion')}</b></p>`
          : nothing}
        <div class="actions">
          ${loaded
            ? html`<button class="button" part="solved-button" data-variant="primary" type="button" @click=${() => this.#solved(loaded.article)}>${t('ticket-form.solved')}</button>`
            : this.#article.status === TaskStatus.ERROR
              ? html`<button class="button" part="retry" type="button" @click=${() => void this.#article.run()}>${t('common.retry')}</button>`
              : nothing}
          <button class="button" part="back-button" type="button" @click=${this.#closeArticle}>${t('ticket-form.backToForm')}</button>
        </div>
      </section>`;
    }
    const items = this.query.length >= 3 ? (this.#suggestions.value ?? []) : [];
    return items.length
      ? html`<section class="panel" part="suggestions" aria-labelledby="suggestions-heading">
          <h3 id="suggestions-heading">${t('ticket-form.suggestions')}</h3>
          <ul>
            ${items.map(
              (a) => html`<li>
                <button class="link" part="suggestion" type="button" data-article=${a.id} aria-describedby="snippet-${a.id}" @click=${() => (this.openArticle = a.id)}>
                  ${a.title}
                </button>
                <p class="muted" id="snippet-${a.id}">${a.snippet}</p>
              </li>`,
            )}
          </ul>
        </section>`
      : nothing;
  }
}
