import { css } from 'lit';

export const ticketFormStyles = css`
  :host {
    --_gap: var(--portal-ticket-form-gap, var(--portal-space-5, 1.5rem));
    --_radius: var(--portal-ticket-form-radius, var(--portal-radius-md, 8px));
    --_input-block-size: var(--portal-ticket-form-input-block-size, 2.5rem);
    --_card: var(--portal-ticket-form-card-background, var(--portal-color-surface));
    display: block;
    container-type: inline-size;
    max-inline-size: var(--portal-ticket-form-max-inline-size, 44rem);
  }
  [hidden] {
    display: none !important;
  }
  p,
  h2,
  h3,
  ul {
    margin: 0;
  }
  form,
  .done {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
  }
  h2 {
    font-size: var(--portal-font-size-xl);
    line-height: 1.25;
  }
  h3 {
    font-size: var(--portal-font-size-md);
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  [tabindex='-1']:focus-visible {
    outline: var(--portal-focus-ring-width) solid var(--_color-focus-ring);
  }
  .muted,
  .form-description,
  .snippet,
  .option-description {
    color: var(--portal-color-text-muted);
  }
  .snippet,
  .option-description {
    font-size: var(--portal-font-size-sm);
  }
  .button {
    border-radius: var(--_radius);
    text-decoration: none;
    min-block-size: 2.5rem;
  }
  .label {
    font-weight: var(--portal-font-weight-medium);
  }
  .picker {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  .picker legend {
    margin-block-end: var(--portal-space-2);
    font-weight: var(--portal-font-weight-medium);
  }
  .options {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 12rem), 1fr));
    gap: var(--portal-space-2);
  }
  .option {
    display: flex;
    gap: var(--portal-space-2);
    align-items: flex-start;
    padding: var(--portal-space-3);
    border: 1px solid var(--portal-color-border);
    border-radius: var(--_radius);
    background: var(--_card);
    cursor: pointer;
  }
  .option:has(:checked) {
    border-color: var(--portal-color-accent);
    box-shadow: inset 0 0 0 1px var(--portal-color-accent);
  }
  .option input {
    inline-size: 1.125rem;
    block-size: 1.125rem;
    margin: 0.15rem 0 0;
    flex: none;
    accent-color: var(--portal-color-accent);
  }
  .option-text {
    display: flex;
    flex-direction: column;
    gap: var(--portal-space-1);
  }
  .option-name {
    font-weight: var(--portal-font-weight-medium);
  }
  .fields {
    display: grid;
    gap: var(--_gap) var(--portal-space-4);
  }
  @container (min-width: 34rem) {
    .fields {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
    .fields > fieldset,
    .fields > :has(textarea),
    .fields > :has(input[type='checkbox']) {
      grid-column: 1 / -1;
    }
  }
  .suggestions,
  .article {
    display: flex;
    flex-direction: column;
    gap: var(--portal-space-2);
    margin-block-start: calc(var(--_gap) / -2);
    padding: var(--portal-space-3) var(--portal-space-4);
    border: 1px solid var(--portal-color-border);
    border-inline-start: 3px solid var(--portal-color-info);
    border-radius: var(--_radius);
    background: var(--_card);
  }
  .suggestions ul {
    display: flex;
    flex-direction: column;
    gap: var(--portal-space-2);
    padding: 0;
    list-style: none;
  }
  .suggestion {
    min-block-size: 1.5rem;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_color-link);
    font: inherit;
    font-weight: var(--portal-font-weight-medium);
    text-align: start;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
  }
  .article .markdown {
    max-block-size: 24rem;
    overflow: auto;
    overflow-wrap: anywhere;
  }
  .article .markdown :is(pre, table) {
    overflow-x: auto;
    max-inline-size: 100%;
  }
  .article .markdown pre {
    padding: var(--portal-space-2);
    background: var(--portal-color-surface-sunken);
  }
  .article .markdown :is(h1, h2, h3, h4) {
    margin-block: var(--portal-space-3) var(--portal-space-1);
    font-size: var(--portal-font-size-md);
  }
  .article .markdown img {
    max-inline-size: 100%;
    block-size: auto;
  }
  .article-question {
    font-weight: var(--portal-font-weight-medium);
  }
  .attachments {
    display: flex;
    flex-direction: column;
    gap: var(--portal-space-2);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-2);
  }
  .submit {
    min-inline-size: 10rem;
  }
  .alert {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--portal-space-2);
    border-radius: var(--_radius);
  }
  .alert .button {
    color: var(--portal-color-text);
  }
  .notice {
    padding: var(--portal-space-3) var(--portal-space-4);
    border-radius: var(--_radius);
    background: var(--portal-color-info-bg);
    color: var(--portal-color-info);
  }
  .notice.warning {
    margin-block-end: var(--_gap);
    background: var(--portal-color-warning-bg);
    color: var(--portal-color-warning);
  }
  .done {
    align-items: flex-start;
    gap: var(--portal-space-3);
    padding: var(--portal-space-5);
    border: 1px solid var(--portal-color-border);
    border-radius: var(--_radius);
    background: var(--_card);
  }
  .done-icon {
    display: grid;
    place-items: center;
    inline-size: 2.5rem;
    block-size: 2.5rem;
    border-radius: 50%;
    background: var(--portal-color-success-bg);
    color: var(--portal-color-success);
    font-weight: var(--portal-font-weight-bold);
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
`;
