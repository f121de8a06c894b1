import { css } from 'lit';

export const threadStyles = css`
  :host {
    --_gap: var(--portal-thread-gap, var(--portal-space-4));
    --_radius: var(--portal-thread-radius, var(--portal-radius-lg));
    --_avatar: var(--portal-thread-avatar-size, 2.25rem);
    display: block;
    container-type: inline-size;
  }
  ol,
  fieldset,
  blockquote {
    margin: 0;
  }
  .muted {
    font-size: var(--portal-font-size-sm);
  }
  .thread,
  .header,
  .composer,
  .rating,
  .messages {
    display: grid;
    /* minmax(0, …): a long code line scrolls inside its message instead of widening the page. */
    grid-template-columns: minmax(0, 1fr);
    gap: var(--portal-space-3);
  }
  .thread {
    gap: var(--_gap);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-2);
    align-items: center;
  }
  .between {
    justify-content: space-between;
  }
  /* Padding as in uploadStyles. */
  .button.small {
    min-block-size: 1.75rem;
    font-size: var(--portal-font-size-sm);
  }
  .notice {
    display: grid;
    gap: var(--portal-space-2);
  }
  .notice,
  .alert {
    border-radius: var(--portal-radius-md);
  }
  .title {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--portal-space-2);
  }
  h2 {
    overflow-wrap: anywhere;
  }
  h2:focus {
    outline: none;
  }
  .number,
  .meta {
    color: var(--portal-color-text-muted);
    font-size: var(--portal-font-size-sm);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-1) var(--portal-space-4);
    align-items: center;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
    gap: var(--portal-space-2) var(--portal-space-4);
  }
  .fact dt {
    color: var(--portal-color-text-muted);
    font-size: var(--portal-font-size-sm);
  }
  .fact dd {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-1) var(--portal-space-2);
    align-items: center;
    overflow-wrap: anywhere;
  }
  .fact.editing {
    grid-column: 1 / -1;
  }
  .field-form {
    display: grid;
    gap: var(--portal-space-2);
    inline-size: 100%;
  }
  .conversation-wrap {
    position: relative;
  }
  .conversation {
    max-block-size: var(--portal-thread-max-block-size, min(70vh, 48rem));
    overflow: auto;
    overscroll-behavior: contain;
    padding: var(--portal-space-3);
    border: 1px solid var(--portal-color-border);
    border-radius: var(--_radius);
    background: var(--portal-color-surface);
  }
  .older,
  .start {
    text-align: center;
    margin-block-end: var(--portal-space-3);
  }
  .messages {
    gap: var(--_gap);
    padding: 0;
    list-style: none;
  }
  .day {
    display: flex;
    align-items: center;
    gap: var(--portal-space-3);
    color: var(--portal-color-text-muted);
    font-size: var(--portal-font-size-xs);
    font-weight: var(--portal-font-weight-medium);
  }
  .day::before,
  .day::after {
    content: '';
    flex: 1;
    border-block-start: 1px solid var(--portal-color-border);
  }
  .message {
    /* Off-screen messages skip layout and paint: a 1,000-message thread lays out like a short one. */
    content-visibility: auto;
    contain-intrinsic-size: auto 7rem;
  }
  article {
    display: flex;
    gap: var(--portal-space-3);
    align-items: flex-start;
    min-inline-size: 0;
    border-radius: var(--_radius);
  }
  article:focus {
    outline: none;
  }
  article:focus-visible .bubble {
    outline: var(--portal-focus-ring-width) solid var(--_color-focus-ring);
  }
  .avatar {
    display: grid;
    place-items: center;
    flex: none;
    inline-size: var(--_avatar);
    block-size: var(--_avatar);
    border-radius: 50%;
    background: var(--portal-color-surface-sunken);
    font-size: var(--portal-font-size-xs);
    font-weight: var(--portal-font-weight-bold);
    object-fit: cover;
  }
  [data-kind='agent'] .avatar {
    background: var(--portal-color-accent);
    color: var(--portal-color-on-accent);
  }
  .bubble {
    flex: 1;
    min-inline-size: 0;
    padding: var(--portal-space-3) var(--portal-space-4);
    border-radius: var(--_radius);
    background: var(--portal-thread-customer-background, var(--portal-color-surface-raised));
    border: 1px solid var(--portal-color-border);
  }
  [data-kind='agent'] .bubble {
    background: var(--portal-thread-agent-background, var(--portal-color-info-bg));
  }
  [data-kind='system'] .bubble {
    padding-block: var(--portal-space-1);
    border: none;
    background: none;
    color: var(--portal-thread-system-color, var(--portal-color-text-muted));
    font-size: var(--portal-font-size-sm);
    text-align: center;
  }
  [data-state='failed'] .bubble {
    border-color: var(--portal-color-danger);
  }
  [data-state='sending'] .bubble {
    border-style: dashed;
  }
  .byline {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--portal-space-2);
    align-items: baseline;
    margin-block-end: var(--portal-space-1);
    font-size: var(--portal-font-size-sm);
  }
  [data-kind='system'] .byline {
    justify-content: center;
  }
  .author {
    font-weight: var(--portal-font-weight-bold);
    overflow-wrap: anywhere;
  }
  .kind,
  time {
    color: var(--portal-color-text-muted);
  }
  time {
    position: relative;
    border-radius: var(--portal-radius-sm);
  }
  time:focus-visible::after,
  time:hover::after {
    content: attr(data-exact);
    position: absolute;
    inset-block-start: calc(100% + 4px);
    inset-inline-start: 0;
    z-index: 1;
    padding: var(--portal-space-1) var(--portal-space-2);
    border-radius: var(--portal-radius-sm);
    background: var(--portal-color-text);
    color: var(--portal-color-bg);
    white-space: nowrap;
  }
  .body {
    overflow-wrap: anywhere;
    min-inline-size: 0;
  }
  .body.text {
    white-space: pre-wrap;
  }
  .body > * + * {
    margin-block-start: var(--portal-space-2);
  }
  .body :is(p, ul, ol, pre, table, blockquote, h1, h2, h3, h4, h5, h6) {
    margin-block: 0;
    max-inline-size: 100%;
  }
  .body :is(h1, h2, h3, h4, h5, h6) {
    font-size: var(--portal-font-size-md);
  }
  .body :is(* + p, * + ul, * + ol, * + pre, * + table, * + blockquote) {
    margin-block-start: var(--portal-space-2);
  }
  .body ul,
  .body ol {
    padding-inline-start: var(--portal-space-5);
  }
  .body img {
    max-block-size: 24rem;
  }
  .attachments {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-2);
    margin-block-start: var(--portal-space-2);
    padding: 0;
    list-style: none;
  }
  .attachment > * {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 var(--portal-space-2);
    align-items: center;
    max-inline-size: 16rem;
    min-block-size: 2.5rem;
    padding: var(--portal-space-2);
    border: 1px solid var(--portal-color-border);
    border-radius: var(--portal-radius-md);
    background: var(--portal-color-surface);
    color: inherit;
    text-decoration: none;
  }
  .thumbnail,
  .file-icon {
    grid-row: span 2;
    inline-size: 2.5rem;
    block-size: 2.5rem;
    border-radius: var(--portal-radius-sm);
    object-fit: cover;
    background: var(--portal-color-surface-sunken);
  }
  .file-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: var(--portal-font-size-sm);
  }
  .file-meta {
    font-size: var(--portal-font-size-xs);
  }
  .message-status {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-2);
    align-items: center;
    margin-block-start: var(--portal-space-2);
    font-size: var(--portal-font-size-sm);
    color: var(--portal-color-text-muted);
  }
  .message-status[data-state='failed'] {
    color: var(--portal-color-danger);
  }
  .new-messages {
    position: absolute;
    inset-block-end: var(--portal-space-3);
    inset-inline-start: 50%;
    translate: -50% 0;
    border-radius: var(--portal-radius-pill);
    box-shadow: var(--portal-shadow-md);
  }
  .rating legend,
  .rating label[for] {
    font-weight: var(--portal-font-weight-medium);
  }
  .rating textarea {
    min-block-size: 4rem;
  }
  .rating {
    padding: var(--portal-space-4);
    border: 1px solid var(--portal-color-border);
    border-radius: var(--_radius);
  }
  fieldset {
    display: grid;
    gap: var(--portal-space-2);
    padding: 0;
    border: none;
  }
  /* On fieldStyles' .choice (gap, alignment; the input's margin and accent colour). */
  .choice {
    display: inline-flex;
    min-block-size: 2.5rem;
    padding-inline: var(--portal-space-3);
    border: 1px solid var(--portal-color-border);
    border-radius: var(--portal-radius-pill);
    cursor: pointer;
  }
  .choice:has(:checked) {
    border-color: var(--portal-color-accent);
    background: color-mix(in oklab, var(--portal-color-accent) 12%, transparent);
  }
  .choice input {
    inline-size: 1.25rem;
    min-block-size: 1.25rem;
  }
  blockquote {
    padding-inline-start: var(--portal-space-3);
    border-inline-start: 3px solid var(--portal-color-border);
    overflow-wrap: anywhere;
  }
  @container (max-width: 30rem) {
    :host {
      --_avatar: 1.75rem;
    }
    .bubble {
      padding: var(--portal-space-2) var(--portal-space-3);
    }
    .conversation {
      padding: var(--portal-space-2);
    }
    .fields {
      grid-template-columns: 1fr;
    }
  }
`;
