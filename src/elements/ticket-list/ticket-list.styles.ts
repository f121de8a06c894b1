import { css } from 'lit';

export const ticketListStyles = css`
  :host {
    --_row-gap: var(--portal-ticket-list-row-gap, var(--portal-space-3));
    --_row-padding: var(--portal-ticket-list-row-padding, var(--portal-space-3));
    --_row-hover: var(--portal-ticket-list-row-hover, var(--portal-color-surface-raised));
    --_unread: var(--portal-ticket-list-unread-color, var(--portal-color-accent));
    --_fresh-bg: var(--portal-ticket-list-fresh-bg, var(--portal-color-info-bg));
    --_radius: var(--portal-ticket-list-radius, var(--portal-radius-md));
    --_border: var(--portal-ticket-list-border, var(--portal-color-border));
    --_header-bg: var(--portal-ticket-list-header-bg, var(--portal-color-surface-sunken));
    --_columns: 5.5rem minmax(12rem, 1fr) 11.5rem 6.5rem 8.5rem;
    display: block;
    container-type: inline-size;
  }
  .panel {
    display: grid;
    gap: var(--portal-space-4);
  }
  .tabs {
    display: flex;
    gap: var(--portal-space-1);
    margin-block-end: var(--portal-space-4);
    border-block-end: 1px solid var(--_border);
    overflow-x: auto;
  }
  .tab {
    min-block-size: 2.5rem;
    padding-block: var(--portal-space-2);
    padding-inline: var(--portal-space-3);
    border: 0;
    border-block-end: 3px solid transparent;
    background: none;
    color: var(--portal-color-text-muted);
    font: inherit;
    font-weight: var(--portal-font-weight-medium);
    white-space: nowrap;
    cursor: pointer;
  }
  .tab[aria-selected='true'] {
    border-block-end-color: var(--portal-color-accent);
    color: var(--portal-color-text);
  }
  .tab:hover {
    color: var(--portal-color-text);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--portal-space-3);
  }
  .search {
    position: relative;
    flex: 1 1 16rem;
  }
  .search-icon {
    position: absolute;
    inset-inline-start: var(--portal-space-3);
    inset-block-start: 50%;
    inline-size: 1rem;
    block-size: 1rem;
    translate: 0 -50%;
    color: var(--portal-color-text-muted);
    pointer-events: none;
  }
  input[type='search'],
  select {
    min-block-size: 2.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--portal-radius-md);
    background: var(--portal-color-surface);
    color: var(--portal-color-text);
    font: inherit;
  }
  input[type='search'] {
    inline-size: 100%;
    padding-inline: calc(var(--portal-space-3) * 2 + 1rem) var(--portal-space-3);
  }
  select {
    padding-inline: var(--portal-space-2);
    max-inline-size: 100%;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--portal-space-3);
  }
  .filter {
    display: grid;
    gap: var(--portal-space-1);
    font-size: var(--portal-font-size-sm);
    color: var(--portal-color-text-muted);
  }
  .older {
    display: inline-flex;
    align-items: center;
    gap: var(--portal-space-2);
    min-block-size: 2.5rem;
    font-size: var(--portal-font-size-sm);
  }
  .older input {
    inline-size: 1.125rem;
    block-size: 1.125rem;
    margin: 0;
    accent-color: var(--portal-color-accent);
  }

  .table {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--portal-color-surface);
  }
  .table[aria-busy='true'] .rows {
    opacity: 0.6;
    transition: opacity var(--portal-motion-duration) var(--portal-motion-easing);
  }
  .table[data-organization] {
    --_columns: 5.5rem minmax(12rem, 1fr) 11.5rem 6.5rem minmax(7rem, 10rem) 8.5rem;
  }
  .head {
    position: sticky;
    inset-block-start: var(--portal-ticket-list-sticky-top, 0px);
    z-index: 1;
  }
  .row {
    display: grid;
    grid-template-columns: var(--_columns);
    gap: var(--_row-gap);
    align-items: center;
    inline-size: 100%;
    padding: var(--_row-padding) var(--portal-space-4);
    border-block-end: 1px solid var(--_border);
  }
  .rows {
    /* The rows above and below the rendered ones (RowWindow). */
    display: flow-root;
    padding-block: var(--_before, 0px) var(--_after, 0px);
  }
  .rows > .row {
    /* A row's layout never affects another's, and the row link's box covers its row. */
    position: relative;
    contain: layout style;
  }
  .header {
    border-start-start-radius: var(--_radius);
    border-start-end-radius: var(--_radius);
    background: var(--_header-bg);
    color: var(--portal-color-text-muted);
    font-size: var(--portal-font-size-sm);
    font-weight: var(--portal-font-weight-medium);
  }
  .rows > .row:hover {
    background: var(--_row-hover);
  }
  .rows > .row[data-fresh] {
    background: var(--_fresh-bg);
  }
  .rows > .row:focus-within {
    box-shadow: inset 3px 0 0 var(--_color-focus-ring);
  }
  .cell {
    min-inline-size: 0;
  }
  .cell.number {
    color: var(--portal-color-text-muted);
    font-variant-numeric: tabular-nums;
  }
  .row-link {
    display: inline;
    padding: 0;
    border: 0;
    background: none;
    color: var(--portal-color-text);
    font: inherit;
    font-weight: var(--portal-font-weight-medium);
    text-align: start;
    text-decoration: none;
    overflow-wrap: anywhere;
    cursor: pointer;
  }
  .row[data-unread] .row-link {
    font-weight: var(--portal-font-weight-bold);
  }
  /* The whole row opens the ticket: the link's box covers it, so middle-click works anywhere. */
  .row-link::after {
    content: '';
    position: absolute;
    inset: 0;
  }
  .row-link:focus-visible {
    outline: none;
  }
  .row-link:focus-visible::after {
    outline: var(--portal-focus-ring-width) solid var(--_color-focus-ring);
    outline-offset: calc(-1 * var(--portal-focus-ring-width));
  }
  .row-link:hover {
    color: var(--_color-link);
    text-decoration: underline;
  }
  .unread {
    display: inline-block;
    inline-size: 0.5rem;
    block-size: 0.5rem;
    margin-inline-end: var(--portal-space-2);
    border-radius: 50%;
    background: var(--_unread);
    vertical-align: 0.1em;
  }
  .fields {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-1) var(--portal-space-3);
    margin: var(--portal-space-1) 0 0;
    color: var(--portal-color-text-muted);
    font-size: var(--portal-font-size-sm);
  }
  .field {
    display: flex;
    gap: var(--portal-space-1);
  }
  .field dd {
    margin: 0;
    color: var(--portal-color-text);
  }
  .cell.updated,
  .cell.requester {
    color: var(--portal-color-text-muted);
    font-size: var(--portal-font-size-sm);
  }
  .card-only {
    display: none;
  }

  .skeleton {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .skeleton-row {
    display: grid;
    grid-template-columns: 4rem 1fr 6rem 5rem;
    gap: var(--portal-space-4);
    padding: var(--portal-space-4);
    border-block-end: 1px solid var(--_border);
  }
  .skeleton-row span {
    block-size: 0.875rem;
    border-radius: var(--portal-radius-sm);
    background: var(--portal-color-surface-sunken);
    animation: pulse calc(var(--portal-motion-duration) * 10) ease-in-out infinite alternate;
  }
  @keyframes pulse {
    to {
      opacity: 0.45;
    }
  }

  .message,
  .empty {
    display: grid;
    justify-items: start;
    gap: var(--portal-space-2);
    padding: var(--portal-space-5);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .empty[hidden] {
    display: none;
  }
  .message p,
  .empty p {
    margin: 0;
  }
  .message-heading {
    font-size: var(--portal-font-size-lg);
    font-weight: var(--portal-font-weight-bold);
  }
  .alert.message {
    border-style: solid;
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: var(--portal-space-3);
    padding-block: var(--portal-space-3);
  }
  .footer.alert p {
    margin: 0;
  }
  .older-hint {
    margin: 0;
    color: var(--portal-color-text-muted);
    font-size: var(--portal-font-size-sm);
  }
  .link-button {
    min-block-size: 1.5rem;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_color-link);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
  a.button {
    text-decoration: none;
  }

  /* Narrow containers: each ticket is a card. */
  @container (max-width: 44rem) {
    .header {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      padding: 0;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .table {
      border: 0;
      background: none;
    }
    .rows > .row {
      grid-template-columns: auto 1fr auto;
      grid-template-areas:
        'number status priority'
        'subject subject subject'
        'requester requester requester'
        'updated updated updated';
      gap: var(--portal-space-1) var(--portal-space-3);
      padding: var(--portal-space-3) var(--portal-space-4);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--portal-color-surface);
      margin-block-end: var(--portal-space-2);
    }
    /* After the card background; a fresh card keeps its colour from the rule above. */
    .rows > .row:hover {
      background: var(--_row-hover);
    }
    .row .number {
      grid-area: number;
    }
    .row .subject {
      grid-area: subject;
    }
    .row .status {
      grid-area: status;
      justify-self: start;
    }
    .row .priority {
      grid-area: priority;
    }
    .row .requester {
      grid-area: requester;
    }
    .row .updated {
      grid-area: updated;
    }
    .card-only {
      display: inline;
    }
    .filters {
      inline-size: 100%;
    }
    .tab {
      flex: 1 1 0;
      padding-inline: var(--portal-space-2);
      white-space: normal;
    }
    .filter {
      flex: 1 1 8rem;
    }
  }
`;
