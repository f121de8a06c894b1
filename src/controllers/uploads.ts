import { css, html, nothing } from 'lit';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { PortalClient } from '../api/client.js';
import { isAbortError, isPortalError } from '../api/errors.js';
import type { Attachment, PortalConfig } from '../api/types.js';
import type { LocalizeController } from '../i18n/localize.js';

/** `rejected`: refused before sending (size or type); `failed`: the upload failed and can be retried. */
export type UploadStatus = 'uploading' | 'done' | 'failed' | 'rejected';

/** One file of the queue. */
export interface UploadItem {
  /** A local id, stable for the item's life. */
  readonly key: string;
  readonly name: string;
  readonly size: number;
  readonly type: string;
  status: UploadStatus;
  /** Bytes sent so far. */
  loaded: number;
  /** The server's attachment once `done`. */
  attachment: Attachment | undefined;
  /** Why it was rejected or failed, in words for the person. */
  error: string;
  /** The file to send (undefined for attachments restored from a draft, which are done). */
  readonly file: File | undefined;
  /** Kept across retries, so a retried upload that had reached the server is stored once. */
  readonly idempotencyKey: string;
}

export type AttachmentLimits = PortalConfig['attachments'];

/** Options of {@link UploadsController}. */
export interface UploadsOptions {
  /** The client to upload with (read at each upload). */
  client: () => PortalClient | undefined;
  /** Size and type limits, from the portal config; nothing is checked while undefined. */
  limits: () => AttachmentLimits | undefined;
  localize: LocalizeController;
  /** Says something in the host's live region. */
  announce?: (message: string) => void;
  /** Called after every change of the queue (for example to save a draft). */
  onChange?: () => void;
  /** Prefix of the ids in the rendered markup. Default `upload-`. */
  idPrefix?: string;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

let counter = 0;

/** A unique key (an `Idempotency-Key`, a client id): randomUUID exists only in secure contexts, and the key only has to be unique, not secret. */
export const uniqueKey = (): string => crypto.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;

function item(name: string, size: number, type: string, file?: File, attachment?: Attachment): UploadItem {
  return {
    key: `u${++counter}`,
    name,
    size,
    type,
    status: attachment ? 'done' : 'uploading',
    loaded: attachment ? size : 0,
    attachment,
    error: '',
    file,
    idempotencyKey: uniqueKey(),
  };
}

/** Whether a content type matches one of the allowed patterns (`image/*`, `application/pdf`, `*\/*`). */
export function typeAllowed(type: string, allowed: readonly string[]): boolean {
  const t = (type.toLowerCase().split(';')[0] ?? '').trim() || 'application/octet-stream';
  return allowed.some((pattern) => {
    const p = pattern.toLowerCase();
    return p === '*/*' || p === t || (p.endsWith('/*') && t.startsWith(p.slice(0, -1)));
  });
}

/**
 * An attachment queue: checks each file against the portal's size and type limits before
 * sending, uploads through `client.uploadAttachment` with per-file progress, removes (aborting an
 * upload under way), retries a failed upload with the same `Idempotency-Key`, and tells when all
 * are done. It also renders the picker (button, drop zone, paste) and the file list.
 *
 * ```ts
 * readonly #uploads = new UploadsController(this, { client: () => this.client, limits: () => config?.attachments, localize: this.localize });
 * html`<div @dragover=${this.#uploads.onDragOver} @drop=${this.#uploads.onDrop} @paste=${this.#uploads.onPaste}>
 *   ${this.#uploads.renderPicker()} ${this.#uploads.renderList()}</div>`;
 * await this.#uploads.settled();        // before sending
 * body.attachmentIds = this.#uploads.attachmentIds;
 * ```
 */
export class UploadsController implements ReactiveController {
  readonly #host: Host;
  readonly #options: UploadsOptions;
  readonly #running = new Map<string, { controller: AbortController; promise: Promise<void> }>();
  #items: UploadItem[] = [];
  /** True while files are dragged over the drop zone. */
  dragging = false;

  constructor(host: Host, options: UploadsOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    // Moving the element disconnects and reconnects it at once: only a removal aborts uploads.
    queueMicrotask(() => {
      if (this.#host.isConnected) return;
      for (const item of this.#items) if (item.status === 'uploading') this.#fail(item, this.#options.localize.t('upload.interrupted'));
      for (const { controller } of this.#running.values()) controller.abort();
    });
  }

  /** Every file in the queue, in the order added. */
  get items(): readonly UploadItem[] {
    return this.#items;
  }

  /** Whether any upload is under way. */
  get busy(): boolean {
    return this.#items.some((i) => i.status === 'uploading');
  }

  /** Files that failed or were refused: the person must retry or remove them. */
  get problems(): readonly UploadItem[] {
    return this.#items.filter((i) => i.status === 'failed' || i.status === 'rejected');
  }

  /** The attachments uploaded so far. */
  get attachments(): Attachment[] {
    return this.#items.flatMap((i) => (i.status === 'done' && i.attachment ? [i.attachment] : []));
  }

  /** The ids of the attachments uploaded so far, for `attachmentIds`. */
  get attachmentIds(): string[] {
    return this.attachments.map((a) => a.id);
  }

  /** Resolves once no upload is under way (each one done, failed or removed). */
  async settled(): Promise<void> {
    while (this.#running.size) await Promise.all([...this.#running.values()].map((r) => r.promise));
  }

  /** Checks and queues files, starting their uploads. Returns the new items. */
  add(files: Iterable<File>): UploadItem[] {
    const { localize } = this.#options;
    const limits = this.#options.limits();
    const added: UploadItem[] = [];
    for (const file of files) {
      const entry = item(file.name || localize.t('upload.unnamed'), file.size, file.type, file);
      const refused = !limits
        ? ''
        : file.size > limits.maxBytes
          ? localize.t('upload.tooLarge', { size: localize.bytes(file.size), max: localize.bytes(limits.maxBytes) })
          : typeAllowed(file.type, limits.allowedTypes)
            ? ''
            : localize.t('upload.typeNotAllowed');
      added.push(entry);
      if (refused) this.#fail(entry, refused, 'rejected');
      else this.#start(entry);
    }
    this.#items = [...this.#items, ...added];
    this.#changed();
    return added;
  }

  /** Removes a file, aborting its upload if it is under way. */
  remove(key: string): void {
    const index = this.#items.findIndex((i) => i.key === key);
    const item = this.#items[index];
    if (!item) return;
    this.#running.get(key)?.controller.abort();
    this.#items = this.#items.filter((i) => i !== item);
    this.#options.announce?.(this.#options.localize.t('upload.removed', { name: item.name }));
    this.#changed();
    // Focus the next file's remove button, or the picker when the list is empty.
    const next = this.#items[Math.min(index, this.#items.length - 1)];
    this.#focusAfterUpdate(next ? `[data-remove="${next.key}"]` : '[data-upload-picker]');
  }

  /** Uploads a failed file again, with the same idempotency key. */
  retry(key: string): void {
    const item = this.#items.find((i) => i.key === key);
    if (!item || item.status !== 'failed' || !item.file) return;
    this.#start(item);
    this.#changed();
    this.#focusAfterUpdate(`[data-remove="${key}"]`);
  }

  /** Puts uploaded attachments back (from a draft), as done. */
  restore(attachments: readonly Attachment[]): void {
    const known = new Set(this.attachmentIds);
    const restored = attachments.filter((a) => !known.has(a.id)).map((a) => item(a.name, a.size, a.contentType, undefined, a));
    if (!restored.length) return;
    this.#items = [...this.#items, ...restored];
    this.#changed();
  }

  /** Empties the queue (after the server used the attachments), aborting uploads under way. */
  reset(): void {
    for (const { controller } of this.#running.values()) controller.abort();
    this.#running.clear();
    this.#items = [];
    this.#changed();
  }

  // ----- picker, drop and paste -----

  /** For the drop zone's `dragover` (and `dragenter`). */
  readonly onDragOver = (event: DragEvent): void => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    if (!this.dragging) {
      this.dragging = true;
      this.#host.requestUpdate();
    }
  };

  /** For the drop zone's `dragleave`. */
  readonly onDragLeave = (event: DragEvent): void => {
    const to = event.relatedTarget as Node | null;
    if (to && (event.currentTarget as Node).contains(to)) return;
    this.dragging = false;
    this.#host.requestUpdate();
  };

  /** For the drop zone's `drop`. */
  readonly onDrop = (event: DragEvent): void => {
    const files = event.dataTransfer?.files;
    this.dragging = false;
    this.#host.requestUpdate();
    if (!files?.length) return;
    event.preventDefault();
    this.add(files);
  };

  /** For `paste` on a text area or the whole form: pasted files and screenshots are attached; text pastes as usual. */
  readonly onPaste = (event: ClipboardEvent): void => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (!files.length) return;
    event.preventDefault();
    this.add(files);
  };

  readonly #onPick = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    if (input.files?.length) this.add(input.files);
    // The same file can be picked again after a removal.
    input.value = '';
  };

  readonly #openPicker = (event: Event): void => {
    (event.currentTarget as HTMLElement).parentElement?.querySelector<HTMLInputElement>('input[type="file"]')?.click();
  };

  /** The "Attach files" button (with its hidden file input) and the hint about drop, paste and limits. */
  renderPicker(options: { disabled?: boolean } = {}): TemplateResult {
    const { localize } = this.#options;
    const limits = this.#options.limits();
    const id = `${this.#options.idPrefix ?? 'upload-'}hint`;
    return html`<div class="upload-picker" part="upload-picker" ?data-dragging=${this.dragging}>
      <button class="button" part="upload-button" type="button" data-upload-picker ?disabled=${options.disabled} aria-describedby=${id} @click=${this.#openPicker}>
        <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><path d="m21 11-8.5 8.5a5 5 0 0 1-7-7L14 4a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4L15.5 7"/></svg>${localize.t('upload.add')}
      </button>
      <input type="file" multiple hidden tabindex="-1" accept=${limits?.allowedTypes.join(',') ?? ''} @change=${this.#onPick} />
      <span class="upload-hint" id=${id}>
        ${localize.t('upload.hint')} ${limits ? localize.t('upload.limit', { max: localize.bytes(limits.maxBytes) }) : nothing}
      </span>
    </div>`;
  }

  /** The files with their progress, state, retry and remove; nothing when the queue is empty. */
  renderList(): TemplateResult | typeof nothing {
    if (!this.#items.length) return nothing;
    const { localize } = this.#options;
    const t = localize.t.bind(localize);
    return html`<ul class="uploads" part="uploads" aria-label=${t('upload.listLabel')}>
      ${this.#items.map((item) => {
        const percent = item.size ? Math.min(100, Math.round((item.loaded / item.size) * 100)) : 0;
        const bad = item.status === 'failed' || item.status === 'rejected';
        const errorId = `${this.#options.idPrefix ?? 'upload-'}${item.key}-error`;
        return html`<li class="upload" part="upload" data-status=${item.status}>
          <span class="upload-name">${item.name}</span>
          <span class="upload-size">${localize.bytes(item.size)}</span>
          ${item.status === 'uploading'
            ? html`<progress part="upload-progress" max="100" .value=${percent} aria-label=${t('upload.progress', { name: item.name })}></progress>
                <span class="upload-state">${localize.number(percent / 100, { style: 'percent' })}</span>`
            : item.status === 'done'
              ? html`<span class="upload-state ok">${t('upload.done')}</span>`
              : nothing}
          ${bad ? html`<span class="upload-error" part="upload-error" id=${errorId}>${item.error}</span>` : nothing}
          <span class="upload-actions">
            ${item.status === 'failed' && item.file
              ? html`<button class="button small" part="upload-retry" type="button" aria-describedby=${errorId} @click=${() => this.retry(item.key)}>
                  ${t('upload.retry')}<span class="visually-hidden"> ${item.name}</span>
                </button>`
              : nothing}
            <button
              class="button small"
              part="upload-remove"
              type="button"
              data-remove=${item.key}
              aria-label=${t('upload.remove', { name: item.name })}
              @click=${() => this.remove(item.key)}
            >
              <span aria-hidden="true">✕</span>
            </button>
          </span>
        </li>`;
      })}
    </ul>`;
  }

  // ----- internals -----

  #start(entry: UploadItem): void {
    const client = this.#options.client();
    const { localize } = this.#options;
    if (!client || !entry.file) return this.#fail(entry, localize.t('error.network'));
    entry.status = 'uploading';
    entry.loaded = 0;
    const controller = new AbortController();
    const promise = client
      .uploadAttachment(entry.file, {
        signal: controller.signal,
        idempotencyKey: entry.idempotencyKey,
        onProgress: (loaded) => {
          entry.loaded = loaded;
          this.#host.requestUpdate();
        },
      })
      .then(
        (attachment) => {
          if (controller.signal.aborted) return;
          entry.status = 'done';
          entry.loaded = entry.size;
          entry.attachment = attachment;
          this.#options.announce?.(localize.t('upload.attached', { name: entry.name }));
        },
        (error: unknown) => {
          if (controller.signal.aborted || isAbortError(error)) return;
          const status = isPortalError(error) ? error.status : 0;
          // 413 and 422 refuse the file itself: a retry cannot help.
          this.#fail(
            entry,
            status === 413
              ? localize.t('upload.tooLargeServer')
              : status === 422
                ? localize.t('upload.typeNotAllowed')
                : status === 401
                  ? localize.t('upload.signInAgain')
                  : localize.error(error),
            status === 413 || status === 422 ? 'rejected' : 'failed',
          );
        },
      )
      .finally(() => {
        if (this.#running.get(entry.key)?.controller === controller) this.#running.delete(entry.key);
        this.#changed();
      });
    this.#running.set(entry.key, { controller, promise });
  }

  #fail(entry: UploadItem, message: string, status: UploadStatus = 'failed'): void {
    entry.status = status;
    entry.error = message;
    this.#options.announce?.(this.#options.localize.t('upload.rejected', { name: entry.name, reason: message }));
  }

  #changed(): void {
    this.#items = [...this.#items];
    this.#host.requestUpdate();
    this.#options.onChange?.();
  }

  #focusAfterUpdate(selector: string): void {
    void this.#host.updateComplete.then(() => {
      this.#host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
    });
  }
}

/** Styles of the picker and the file list. */
export const uploadStyles = css`
  .upload-picker {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--portal-space-2) var(--portal-space-3);
    padding: var(--portal-space-3);
    border: 1px dashed var(--portal-color-border-strong);
    border-radius: var(--portal-radius-md);
  }
  .upload-picker[data-dragging] {
    border-color: var(--portal-color-accent);
    background: color-mix(in oklab, var(--portal-color-accent) 8%, var(--portal-color-surface));
  }
  .upload-hint,
  .upload-size,
  .upload-state {
    color: var(--portal-color-text-muted);
    font-size: var(--portal-font-size-sm);
  }
  .uploads {
    display: flex;
    flex-direction: column;
    gap: var(--portal-space-2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .upload {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--portal-space-1) var(--portal-space-3);
    padding: var(--portal-space-2) var(--portal-space-3);
    border: 1px solid var(--portal-color-border);
    border-radius: var(--portal-radius-md);
  }
  .upload[data-status='failed'],
  .upload[data-status='rejected'] {
    border-color: var(--portal-color-danger);
  }
  .upload-name {
    min-inline-size: 0;
    overflow-wrap: anywhere;
    font-weight: var(--portal-font-weight-medium);
  }
  .upload progress {
    flex: 1 1 6rem;
    accent-color: var(--portal-color-accent);
  }
  .upload-state.ok {
    color: var(--portal-color-success);
  }
  .upload-error {
    flex-basis: 100%;
    order: 1;
    color: var(--portal-color-danger);
    font-size: var(--portal-font-size-sm);
  }
  .upload-actions {
    display: flex;
    gap: var(--portal-space-1);
    margin-inline-start: auto;
  }
  .button.small {
    min-block-size: 2rem;
    min-inline-size: 2rem;
    padding: var(--portal-space-1) var(--portal-space-2);
  }
`;
