import { css } from 'lit';

export const ticketFormStyles = css`
  :host {
    --_gap: var(--portal-ticket-form-gap, var(--portal-space-5, 1.5rem));
    --_radius: var(--portal-ticket-form-radius, var(--portal-radius-md, 8px));
    --_control: var(--portal-ticket-form-input-block-size, 2.5rem);
    --_card: var(--portal-ticket-form-card-background, var(--portal-color-surface));
    display: block;
    container-type: inline-size;
    max-inline-size: var(--portal-ticket-form-max-inline-size, 44rem);
  }
  form,
  .done,
  .panel,
  .panel ul,
  .fields {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
  }
  h3 {
    font-size: var(--portal-font-size-md);
  }
  .button {
    min-block-size: 2.5rem;
    border-radius: var(--_radius);
  }
  /* legend: as in fieldStyles. */
  .label {
    font-weight: var(--portal-font-weight-medium);
  }
  .picker {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  .options {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 12rem), 1fr));
    gap: var(--portal-space-2);
    margin-block: var(--portal-space-2);
  }
  .option,
  .panel,
  .done {
    padding: var(--portal-space-3) var(--portal-space-4);
    border: 1px solid var(--portal-color-border);
    border-radius: var(--_radius);
    background: var(--_card);
  }
  .option {
    display: flex;
    gap: var(--portal-space-2);
    padding-inline: var(--portal-space-3);
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
  @container (min-width: 34rem) {
    .fields {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
    .fields > :is(fieldset, :has(textarea, [type='checkbox'])) {
      grid-column: 1 / -1;
    }
  }
  .option .muted,
  .panel .muted {
    font-size: var(--portal-font-size-sm);
  }
  .panel {
    gap: var(--portal-space-2);
    margin-block-start: calc(var(--_gap) / -2);
    border-inline-start: 3px solid var(--portal-color-info);
  }
  .panel ul {
    gap: var(--portal-space-2);
    padding: 0;
    list-style: none;
  }
  .link {
    min-block-size: 1.5rem;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_color-link);
    font: inherit;
    font-weight: var(--portal-font-weight-medium);
    text-align: start;
    text-decoration: underline;
    cursor: pointer;
  }
  .prose {
    max-block-size: 24rem;
    overflow: auto;
  }
  .prose :is(h1, h2, h3, h4) {
    margin-block: var(--portal-space-3) var(--portal-space-1);
    font-size: var(--portal-font-size-md);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-2);
  }
  .notice.warning {
    margin-block-end: var(--_gap);
  }
  .done {
    align-items: flex-start;
    gap: var(--portal-space-3);
    border-inline-start: 3px solid var(--portal-color-success);
  }
`;
