import { css } from 'lit';

export const kbStyles = css`
  :host {
    --_gap: var(--portal-kb-search-gap, var(--portal-space-4, 1rem));
    --_radius: var(--portal-kb-search-radius, var(--portal-radius-md, 8px));
    display: block;
    container-type: inline-size;
    max-inline-size: var(--portal-kb-search-max-inline-size, 48rem);
  }
  :host([variant=compact]) {
    position: relative;
    max-inline-size: none;
    container-type: normal;
  }
  /* The element's own lists (topics, results, contents); an article's lists keep their bullets. */
  ul:not(.prose ul) {
    padding: 0;
    list-style: none;
  }
  .root,
  .flow,
  .popup {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
  }
  .muted,
  .meta {
    color: var(--portal-color-text-muted);
    font-size: var(--portal-font-size-sm);
  }
  .box {
    position: relative;
    display: flex;
    align-items: center;
  }
  .box svg {
    position: absolute;
    inset-inline-start: .85em;
    inline-size: 1.25em;
    fill: none;
    stroke: var(--portal-color-text-muted);
    stroke-width: 2;
    stroke-linecap: round;
    pointer-events: none;
  }
  input {
    flex: 1;
    min-inline-size: 0;
    block-size: var(--portal-kb-search-input-block-size, 3rem);
    padding-inline: 2.75em 2.5em;
  }
  :host([variant=compact]) input {
    min-block-size: 0;
    block-size: 2.25rem;
    font-size: var(--portal-font-size-sm);
  }
  .spinner {
    position: absolute;
    inset-inline-end: .85em;
    inline-size: 1em;
    block-size: 1em;
    border: 2px solid var(--portal-color-border);
    border-block-start-color: var(--portal-color-accent);
    border-radius: 50%;
    animation: spin .8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  .popup {
    position: absolute;
    z-index: 10;
    inset-block-start: calc(100% + var(--portal-space-1));
    inset-inline-end: 0;
    inline-size: min(var(--portal-kb-search-popup-inline-size, 28rem), 100vw - 2 * var(--portal-space-2));
    max-block-size: var(--portal-kb-search-popup-max-block-size, 70vh);
    overflow: auto;
    padding: var(--portal-space-3);
    border: 1px solid var(--portal-color-border);
    border-radius: var(--_radius);
    background: var(--portal-color-surface);
    box-shadow: var(--portal-shadow-md);
  }
  [role=listbox] {
    display: flex;
    flex-direction: column;
    gap: var(--portal-space-1);
  }
  [role=option] {
    display: grid;
    gap: var(--portal-space-1);
    padding: var(--portal-space-3);
    border: 1px solid transparent;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  [role=option]:hover,
  [aria-selected=true] {
    background: var(--portal-color-surface-raised);
    border-color: var(--portal-color-border);
  }
  [aria-selected=true] {
    outline: var(--portal-focus-ring-width) solid var(--_color-focus-ring);
  }
  .title {
    color: var(--_color-link);
    font-weight: var(--portal-font-weight-medium);
  }
  .snippet {
    font-size: var(--portal-font-size-sm);
  }
  mark {
    background: var(--portal-kb-search-mark-background, var(--portal-color-warning-bg));
    color: inherit;
    font-weight: var(--portal-font-weight-bold);
  }
  .collections {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: var(--portal-space-3);
  }
  .card {
    display: grid;
    align-content: start;
    gap: var(--portal-space-1);
    block-size: 100%;
    inline-size: 100%;
    padding: var(--portal-space-4);
    border: 1px solid var(--portal-color-border);
    border-radius: var(--_radius);
    background: var(--portal-color-surface);
    color: inherit;
    font: inherit;
    text-align: start;
  }
  button.card {
    cursor: pointer;
  }
  button.card:hover {
    border-color: var(--portal-color-accent);
  }
  .button.quiet {
    align-self: start;
    padding-inline: var(--portal-space-1);
  }
  :host(:dir(rtl)) .arrow {
    transform: scaleX(-1);
  }
  .empty {
    display: grid;
    justify-items: start;
    gap: var(--portal-space-2);
  }
  nav {
    padding: var(--portal-space-3) var(--portal-space-4);
    border-inline-start: 3px solid var(--portal-color-border);
    font-size: var(--portal-font-size-sm);
  }
  .toc-title {
    font-weight: var(--portal-font-weight-bold);
  }
  nav li {
    padding-block: var(--portal-space-1);
  }
  .l3 {
    padding-inline-start: var(--portal-space-4);
  }
  .body :is(h1, h2, h3, h4) {
    margin-block: 1.5em .5em;
    line-height: 1.25;
    scroll-margin-block-start: var(--portal-kb-search-scroll-margin, 6rem);
  }
  :not(pre)>code {
    padding-inline: .25em;
    border-radius: var(--portal-radius-sm);
    background: var(--portal-color-surface-sunken);
  }
  .body :is(td, th) {
    padding: var(--portal-space-2);
  }
  .feedback {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--portal-space-3);
    padding-block-start: var(--_gap);
    border-block-start: 1px solid var(--portal-color-border);
  }
  .votes {
    display: flex;
    gap: var(--portal-space-2);
  }
  [aria-pressed=true] {
    border-color: var(--portal-color-accent);
  }
  @container (max-width: 30rem) {
    .collections {
      grid-template-columns: 1fr;
    }
  }
`;
