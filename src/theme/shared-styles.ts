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
  *,
  *::before,
  *::after {
    box-sizing: inherit;
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
