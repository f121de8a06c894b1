import { css } from 'lit';

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
