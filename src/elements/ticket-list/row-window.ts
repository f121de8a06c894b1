import type { ReactiveController, ReactiveElement } from 'lit';

/** Rendered beyond each edge of the viewport (as @lit-labs/virtualizer did): a slow scroll renders rarely, and a full-page screenshot or print of a short list shows it whole. */
const OVERSCAN_PX = 1000;
/** A row's height before any row was measured. */
const FIRST_GUESS_PX = 56;

/**
 * Removes the comments Lit's `repeat` leaves behind in the container. From lit-html 3.3.1
 * (3.3.3 here), `removePart()` keeps the end marker of each row it removes
 * (https://github.com/lit/lit/issues/5298), so scrolling from top to bottom of 10,000 tickets left
 * 10,000 empty comments among the 50 rows, and everything that walks the container's children
 * (`childElementCount`, `children`, inserting and removing rows) slowed down as the list was
 * scrolled. A row's own markers touch its element (each row is one element); an orphan has only
 * other comments or text beside it.
 */
function dropOrphanMarkers(container: HTMLElement): void {
  let node = container.firstChild;
  while (node) {
    const next = node.nextSibling;
    if (node.nodeType === Node.COMMENT_NODE && (node as Comment).data === '' && !(node.previousSibling instanceof Element) && !(next instanceof Element)) {
      node.remove();
    }
    node = next;
  }
}

export interface RowWindowOptions<T> {
  /** The element holding one element per rendered row, in order (and nothing else). */
  container: () => HTMLElement | null | undefined;
  /** Rows of the same kind are about as tall: a measured one stands for the others until they are measured. */
  kind: (item: T) => string;
  /** Called with the last rendered index whenever the rendered range is settled. */
  onRange?: (last: number) => void;
}

/**
 * Renders only the rows near the viewport of a long list that scrolls with the page (or any
 * scrolling ancestor). The rendered rows stay in normal flow, so they never overlap whatever
 * their heights; the rows above and below are stood for by the container's block padding
 * (`--_before`, `--_after`), summed from the heights measured so far, or guessed from a row of
 * the same kind. When rows above the viewport turn out taller or shorter than guessed, the
 * scroll position is corrected, so what the person reads stays put.
 *
 * Each pass measures once after rendering: no observers, and no layout reads between writes.
 */
export class RowWindow<T extends object> implements ReactiveController {
  /** The rendered range, inclusive. */
  first = 0;
  last = -1;

  readonly #host: ReactiveElement;
  readonly #options: RowWindowOptions<T>;
  #items: readonly T[] = [];
  /** The measured or guessed height of each item, and its kind. */
  #sizes: number[] = [];
  #kinds: string[] = [];
  #measured = new WeakMap<T, number>();
  #guesses = new Map<string, number>();
  #width = 0;
  /** The scroller of the last scroll event, corrected when rows above the viewport change height. */
  #scroller: Element | Window = window;
  /** A row that stays rendered across a range change, and where it was on screen. */
  #anchor: { item: T; top: number } | null = null;
  #passes = 0;
  /** The first index in the DOM, the row to scroll into view, and whether scrolling moved the range. */
  #rendered = 0;
  #renderedCount = 0;
  #reveal: number | null = null;
  #scrolled = false;
  #before = -1;
  #after = 0;

  constructor(host: ReactiveElement, options: RowWindowOptions<T>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    // Capturing on the document also hears scrolling ancestors (scroll events do not bubble).
    document.addEventListener('scroll', this.#onScroll, { capture: true, passive: true });
    window.addEventListener('resize', this.#onScroll, { passive: true });
  }

  hostDisconnected(): void {
    document.removeEventListener('scroll', this.#onScroll, { capture: true });
    window.removeEventListener('resize', this.#onScroll);
  }

  /** The items to render now (`items[first..last]`); call it from `render()`. */
  slice(items: readonly T[]): readonly T[] {
    if (items !== this.#items) this.#setItems(items);
    if (this.last < this.first) this.last = this.first + Math.ceil(window.innerHeight / FIRST_GUESS_PX);
    this.first = Math.max(0, Math.min(this.first, items.length - 1));
    this.last = Math.max(this.first, Math.min(this.last, items.length - 1));
    const rows = items.slice(this.first, this.last + 1);
    this.#rendered = this.first;
    this.#renderedCount = rows.length;
    return rows;
  }

  /** Renders the rows around `index` and scrolls its row into view. */
  async reveal(index: number): Promise<void> {
    this.#reveal = index;
    this.#passes = 0;
    if (index < this.first || index > this.last) {
      const rows = Math.ceil(window.innerHeight / this.#guess(''));
      this.first = Math.max(0, index - rows);
      this.last = Math.min(this.#items.length - 1, index + rows);
      this.#anchor = null;
    }
    this.#host.requestUpdate();
    await this.#host.updateComplete;
  }

  hostUpdated(): void {
    const container = this.#container();
    if (!container) return;
    dropOrphanMarkers(container);
    // The spacers stand for rows that are not rendered, so measuring these cannot change them
    // (except the first time a kind of row is measured): set them first, then read layout once.
    this.#applySpacers(container);
    this.#measure(container);
    this.#applySpacers(container);
    const row = (index: number): Element | undefined => container.children[index - this.#rendered];
    if (this.#reveal !== null) {
      row(this.#reveal)?.scrollIntoView({ block: 'nearest' });
      this.#reveal = null;
    } else if (this.#anchor) {
      const { item, top } = this.#anchor;
      const moved = (row(this.#items.indexOf(item))?.getBoundingClientRect().top ?? top) - top;
      if (Math.abs(moved) >= 1) this.#scroller.scrollBy(0, moved);
    }
    this.#anchor = null;
    // A few passes settle a range whose guesses were off; more wait for the next scroll. (The
    // next pass is queued, not requested now: this update has not finished.)
    const changed = this.#passes++ < 3 && this.#update(container);
    queueMicrotask(() => {
      if (changed) this.#host.requestUpdate();
      else if (this.#scrolled) {
        this.#scrolled = false;
        this.#options.onRange?.(this.last);
      }
    });
  }

  /** The container, when it holds the rendered range (a subclass may render rows its own way). */
  #container(): HTMLElement | undefined {
    const container = this.#options.container();
    return container && this.#renderedCount > 0 && container.childElementCount === this.#renderedCount ? container : undefined;
  }

  #onScroll = (event: Event): void => {
    const target = event.target;
    this.#scroller = target instanceof Element ? target : window;
    this.#passes = 0;
    const container = this.#container();
    if (!container || this.#host.isUpdatePending) return;
    if (this.#update(container)) {
      this.#scrolled = true;
      this.#host.requestUpdate();
    } else {
      this.#options.onRange?.(this.last);
    }
  };

  #setItems(items: readonly T[]): void {
    const before = this.#items;
    let same = 0;
    while (same < items.length && same < before.length && items[same] === before[same]) same++;
    this.#kinds.length = this.#sizes.length = same;
    for (let i = same; i < items.length; i++) {
      const item = items[i] as T;
      const kind = this.#options.kind(item);
      this.#kinds.push(kind);
      this.#sizes.push(this.#measured.get(item) ?? this.#guess(kind));
    }
    this.#items = items;
    this.#passes = 0;
  }

  #guess(kind: string): number {
    return this.#guesses.get(kind) ?? this.#guesses.values().next().value ?? FIRST_GUESS_PX;
  }

  /** Records the heights of the rendered rows (the distance from one row's top to the next's). */
  #measure(container: HTMLElement): void {
    const box = container.getBoundingClientRect();
    if (Math.abs(box.width - this.#width) >= 1) {
      // Another width (table or cards, wrapping): every height measured so far is stale.
      this.#width = box.width;
      this.#measured = new WeakMap();
      this.#guesses.clear();
    }
    const rows = [...container.children];
    const tops = rows.map((row) => row.getBoundingClientRect().top);
    tops.push(box.bottom - this.#after);
    let newKind = false;
    rows.forEach((_, i) => {
      const index = this.#rendered + i;
      const item = this.#items[index];
      if (!item) return;
      const size = (tops[i + 1] as number) - (tops[i] as number);
      this.#measured.set(item, size);
      this.#sizes[index] = size;
      const kind = this.#kinds[index] as string;
      if (!this.#guesses.has(kind)) {
        this.#guesses.set(kind, size);
        newKind = true;
      }
    });
    if (newKind) {
      const items = this.#items;
      for (let i = 0; i < items.length; i++) {
        if (!this.#measured.has(items[i] as T)) this.#sizes[i] = this.#guess(this.#kinds[i] as string);
      }
    }
  }

  /** Sets the range for the current viewport; true when it changed (and a render is due). */
  #update(container: HTMLElement): boolean {
    const box = container.getBoundingClientRect();
    let top = 0;
    let bottom = window.innerHeight;
    if (this.#scroller instanceof Element && this.#scroller.contains(container)) {
      const clip = this.#scroller.getBoundingClientRect();
      top = Math.max(top, clip.top);
      bottom = Math.min(bottom, clip.bottom);
    }
    const from = top - box.top - OVERSCAN_PX;
    const to = bottom - box.top + OVERSCAN_PX;
    const sizes = this.#sizes;
    const end = sizes.length - 1;
    let i = 0;
    let y = 0;
    while (i < end && y + (sizes[i] as number) <= from) y += sizes[i++] as number;
    const first = i;
    while (i < end && y + (sizes[i] as number) <= top - box.top) y += sizes[i++] as number;
    const visible = i;
    while (i < end && y + (sizes[i] as number) < to) y += sizes[i++] as number;
    const last = i;
    if (first === this.first && last === this.last) return false;
    // The first row on screen that stays rendered is kept where it is.
    const keep = Math.max(visible, first, this.first);
    const row = keep <= Math.min(last, this.last) ? container.children[keep - this.#rendered] : undefined;
    this.#anchor = row ? { item: this.#items[keep] as T, top: row.getBoundingClientRect().top } : null;
    this.first = first;
    this.last = last;
    return true;
  }

  #applySpacers(container: HTMLElement): void {
    const sizes = this.#sizes;
    let before = 0;
    let after = 0;
    for (let i = 0; i < this.first && i < sizes.length; i++) before += sizes[i] as number;
    for (let i = this.last + 1; i < sizes.length; i++) after += sizes[i] as number;
    if (before === this.#before && after === this.#after) return;
    this.#before = before;
    this.#after = after;
    container.style.setProperty('--_before', `${before}px`);
    container.style.setProperty('--_after', `${after}px`);
  }
}
