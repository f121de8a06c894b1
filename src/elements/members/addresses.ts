// Kept apart from the element: the odd number of `"` in this regex throws the CDN build's
// template minifier (scripts/minify-templates.mjs) off for the rest of the file, leaving every
// later template unminified.

/**
 * Splits a pasted list into addresses, separated by commas, semicolons, spaces or new lines; an
 * entry may be `Name <email>` or `"Name" <email>`, as mail programs copy them.
 */
export function parseAddresses(text: string): { email: string; name?: string; raw: string }[] {
  const found: { email: string; name?: string; raw: string }[] = [];
  for (const match of text.matchAll(/(?:"([^"]*)"|([^"<>\s@,;][^"<>@,;]*?))?\s*<([^<>]*)>|[^\s,;]+/g)) {
    const name = (match[1] ?? match[2])?.trim();
    found.push({ email: (match[3] ?? match[0]).trim(), raw: match[0].trim(), ...(name ? { name } : {}) });
  }
  return found;
}
