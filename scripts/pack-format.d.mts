export function compactPack(
  name: string,
  pack: Readonly<Record<string, unknown>>,
  sections: readonly Readonly<Record<string, unknown>>[],
): { code: string; stray: string[] };
