// Countries of organisations, and the words people use for them ("swedish", "american", "india's"), so a question
// that describes a company by nationality ("the swedish telecom gear maker") can be checked against the parties'
// stored ISO country codes. The organisation -> country table is built at warm-up with the names: one byte per
// organisation id (an index into the codes seen), no per-question scan.

/** Demonyms, country adjectives and short names -> ISO 3166-1 alpha-2 (general knowledge, lower case). */
export const DEMONYMS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    american: 'US', us: 'US', usa: 'US', 'u.s.': 'US', america: 'US',
    british: 'GB', uk: 'GB', britain: 'GB', english: 'GB',
    swedish: 'SE', sweden: 'SE', finnish: 'FI', finland: 'FI', norwegian: 'NO', norway: 'NO', danish: 'DK', denmark: 'DK',
    german: 'DE', germany: 'DE', french: 'FR', france: 'FR', dutch: 'NL', netherlands: 'NL', belgian: 'BE',
    swiss: 'CH', switzerland: 'CH', italian: 'IT', italy: 'IT', spanish: 'ES', spain: 'ES', irish: 'IE', ireland: 'IE',
    israeli: 'IL', israel: 'IL', indian: 'IN', india: 'IN', chinese: 'CN', china: 'CN', japanese: 'JP', japan: 'JP',
    korean: 'KR', korea: 'KR', taiwanese: 'TW', taiwan: 'TW', singaporean: 'SG', singapore: 'SG',
    canadian: 'CA', canada: 'CA', australian: 'AU', australia: 'AU', brazilian: 'BR', brazil: 'BR',
    cypriot: 'CY', cyprus: 'CY', emirati: 'AE', uae: 'AE', saudi: 'SA', russian: 'RU', russia: 'RU',
  }),
);

/** Words that, before "us", make it the pronoun ("tell us", "give us"), not the country. */
const US_PRONOUN_BEFORE = new Set(['tell', 'show', 'give', 'let', 'help', 'for', 'to', 'with', 'of', 'among', 'remind', 'send', 'find', 'get', 'brief', 'let', 'lets']);

/** The country code a question word stands for, if it is a demonym in this position. */
export function demonymAt(words: readonly string[], i: number, isStop: (w: string) => boolean): string | undefined {
  const w = words[i]!;
  const code = DEMONYMS.get(w);
  if (!code) return undefined;
  if (w === 'us') {
    const next = words[i + 1];
    const prev = i > 0 ? words[i - 1]! : '';
    if (!next || isStop(next) || US_PRONOUN_BEFORE.has(prev)) return undefined;
  }
  return code;
}

/** Organisation id -> country code, one byte per id. */
export class OrgCountries {
  private readonly codes: string[] = [''];
  private readonly index = new Map<string, number>();
  private table = new Uint8Array(1024);

  set(orgId: number, country: string | null | undefined): void {
    if (!country || orgId < 0) return;
    let k = this.index.get(country);
    if (k === undefined) {
      if (this.codes.length >= 255) return;
      k = this.codes.length;
      this.codes.push(country);
      this.index.set(country, k);
    }
    if (orgId >= this.table.length) {
      const t = new Uint8Array(Math.max(orgId + 1, this.table.length * 2));
      t.set(this.table);
      this.table = t;
    }
    this.table[orgId] = k;
  }

  get(orgId: number): string | undefined {
    const k = orgId >= 0 && orgId < this.table.length ? this.table[orgId]! : 0;
    return k ? this.codes[k] : undefined;
  }
}
