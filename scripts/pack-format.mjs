// The compact form in which the builds ship a translation pack (src/i18n/<lang>.ts): no keys.
// Translators write a pack keyed like the English catalogue, `{ 'thread.loading': '…', … }`. The
// shipped module has, under the first key of each English section (src/i18n/en.ts and each
// src/i18n/en/*.ts), that section's translated values in the order of the section's keys, with a
// hole where the pack has no value:
//   export const de = { "common.retry": ["Erneut versuchen", "Wird geladen…", …], "login.heading": […], … };
// A page knows the keys from the English sections its elements carry (an object's own string keys
// keep their insertion order), so src/i18n/localize.ts (readPack) maps each section it has back to
// its keys and skips the others. A key that is in no English section stays keyed.
// No imports: test/localize.test.ts runs this in the browser on the real packs.

/**
 * The module text of `pack` in compact form, exported as `name`.
 * @param {string} name the export's name (the language: `de`)
 * @param {Record<string, unknown>} pack the keyed translation
 * @param {readonly Record<string, unknown>[]} sections every English section, each an object
 *   whose keys are in the order the elements' copies have them
 * @returns {{ code: string, stray: string[] }} the module, and the keys of `pack` in no section
 */
export function compactPack(name, pack, sections) {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`compactPack: "${name}" is not an identifier`);
  for (const [key, value] of Object.entries(pack)) {
    // The runtime tells a section's values from a keyed message by their being an array.
    if (typeof value !== 'string' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new Error(`compactPack: ${name}["${key}"] is neither a string nor plural forms`);
    }
  }
  const firsts = new Set();
  const placed = new Set();
  const entries = [];
  for (const section of sections) {
    const keys = Object.keys(section);
    if (!keys.length) continue;
    const first = keys[0];
    if (firsts.has(first)) throw new Error(`compactPack: two English sections start with "${first}"; the runtime tells sections apart by their first key`);
    firsts.add(first);
    const values = keys.map((key) => (Object.hasOwn(pack, key) ? pack[key] : undefined));
    for (const key of keys) placed.add(key);
    while (values.length && values[values.length - 1] === undefined) values.pop();
    if (!values.length) continue;
    // `[a,,b]`: a hole reads as undefined, and the runtime falls back to English there.
    entries.push(`${JSON.stringify(first)}:[${values.map((value) => (value === undefined ? '' : JSON.stringify(value))).join(',')}]`);
  }
  const stray = Object.keys(pack).filter((key) => !placed.has(key));
  for (const key of stray) entries.push(`${JSON.stringify(key)}:${JSON.stringify(pack[key])}`);
  return { code: `export const ${name} = {${entries.join(',\n')}};\n`, stray };
}

/**
 * The strings of a shipped pack, keyed again: the format's reader, for the build checks (the
 * browser reads it with `readPack` in src/i18n/localize.ts, one section at a time as elements load).
 * @param {Record<string, unknown>} pack a pack in compact form
 * @param {readonly Record<string, unknown>[]} sections every English section, as for compactPack
 * @returns {Record<string, unknown>}
 */
export function expandPack(pack, sections) {
  const read = {};
  for (const [key, value] of Object.entries(pack)) if (!Array.isArray(value)) read[key] = value;
  for (const section of sections) {
    const keys = Object.keys(section);
    const values = pack[keys[0]];
    if (Array.isArray(values)) keys.forEach((key, i) => values[i] !== undefined && (read[key] = values[i]));
  }
  return read;
}
