import { css } from 'lit';

// Buttons, alerts, links, the focus ring and .visually-hidden come from baseStyles.
export const membersStyles = css`
  :host {
    --_control: var(--portal-members-control-block-size, 2.5rem);
    --_radius: var(--portal-members-radius, var(--portal-radius-md, 8px));
    display: flex;
    flex-direction: column;
    gap: var(--portal-members-gap, var(--portal-space-4, 1rem));
    container-type: inline-size;
  }
  h2 {
    font-size: var(--portal-font-size-lg);
  }
  .hint,
  .email,
  .sent,
  .muted {
    display: block;
    color: var(--portal-color-text-muted);
    font-size: var(--portal-font-size-sm);
  }
  .toolbar,
  .buttons {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--portal-space-3);
  }
  .toolbar .buttons {
    margin-inline-start: auto;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--portal-space-1);
    font-size: var(--portal-font-size-sm);
    font-weight: var(--portal-font-weight-medium);
  }
  .search {
    flex: 1 1 14rem;
    margin: 0;
  }
  .button {
    min-block-size: var(--_control);
    border-radius: var(--_radius);
  }
  td select,
  td .button {
    min-block-size: 2rem;
  }
  td .button {
    font-size: var(--portal-font-size-sm);
  }
  td .button,
  time {
    white-space: nowrap;
  }
  [data-variant=danger] {
    background: var(--portal-color-danger);
    color: var(--portal-color-surface);
  }
  .invite,
  .alert,
  dialog form {
    display: flex;
    flex-direction: column;
    align-items: start;
    gap: var(--portal-space-3);
  }
  .invite {
    align-items: stretch;
    padding: var(--portal-space-4);
    border: 1px solid var(--portal-color-border);
    border-radius: var(--portal-radius-lg);
    background: var(--portal-color-surface-raised);
  }
  .invite select {
    align-self: start;
  }
  .results {
    padding: 0;
    list-style: none;
    font-size: var(--portal-font-size-sm);
  }
  .results li {
    display: flex;
    flex-wrap: wrap;
    column-gap: var(--portal-space-2);
  }
  .results li::before {
    content: '!';
    color: var(--portal-color-warning);
  }
  .results [data-outcome=sent]::before {
    content: '✓';
    color: var(--portal-color-success);
  }
  .address,
  .name {
    font-weight: var(--portal-font-weight-medium);
    overflow-wrap: anywhere;
  }
  .notice {
    padding: var(--portal-space-4);
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
    border: 1px solid var(--portal-color-border);
    font-size: var(--portal-font-size-sm);
  }
  tr[aria-busy=true] {
    background: var(--portal-color-surface-sunken);
  }
  th,
  td {
    padding: var(--portal-members-row-padding, var(--portal-space-3));
    border-block-end: 1px solid var(--portal-color-border);
    text-align: start;
  }
  thead th {
    background: var(--portal-members-header-background, var(--portal-color-surface-raised));
    color: var(--portal-color-text-muted);
    font-weight: 500;
  }
  tbody th {
    font-weight: inherit;
  }
  th:focus {
    outline: none;
  }
  .name {
    font-size: var(--portal-font-size-md);
  }
  .badge {
    padding: 0 var(--portal-space-2);
    border-radius: var(--portal-radius-pill);
    background: var(--portal-color-surface-sunken);
    font-size: var(--portal-font-size-xs);
  }
  [data-status=active] {
    background: var(--portal-color-success-bg);
    color: var(--portal-color-success);
  }
  [data-status=invited] {
    background: var(--portal-color-warning-bg);
    color: var(--portal-color-warning);
  }
  .more {
    align-self: center;
  }
  dialog {
    inline-size: min(var(--portal-members-dialog-inline-size, 28rem), calc(100vw - 2rem));
    padding: var(--portal-space-5);
    border: 1px solid var(--portal-color-border);
    border-radius: var(--portal-radius-lg);
    background: var(--portal-color-surface);
    color: inherit;
    box-shadow: var(--portal-shadow-md);
  }
  dialog::backdrop {
    background: rgb(15 23 42/.5);
  }
  dialog .buttons {
    align-self: end;
  }
  @container (max-width: 44rem) {
    thead {
      display: none;
    }
    table,
    tbody,
    tr,
    th {
      display: block;
    }
    tr {
      padding-block: var(--portal-space-2);
      border-block-end: 1px solid var(--portal-color-border);
    }
    th,
    td {
      padding-block: var(--portal-space-1);
      border: 0;
    }
    td {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--portal-space-2);
    }
    td[data-label]::before {
      content: attr(data-label);
      min-inline-size: 6rem;
      color: var(--portal-color-text-muted);
    }
    .toolbar .buttons {
      margin-inline-start: 0;
    }
  }
`;
