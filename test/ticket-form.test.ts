import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil as openWcWaitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html as litHtml } from 'lit';
import { http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import type { PortalClient } from '../src/api/client.js';
import type { Attachment, Field, FieldValue } from '../src/api/types.js';
import type { FieldValues } from '../src/base/field-input.js';
import { fieldStyles, fieldsToSend, renderField, validateFields, visibleFields } from '../src/base/field-input.js';
import { MarkdownEditorController, markdownEditorStyles } from '../src/base/markdown-editor.js';
import { PortalElement, defineElement } from '../src/base/portal-element.js';
import { DraftController } from '../src/controllers/draft.js';
import { UploadsController, uploadStyles } from '../src/controllers/uploads.js';
import type { PortalDeflectedEvent, PortalTicketCreatedEvent, PortalTicketSubmitEvent } from '../src/elements/ticket-form/events.js';
import '../src/elements/ticket-form/define.js';
import type { PortalTicketForm } from '../src/elements/ticket-form/ticket-form.js';
import '../src/elements/provider/define.js';
import type { PortalProvider } from '../src/elements/provider/provider.js';
import { ticketFormEn } from '../src/i18n/en/ticket-form.js';
import { baseStyles, controlStyles } from '../src/theme/shared-styles.js';
import { createMockBackend, SEED_USERS, startMockWorker } from '../src/mocks/index.js';

/** `waitUntil` with a 5 s default (three engines share two cores). */
function waitUntil(predicate: () => unknown, message?: string, options: { timeout?: number; interval?: number } = {}): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: 5000, ...options });
}

const backend = createMockBackend();
let worker: SetupWorker;
const customer = SEED_USERS.customer;

// ----- helpers (strings and booleans only reach chai) -----

const root = (el: Element): ShadowRoot => el.shadowRoot as ShadowRoot;
const q = <T extends Element = HTMLElement>(el: Element, selector: string): T | null => root(el).querySelector<T>(selector);
const must = <T extends Element = HTMLElement>(el: Element, selector: string): T => {
  const found = q<T>(el, selector);
  if (!found) throw new Error(`nothing matches ${selector}; shadow text: ${text(el)}`);
  return found;
};
const text = (el: Element): string => (root(el).textContent ?? '').replace(/\s+/g, ' ').trim();
const focusedId = (el: Element): string => (root(el).activeElement as HTMLElement | null)?.id ?? '';

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

function choose(select: HTMLSelectElement | HTMLInputElement, value?: string): void {
  if (value !== undefined) select.value = value;
  else (select as HTMLInputElement).checked = !(select as HTMLInputElement).checked;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

function requests(method: string, path: string): number {
  return backend.requestLog.filter((r) => r.method === method && r.path === path).length;
}

/** A paste of `files`; Firefox ignores `clipboardData` in the constructor, so it is set on the event. */
function pasteEvent(...files: File[]): ClipboardEvent {
  const data = new DataTransfer();
  for (const f of files) data.items.add(f);
  const event = new ClipboardEvent('paste', { bubbles: true, composed: true, cancelable: true });
  Object.defineProperty(event, 'clipboardData', { value: data });
  return event;
}

function file(name: string, bytes: number, contentType: string): File {
  return new File([new Uint8Array(bytes)], name, { type: contentType });
}

// ----- a host for the shared pieces -----

const FIELDS: Field[] = [
  { key: 'product', label: 'Product area', type: 'select', required: true, options: [{ value: 'api', label: 'API' }, { value: 'ui', label: 'UI' }] },
  { key: 'version', label: 'Version', type: 'text', required: false, pattern: '\\d+\\.\\d+', placeholder: '4.2', helpText: 'See Settings.', maxLength: 8 },
  { key: 'users', label: 'Users', type: 'number', required: false, min: 1, max: 100 },
  { key: 'since', label: 'Since', type: 'date', required: false, min: '2020-01-01', max: '2030-12-31' },
  { key: 'browsers', label: 'Browsers', type: 'multiselect', required: true, options: [{ value: 'ff', label: 'Firefox' }, { value: 'cr', label: 'Chrome' }], showWhen: [{ field: 'product', equals: 'ui' }] },
  { key: 'endpoint', label: 'Endpoint', type: 'url', required: true, showWhen: [{ field: 'product', in: ['api'] }] },
  { key: 'contact', label: 'Contact', type: 'email', required: false },
  { key: 'repro', label: 'Reproducible', type: 'checkbox', required: false },
  { key: 'steps', label: 'Steps', type: 'textarea', required: true, showWhen: [{ field: 'repro', equals: true }] },
  { key: 'agree', label: 'I agree', type: 'checkbox', required: true },
];

class TestFormPieces extends PortalElement {
  static override styles = [baseStyles, controlStyles, fieldStyles, uploadStyles, markdownEditorStyles];
  // The shared pieces' English strings (`field.*`, `editor.*`, `upload.*`) ship with the ticket form's.
  static override strings = [ticketFormEn];
  values: FieldValues = {};
  errors: Record<string, string> = {};
  body = '';
  announced: string[] = [];
  clientOverride: PortalClient | undefined;
  readonly uploads = new UploadsController(this, {
    client: () => this.clientOverride ?? this.client,
    limits: () => (this.configState.status === 'ready' ? this.configState.config.attachments : undefined),
    localize: this.localize,
    announce: (message) => this.announced.push(message),
  });
  readonly editor = new MarkdownEditorController(this, this.localize);

  get ready(): boolean {
    return this.configState.status === 'ready';
  }

  protected override render(): unknown {
    const visible = visibleFields(FIELDS, this.values);
    return litHtml`<form novalidate @dragover=${this.uploads.onDragOver} @drop=${this.uploads.onDrop}>
      ${FIELDS.filter((f) => visible.has(f.key)).map((field) =>
        renderField(field, {
          value: this.values[field.key],
          error: this.errors[field.key],
          localize: this.localize,
          onChange: (key: string, value: FieldValue) => {
            this.values = { ...this.values, [key]: value };
            this.requestUpdate();
          },
        }),
      )}
      ${this.editor.render({ id: 'body', label: 'Description', value: this.body, onInput: (v) => ((this.body = v), this.requestUpdate()), onPaste: this.uploads.onPaste })}
      ${this.uploads.renderPicker()} ${this.uploads.renderList()}
    </form>`;
  }
}
defineElement('test-form-pieces', TestFormPieces);

async function mountPieces(): Promise<{ provider: PortalProvider; el: TestFormPieces }> {
  const provider = await fixture<PortalProvider>(html`<portal-provider><test-form-pieces></test-form-pieces></portal-provider>`);
  await provider.services.session.signIn(backend.signIn(customer.email));
  const el = provider.querySelector('test-form-pieces') as TestFormPieces;
  await waitUntil(() => el.ready, 'the portal config never loaded');
  await el.updateComplete;
  return { provider, el };
}

before(async () => {
  worker = await startMockWorker(backend, { quiet: true });
});
after(() => worker.stop());

describe('shared form pieces', () => {
  beforeEach(() => {
    backend.reset();
    backend.clearRequestLog();
    localStorage.clear();
    sessionStorage.clear();
  });
  afterEach(() => worker.resetHandlers());

  describe('field-input', () => {
    it('renders the right input for every field type, with label and help tied to it', async () => {
      const { el } = await mountPieces();
      expect(must<HTMLSelectElement>(el, '#field-product').tagName).to.equal('SELECT');
      expect(must(el, 'label[for="field-product"]').textContent?.trim()).to.contain('Product area');
      expect(must<HTMLInputElement>(el, '#field-version').type).to.equal('text');
      expect(must(el, '#field-version').getAttribute('aria-describedby')).to.equal('field-version-help');
      expect(must(el, '#field-version-help').textContent).to.equal('See Settings.');
      expect(must<HTMLInputElement>(el, '#field-users').type).to.equal('number');
      expect(must<HTMLInputElement>(el, '#field-users').min).to.equal('1');
      expect(must<HTMLInputElement>(el, '#field-since').type).to.equal('date');
      expect(must<HTMLInputElement>(el, '#field-since').max).to.equal('2030-12-31');
      expect(must<HTMLInputElement>(el, '#field-contact').type).to.equal('email');
      expect(must<HTMLInputElement>(el, '#field-repro').type).to.equal('checkbox');
      expect(must<HTMLInputElement>(el, '#field-agree').required).to.equal(true);
      // Conditional fields are absent until their condition holds.
      expect(q(el, '#field-browsers') === null).to.equal(true);
      expect(q(el, '#field-endpoint') === null).to.equal(true);
      choose(must<HTMLSelectElement>(el, '#field-product'), 'ui');
      await el.updateComplete;
      expect(must(el, 'fieldset[data-key="browsers"] legend').textContent).to.contain('Browsers');
      expect(root(el).querySelectorAll('fieldset[data-key="browsers"] input[type="checkbox"]').length).to.equal(2);
      expect(q(el, '#field-endpoint') === null).to.equal(true);
      choose(must<HTMLSelectElement>(el, '#field-product'), 'api');
      await el.updateComplete;
      expect(must<HTMLInputElement>(el, '#field-endpoint').type).to.equal('url');
      expect(q(el, '#field-browsers') === null).to.equal(true);
      choose(must<HTMLInputElement>(el, '#field-repro'));
      await el.updateComplete;
      expect(must(el, '#field-steps').tagName).to.equal('TEXTAREA');
      expect(el.values['repro']).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('multiselect checkboxes keep the options in form order', async () => {
      const { el } = await mountPieces();
      choose(must<HTMLSelectElement>(el, '#field-product'), 'ui');
      await el.updateComplete;
      const boxes = root(el).querySelectorAll<HTMLInputElement>('fieldset[data-key="browsers"] input');
      choose(boxes[1] as HTMLInputElement);
      choose(boxes[0] as HTMLInputElement);
      expect(JSON.stringify(el.values['browsers'])).to.equal('["ff","cr"]');
      choose(boxes[1] as HTMLInputElement);
      expect(JSON.stringify(el.values['browsers'])).to.equal('["ff"]');
    });

    it('validates like the server: required, pattern, min/max, maxLength, email, url, dates; hidden fields never', async () => {
      const { el } = await mountPieces();
      const l = el['localize'];
      let errors = validateFields(FIELDS, {}, l);
      expect(Object.keys(errors).join(',')).to.equal('product,agree');
      expect(errors['product']).to.equal('Choose one of the options.');
      expect(errors['agree']).to.equal('Check this box to continue.');
      const values: FieldValues = { product: 'api', version: '4', users: 0, since: '2019-05-01', contact: 'nope', endpoint: 'javascript:alert(1)', agree: true };
      errors = validateFields(FIELDS, values, l);
      expect(errors['version']).to.equal('Use the expected format, like 4.2.');
      expect(errors['users']).to.equal('Enter 1 or more.');
      expect(errors['since']).to.contain('or later');
      expect(errors['since']).to.contain('2020');
      expect(errors['contact']).to.equal('Enter an email address like name@company.com.');
      expect(errors['endpoint']).to.equal('Enter a web address starting with https://.');
      errors = validateFields(FIELDS, { ...values, version: '123456.789', users: 101, since: '2031-01-01' }, l);
      expect(errors['version']).to.equal('Use at most 8 characters.');
      expect(errors['users']).to.equal('Enter 100 or less.');
      expect(errors['since']).to.contain('or earlier');
      expect(validateFields(FIELDS, { ...values, users: Number.NaN }, l)['users']).to.equal('Enter a number.');
      // Hidden by showWhen: neither validated nor sent.
      const ok: FieldValues = { product: 'ui', browsers: ['ff'], endpoint: 'not a url', repro: false, steps: '', agree: true };
      expect(Object.keys(validateFields(FIELDS, ok, l)).length).to.equal(0);
      expect(JSON.stringify(fieldsToSend(FIELDS, ok))).to.equal('{"product":"ui","browsers":["ff"],"repro":false,"agree":true}');
    });

    it('hiding cascades: a field shown by a hidden field is hidden too', () => {
      const fields: Field[] = [
        { key: 'a', label: 'A', type: 'checkbox', required: false },
        { key: 'b', label: 'B', type: 'select', required: false, options: [{ value: 'x', label: 'X' }], showWhen: [{ field: 'a', equals: true }] },
        { key: 'c', label: 'C', type: 'text', required: true, showWhen: [{ field: 'b', equals: 'x' }] },
      ];
      expect([...visibleFields(fields, { a: true, b: 'x' })].join()).to.equal('a,b,c');
      expect([...visibleFields(fields, { a: false, b: 'x' })].join()).to.equal('a');
    });

    it('shows an error under its field through aria-describedby', async () => {
      const { el } = await mountPieces();
      el.errors = { version: 'Use the expected format, like 4.2.' };
      el.requestUpdate();
      await el.updateComplete;
      const input = must<HTMLInputElement>(el, '#field-version');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.equal('field-version-help field-version-error');
      expect(must(el, '#field-version-error').textContent).to.equal('Use the expected format, like 4.2.');
      await expect(el).to.be.accessible();
    });
  });

  describe('draft', () => {
    it('saves after a pause, per user and key, and clears only when told', async () => {
      const { el } = await mountPieces();
      const draft = new DraftController<{ subject: string }>(el, { delay: 20 });
      draft.save('usr_1', 'form:a', { subject: 'one' });
      draft.save('usr_1', 'form:a', { subject: 'two' });
      // A waiting save is already readable; storage gets it after the pause.
      expect(draft.read('usr_1', 'form:a')?.subject).to.equal('two');
      await waitUntil(() => localStorage.getItem('portal-elements:draft:usr_1:form:a'));
      const other = new DraftController<{ subject: string }>(el);
      expect(other.read('usr_1', 'form:a')?.subject).to.equal('two');
      expect(other.read('usr_2', 'form:a')).to.equal(undefined);
      expect(other.read('usr_1', 'form:b')).to.equal(undefined);
      other.clear('usr_1', 'form:a');
      expect(draft.read('usr_1', 'form:a')).to.equal(undefined);
    });

    it('writes at once when the page is hidden, and ignores drafts older than the limit', async () => {
      const { el } = await mountPieces();
      const draft = new DraftController<string>(el, { delay: 60_000 });
      draft.save('u', 'k', 'typed');
      dispatchEvent(new Event('pagehide'));
      expect(localStorage.getItem('portal-elements:draft:u:k')).to.contain('typed');
      localStorage.setItem('portal-elements:draft:u:old', JSON.stringify({ value: 'x', savedAt: Date.now() - 31 * 86_400_000 }));
      expect(draft.read('u', 'old')).to.equal(undefined);
      expect(localStorage.getItem('portal-elements:draft:u:old')).to.equal(null);
    });
  });

  describe('uploads', () => {
    it('uploads a file and reports it done with its attachment id', async () => {
      const { el } = await mountPieces();
      el.uploads.add([file('log.txt', 1200, 'text/plain')]);
      await el.updateComplete;
      expect(el.uploads.busy).to.equal(true);
      await el.uploads.settled();
      await el.updateComplete;
      expect(el.uploads.items[0]?.status).to.equal('done');
      expect(el.uploads.attachmentIds.length).to.equal(1);
      expect(el.uploads.attachmentIds[0]).to.match(/^att_/);
      expect(text(el)).to.contain('log.txt');
      expect(text(el)).to.contain('Attached');
      expect(el.announced.join('|')).to.contain('log.txt attached.');
      await expect(el).to.be.accessible();
    });

    it('shows per-file progress while sending', async () => {
      const { el } = await mountPieces();
      let finish = (): void => undefined;
      const fake = {
        uploadAttachment: (f: File, options?: { onProgress?: (l: number, t: number) => void }): Promise<Attachment> => {
          options?.onProgress?.(f.size / 2, f.size);
          return new Promise((resolve) => {
            finish = () => resolve({ id: 'att_fake1', name: f.name, size: f.size, contentType: f.type, url: '/x' });
          });
        },
      };
      el.clientOverride = fake as unknown as PortalClient;
      el.uploads.add([file('shot.png', 2000, 'image/png')]);
      await el.updateComplete;
      const progress = must<HTMLProgressElement>(el, 'progress');
      expect(progress.value).to.equal(50);
      expect(progress.getAttribute('aria-label')).to.equal('Uploading shot.png');
      expect(text(el)).to.contain('50%');
      await expect(el).to.be.accessible();
      finish();
      await el.uploads.settled();
      await el.updateComplete;
      expect(q(el, 'progress') === null).to.equal(true);
      expect(el.uploads.attachmentIds.join()).to.equal('att_fake1');
    });

    it('refuses files over the size limit or of a type not allowed, before sending anything', async () => {
      const { el } = await mountPieces();
      backend.clearRequestLog();
      el.uploads.add([file('huge.zip', 12_000_000, 'application/zip'), file('run.exe', 10, 'application/x-msdownload')]);
      await el.updateComplete;
      expect(requests('POST', '/attachments')).to.equal(0);
      expect(el.uploads.items.map((i) => i.status).join()).to.equal('rejected,rejected');
      expect(text(el)).to.contain('This file is 12 MB; files can be at most 10 MB.');
      expect(text(el)).to.contain('Files of this type can’t be attached.');
      // Refused files offer no retry, only remove.
      expect(q(el, '[part~="upload-retry"]') === null).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('retries a failed upload with the same idempotency key, and keeps one attachment', async () => {
      const { el } = await mountPieces();
      const keys: string[] = [];
      worker.use(
        http.post('/api/attachments', ({ request }) => {
          keys.push(request.headers.get('Idempotency-Key') ?? '');
        }),
      );
      backend.injectFault({ match: 'POST /attachments', status: 500, times: 1 });
      el.uploads.add([file('a.pdf', 100, 'application/pdf')]);
      await el.uploads.settled();
      await el.updateComplete;
      expect(el.uploads.items[0]?.status).to.equal('failed');
      expect(text(el)).to.contain('Something went wrong on our side');
      expect(el.uploads.problems.length).to.equal(1);
      must<HTMLButtonElement>(el, '[part~="upload-retry"]').click();
      await el.uploads.settled();
      await el.updateComplete;
      expect(el.uploads.items[0]?.status).to.equal('done');
      expect(keys.length).to.equal(2);
      expect(keys[0]).to.equal(keys[1]);
      expect(el.uploads.problems.length).to.equal(0);
    });

    it('removing a file aborts its upload and moves focus to the picker', async () => {
      const { el } = await mountPieces();
      worker.use(http.post('/api/attachments', () => new Promise<Response>(() => undefined)));
      el.uploads.add([file('slow.png', 100, 'image/png')]);
      await el.updateComplete;
      must<HTMLButtonElement>(el, '[part~="upload-remove"]').click();
      await el.uploads.settled();
      await el.updateComplete;
      await el.updateComplete;
      expect(el.uploads.items.length).to.equal(0);
      expect(el.uploads.busy).to.equal(false);
      expect((root(el).activeElement as HTMLElement | null)?.hasAttribute('data-upload-picker') ?? false).to.equal(true);
    });

    it('restores uploaded attachments from a draft as done', async () => {
      const { el } = await mountPieces();
      el.uploads.restore([{ id: 'att_1', name: 'old.png', size: 10, contentType: 'image/png', url: '/x' }]);
      await el.updateComplete;
      expect(el.uploads.attachmentIds.join()).to.equal('att_1');
      expect(text(el)).to.contain('old.png');
    });

    it('attaches dropped and pasted files', async () => {
      const { el } = await mountPieces();
      const transfer = new DataTransfer();
      transfer.items.add(file('drop.txt', 5, 'text/plain'));
      const form = must(el, 'form');
      form.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      must(el, '#body').dispatchEvent(pasteEvent(file('image.png', 5, 'image/png')));
      await el.uploads.settled();
      expect(el.uploads.items.map((i) => `${i.name}:${i.status}`).join()).to.equal('drop.txt:done,image.png:done');
    });
  });

  describe('markdown editor', () => {
    it('switches between write and preview with the keyboard and previews sanitized markdown', async () => {
      const { el } = await mountPieces();
      type(must<HTMLTextAreaElement>(el, '#body'), '**bold** <img src=x onerror=alert(1)>');
      await el.updateComplete;
      must<HTMLButtonElement>(el, '#body-write-tab').focus();
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(focusedId(el)).to.equal('body-preview-tab');
      expect(must(el, '#body-preview-tab').getAttribute('aria-selected')).to.equal('true');
      await waitUntil(() => q(el, '.editor-preview strong'), 'the preview never rendered');
      expect(must(el, '.editor-preview strong').textContent).to.equal('bold');
      expect(q(el, '.editor-preview img') === null).to.equal(true);
      expect(must<HTMLTextAreaElement>(el, '#body').closest('[hidden]') !== null).to.equal(true);
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'ArrowLeft' });
      await el.updateComplete;
      expect(focusedId(el)).to.equal('body-write-tab');
      el.editor.select('preview', el.body);
      el.editor.focus();
      await el.updateComplete;
      await el.updateComplete;
      expect(focusedId(el)).to.equal('body');
      expect(must<HTMLTextAreaElement>(el, '#body').value).to.contain('**bold**');
    });
  });
});

// ----- <portal-ticket-form> -----

const tickets = (): number => backend.store.tickets.length;
const live = (el: Element): string => q(el, '[role="status"]')?.textContent?.trim() ?? '';
const part = (el: Element, name: string): HTMLElement | null => q(el, `[part~="${name}"]`);

interface Mounted {
  provider: PortalProvider;
  form: PortalTicketForm;
}

async function mountForm(template = html`<portal-ticket-form href-template="/support/tickets/{id}?n={number}"></portal-ticket-form>`, signIn = true): Promise<Mounted> {
  const provider = await fixture<PortalProvider>(html`<portal-provider>${template}</portal-provider>`);
  if (signIn) await provider.services.session.signIn(backend.signIn(customer.email));
  const form = provider.querySelector('portal-ticket-form') as PortalTicketForm;
  if (signIn) await waitUntil(() => q(form, '#subject'), `the form never appeared: ${text(form)}`);
  await form.updateComplete;
  return { provider, form };
}

async function pickForm(form: PortalTicketForm, id: string): Promise<void> {
  const radio = must<HTMLInputElement>(form, `input[name="form"][value="${id}"]`);
  radio.checked = true;
  radio.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await form.updateComplete;
}

/** A valid billing request (invoice topic). */
async function fillBilling(form: PortalTicketForm, subject = 'Question about invoice INV-204811'): Promise<void> {
  await pickForm(form, 'form_billing');
  type(must<HTMLInputElement>(form, '#subject'), subject);
  choose(must<HTMLSelectElement>(form, '#field-billing_topic'), 'invoice');
  await form.updateComplete;
  type(must<HTMLInputElement>(form, '#field-invoice_number'), 'INV-204811');
  type(must<HTMLTextAreaElement>(form, '#body'), 'The March invoice lists **42** seats.');
  await form.updateComplete;
}

async function submit(form: PortalTicketForm): Promise<void> {
  must<HTMLButtonElement>(form, '[part~="submit"]').click();
  await form.updateComplete;
}

async function createdState(form: PortalTicketForm): Promise<void> {
  await waitUntil(() => part(form, 'success'), `no success state: ${text(form)}`);
}

function captureTickets(): { bodies: Record<string, unknown>[]; keys: string[] } {
  const bodies: Record<string, unknown>[] = [];
  const keys: string[] = [];
  worker.use(
    http.post('/api/tickets', async ({ request }) => {
      keys.push(request.headers.get('Idempotency-Key') ?? '');
      bodies.push((await request.clone().json()) as Record<string, unknown>);
    }),
  );
  return { bodies, keys };
}

function problem(status: number, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return HttpResponse.json({ type: 'about:blank', title: 'Problem', status, ...extra }, { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });
}

describe('<portal-ticket-form>', () => {
  beforeEach(() => {
    backend.reset();
    backend.clearRequestLog();
    localStorage.clear();
    sessionStorage.clear();
  });
  afterEach(() => {
    worker.resetHandlers();
    backend.clearFaults();
  });

  describe('forms and fields', () => {
    it('offers the three forms and shows the chosen form’s fields', async () => {
      const { form } = await mountForm();
      const options = root(form).querySelectorAll('[part~="form-option"]');
      expect(options.length).to.equal(3);
      expect(text(form)).to.contain('Billing question');
      expect(text(form)).to.contain('Invoices, refunds, plan changes and tax details.');
      // No form chosen yet: no custom fields.
      expect(q(form, '.fields [data-key]') === null).to.equal(true);
      await expect(form).to.be.accessible();
      await pickForm(form, 'form_technical');
      expect(must(form, '#field-product').tagName).to.equal('SELECT');
      expect(must<HTMLInputElement>(form, '#field-users_affected').type).to.equal('number');
      expect(must<HTMLInputElement>(form, '#field-occurred_on').type).to.equal('date');
      expect(must<HTMLInputElement>(form, '#field-reproducible').type).to.equal('checkbox');
      expect(must(form, '#priority').tagName).to.equal('SELECT');
      expect(must(form, '#field-affected_version-help').textContent).to.contain('fernwood --version');
      await pickForm(form, 'form_billing');
      expect(must<HTMLInputElement>(form, '#field-billing_email').type).to.equal('email');
      // The billing form asks no priority.
      expect(q(form, '#priority') === null).to.equal(true);
      await expect(form).to.be.accessible();
    });

    it('a fixed form-id shows that form without a picker', async () => {
      const { form } = await mountForm(html`<portal-ticket-form form-id="form_access"></portal-ticket-form>`);
      expect(q(form, '[part~="form-picker"]') === null).to.equal(true);
      expect(text(form)).to.contain('Single sign-on, adding or removing people');
      expect(must<HTMLInputElement>(form, '#field-contact_email').type).to.equal('email');
      expect(must<HTMLInputElement>(form, '#field-deadline').type).to.equal('date');
    });

    it('shows and hides conditional fields live, and never validates or sends hidden ones', async () => {
      const { form } = await mountForm();
      const { bodies } = captureTickets();
      await pickForm(form, 'form_technical');
      const product = must<HTMLSelectElement>(form, '#field-product');
      expect(q(form, '#field-api_endpoint') === null).to.equal(true);
      choose(product, 'dashboards');
      await form.updateComplete;
      expect(root(form).querySelectorAll('fieldset[data-key="browsers"] input[type="checkbox"]').length).to.equal(4);
      choose(must<HTMLInputElement>(form, 'fieldset[data-key="browsers"] input'));
      choose(product, 'api');
      await form.updateComplete;
      expect(q(form, 'fieldset[data-key="browsers"]') === null).to.equal(true);
      type(must<HTMLInputElement>(form, '#field-api_endpoint'), 'https://api.fernwood.example/v2/ingest');
      choose(must<HTMLInputElement>(form, '#field-reproducible'));
      await form.updateComplete;
      expect(must(form, '#field-repro_steps').tagName).to.equal('TEXTAREA');
      choose(must<HTMLInputElement>(form, '#field-reproducible'));
      await form.updateComplete;
      expect(q(form, '#field-repro_steps') === null).to.equal(true);
      type(must<HTMLInputElement>(form, '#subject'), 'Intermittent 502s');
      type(must<HTMLTextAreaElement>(form, '#body'), 'One in fifty requests fails.');
      await submit(form);
      await createdState(form);
      const sent = bodies[0] as { fields: Record<string, unknown>; formId: string; priority: string };
      expect(sent.formId).to.equal('form_technical');
      expect(sent.priority).to.equal('normal');
      // Browsers was chosen while dashboards showed it; now hidden, it is not sent.
      expect(JSON.stringify(sent.fields)).to.equal('{"product":"api","api_endpoint":"https://api.fernwood.example/v2/ingest","reproducible":false}');
    });
  });

  describe('sending', () => {
    it('creates one ticket, fires submit then created, and shows the link and "open another"', async () => {
      const { form } = await mountForm();
      const before = tickets();
      const order: string[] = [];
      form.addEventListener('portal-ticket-submit', (e: PortalTicketSubmitEvent) => order.push(`submit:${e.request.subject}:${e.form?.id ?? ''}`));
      form.addEventListener('portal-ticket-created', (e: PortalTicketCreatedEvent) => order.push(`created:${e.ticket.subject}`));
      await fillBilling(form);
      await submit(form);
      expect(must<HTMLButtonElement>(form, '[part~="submit"]').disabled).to.equal(true);
      expect(text(form)).to.contain('Sending…');
      await createdState(form);
      expect(tickets()).to.equal(before + 1);
      expect(order.join('|')).to.equal('submit:Question about invoice INV-204811:form_billing|created:Question about invoice INV-204811');
      const ticket = backend.store.tickets[backend.store.tickets.length - 1];
      expect(ticket?.fields['invoice_number']).to.equal('INV-204811');
      expect(text(form)).to.contain(`Request #${ticket?.number ?? ''} is open`);
      expect(must(form, '[part~="ticket-link"]').getAttribute('href')).to.equal(`/support/tickets/${ticket?.id ?? ''}?n=${ticket?.number ?? ''}`);
      expect(focusedId(form)).to.equal('done-heading');
      await waitUntil(() => live(form).includes('is open'));
      await expect(form).to.be.accessible();
      // The draft is gone once the server has the ticket.
      await new Promise((r) => setTimeout(r, 500));
      expect(Object.keys(localStorage).filter((k) => k.includes('ticket-form')).length).to.equal(0);
      must<HTMLButtonElement>(form, '[part~="create-another"]').click();
      await waitUntil(() => q(form, '#subject'));
      await form.updateComplete;
      expect(must<HTMLInputElement>(form, '#subject').value).to.equal('');
      expect(must<HTMLTextAreaElement>(form, '#body').value).to.equal('');
    });

    it('a double click creates one ticket', async () => {
      const { form } = await mountForm();
      const before = tickets();
      await fillBilling(form);
      const button = must<HTMLButtonElement>(form, '[part~="submit"]');
      button.click();
      button.click();
      must<HTMLFormElement>(form, 'form').requestSubmit();
      await createdState(form);
      await new Promise((r) => setTimeout(r, 200));
      expect(tickets()).to.equal(before + 1);
      expect(requests('POST', '/tickets')).to.equal(1);
    });

    it('a retry after a lost response sends the same Idempotency-Key and creates nothing new', async () => {
      const { form } = await mountForm();
      const before = tickets();
      const { keys } = captureTickets();
      // The ticket is created, then the answer is lost on the way back.
      // Three times: the client itself retries a create with its key twice before giving up.
      backend.injectFault({ match: 'POST /tickets', network: true, phase: 'after', times: 3 });
      await fillBilling(form);
      await submit(form);
      await waitUntil(() => part(form, 'alert'), 'no alert after the lost response');
      expect(tickets()).to.equal(before + 1);
      expect(text(form)).to.contain('Can’t reach the support server');
      expect(focusedId(form) === '' && (root(form).activeElement?.getAttribute('part') ?? '')).to.equal('alert');
      // Everything typed is still there.
      expect(must<HTMLInputElement>(form, '#subject').value).to.equal('Question about invoice INV-204811');
      expect(must<HTMLInputElement>(form, '#field-invoice_number').value).to.equal('INV-204811');
      await expect(form).to.be.accessible();
      must<HTMLButtonElement>(form, '[part~="retry"]').click();
      await createdState(form);
      expect(tickets()).to.equal(before + 1);
      expect(keys.length).to.equal(4);
      expect(new Set(keys).size).to.equal(1);
    });

    it('a host can cancel the send', async () => {
      const { form } = await mountForm();
      form.addEventListener('portal-ticket-submit', (e) => e.preventDefault(), { once: true });
      await fillBilling(form);
      await submit(form);
      await new Promise((r) => setTimeout(r, 100));
      expect(requests('POST', '/tickets')).to.equal(0);
      expect(must<HTMLButtonElement>(form, '[part~="submit"]').disabled).to.equal(false);
    });
  });

  describe('validation', () => {
    it('checks before sending: errors by their fields, focus on the first, a summary announced', async () => {
      const { form } = await mountForm();
      await submit(form);
      await form.updateComplete;
      expect(requests('POST', '/tickets')).to.equal(0);
      expect(text(form)).to.contain('Choose what your request is about.');
      expect(must(form, '#subject-error').textContent).to.equal('Fill in this field.');
      expect(must(form, '#body-error').textContent).to.equal('Fill in this field.');
      expect((root(form).activeElement as HTMLInputElement | null)?.name ?? '').to.equal('form');
      await waitUntil(() => live(form).startsWith('Check 3 fields'));
      expect(live(form)).to.equal('Check 3 fields: What do you need help with?, Subject, and Description.');
      await expect(form).to.be.accessible();

      await pickForm(form, 'form_technical');
      type(must<HTMLInputElement>(form, '#subject'), 'Broken');
      type(must<HTMLTextAreaElement>(form, '#body'), 'It broke.');
      type(must<HTMLInputElement>(form, '#field-affected_version'), 'four');
      type(must<HTMLInputElement>(form, '#field-users_affected'), '0');
      await submit(form);
      await form.updateComplete;
      const product = must<HTMLSelectElement>(form, '#field-product');
      expect(product.getAttribute('aria-describedby')).to.equal('field-product-error');
      expect(must(form, '#field-product-error').textContent).to.equal('Choose one of the options.');
      expect(must(form, '#field-affected_version-error').textContent).to.equal('Use the expected format, like 4.2.1.');
      expect(must(form, '#field-users_affected-error').textContent).to.equal('Enter 1 or more.');
      expect(focusedId(form)).to.equal('field-product');
      await expect(form).to.be.accessible();
      // Fixing a field takes its message away as it is typed.
      type(must<HTMLInputElement>(form, '#field-affected_version'), '4.2.1');
      await form.updateComplete;
      expect(q(form, '#field-affected_version-error') === null).to.equal(true);
    });

    it('puts the server’s 422 field errors next to their fields', async () => {
      const { form } = await mountForm();
      worker.use(
        http.post('/api/tickets', () =>
          problem(422, { errors: [{ field: 'subject', message: 'Subject is already used by an open ticket.' }, { field: 'invoice_number', message: 'No such invoice.' }] }),
        ),
      );
      await fillBilling(form);
      await submit(form);
      await waitUntil(() => q(form, '#field-invoice_number-error'), 'no error at the field');
      expect(must(form, '#field-invoice_number-error').textContent).to.equal('No such invoice.');
      expect(must(form, '#subject-error').textContent).to.equal('Subject is already used by an open ticket.');
      expect(must(form, '#subject').getAttribute('aria-describedby')).to.equal('subject-help subject-error');
      expect(focusedId(form)).to.equal('subject');
      await waitUntil(() => live(form).startsWith('Check 2 fields'));
      await expect(form).to.be.accessible();
    });
  });

  describe('failures', () => {
    const cases: [string, () => void, string, boolean][] = [
      ['500', () => backend.injectFault({ match: 'POST /tickets', status: 500, times: 1 }), 'Something went wrong on our side', true],
      ['network down', () => backend.injectFault({ match: 'POST /tickets', network: true, times: 3 }), 'Can’t reach the support server', true],
      ['429', () => worker.use(http.post('/api/tickets', () => problem(429, {}, { 'Retry-After': '30' }), { once: true })), 'Try again in 30 seconds', true],
      ['403', () => worker.use(http.post('/api/tickets', () => problem(403, { code: 'ticket_creation_disabled' }), { once: true })), 'New requests can’t be opened here', false],
    ];
    for (const [name, inject, message, retry] of cases) {
      it(`${name}: says so, keeps every value${retry ? ' and retries' : ''}`, async () => {
        const { form } = await mountForm();
        const before = tickets();
        await fillBilling(form);
        inject();
        await submit(form);
        await waitUntil(() => part(form, 'alert'), `no alert: ${text(form)}`);
        expect(text(form)).to.contain(message);
        expect(must<HTMLInputElement>(form, '#subject').value).to.equal('Question about invoice INV-204811');
        expect(must<HTMLTextAreaElement>(form, '#body').value).to.equal('The March invoice lists **42** seats.');
        expect(must<HTMLButtonElement>(form, '[part~="submit"]').disabled).to.equal(false);
        await waitUntil(() => live(form).includes(message));
        await expect(form).to.be.accessible();
        expect(part(form, 'retry') !== null).to.equal(retry);
        if (!retry) return;
        must<HTMLButtonElement>(form, '[part~="retry"]').click();
        await createdState(form);
        expect(tickets()).to.equal(before + 1);
      });
    }

    it('401: the session ended; nothing typed is lost and sending works after signing in again', async () => {
      const { provider, form } = await mountForm();
      const before = tickets();
      await fillBilling(form);
      backend.expireSessions();
      await submit(form);
      await waitUntil(() => provider.services.session.value.status === 'expired');
      await waitUntil(() => part(form, 'notice'), `no notice: ${text(form)}`);
      expect(text(form)).to.contain('Your session has ended');
      expect(must<HTMLInputElement>(form, '#subject').value).to.equal('Question about invoice INV-204811');
      await expect(form).to.be.accessible();
      await provider.services.session.signIn(backend.signIn(customer.email));
      await form.updateComplete;
      expect(part(form, 'notice') === null).to.equal(true);
      expect(must<HTMLInputElement>(form, '#field-invoice_number').value).to.equal('INV-204811');
      await submit(form);
      await createdState(form);
      expect(tickets()).to.equal(before + 1);
    });

    it('a transient failure of the form list is retried', async () => {
      backend.injectFault({ match: 'GET /ticket-forms', status: 500, times: 1 });
      const { provider } = await mountForm(undefined, false);
      const form = provider.querySelector('portal-ticket-form') as PortalTicketForm;
      await provider.services.session.signIn(backend.signIn(customer.email));
      await waitUntil(() => q(form, '#subject'), `stuck: ${text(form)} ${JSON.stringify(backend.requestLog.map((r) => r.path + r.status))}`);
    });

    it('a failed form list offers a retry', async () => {
      backend.injectFault({ match: 'GET /ticket-forms', status: 500, times: 3 });
      const { provider } = await mountForm(undefined, false);
      const form = provider.querySelector('portal-ticket-form') as PortalTicketForm;
      await provider.services.session.signIn(backend.signIn(customer.email));
      await waitUntil(() => part(form, 'retry'), `no retry: ${text(form)}`);
      await expect(form).to.be.accessible();
      must<HTMLButtonElement>(form, '[part~="retry"]').click();
      await waitUntil(() => q(form, '#subject'));
    });

    it('signed out, it asks to sign in', async () => {
      const { form } = await mountForm(undefined, false);
      await form.updateComplete;
      expect(text(form)).to.contain('Sign in to contact support.');
      await expect(form).to.be.accessible();
    });
  });

  describe('attachments', () => {
    it('sending waits for uploads and sends their ids', async () => {
      const { form } = await mountForm();
      const { bodies } = captureTickets();
      let release = (): void => undefined;
      const gate = new Promise<void>((r) => (release = r));
      worker.use(http.post('/api/attachments', async () => { await gate; }));
      await fillBilling(form);
      const input = must<HTMLInputElement>(form, 'input[type="file"]');
      const transfer = new DataTransfer();
      transfer.items.add(file('invoice.pdf', 2048, 'application/pdf'));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await form.updateComplete;
      expect(q(form, 'progress') !== null).to.equal(true);
      await submit(form);
      expect(text(form)).to.contain('Finishing uploads…');
      expect(requests('POST', '/tickets')).to.equal(0);
      release();
      await createdState(form);
      const ids = (bodies[0] as { attachmentIds: string[] }).attachmentIds;
      expect(ids.length).to.equal(1);
      expect(backend.store.files.get(ids[0] ?? '')?.attachment.name).to.equal('invoice.pdf');
    });

    it('a failed upload stops the send until it is retried or removed', async () => {
      const { form } = await mountForm();
      backend.injectFault({ match: 'POST /attachments', status: 500, times: 1 });
      await fillBilling(form);
      must(form, '#body').dispatchEvent(pasteEvent(file('screenshot.png', 100, 'image/png')));
      await waitUntil(() => q(form, '.upload[data-status="failed"]'));
      await submit(form);
      await form.updateComplete;
      expect(requests('POST', '/tickets')).to.equal(0);
      expect(text(form)).to.contain('Some files were not attached. Retry or remove them.');
      expect((root(form).activeElement as HTMLElement | null)?.getAttribute('part') ?? '').to.equal('upload-retry');
      await expect(form).to.be.accessible();
      must<HTMLButtonElement>(form, '[part~="upload-retry"]').click();
      await waitUntil(() => q(form, '.upload[data-status="done"]'));
      expect(q(form, '#attachments-error') === null).to.equal(true);
      await submit(form);
      await createdState(form);
    });

    it('refuses a file over the portal’s limit before uploading', async () => {
      const { form } = await mountForm();
      await fillBilling(form);
      const transfer = new DataTransfer();
      transfer.items.add(file('dump.zip', 11_000_000, 'application/zip'));
      must(form, 'form').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      await form.updateComplete;
      expect(requests('POST', '/attachments')).to.equal(0);
      expect(text(form)).to.contain('This file is 11 MB; files can be at most 10 MB.');
    });
  });

  describe('deflection', () => {
    it('suggests articles as the subject is typed, debounced; one opens in place and can end the flow', async () => {
      const { form } = await mountForm();
      backend.clearRequestLog();
      const subject = must<HTMLInputElement>(form, '#subject');
      for (const value of ['r', 'ro', 'rot', 'rota', 'rotate api key']) type(subject, value);
      await waitUntil(() => part(form, 'suggestions'), 'no suggestions');
      expect(requests('GET', '/kb/articles')).to.equal(1);
      expect(text(form)).to.contain('Rotate an API key without downtime');
      await waitUntil(() => live(form).includes('might answer your question'));
      await expect(form).to.be.accessible();
      must<HTMLButtonElement>(form, '[part~="suggestion"]').click();
      await waitUntil(() => q(form, 'h3#article-title'), 'the article never opened');
      await form.updateComplete;
      expect(focusedId(form)).to.equal('article-title');
      expect(must(form, '[part~="article"] .prose').textContent).to.contain('Before you begin');
      await expect(form).to.be.accessible();
      // Back to the form: focus returns to the suggestion.
      must<HTMLButtonElement>(form, '[part~="back-button"]').click();
      await form.updateComplete;
      expect((root(form).activeElement as HTMLElement | null)?.getAttribute('part') ?? '').to.equal('suggestion');
      must<HTMLButtonElement>(form, '[part~="suggestion"]').click();
      await waitUntil(() => part(form, 'solved-button'));
      const deflected = oneEvent(form, 'portal-deflected') as Promise<PortalDeflectedEvent>;
      must<HTMLButtonElement>(form, '[part~="solved-button"]').click();
      const event = await deflected;
      expect(event.article.title).to.equal('Rotate an API key without downtime');
      expect(event.subject).to.equal('rotate api key');
      await waitUntil(() => part(form, 'success'));
      expect(text(form)).to.contain('Glad that helped');
      expect(requests('POST', '/tickets')).to.equal(0);
      await expect(form).to.be.accessible();
      must<HTMLButtonElement>(form, '[part~="create-another"]').click();
      await form.updateComplete;
      expect(must<HTMLInputElement>(form, '#subject').value).to.equal('rotate api key');
    });

    it('a newer subject replaces older suggestions (stale searches are aborted)', async () => {
      const { form } = await mountForm();
      let release = (): void => undefined;
      const gate = new Promise<void>((r) => (release = r));
      worker.use(http.get('/api/kb/articles', async ({ request }) => { if (new URL(request.url).searchParams.get('q') === 'rotate') await gate; }));
      type(must<HTMLInputElement>(form, '#subject'), 'rotate');
      await new Promise((r) => setTimeout(r, 500));
      type(must<HTMLInputElement>(form, '#subject'), 'refund');
      await waitUntil(() => text(form).includes('Request a refund'));
      release();
      await new Promise((r) => setTimeout(r, 200));
      expect(text(form)).to.not.contain('Rotate an API key');
    });
  });

  describe('drafts and prefill', () => {
    it('restores everything typed after a reload, per user, and clears it only once created', async () => {
      let { form } = await mountForm();
      await fillBilling(form, 'Refund please');
      choose(must<HTMLSelectElement>(form, '#field-billing_topic'), 'refund');
      await form.updateComplete;
      type(must<HTMLInputElement>(form, '#field-refund_amount'), '120');
      await waitUntil(() => (localStorage.getItem(`portal-elements:draft:${customer.id}:ticket-form`) ?? '').includes('120'), 'the draft was never saved');
      fixtureCleanup();
      // A new page: same user.
      ({ form } = await mountForm());
      expect(must<HTMLInputElement>(form, 'input[name="form"][value="form_billing"]').checked).to.equal(true);
      expect(must<HTMLInputElement>(form, '#subject').value).to.equal('Refund please');
      expect(must<HTMLSelectElement>(form, '#field-billing_topic').value).to.equal('refund');
      expect(must<HTMLInputElement>(form, '#field-refund_amount').value).to.equal('120');
      expect(must<HTMLTextAreaElement>(form, '#body').value).to.equal('The March invoice lists **42** seats.');
      fixtureCleanup();
      // Another user sees nothing of it.
      const provider = await fixture<PortalProvider>(html`<portal-provider><portal-ticket-form></portal-ticket-form></portal-provider>`);
      await provider.services.session.signIn(backend.signIn(SEED_USERS.customer2.email));
      const other = provider.querySelector('portal-ticket-form') as PortalTicketForm;
      await waitUntil(() => q(other, '#subject'));
      expect(must<HTMLInputElement>(other, '#subject').value).to.equal('');
    });

    it('after a session expired and the page reloaded, signing in again brings everything back', async () => {
      let { form } = await mountForm();
      await fillBilling(form, 'Typed before expiry');
      backend.expireSessions();
      // Any request now ends the session; the form keeps what was typed.
      await submit(form);
      await waitUntil(() => part(form, 'notice'));
      fixtureCleanup();
      sessionStorage.clear();
      const provider = await fixture<PortalProvider>(html`<portal-provider><portal-ticket-form></portal-ticket-form></portal-provider>`);
      form = provider.querySelector('portal-ticket-form') as PortalTicketForm;
      await form.updateComplete;
      expect(text(form)).to.contain('Sign in to contact support.');
      await provider.services.session.signIn(backend.signIn(customer.email));
      await waitUntil(() => q(form, '#subject'));
      await form.updateComplete;
      expect(must<HTMLInputElement>(form, '#subject').value).to.equal('Typed before expiry');
      expect(must<HTMLInputElement>(form, '#field-invoice_number').value).to.equal('INV-204811');
      await submit(form);
      await createdState(form);
    });

    it('prefills from values (attribute JSON) and sends hidden host fields', async () => {
      const { form } = await mountForm(
        html`<portal-ticket-form form-id="form_technical" hidden-fields="affected_version" values='{"subject":"From the app","priority":"high","product":"api","affected_version":"4.2.1"}'></portal-ticket-form>`,
      );
      const { bodies } = captureTickets();
      expect(must<HTMLInputElement>(form, '#subject').value).to.equal('From the app');
      expect(must<HTMLSelectElement>(form, '#field-product').value).to.equal('api');
      expect(must<HTMLSelectElement>(form, '#priority').value).to.equal('high');
      expect(q(form, '#field-affected_version') === null).to.equal(true);
      type(must<HTMLInputElement>(form, '#field-api_endpoint'), 'https://api.fernwood.example/v2/keys');
      type(must<HTMLTextAreaElement>(form, '#body'), 'Details.');
      await submit(form);
      await createdState(form);
      const sent = bodies[0] as { fields: Record<string, unknown>; priority: string };
      expect(sent.priority).to.equal('high');
      expect(sent.fields['affected_version']).to.equal('4.2.1');
      expect(sent.fields['product']).to.equal('api');
    });
  });

  describe('keyboard', () => {
    it('can be completed with the keyboard alone', async () => {
      const { form } = await mountForm(html`<portal-ticket-form form-id="form_billing"></portal-ticket-form>`);
      const before = tickets();
      must<HTMLInputElement>(form, '#subject').focus();
      await sendKeys({ type: 'Plan change' });
      await sendKeys({ press: 'Tab' });
      expect(focusedId(form)).to.equal('field-billing_topic');
      // Typing an option's first letters picks it in a closed select.
      await sendKeys({ type: 'Changing' });
      await form.updateComplete;
      await sendKeys({ press: 'Tab' });
      expect(focusedId(form)).to.equal('field-invoice_number');
      await sendKeys({ press: 'Tab' });
      expect(focusedId(form)).to.equal('field-billing_email');
      await sendKeys({ press: 'Tab' });
      expect(focusedId(form)).to.equal('body-write-tab');
      await sendKeys({ press: 'Tab' });
      expect(focusedId(form)).to.equal('body');
      await sendKeys({ type: 'Move us to annual billing.' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect((root(form).activeElement as HTMLElement | null)?.getAttribute('part') ?? '').to.equal('submit');
      await sendKeys({ press: 'Enter' });
      await createdState(form);
      expect(tickets()).to.equal(before + 1);
      expect(backend.store.tickets[backend.store.tickets.length - 1]?.fields['billing_topic']).to.equal('plan_change');
    });
  });
});
