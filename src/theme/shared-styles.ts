import { css } from 'lit';

/** Styles every element starts from: box model, type, focus ring, helpers. */
export const baseStyles = css`
  :host {
    /* Derived here, not on <html>, so an accent set on any ancestor recolours links and focus. */
    --_color-link: var(
      --portal-color-link,
      color-mix(in oklab, var(--portal-color-accent) var(--_portal-accent-amount, 85%), var(--_portal-accent-shade, black))
    );
    --_color-focus-ring: var(
      --portal-color-focus-ring,
      color-mix(in oklab, var(--portal-color-accent) var(--_portal-accent-amount, 85%), var(--_portal-accent-shade, black))
    );
    box-sizing: border-box;
    color-scheme: var(--portal-color-scheme, light);
    color: var(--portal-color-text);
    font-family: var(--portal-font-family);
    font-size: var(--portal-font-size-md);
    line-height: var(--portal-line-height);
  }
  :host([hidden]) {
    display: none !important;
  }
  /* Set, not inherited: in Chromium an inherited non-inherited property keeps every element out
     of the matched-properties cache, which made long lists pay a full style computation per row. */
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: var(--portal-focus-ring-width) solid var(--_color-focus-ring);
    outline-offset: var(--portal-focus-ring-offset);
  }
  a {
    color: var(--_color-link);
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--portal-space-2);
    min-block-size: 2.25rem;
    min-inline-size: 2.25rem;
    padding-block: var(--portal-space-2);
    padding-inline: var(--portal-space-4);
    border: 1px solid var(--portal-color-border);
    border-radius: var(--portal-radius-md);
    background: var(--portal-color-surface);
    color: var(--portal-color-text);
    font: inherit;
    font-weight: var(--portal-font-weight-medium);
    cursor: pointer;
    transition: background-color var(--portal-motion-duration) var(--portal-motion-easing);
  }
  .button:hover {
    background: var(--portal-color-surface-raised);
  }
  .button[data-variant='primary'] {
    border-color: transparent;
    background: var(--portal-color-accent);
    color: var(--portal-color-on-accent);
  }
  .button[data-variant='primary']:hover {
    background: color-mix(in oklab, var(--portal-color-accent) 88%, black);
  }
  .button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .alert {
    padding: var(--portal-space-3) var(--portal-space-4);
    border: 1px solid currentColor;
    border-radius: var(--portal-radius-md);
    color: var(--portal-color-danger);
    background: var(--portal-color-danger-bg);
  }
`;

/**
 * What the portal's own elements repeat, written once: they adopt it after `baseStyles`. The
 * inputs, headings and layout resets here are by tag, so an element adopts this sheet rather
 * than getting it from `baseStyles` (which ticket-list and app style their own way). An element
 * tunes the controls through `--_control` (their height) and `--_radius`, which it sets from its
 * own tokens, and overrides the rest in its own sheet.
 */
export const controlStyles = css`
  [hidden] {
    display: none !important;
  }
  p,
  h2,
  h3,
  ul,
  dl,
  dd {
    margin: 0;
  }
  h2 {
    font-size: var(--portal-font-size-xl);
    line-height: 1.25;
  }
  /* A heading or alert that receives the focus after an action shows the ring only to keyboards. */
  [tabindex='-1']:focus:not(:focus-visible) {
    outline: none;
  }
  .muted,
  .hint {
    color: var(--portal-color-text-muted);
  }
  .hint,
  .field-error {
    font-size: var(--portal-font-size-sm);
  }
  .field-error {
    color: var(--portal-color-danger);
  }
  /* Zero specificity: an element's own rule for its inputs always wins. */
  :where(input:not([type='checkbox'], [type='radio']), select, textarea) {
    min-block-size: var(--_control, 2.5rem);
    padding-inline: var(--portal-space-3);
    border: 1px solid var(--portal-color-border-strong);
    border-radius: var(--_radius, var(--portal-radius-md));
    background: var(--portal-color-surface);
    color: inherit;
    font: inherit;
    font-weight: var(--portal-font-weight-normal);
  }
  textarea {
    padding-block: var(--portal-space-2);
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--portal-color-danger);
  }
  .button {
    text-decoration: none;
  }
  .button.quiet {
    border-color: transparent;
    background: transparent;
    color: var(--_color-link);
    padding-inline: var(--portal-space-2);
  }
  .button.quiet:hover:not(:disabled) {
    background: var(--portal-color-surface-raised);
  }
  .notice {
    padding: var(--portal-space-3) var(--portal-space-4);
    border-radius: var(--_radius, var(--portal-radius-md));
    background: var(--portal-color-info-bg);
    color: var(--portal-color-info);
  }
  .notice.warning {
    background: var(--portal-color-warning-bg);
    color: var(--portal-color-warning);
  }
  .alert {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--portal-space-2);
    border-radius: var(--_radius, var(--portal-radius-md));
  }
  .alert .button {
    color: var(--portal-color-text);
  }
  /* Rendered markdown: articles, messages and previews. */
  .prose {
    overflow-wrap: anywhere;
  }
  .prose img {
    max-inline-size: 100%;
    block-size: auto;
  }
  .prose :is(pre, table) {
    display: block;
    overflow: auto;
  }
  .prose pre {
    padding: var(--portal-space-3);
    border-radius: var(--portal-radius-sm);
    background: var(--portal-color-surface-sunken);
  }
  .prose code {
    font-family: var(--portal-font-family-mono);
    font-size: 0.9em;
  }
  .prose table {
    border-collapse: collapse;
  }
  .prose :is(td, th) {
    padding: var(--portal-space-1) var(--portal-space-2);
    border: 1px solid var(--portal-color-border);
    text-align: start;
  }
  .prose blockquote {
    padding-inline-start: var(--portal-space-3);
    border-inline-start: 3px solid var(--portal-color-border);
    color: var(--portal-color-text-muted);
  }
`;
