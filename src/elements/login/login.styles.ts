import { css } from 'lit';

/* Rules that share declarations share one selector list; later, narrower rules set what differs. */
export const loginStyles = css`
  :host {
    --_control: var(--portal-login-input-block-size, 2.75rem);
    --_radius: var(--portal-login-radius, var(--portal-radius-md, 8px));
    display: block;
    max-inline-size: var(--portal-login-max-inline-size, 26rem);
  }
  :host([variant='compact']) {
    display: inline-block;
    max-inline-size: none;
    position: relative;
  }
  ::slotted(*) {
    margin: 0;
  }
  .flow,
  form,
  .account,
  .heading,
  .field,
  .sso,
  .inbox {
    display: flex;
    flex-direction: column;
    gap: var(--portal-login-gap, var(--portal-space-4, 1rem));
  }
  .heading,
  .sso,
  .inbox {
    gap: var(--portal-space-2);
  }
  .field {
    gap: var(--portal-space-1);
  }
  h2 {
    letter-spacing: -0.01em;
  }
  h2,
  .who-name,
  .avatar,
  .field-error::before {
    font-weight: var(--portal-font-weight-bold);
  }
  .lead,
  .switch,
  .legal,
  .divider,
  dt,
  .heading ::slotted(p) {
    color: var(--portal-color-text-muted);
  }
  input {
    inline-size: 100%;
  }
  :is(input, .menu-item):focus-visible {
    outline-offset: 0;
  }
  input:focus-visible {
    border-color: var(--_color-focus-ring);
  }
  #code {
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
  }
  .avatar,
  .field-error::before {
    display: inline-grid;
    place-items: center;
    flex: none;
    border-radius: 50%;
  }
  .field-error::before {
    content: '!';
    inline-size: 1.1rem;
    block-size: 1.1rem;
    margin-block-start: 0.1rem;
    background: var(--portal-color-danger);
    color: var(--portal-color-danger-bg);
    font-size: 0.75rem;
  }
  .button {
    min-block-size: var(--_control);
    border-radius: var(--_radius);
  }
  .submit {
    inline-size: 100%;
  }
  .button.quiet,
  .alert .button {
    min-block-size: 2rem;
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
  .notice,
  .divider {
    display: flex;
    align-items: center;
    gap: var(--portal-space-2);
  }
  .divider {
    gap: var(--portal-space-3);
  }
  .divider::before,
  .divider::after {
    content: '';
    flex: 1;
    border-block-start: 1px solid var(--portal-color-border);
  }
  .sso {
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
      linear-gradient(#f25022 0 0) 0 0 / 48% 48% no-repeat,
      linear-gradient(#7fba00 0 0) 100% 0 / 48% 48% no-repeat,
      linear-gradient(#00a4ef 0 0) 0 100% / 48% 48% no-repeat,
      linear-gradient(#ffb900 0 0) 100% 100% / 48% 48% no-repeat;
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
  .details,
  .details div,
  .who {
    display: grid;
    gap: var(--portal-space-2);
  }
  .details div {
    grid-template-columns: 7rem 1fr;
  }
  .details dd {
    overflow-wrap: anywhere;
  }
  .avatar {
    inline-size: 2rem;
    block-size: 2rem;
    background: var(--portal-login-avatar-background, var(--portal-color-accent));
    color: var(--portal-login-avatar-color, var(--portal-color-on-accent));
    font-size: var(--portal-font-size-xs);
    letter-spacing: 0.02em;
  }
  .avatar.large {
    inline-size: 3rem;
    block-size: 3rem;
    font-size: var(--portal-font-size-md);
  }

  /* Compact */
  .account-button,
  .menu-item {
    align-items: center;
    min-block-size: 2.5rem;
    color: var(--portal-color-text);
    font: inherit;
    cursor: pointer;
  }
  .account-button {
    display: inline-flex;
    gap: var(--portal-space-2);
    padding-block: 0.25rem;
    padding-inline: 0.25rem var(--portal-space-3);
    border: 1px solid var(--portal-color-border);
    background: var(--portal-color-surface);
  }
  .account-button,
  .compact-sign-in {
    border-radius: var(--portal-radius-pill);
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
  .who {
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
    inline-size: 100%;
    padding-inline: var(--portal-space-3);
    border: 0;
    border-radius: var(--portal-radius-md);
    background: transparent;
    text-align: start;
  }
  .menu-item:hover,
  .menu-item:focus-visible {
    background: var(--portal-color-surface-sunken);
  }
  /* Last: the font shorthands above reset size and weight. */
  label,
  .field-error,
  .link,
  .account-button {
    font-weight: var(--portal-font-weight-medium);
  }

  .legal,
  .switch,
  label,
  .field-error,
  .divider,
  .details,
  .account-button,
  .compact-sign-in,
  .menu-item {
    font-size: var(--portal-font-size-sm);
  }
`;
