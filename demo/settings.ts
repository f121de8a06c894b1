// The demo's appearance and backend settings: what the demo panel changes, kept in localStorage
// so a choice survives reloads and page changes, and applied the way a website owner would theme
// the portal (the `theme` attribute on providers, `--portal-*` custom properties on <html>).

export type ThemeChoice = 'auto' | 'light' | 'dark';

export interface DemoSettings {
  theme: ThemeChoice;
  /** Brand colour as #rrggbb. */
  accent: string;
  /** `--portal-radius-md` in px; the small and large radii scale with it. */
  radius: number;
  /** A key of `FONTS`. */
  font: string;
  /** Mock backend latency in ms. */
  latency: number;
}

/** System font stacks (no web fonts: the demo works offline). */
export const FONTS: Record<string, { label: string; stack: string }> = {
  system: {
    label: 'System UI',
    stack: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  humanist: {
    label: 'Humanist sans',
    stack: "Seravek, 'Gill Sans Nova', Ubuntu, Calibri, 'DejaVu Sans', source-sans-pro, sans-serif",
  },
  geometric: {
    label: 'Geometric sans',
    stack: "Avenir, Montserrat, Corbel, 'URW Gothic', 'Liberation Sans', source-sans-pro, sans-serif",
  },
  transitional: {
    label: 'Transitional serif',
    stack: "Charter, 'Bitstream Charter', 'Sitka Text', Cambria, 'Liberation Serif', serif",
  },
  oldstyle: {
    label: 'Old-style serif',
    stack: "'Iowan Old Style', 'Palatino Linotype', 'URW Palladio L', P052, 'DejaVu Serif', serif",
  },
  mono: {
    label: 'Monospace',
    stack: "ui-monospace, 'Cascadia Code', 'Source Code Pro', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
  },
};

/** Fernwood's own brand, as set in site.css: the panel's "reset" goes back to it. */
export const DEFAULTS: DemoSettings = { theme: 'auto', accent: '#0f766e', radius: 8, font: 'system', latency: 0 };

const KEY = 'fernwood-demo:settings';

function isTheme(value: unknown): value is ThemeChoice {
  return value === 'auto' || value === 'light' || value === 'dark';
}

function clamp(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

export function loadSettings(): DemoSettings {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    if (parsed && typeof parsed === 'object') raw = parsed as Record<string, unknown>;
  } catch {
    // Unreadable or blocked storage: start from the defaults.
  }
  return {
    theme: isTheme(raw['theme']) ? raw['theme'] : DEFAULTS.theme,
    accent: typeof raw['accent'] === 'string' && /^#[0-9a-f]{6}$/i.test(raw['accent']) ? raw['accent'] : DEFAULTS.accent,
    radius: clamp(raw['radius'], 0, 20, DEFAULTS.radius),
    font: typeof raw['font'] === 'string' && raw['font'] in FONTS ? raw['font'] : DEFAULTS.font,
    latency: clamp(raw['latency'], 0, 3000, DEFAULTS.latency),
  };
}

export function saveSettings(settings: DemoSettings): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(settings));
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
}

/** White or near-black text, whichever reads better on `hex`. */
function onColor(hex: string): string {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  // Contrast against white vs against #0f172a (luminance ~0.009).
  return (1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.059 ? '#ffffff' : '#0f172a');
}

/** Applies the theme to the site and every provider, and the brand tokens to the page. */
export function applySettings(settings: DemoSettings): void {
  const html = document.documentElement;
  if (settings.theme === 'auto') delete html.dataset['theme'];
  else html.dataset['theme'] = settings.theme;
  for (const provider of document.querySelectorAll('portal-provider')) provider.setAttribute('theme', settings.theme);

  const style = html.style;
  const set = (name: string, value: string, isDefault: boolean): void => {
    // Defaults come from site.css; only a changed value is set inline on <html>.
    if (isDefault) style.removeProperty(name);
    else style.setProperty(name, value);
  };
  const accentIsDefault = settings.accent.toLowerCase() === DEFAULTS.accent;
  set('--portal-color-accent', settings.accent, accentIsDefault);
  set('--portal-color-on-accent', onColor(settings.accent), accentIsDefault);
  const radiusIsDefault = settings.radius === DEFAULTS.radius;
  set('--portal-radius-sm', `${Math.round(settings.radius / 2)}px`, radiusIsDefault);
  set('--portal-radius-md', `${settings.radius}px`, radiusIsDefault);
  set('--portal-radius-lg', `${Math.round(settings.radius * 1.5)}px`, radiusIsDefault);
  set('--portal-font-family', FONTS[settings.font]?.stack ?? '', settings.font === DEFAULTS.font);
}
