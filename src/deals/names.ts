// Name normalisation shared by the store (alias uniqueness) and search (matching what people type).

/** Lowercase, strip diacritics and punctuation, fold whitespace: "Société Générale" -> "societe generale". */
export function normaliseText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]s\b/g, '')
    .replace(/[’'`]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** A stored field's words joined by single spaces (normaliseText), with a cheap path for plain ASCII text. */
export function fieldText(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(s)) return normaliseText(s);
  return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** The key an organisation name or alias is stored and looked up under. */
export function nameKey(s: string): string {
  return normaliseText(s);
}
