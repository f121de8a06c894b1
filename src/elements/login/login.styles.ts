import { css } from 'lit';

export const loginStyles = css`
  :host {
    --_gap: var(--portal-login-gap, var(--portal-space-4, 1rem));
    --_control: var(--portal-login-input-block-size, 2.75rem);
    --_radius: var(--portal-login-radius, var(--portal-radius-md, 8px));
    --_avatar-bg: var(--portal-login-avatar-background, var(--portal-color-accent));
    --_avatar-fg: var(--portal-login-avatar-color, var(--portal-color-on-accent));
    display: block;
    max-inline-size: var(--portal-login-max-inline-size, 26rem);
  }
  :host([variant='compact']) {
    display: inline-block;
    max-inline-size: none;
    position: relative;
  }
  [hidden] {
    display: none !important;
  }
  p,
  h2,
  dl,
  dd,
  ul {
    margin: 0;
  }
  .flow,
  form,
  .account {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
  }
  h2 {
    font-size: var(--portal-font-size-xl);
    font-weight: var(--portal-font-weight-bold);
    line-height: 1.25;
    letter-spacing: -0.01em;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: var(--portal-focus-ring-width) solid var(--_color-focus-ring);
  }
  .lead,
  .muted,
  .hint,
  .switch,
  .legal {
    color: var(--portal-color-text-muted);
  }
  .hint,
  .legal,
  .switch {
    font-size: var(--portal-font-size-sm);
  }
  .heading {
    display: flex;
    flex-direction: column;
    gap: var(--portal-space-2);
  }
  .heading ::slotted(*) {
    margin: 0;
  }
  .heading ::slotted(p) {
    color: var(--portal-color-text-muted);
  }
  .legal ::slotted(*) {
    margin: 0;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--portal-space-1);
  }
  label {
    font-weight: var(--portal-font-weight-medium);
    font-size: var(--portal-font-size-sm);
  }
  input {
    block-size: var(--_control);
    inline-size: 100%;
    padding-inline: var(--portal-space-3);
    border: 1px solid var(--portal-color-border-strong);
    border-radius: var(--_radius);
    background: var(--portal-color-surface);
    color: var(--portal-color-text);
    font: inherit;
  }
  input:focus-visible {
    outline: var(--portal-focus-ring-width) solid var(--_color-focus-ring);
    outline-offset: 0;
    border-color: var(--_color-focus-ring);
  }
  input[aria-invalid='true'] {
    border-color: var(--portal-color-danger);
  }
  input.code {
    font-family: var(--portal-font-family-mono);
    font-size: var(--portal-login-code-font-size, var(--portal-font-size-xl));
    letter-spacing: var(--portal-login-code-letter-spacing, 0.4em);
    text-align: center;
    padding-inline-start: calc(var(--portal-space-3) + var(--portal-login-code-letter-spacing, 0.4em));
    block-size: calc(var(--_control) + 0.5rem);
  }
  .field-error {
    display: flex;
    gap: var(--portal-space-2);
    color: var(--portal-color-danger);
    font-size: var(--portal-font-size-sm);
    font-weight: var(--portal-font-weight-medium);
  }
  .field-error::before {
    content: '!';
    flex: none;
    display: inline-grid;
    place-items: center;
    inline-size: 1.1rem;
    block-size: 1.1rem;
    margin-block-start: 0.1rem;
    border-radius: 50%;
    background: var(--portal-color-danger);
    color: var(--portal-color-danger-bg);
    font-size: 0.75rem;
    font-weight: var(--portal-font-weight-bold);
  }
  .button {
    min-block-size: var(--_control);
    border-radius: var(--_radius);
    text-decoration: none;
  }
  .submit {
    inline-size: 100%;
  }
  .button[part~='magic-link-button'],
  .sso-button {
    inline-size: 100%;
  }
  .button.quiet {
    border-color: transparent;
    background: transparent;
    color: var(--_color-link);
    padding-inline: var(--portal-space-2);
    min-block-size: 2rem;
  }
  .button.quiet:hover:not(:disabled) {
    background: var(--portal-color-surface-raised);
  }
  .button.quiet:disabled {
    color: var(--portal-color-text-muted);
    opacity: 1;
  }
  .link {
    display: inline-flex;
    align-items: center;
    min-block-size: 1.5rem;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_color-link);
    font: inherit;
    font-weight: var(--portal-font-weight-medium);
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--portal-space-2);
    margin-inline: calc(-1 * var(--portal-space-2));
  }
  .alert {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--portal-space-2);
  }
  .alert .button {
    min-block-size: 2rem;
    color: var(--portal-color-text);
  }
  .alert:focus {
    outline: none;
  }
  .alert:focus-visible {
    outline: var(--portal-focus-ring-width) solid var(--_color-focus-ring);
  }
  .notice {
    display: flex;
    align-items: center;
    gap: var(--portal-space-2);
    padding: var(--portal-space-3) var(--portal-space-4);
    border-radius: var(--_radius);
    background: var(--portal-color-info-bg);
    color: var(--portal-color-info);
  }
  .notice.warning {
    background: var(--portal-color-warning-bg);
    color: var(--portal-color-warning);
  }
  .divider {
    display: flex;
    align-items: center;
    gap: var(--portal-space-3);
    color: var(--portal-color-text-muted);
    font-size: var(--portal-font-size-sm);
  }
  .divider::before,
  .divider::after {
    content: '';
    flex: 1;
    border-block-start: 1px solid var(--portal-color-border);
  }
  .sso {
    display: flex;
    flex-direction: column;
    gap: var(--portal-space-2);
    padding: 0;
    list-style: none;
  }
  .sso-mark {
    inline-size: 1.1rem;
    block-size: 1.1rem;
    border-radius: 3px;
    flex: none;
    background: var(--portal-color-border-strong);
  }
  .sso-mark[data-provider='google'] {
    border-radius: 50%;
    background: conic-gradient(#ea4335 0 25%, #fbbc05 0 50%, #34a853 0 75%, #4285f4 0);
  }
  .sso-mark[data-provider='microsoft'] {
    border-radius: 0;
    background:
      linear-gradient(#f25022, #f25022) 0 0 / 48% 48% no-repeat,
      linear-gradient(#7fba00, #7fba00) 100% 0 / 48% 48% no-repeat,
      linear-gradient(#00a4ef, #00a4ef) 0 100% / 48% 48% no-repeat,
      linear-gradient(#ffb900, #ffb900) 100% 100% / 48% 48% no-repeat;
  }
  .inbox {
    display: flex;
    flex-direction: column;
    gap: var(--portal-space-2);
  }
  .inbox-icon {
    display: grid;
    place-items: center;
    inline-size: 2.75rem;
    block-size: 2.75rem;
    margin-block-end: var(--portal-space-1);
    border-radius: 50%;
    background: color-mix(in oklab, var(--portal-color-accent) 14%, var(--portal-color-surface));
    color: var(--portal-color-accent);
  }
  .spinner {
    inline-size: 1em;
    block-size: 1em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 2.4s;
    }
  }

  /* Signed in */
  .account-head {
    display: flex;
    align-items: center;
    gap: var(--portal-space-3);
  }
  .who-name {
    font-weight: var(--portal-font-weight-bold);
  }
  .details {
    display: grid;
    gap: var(--portal-space-2);
    font-size: var(--portal-font-size-sm);
  }
  .details div {
    display: grid;
    grid-template-columns: 7rem 1fr;
    gap: var(--portal-space-2);
  }
  .details dt {
    color: var(--portal-color-text-muted);
  }
  .details dd {
    overflow-wrap: anywhere;
  }
  .avatar {
    display: inline-grid;
    place-items: center;
    flex: none;
    inline-size: 2rem;
    block-size: 2rem;
    border-radius: 50%;
    background: var(--_avatar-bg);
    color: var(--_avatar-fg);
    font-size: var(--portal-font-size-xs);
    font-weight: var(--portal-font-weight-bold);
    letter-spacing: 0.02em;
  }
  .avatar.large {
    inline-size: 3rem;
    block-size: 3rem;
    font-size: var(--portal-font-size-md);
  }

  /* Compact */
  .account-button {
    display: inline-flex;
    align-items: center;
    gap: var(--portal-space-2);
    min-block-size: 2.5rem;
    padding-block: 0.25rem;
    padding-inline: 0.25rem var(--portal-space-3);
    border: 1px solid var(--portal-color-border);
    border-radius: var(--portal-radius-pill);
    background: var(--portal-color-surface);
    color: var(--portal-color-text);
    font: inherit;
    font-size: var(--portal-font-size-sm);
    font-weight: var(--portal-font-weight-medium);
    cursor: pointer;
  }
  .account-button:hover {
    background: var(--portal-color-surface-raised);
  }
  .account-name {
    max-inline-size: 10rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .chevron {
    inline-size: 0.45rem;
    block-size: 0.45rem;
    margin-block-end: 0.2rem;
    border-inline-end: 2px solid currentColor;
    border-block-end: 2px solid currentColor;
    transform: rotate(45deg);
    opacity: 0.7;
  }
  .compact-sign-in {
    min-block-size: 2.5rem;
    border-radius: var(--portal-radius-pill);
    font-size: var(--portal-font-size-sm);
  }
  .popover {
    position: absolute;
    inset-block-start: calc(100% + var(--portal-space-2));
    inset-inline-end: 0;
    z-index: 10;
    inline-size: min(var(--portal-login-menu-inline-size, 17rem), calc(100vw - 2rem));
    padding: var(--portal-space-2);
    border: 1px solid var(--portal-color-border);
    border-radius: var(--portal-radius-lg);
    background: var(--portal-color-surface);
    box-shadow: var(--portal-shadow-md);
    text-align: start;
  }
  .popover.panel {
    inline-size: min(var(--portal-login-panel-inline-size, 22rem), calc(100vw - 2rem));
    padding: var(--portal-space-5);
  }
  .popover .who {
    display: grid;
    gap: var(--portal-space-2);
    padding: var(--portal-space-2) var(--portal-space-3) var(--portal-space-3);
    border-block-end: 1px solid var(--portal-color-border);
    margin-block-end: var(--portal-space-2);
  }
  .popover .details div {
    grid-template-columns: 1fr;
    gap: 0;
  }
  .menu-item {
    display: flex;
    align-items: center;
    inline-size: 100%;
    min-block-size: 2.5rem;
    padding-inline: var(--portal-space-3);
    border: 0;
    border-radius: var(--portal-radius-md);
    background: transparent;
    color: var(--portal-color-text);
    font: inherit;
    font-size: var(--portal-font-size-sm);
    text-align: start;
    cursor: pointer;
  }
  .menu-item:hover,
  .menu-item:focus-visible {
    background: var(--portal-color-surface-sunken);
  }
  .menu-item:focus-visible {
    outline-offset: 0;
  }
`;
