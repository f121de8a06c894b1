import { expect, fixture, html, waitUntil as openWcWaitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html as litHtml } from 'lit';
import { http } from 'msw';
import type { SetupWorker } from 'msw/browser';
import type { PortalClient } from '../src/api/client.js';
import type { Attachment, Field, FieldValue } from '../src/api/types.js';
import type { FieldValues } from '../src/base/field-input.js';
import { fieldStyles, fieldsToSend, renderField, validateFields, visibleFields } from '../src/base/field-input.js';
import { MarkdownEditorController, markdownEditorStyles } from '../src/base/markdown-editor.js';
import { PortalElement, defineElement } from '../src/base/portal-element.js';
import { DraftController } from '../src/controllers/draft.js';
import { UploadsController, uploadStyles } from '../src/controllers/uploads.js';
import '../src/elements/provider/define.js';
import type { PortalProvider } from '../src/elements/provider/provider.js';
import { baseStyles } from '../src/theme/shared-styles.js';
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
  static override styles = [baseStyles, fieldStyles, uploadStyles, markdownEditorStyles];
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

describe('shared form pieces', () => {
  before(async () => {
    worker = await startMockWorker(backend, { quiet: true });
  });
  after(() => worker.stop());
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
      expect(q(el, '#field-browsers')).to.equal(null);
      expect(q(el, '#field-endpoint')).to.equal(null);
      choose(must<HTMLSelectElement>(el, '#field-product'), 'ui');
      await el.updateComplete;
      expect(must(el, 'fieldset[data-key="browsers"] legend').textContent).to.contain('Browsers');
      expect(root(el).querySelectorAll('fieldset[data-key="browsers"] input[type="checkbox"]').length).to.equal(2);
      expect(q(el, '#field-endpoint')).to.equal(null);
      choose(must<HTMLSelectElement>(el, '#field-product'), 'api');
      await el.updateComplete;
      expect(must<HTMLInputElement>(el, '#field-endpoint').type).to.equal('url');
      expect(q(el, '#field-browsers')).to.equal(null);
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
      expect(q(el, 'progress')).to.equal(null);
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
      expect(q(el, '[part~="upload-retry"]')).to.equal(null);
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
      const paste = new DataTransfer();
      paste.items.add(file('image.png', 5, 'image/png'));
      must(el, '#body').dispatchEvent(new ClipboardEvent('paste', { clipboardData: paste, bubbles: true, cancelable: true }));
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
      expect(q(el, '.editor-preview img')).to.equal(null);
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
