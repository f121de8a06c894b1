import { Task, TaskStatus } from '@lit/task';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { isAbortError, isPortalError } from '../../api/errors.js';
import type { Article, ArticleSummary, Attachment, CreateTicketRequest, FieldValue, Ticket, TicketForm, TicketPriority } from '../../api/types.js';
import type { FieldValues } from '../../base/field-input.js';
import { fieldId, fieldStyles, fieldsToSend, renderField, validateField, validateFields, visibleFields } from '../../base/field-input.js';
import { MarkdownEditorController, markdownEditorStyles } from '../../base/markdown-editor.js';
import { PortalElement } from '../../base/portal-element.js';
import { DraftController } from '../../controllers/draft.js';
import { UploadsController, uploadStyles } from '../../controllers/uploads.js';
import { renderMarkdown } from '../../markdown/index.js';
import { baseStyles } from '../../theme/shared-styles.js';
import { PortalDeflectedEvent, PortalTicketCreatedEvent, PortalTicketSubmitEvent } from './events.js';
import { ticketFormStyles } from './ticket-form.styles.js';

const PRIORITIES: readonly TicketPriority[] = ['low', 'normal', 'high', 'urgent'];
const SUBJECT_MAX = 200;
const SUGGEST_DELAY = 350;

/** What is kept in the draft, per user (and per `form-id` when fixed). */
interface Draft {
  formId: string | null;
  subject: string;
  body: string;
  priority: TicketPriority;
  /** Values the person set, by form id. */
  fields: Record<string, FieldValues>;
  attachments: Attachment[];
  /** The key of a send that may have reached the server, so a retry after a reload creates nothing new. */
  key: string | null;
}

function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

const isPriority = (value: unknown): value is TicketPriority => PRIORITIES.includes(value as TicketPriority);

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
  static override styles = [baseStyles, fieldStyles, markdownEditorStyles, uploadStyles, ticketFormStyles];

  readonly #forms = new Task(this, {
    task: async ([client, user], { signal }): Promise<TicketForm[] | undefined> =>
      client && user ? client.listTicketForms({ signal }) : undefined,
    args: () => [this.client, this.#user()] as const,
  });

  readonly #suggestions = new Task(this, {
    task: async ([client, query], { signal }): Promise<ArticleSummary[]> => {
      if (!client || query.length < 3) return [];
      let items = (await client.listArticles({ q: query, limit: 5 }, { signal })).items;
      if (!items.length) {
        // A sentence rarely matches as a whole: try its two most telling words.
        const words = query.split(/\s+/).filter((w) => w.length > 3).sort((a, b) => b.length - a.length).slice(0, 2).join(' ');
        if (words && words !== query) items = (await client.listArticles({ q: words, limit: 5 }, { signal })).items;
      }
      const ids = items.map((a) => a.id).join();
      if (items.length && ids !== this.#announcedSuggestions) this.#announce(this.localize.t('ticket-form.suggestionsFound', { count: items.length }));
      this.#announcedSuggestions = ids;
      return items;
    },
    args: () => [this.client, this.query] as const,
  });

  readonly #article = new Task(this, {
    task: async ([client, id], { signal }): Promise<{ article: Article; html: string } | null> => {
      if (!client || !id) return null;
      const article = await client.getArticle(id, { signal });
      const rendered = await renderMarkdown(article.body, { mode: 'article', idPrefix: 'portal-tf-' });
      this.#focusAfterUpdate = '#article-title';
      return { article, html: rendered.html };
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
      if (this.errors['attachments'] && !this.#uploads.problems.length) this.#clearError('attachments');
      this.#save();
    },
  });

  @state() private selected: string | null = null;
  @state() private subject = '';
  @state() private body = '';
  @state() private priority: TicketPriority = 'normal';
  @state() private fieldsByForm: Record<string, FieldValues> = {};
  @state() private errors: Record<string, string> = {};
  @state() private alert: { message: string; retry: boolean } | null = null;
  @state() private phase: 'edit' | 'created' | 'deflected' = 'edit';
  @state() private sending: 'uploads' | 'ticket' | null = null;
  @state() private created: Ticket | null = null;
  /** The subject as last searched for articles (debounced). */
  @state() private query = '';
  @state() private openArticle: string | null = null;
  @state() private announcement = '';

  /** The user whose draft is loaded ('' before one is). */
  #restored = '';
  #lastUser = '';
  #key: string | null = null;
  #queryTimer: ReturnType<typeof setTimeout> | undefined;
  #announcedSuggestions = '';
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
    if (changed.has('formId') && forms && this.formId && forms.some((f) => f.id === this.formId)) this.selected = this.formId;
  }

  protected override updated(): void {
    const selector = this.#focusAfterUpdate;
    if (!selector) return;
    const el = this.renderRoot.querySelector<HTMLElement>(selector);
    if (el) {
      this.#focusAfterUpdate = null;
      el.focus();
    }
  }

  // ----- state -----

  #user(): string {
    const s = this.session;
    if (s.status === 'signed-in') this.#lastUser = s.user.id;
    else if (s.status === 'expired') this.#lastUser = s.user?.id ?? this.#lastUser;
    else if (s.status === 'signed-out') this.#lastUser = '';
    return this.#lastUser;
  }

  #draftKey(): string {
    return this.formId ? `ticket-form:${this.formId}` : 'ticket-form';
  }

  #restore(forms: TicketForm[], user: string): void {
    const draft = this.#draft.read(user, this.#draftKey());
    const host = this.values ?? {};
    const text = (v: unknown): string => (typeof v === 'string' ? v : '');
    this.#restored = '';
    this.subject = draft?.subject ?? text(host['subject']);
    this.body = draft?.body ?? text(host['body']);
    this.priority = draft?.priority ?? (isPriority(host['priority']) ? host['priority'] : 'normal');
    this.fieldsByForm = draft?.fields ?? {};
    this.#key = draft?.key ?? null;
    const known = (id: string | null | undefined): id is string => !!id && forms.some((f) => f.id === id);
    this.selected = known(this.formId) ? this.formId : forms.length === 1 ? (forms[0]?.id ?? null) : known(draft?.formId) ? draft.formId : null;
    this.#uploads.reset();
    this.#uploads.restore(draft?.attachments ?? []);
    this.errors = {};
    this.alert = null;
    this.phase = 'edit';
    this.query = this.subject.trim();
    this.#restored = user;
  }

  #save(): void {
    if (!this.#restored || this.phase !== 'edit') return;
    const { selected: formId, subject, body, priority, fieldsByForm: fields } = this;
    this.#draft.save(this.#restored, this.#draftKey(), { formId, subject, body, priority, fields, attachments: this.#uploads.attachments, key: this.#key });
  }

  #form(): TicketForm | null {
    return this.#forms.value?.find((f) => f.id === this.selected) ?? null;
  }

  #hidden(): string[] {
    return this.hiddenFields.split(',').map((k) => k.trim()).filter(Boolean);
  }

  /** The current form's values: host prefill, then what the person set, then the host's hidden fields. */
  #values(form: TicketForm | null): FieldValues {
    if (!form) return {};
    const host: FieldValues = {};
    for (const field of form.fields) if (field.key in this.values) host[field.key] = this.values[field.key];
    const hidden = Object.fromEntries(this.#hidden().filter((k) => k in host).map((k) => [k, host[k]]));
    return { ...host, ...this.fieldsByForm[form.id], ...hidden };
  }

  #clearError(key: string): void {
    if (!(key in this.errors)) return;
    this.errors = Object.fromEntries(Object.entries(this.errors).filter(([k]) => k !== key));
  }

  #announce(message: string): void {
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = message));
  }

  // ----- event handlers -----

  #onSubject(event: Event): void {
    this.subject = (event.target as HTMLInputElement).value;
    this.#clearError('subject');
    this.#save();
    clearTimeout(this.#queryTimer);
    this.#queryTimer = setTimeout(() => (this.query = this.subject.trim()), SUGGEST_DELAY);
  }

  #onBody(value: string): void {
    this.body = value;
    this.#clearError('body');
    this.#save();
  }

  #onPriority(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (isPriority(value)) this.priority = value;
    this.#save();
  }

  #onPickForm(event: Event): void {
    this.selected = (event.target as HTMLInputElement).value;
    this.#clearError('form');
    this.#save();
  }

  #onField(form: TicketForm, key: string, value: FieldValue): void {
    this.fieldsByForm = { ...this.fieldsByForm, [form.id]: { ...this.fieldsByForm[form.id], [key]: value } };
    // Re-check a field that showed an error as it is corrected, so the message goes once it is right.
    if (this.errors[key]) {
      const field = form.fields.find((f) => f.key === key);
      const error = field && validateField(field, value, this.localize);
      if (error) this.errors = { ...this.errors, [key]: error };
      else this.#clearError(key);
    }
    this.#save();
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.#submit();
  }

  #openSuggestion(id: string): void {
    this.openArticle = id;
  }

  #closeArticle(): void {
    const id = this.openArticle;
    this.openArticle = null;
    this.#focusAfterUpdate = `[data-article="${id}"]`;
  }

  #solved(article: Article): void {
    this.phase = 'deflected';
    this.openArticle = null;
    this.#focusAfterUpdate = '[data-focus="done"]';
    this.#announce(this.localize.t('ticket-form.deflectedHeading'));
    // A vote for the article; its failure changes nothing for the person.
    this.client?.sendArticleFeedback(article.id, { helpful: true }).catch(() => undefined);
    this.dispatchEvent(new PortalDeflectedEvent(article, this.subject.trim()));
  }

  #backToForm(): void {
    this.phase = 'edit';
    this.#focusAfterUpdate = '#subject';
  }

  #createAnother(): void {
    const user = this.#restored;
    this.created = null;
    this.#restored = '';
    this.#draft.clear(user, this.#draftKey());
    const forms = this.#forms.value;
    if (forms) this.#restore(forms, user);
    this.#focusAfterUpdate = this.selected && !this.formId && (forms?.length ?? 0) > 1 ? 'input[name="form"]:checked' : '#subject';
  }

  // ----- submit -----

  #validate(form: TicketForm | null): Record<string, string> {
    const t = this.localize.t.bind(this.localize);
    const errors: Record<string, string> = {};
    if (!form && (this.#forms.value?.length ?? 0) > 0) errors['form'] = t('ticket-form.error.form');
    const subject = this.subject.trim();
    if (!subject) errors['subject'] = t('ticket-form.error.subject');
    else if (subject.length > SUBJECT_MAX) errors['subject'] = t('field.error.tooLong', { count: SUBJECT_MAX });
    if (form) {
      const hidden = this.#hidden();
      // The host fills hidden fields; the person cannot fix them, the server will say.
      for (const [key, message] of Object.entries(validateFields(form.fields, this.#values(form), this.localize))) {
        if (!hidden.includes(key)) errors[key] = message;
      }
    }
    if (!this.body.trim()) errors['body'] = t('ticket-form.error.body');
    if (this.#uploads.problems.length) errors['attachments'] = t('ticket-form.error.uploads');
    return errors;
  }

  /** Error keys in the order they appear on screen, with the label a person sees. */
  #order(form: TicketForm | null): [string, string][] {
    const t = this.localize.t.bind(this.localize);
    return [
      ['form', t('ticket-form.formLabel')],
      ['subject', t('ticket-form.subject')],
      ['priority', t('ticket-form.priority')],
      ...(form?.fields.map((f): [string, string] => [f.key, f.label]) ?? []),
      ['body', t('ticket-form.description')],
      ['attachments', t('upload.listLabel')],
    ];
  }

  /** Shows errors: announces a summary and moves focus to the first. */
  #showErrors(errors: Record<string, string>, form: TicketForm | null): void {
    this.errors = errors;
    const invalid = this.#order(form).filter(([key]) => errors[key]);
    const first = invalid[0]?.[0];
    if (!first) return;
    this.#announce(this.localize.t('ticket-form.invalid', { count: invalid.length, fields: this.localize.list(invalid.map(([, label]) => label)) }));
    if (first === 'body') this.#editor.focus();
    else if (first === 'form') this.#focusAfterUpdate = 'input[name="form"]';
    else if (first === 'attachments') this.#focusAfterUpdate = '.upload[data-status="failed"] [part~="upload-retry"], .upload:is([data-status="failed"], [data-status="rejected"]) [part~="upload-remove"]';
    else this.#focusAfterUpdate = `#${first === 'subject' || first === 'priority' ? first : fieldId(first)}`;
  }

  async #submit(): Promise<void> {
    // Set before any await: a double click reaches here twice.
    if (this.sending || !this.client) return;
    const form = this.#form();
    this.alert = null;
    let errors = this.#validate(form);
    if (Object.keys(errors).length) return this.#showErrors(errors, form);
    this.errors = {};
    const client = this.client;
    try {
      if (this.#uploads.busy) {
        this.sending = 'uploads';
        await this.#uploads.settled();
        errors = this.#validate(form);
        if (Object.keys(errors).length) return this.#showErrors(errors, form);
      }
      const request: CreateTicketRequest = {
        subject: this.subject.trim(),
        body: this.body,
        fields: form ? fieldsToSend(form.fields, this.#values(form)) : {},
        attachmentIds: this.#uploads.attachmentIds,
      };
      if (form) request.formId = form.id;
      if (form?.priority) request.priority = this.priority;
      if (!this.dispatchEvent(new PortalTicketSubmitEvent(request, form))) return;
      this.sending = 'ticket';
      this.#key ??= newKey();
      this.#save();
      this.#draft.flush();
      const ticket = await client.createTicket(request, { idempotencyKey: this.#key });
      this.#created(ticket);
    } catch (error) {
      if (!isAbortError(error)) this.#failed(error, form);
    } finally {
      this.sending = null;
    }
  }

  #created(ticket: Ticket): void {
    this.phase = 'created';
    this.created = ticket;
    this.#draft.clear(this.#restored, this.#draftKey());
    this.#key = null;
    this.#uploads.reset();
    this.#focusAfterUpdate = '[data-focus="done"]';
    this.#announce(this.localize.t('ticket-form.createdHeading', { number: String(ticket.number) }));
    this.dispatchEvent(new PortalTicketCreatedEvent(ticket));
  }

  #failed(error: unknown, form: TicketForm | null): void {
    const t = this.localize.t.bind(this.localize);
    if (isPortalError(error) && error.status === 401) {
      // The session notice says it; after signing in, Send works again with everything kept.
      this.#focusAfterUpdate = '[part~="notice"]';
      this.#announce(t('common.signInAgain'));
      return;
    }
    if (isPortalError(error) && error.status === 422 && error.fieldErrors.length) {
      const errors: Record<string, string> = {};
      const values = this.#values(form);
      const visible = form ? visibleFields(form.fields, values) : new Set<string>();
      const hidden = this.#hidden();
      const unplaced: string[] = [];
      for (const { field: key, message } of error.fieldErrors) {
        const field = form?.fields.find((f) => f.key === key);
        if (key === 'subject' || key === 'body' || key === 'priority') errors[key] = message;
        else if (key === 'attachmentIds') errors['attachments'] = t('ticket-form.error.attachments');
        else if (field && visible.has(key) && !hidden.includes(key)) errors[key] = validateField(field, values[key], this.localize) ?? message;
        else unplaced.push(message);
      }
      // The form itself was refused (removed meanwhile): load the forms again.
      if (error.fieldErrors.some((e) => e.field === 'formId')) void this.#forms.run();
      if (unplaced.length) this.alert = { message: `${t('error.validation')} ${unplaced.join(' ')}`, retry: false };
      if (Object.keys(errors).length) return this.#showErrors(errors, form);
      this.#focusAfterUpdate = '[part~="alert"]';
      this.#announce(this.alert?.message ?? '');
      return;
    }
    const forbidden = isPortalError(error) && error.status === 403;
    this.alert = {
      message: forbidden && error.code === 'ticket_creation_disabled' ? t('ticket-form.disabled') : this.localize.error(error),
      retry: !forbidden,
    };
    this.#focusAfterUpdate = '[part~="alert"]';
    this.#announce(this.alert.message);
  }

  // ----- render -----

  protected override render(): unknown {
    return html`${this.#renderBody()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
  }

  #renderBody(): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const status = this.session.status;
    if (!this.#user() || status === 'signing-in') {
      return html`<p class="notice" part="notice">${t(status === 'signing-in' ? 'common.loading' : 'ticket-form.signedOut')}</p>`;
    }
    const config = this.configState.status === 'ready' ? this.configState.config : undefined;
    if (config && !config.ticketCreation) return html`<p class="notice" part="notice">${t('ticket-form.disabled')}</p>`;
    if (this.phase === 'created' && this.created) return this.#renderCreated(this.created);
    if (this.phase === 'deflected') {
      return this.#renderDone(t('ticket-form.deflectedHeading'), t('ticket-form.deflectedLead'), html`
        <button class="button" part="create-another" type="button" @click=${this.#backToForm}>${t('ticket-form.stillNeedHelp')}</button>`);
    }
    const expired = status === 'expired' ? html`<p class="notice warning" part="notice" tabindex="-1">${t('common.signInAgain')}</p>` : nothing;
    return this.#forms.render({
      initial: () => html`${expired}<p class="muted">${t('common.loading')}</p>`,
      pending: () => html`${expired}<p class="muted" aria-busy="true">${t('common.loading')}</p>`,
      error: (error) => html`${expired}<div class="alert" part="alert">
          <p>${isPortalError(error) && error.status === 401 ? t('common.signInAgain') : this.localize.error(error)}</p>
          <button class="button" part="retry" type="button" @click=${() => void this.#forms.run()}>${t('common.retry')}</button>
        </div>`,
      complete: (forms) => html`${expired}${this.#renderForm(forms ?? [])}`,
    });
  }

  #renderDone(heading: string, lead: string, actions: TemplateResult): TemplateResult {
    return html`<section class="done" part="success" aria-labelledby="done-heading">
      <span class="done-icon" aria-hidden="true">✓</span>
      <h2 id="done-heading" part="heading" tabindex="-1" data-focus="done">${heading}</h2>
      <p>${lead}</p>
      <div class="actions">${actions}</div>
    </section>`;
  }

  #renderCreated(ticket: Ticket): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const href = this.hrefTemplate
      .replace(/\{id\}/g, encodeURIComponent(ticket.id))
      .replace(/\{number\}/g, encodeURIComponent(String(ticket.number)));
    return this.#renderDone(
      t('ticket-form.createdHeading', { number: String(ticket.number) }),
      t('ticket-form.createdLead'),
      html`${href ? html`<a class="button" data-variant="primary" part="ticket-link" href=${href}>${t('ticket-form.viewTicket', { number: String(ticket.number) })}</a>` : nothing}
        <button class="button" part="create-another" type="button" @click=${this.#createAnother}>${t('ticket-form.createAnother')}</button>`,
    );
  }

  #renderForm(forms: TicketForm[]): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const form = this.#form();
    const values = this.#values(form);
    const visible = form ? visibleFields(form.fields, values) : new Set<string>();
    const hidden = this.#hidden();
    const busy = this.sending !== null;
    const uploads = this.#uploads;
    return html`<form
      part="form"
      novalidate
      aria-busy=${busy ? 'true' : 'false'}
      @submit=${this.#onSubmit}
      @dragover=${uploads.onDragOver}
      @dragenter=${uploads.onDragOver}
      @dragleave=${uploads.onDragLeave}
      @drop=${uploads.onDrop}
    >
      ${forms.length > 1 && !this.formId ? this.#renderPicker(forms) : nothing}
      ${form && (forms.length === 1 || this.formId) ? html`<p class="form-description">${form.description}</p>` : nothing}
      <div class="field" part="field">
        <label for="subject">${t('ticket-form.subject')}<span class="required" aria-hidden="true">*</span></label>
        <input
          id="subject"
          part="input"
          type="text"
          autocomplete="off"
          required
          maxlength=${SUBJECT_MAX}
          .value=${live(this.subject)}
          aria-invalid=${this.errors['subject'] ? 'true' : 'false'}
          aria-describedby=${this.errors['subject'] ? 'subject-error' : 'subject-help'}
          @input=${this.#onSubject}
        />
        <p class="field-help" part="field-help" id="subject-help" ?hidden=${!!this.errors['subject']}>${t('ticket-form.subjectHelp')}</p>
        ${this.errors['subject'] ? html`<p class="field-error" part="field-error" id="subject-error">${this.errors['subject']}</p>` : nothing}
      </div>
      ${this.#renderSuggestions()}
      ${form?.priority
        ? html`<div class="field" part="field">
            <label for="priority">${t('ticket-form.priority')}</label>
            <select id="priority" part="input" @change=${this.#onPriority}>
              ${PRIORITIES.map((p) => html`<option value=${p} ?selected=${p === this.priority}>${t(`ticket-form.priority.${p}`)}</option>`)}
            </select>
          </div>`
        : nothing}
      ${form
        ? html`<div class="fields">
            ${form.fields
              .filter((f) => visible.has(f.key) && !hidden.includes(f.key))
              .map((field) =>
                renderField(field, {
                  value: values[field.key],
                  error: this.errors[field.key],
                  localize: this.localize,
                  onChange: (key, value) => this.#onField(form, key, value),
                }),
              )}
          </div>`
        : nothing}
      ${this.#editor.render({
        id: 'body',
        label: t('ticket-form.description'),
        value: this.body,
        required: true,
        help: t('editor.markdownHint'),
        error: this.errors['body'],
        onInput: (value) => this.#onBody(value),
        onPaste: uploads.onPaste,
      })}
      <div class="attachments" role="group" aria-labelledby="attachments-label" aria-describedby=${this.errors['attachments'] ? 'attachments-error' : nothing}>
        <span id="attachments-label" class="label">${t('ticket-form.attachments')}</span>
        ${uploads.renderPicker()} ${uploads.renderList()}
        ${this.errors['attachments'] ? html`<p class="field-error" part="field-error" id="attachments-error">${this.errors['attachments']}</p>` : nothing}
      </div>
      ${this.alert
        ? html`<div class="alert" part="alert" tabindex="-1">
            <p>${this.alert.message}</p>
            ${this.alert.retry ? html`<button class="button" part="retry" type="button" ?disabled=${busy} @click=${() => void this.#submit()}>${t('common.retry')}</button>` : nothing}
          </div>`
        : nothing}
      <div class="actions">
        <button class="button submit" part="submit" data-variant="primary" type="submit" ?disabled=${busy}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span>${t(this.sending === 'uploads' ? 'ticket-form.waitingUploads' : 'ticket-form.sending')}` : t('ticket-form.submit')}
        </button>
      </div>
    </form>`;
  }

  #renderPicker(forms: TicketForm[]): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const error = this.errors['form'];
    return html`<fieldset class="picker" part="form-picker" aria-describedby=${error ? 'form-error' : nothing}>
      <legend>${t('ticket-form.formLabel')}<span class="required" aria-hidden="true">*</span></legend>
      <div class="options">
        ${forms.map(
          (f) => html`<label class="option" part="form-option">
            <input type="radio" name="form" .value=${f.id} .checked=${live(f.id === this.selected)} aria-invalid=${error ? 'true' : 'false'} @change=${this.#onPickForm} />
            <span class="option-text"><span class="option-name">${f.name}</span><span class="option-description">${f.description}</span></span>
          </label>`,
        )}
      </div>
      ${error ? html`<p class="field-error" part="field-error" id="form-error">${error}</p>` : nothing}
    </fieldset>`;
  }

  #renderSuggestions(): TemplateResult | typeof nothing {
    const t = this.localize.t.bind(this.localize);
    if (this.openArticle) {
      const loaded = this.#article.status === TaskStatus.COMPLETE ? this.#article.value : null;
      return html`<section class="article" part="article" aria-labelledby="article-title">
        ${this.#article.render({
          pending: () => html`<p class="muted" id="article-title" aria-busy="true">${t('common.loading')}</p>`,
          error: (error) => html`<div class="alert" part="alert">
            <p id="article-title">${this.localize.error(error)}</p>
            <button class="button" part="retry" type="button" @click=${() => void this.#article.run()}>${t('common.retry')}</button>
          </div>`,
          complete: (loaded) =>
            loaded
              ? html`<h3 id="article-title" part="heading" tabindex="-1">${loaded.article.title}</h3>
                  <div class="markdown">${unsafeHTML(loaded.html)}</div>
                  <p class="article-question">${t('ticket-form.solvedQuestion')}</p>`
              : nothing,
        })}
        <div class="actions">
          ${loaded
            ? html`<button class="button" part="solved-button" data-variant="primary" type="button" @click=${() => this.#solved(loaded.article)}>
                ${t('ticket-form.solved')}
              </button>`
            : nothing}
          <button class="button" part="back-button" type="button" @click=${this.#closeArticle}>${t('ticket-form.backToForm')}</button>
        </div>
      </section>`;
    }
    const items = this.query.length >= 3 ? (this.#suggestions.value ?? []) : [];
    if (!items.length) return nothing;
    return html`<section class="suggestions" part="suggestions" aria-labelledby="suggestions-heading">
      <h3 id="suggestions-heading">${t('ticket-form.suggestions')}</h3>
      <ul>
        ${items.map(
          (a) => html`<li>
            <button class="suggestion" part="suggestion" type="button" data-article=${a.id} aria-describedby="snippet-${a.id}" @click=${() => this.#openSuggestion(a.id)}>
              ${a.title}
            </button>
            <p class="snippet" id="snippet-${a.id}">${a.snippet}</p>
          </li>`,
        )}
      </ul>
    </section>`;
  }
}
