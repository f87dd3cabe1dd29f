// What an organisation is known for (organisations.json `known`), as both backends store it: a JSON array in a
// SQLite text column, a text[] in PostgreSQL. One reading for both, with no import that loads either driver.

/** The stored column as a row field: absent when nothing is recorded, so rows without it compare as before. */
export function knownField(stored: string | readonly string[] | null | undefined): { known?: string[] } {
  const list = typeof stored === 'string' ? (JSON.parse(stored) as string[]) : stored ? [...stored] : [];
  return list.length ? { known: list } : {};
}
