import { css, unsafeCSS } from 'lit';

// The global `--portal-*` tokens. They are set on the page's root with zero specificity
// (`:where(html)`), so a host overrides any of them from `:root` or any ancestor of an element.
// Brand tokens are the same in both themes; mode tokens change with light and dark. The sheet
// never sets `color-scheme` on the host page itself: elements apply `--portal-color-scheme` to
// their own shadow roots. Link and focus-ring colours derive from the accent inside each element
// (shared-styles.ts), so an accent set on any ancestor recolours them too.

const brand = `
  --portal-color-accent: #4f46e5;
  --portal-color-on-accent: #ffffff;
  --portal-font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
  --portal-font-family-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace;
  --portal-font-size-xs: 0.75rem;
  --portal-font-size-sm: 0.875rem;
  --portal-font-size-md: 1rem;
  --portal-font-size-lg: 1.125rem;
  --portal-font-size-xl: 1.375rem;
  --portal-font-weight-normal: 400;
  --portal-font-weight-medium: 500;
  --portal-font-weight-bold: 650;
  --portal-line-height: 1.5;
  --portal-space-1: 0.25rem;
  --portal-space-2: 0.5rem;
  --portal-space-3: 0.75rem;
  --portal-space-4: 1rem;
  --portal-space-5: 1.5rem;
  --portal-space-6: 2rem;
  --portal-radius-sm: 4px;
  --portal-radius-md: 8px;
  --portal-radius-lg: 12px;
  --portal-radius-pill: 999px;
  --portal-focus-ring-width: 2px;
  --portal-focus-ring-offset: 2px;
  --portal-motion-duration: 150ms;
  --portal-motion-easing: cubic-bezier(0.2, 0, 0, 1);
`;

const light = `
  --portal-color-scheme: light;
  --portal-color-bg: #ffffff;
  --portal-color-surface: #ffffff;
  --portal-color-surface-raised: #f8fafc;
  --portal-color-surface-sunken: #f1f5f9;
  --portal-color-text: #0f172a;
  --portal-color-text-muted: #475569;
  --portal-color-border: #cbd5e1;
  --portal-color-border-strong: #64748b;
  --_portal-accent-shade: black;
  --_portal-accent-amount: 85%;
  --portal-color-danger: #b91c1c;
  --portal-color-danger-bg: #fef2f2;
  --portal-color-success: #15803d;
  --portal-color-success-bg: #f0fdf4;
  --portal-color-warning: #a16207;
  --portal-color-warning-bg: #fefce8;
  --portal-color-info: #1d4ed8;
  --portal-color-info-bg: #eff6ff;
  --portal-shadow-sm: 0 1px 2px rgb(15 23 42 / 0.06), 0 1px 3px rgb(15 23 42 / 0.1);
  --portal-shadow-md: 0 4px 12px rgb(15 23 42 / 0.1), 0 2px 4px rgb(15 23 42 / 0.06);
`;

const dark = `
  --portal-color-scheme: dark;
  --portal-color-bg: #0b1120;
  --portal-color-surface: #111827;
  --portal-color-surface-raised: #1e293b;
  --portal-color-surface-sunken: #0f172a;
  --portal-color-text: #e2e8f0;
  --portal-color-text-muted: #94a3b8;
  --portal-color-border: #334155;
  --portal-color-border-strong: #64748b;
  --_portal-accent-shade: white;
  --_portal-accent-amount: 55%;
  --portal-color-danger: #f87171;
  --portal-color-danger-bg: #3f1d1d;
  --portal-color-success: #4ade80;
  --portal-color-success-bg: #14301f;
  --portal-color-warning: #facc15;
  --portal-color-warning-bg: #3a3012;
  --portal-color-info: #93c5fd;
  --portal-color-info-bg: #172554;
  --portal-shadow-sm: 0 1px 2px rgb(0 0 0 / 0.4);
  --portal-shadow-md: 0 4px 12px rgb(0 0 0 / 0.5);
`;

/**
 * The token sheet. `data-portal-theme` on any element (elements set it on themselves from the
 * provider's `theme`) forces a theme below it; otherwise `prefers-color-scheme` decides.
 */
export const tokenStyles = css`
  :where(html) {
    ${unsafeCSS(brand)}
    ${unsafeCSS(light)}
  }
  @media (prefers-color-scheme: dark) {
    :where(html) {
      ${unsafeCSS(dark)}
    }
  }
  :where([data-portal-theme='light']) {
    color-scheme: light;
    ${unsafeCSS(light)}
  }
  :where([data-portal-theme='dark']) {
    color-scheme: dark;
    ${unsafeCSS(dark)}
  }
  @media (prefers-reduced-motion: reduce) {
    :where(html) {
      --portal-motion-duration: 0ms;
    }
  }
`;

const INSTALLED_KEY = Symbol.for('portal-elements.tokens-installed');
type GlobalWithFlag = typeof globalThis & { [INSTALLED_KEY]?: boolean };

/**
 * Adds the token sheet to the document once (a constructed stylesheet, so strict `style-src`
 * CSPs allow it), even when two copies of the library are on the page.
 */
export function installTokens(doc: Document = document): void {
  const g = globalThis as GlobalWithFlag;
  if (g[INSTALLED_KEY]) return;
  g[INSTALLED_KEY] = true;
  const sheet = tokenStyles.styleSheet;
  if (sheet) doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
