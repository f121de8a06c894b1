import type { Plugin } from 'vite';

export function englishSections(dir: string): Promise<{ files: string[]; sections: Record<string, unknown>[] }>;
export function compactPackModule(
  code: string,
  file: string,
  lang: string,
  sections: readonly Record<string, unknown>[],
): Promise<{ code: string; stray: string[] }>;
export function compactPacksPlugin(options: { dir: string }): Plugin;
