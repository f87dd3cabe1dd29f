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

/** The key an organisation name or alias is stored and looked up under. */
export function nameKey(s: string): string {
  return normaliseText(s);
}
