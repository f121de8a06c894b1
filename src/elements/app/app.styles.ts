import { css } from 'lit';

export const appStyles = css`
  :host {
    --_gap: var(--portal-app-gap, var(--portal-space-6, 1.5rem));
    display: block;
    container-type: inline-size;
    max-inline-size: var(--portal-app-max-inline-size, 72rem);
    margin-inline: auto;
  }
  nav {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--portal-space-3);
    padding-block: var(--portal-space-2);
    padding-inline: var(--portal-space-3);
    margin-block-end: var(--_gap);
    border: 1px solid var(--portal-color-border);
    border-radius: var(--portal-radius-lg);
    background: var(--portal-app-nav-background, var(--portal-color-surface));
  }
  ul {
    display: flex;
    flex-wrap: wrap;
    gap: var(--portal-space-1);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  a[part='nav-link'] {
    display: inline-flex;
    align-items: center;
    min-block-size: 2.25rem;
    padding-inline: var(--portal-space-3);
    border-radius: var(--portal-radius-md);
    color: var(--portal-color-text);
    font-weight: var(--portal-font-weight-medium);
    text-decoration: none;
  }
  a[part='nav-link']:hover {
    background: var(--portal-color-surface-raised);
  }
  a[part='nav-link'][aria-current='page'] {
    color: var(--_color-link);
    box-shadow: inset 0 -2px 0 var(--_color-link);
  }
  h2 {
    margin: 0 0 var(--portal-space-4);
    font-size: var(--portal-font-size-xl);
    font-weight: var(--portal-font-weight-bold);
    line-height: 1.2;
  }
  /* Focused after each navigation: the ring shows only to keyboards. */
  h2:focus:not(:focus-visible) {
    outline: none;
  }
  .loading {
    color: var(--portal-color-text-muted);
  }
  @container (max-width: 30rem) {
    nav {
      padding-inline: var(--portal-space-2);
    }
    a[part='nav-link'] {
      padding-inline: var(--portal-space-2);
    }
  }
`;
