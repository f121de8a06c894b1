export function compactPack(
  name: string,
  pack: Readonly<Record<string, unknown>>,
  sections: readonly Readonly<Record<string, unknown>>[],
): { code: string; stray: string[] };
export function expandPack(
  pack: Readonly<Record<string, unknown>>,
  sections: readonly Readonly<Record<string, unknown>>[],
): Record<string, unknown>;
