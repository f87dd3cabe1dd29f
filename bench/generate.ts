// Deterministic synthetic deals for the evaluation's distractors, the benchmark and the load test:
// `generateDeals(n, seed)` returns valid Deal objects and their organisations. Company names and product/place words
// are made from syllables, so a 100k corpus has tens of thousands of distinct names and words (a realistic
// vocabulary size, with a Zipf-like spread), mixed with ordinary business and technology words shared with real deals.
import { DEAL_STATUSES, type Deal, type DealType, type Organisation, type PartyRole, slugify } from '../src/deals/schema.ts';

/** mulberry32: small, fast, and the same sequence on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = 'b c d f g h j k l m n p r s t v w z br cr dr fl gr kl pr st tr sh ch th qu vr zh'.split(' ');
const VOWELS = 'a e i o u ai ea io ou y'.split(' ');
const CODAS = ' n r s x l m t nd rk st lt ct'.split(' ');

const SUFFIXES = `Labs Systems Networks Technologies Holdings Group Robotics Software Semiconductor Bio Capital Media Games
Cloud AI Energy Motors Payments Health Security Telecom Devices Analytics Logistics Foods Mobility Retail Studios`.split(/\s+/);

/** Ordinary words of deal write-ups (our own list), shared with the real corpus on purpose: they make distractors hard. */
const COMMON = `cloud ai software platform data center chips semiconductors smartphones devices network networking security
payments retail e-commerce gaming games video streaming music messaging social media advertising search mobile apps
enterprise services consulting healthcare hospital patients insurance banking fintech lending logistics delivery
grocery food mobility electric vehicles batteries charging autonomous driving robotics drones satellites space telecom
5g wireless broadband fiber towers spectrum storage memory flash servers supercomputing quantum analytics observability
cybersecurity identity privacy developer tools open source code collaboration productivity design creative subscription
marketplace travel hotels education learning recruiting workplace voice assistant speaker speakers headphones audio
cameras sensors displays screens wearables smartwatch fitness health records biotech genomics drug discovery energy
solar wind grid utilities oil gas mining agriculture farming manufacturing factory automation industrial printing
semiconductor foundry packaging lidar radar maps navigation ride-hailing scooters bikes trucks shipping ports airlines
aircraft defense government licensing patents royalties settlement dispute lawsuit regulators approval antitrust
competition authority shareholders board investors stake minority majority consortium venture fund private equity
buyout debt financing shares cash valuation billion million revenue profit growth expansion market markets region
customers users subscribers partners suppliers engineers researchers team talent brand products product launch rollout
integration migration infrastructure hardware chipsets modems processors accelerators models training inference
language translation vision recognition transcription documents email calendar office spreadsheets accounting tax
payroll crm erp supply chain warehouse inventory checkout loyalty coupons ads creators influencers esports tournaments
consoles handheld virtual reality augmented headsets metaverse avatars studio film television broadcast news sports
rights catalogue library books publishing printing newspapers radio podcasts live events tickets concerts`.split(/\s+/);

const VERBS = `agreed announced signed completed closed expanded launched integrated combined acquired invested planned
extended renewed confirmed approved blocked delayed reviewed proposed raised`.split(/\s+/);

const CITIES = `London Paris Berlin Tokyo Seoul Shenzhen Beijing Shanghai Bangalore Mumbai Singapore Jakarta Sydney Toronto
Austin Seattle Boston Dublin Stockholm Helsinki Tel-Aviv Munich Zurich Amsterdam Madrid Milan Warsaw Prague Lagos Nairobi
Dubai Riyadh Istanbul Taipei Hanoi Manila Bangkok Melbourne Vancouver Chicago Denver Atlanta Miami Oslo Copenhagen`.split(/\s+/);

const TYPE_WEIGHTS: [DealType, number][] = [
  ['acquisition', 40],
  ['investment', 20],
  ['partnership', 15],
  ['mou', 5],
  ['joint_venture', 5],
  ['merger', 4],
  ['licensing', 4],
  ['divestiture', 4],
  ['settlement', 3],
];

const ROLES: Record<DealType, [PartyRole, PartyRole]> = {
  acquisition: ['acquirer', 'target'],
  merger: ['acquirer', 'target'],
  investment: ['investor', 'investee'],
  partnership: ['partner', 'partner'],
  mou: ['partner', 'partner'],
  joint_venture: ['partner', 'partner'],
  licensing: ['licensor', 'licensee'],
  divestiture: ['seller', 'acquirer'],
  settlement: ['partner', 'partner'],
  other: ['partner', 'partner'],
};

export interface GeneratedCorpus {
  deals: Deal[];
  organisations: Organisation[];
}

export interface GenerateOptions {
  /** Real organisation names that may appear as one party of a synthetic deal (never two in the same deal). */
  realOrganisations?: string[];
  /** Share of deals with one real party (default 0.1 when realOrganisations is given). */
  realShare?: number;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function generateDeals(n: number, seed = 42, opts: GenerateOptions = {}): GeneratedCorpus {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  /** Zipf-like: low indexes far more often, so a few words are common and most are rare (as in news text). */
  const zipf = <T>(xs: readonly T[]): T => xs[Math.min(xs.length - 1, Math.floor(xs.length * Math.pow(rnd(), 2.2)))]!;

  const pseudo = (syllables: number) => {
    let w = '';
    for (let i = 0; i < syllables; i++) w += pick(ONSETS) + pick(VOWELS);
    return w + pick(CODAS);
  };
  const uniqueWords = (count: number, minSyl: number, maxSyl: number, taken: Set<string>) => {
    const out: string[] = [];
    let guard = 0;
    while (out.length < count && guard++ < count * 20) {
      const w = pseudo(minSyl + Math.floor(rnd() * (maxSyl - minSyl + 1)));
      if (w.length < 4 || taken.has(w)) continue;
      taken.add(w);
      out.push(w);
    }
    return out;
  };

  const taken = new Set<string>(COMMON);
  const orgCount = Math.max(50, Math.round(n * 0.6));
  const brandWords = uniqueWords(orgCount, 2, 3, taken);
  const productWords = uniqueWords(Math.max(200, Math.round(n * 0.5)), 2, 3, taken);

  // Organisations: a brand word, often with a suffix; aliases: a ticker and the short name.
  const organisations: Organisation[] = [];
  const tickers = new Set<string>();
  brandWords.forEach((b) => {
    const name = rnd() < 0.6 ? `${capital(b)} ${pick(SUFFIXES)}` : capital(b);
    const aliases: string[] = [];
    if (name.includes(' ')) aliases.push(capital(b));
    let ticker = (b.replace(/[aeiouy]/g, '') + b).slice(0, 3 + Math.floor(rnd() * 2)).toUpperCase();
    if (ticker.length >= 3 && !tickers.has(ticker)) {
      tickers.add(ticker);
      aliases.push(ticker);
    } else ticker = '';
    organisations.push({ name, aliases });
  });
  const real = opts.realOrganisations ?? [];
  const realShare = real.length ? (opts.realShare ?? 0.1) : 0;

  const typeTotal = TYPE_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const pickType = (): DealType => {
    let r = rnd() * typeTotal;
    for (const [t, w] of TYPE_WEIGHTS) if ((r -= w) < 0) return t;
    return 'acquisition';
  };

  const deals: Deal[] = [];
  const slugs = new Set<string>();
  for (let i = 0; i < n; i++) {
    const type = pickType();
    const a = zipf(organisations).name;
    let b = pick(organisations).name;
    while (b === a) b = pick(organisations).name;
    const names = [a, b];
    if (rnd() < realShare) names[rnd() < 0.5 ? 0 : 1] = pick(real);
    const product = capital(zipf(productWords));
    const area1 = zipf(COMMON);
    const area2 = pick(COMMON);
    const year = 2005 + Math.floor(rnd() * 21);
    const month = 1 + Math.floor(rnd() * 12);
    const announced = rnd() < 0.7 ? `${year}-${String(month).padStart(2, '0')}` : String(year);
    const [A, B] = names as [string, string];
    const title = {
      acquisition: `${A} acquires ${B}`,
      merger: `${A} merges with ${B}`,
      investment: `${A} invests in ${B}'s ${area1} business`,
      partnership: `${A} and ${B} partner on ${area1} ${area2}`,
      mou: `${A} and ${B} sign memorandum on ${area1}`,
      joint_venture: `${A} and ${B} form ${product} joint venture`,
      licensing: `${A} licenses ${area1} patents to ${B}`,
      divestiture: `${A} sells its ${product} unit to ${B}`,
      settlement: `${A} and ${B} settle ${area1} dispute`,
      other: `${A} and ${B} deal`,
    }[type];
    const words = () => {
      const k = 4 + Math.floor(rnd() * 5);
      const out: string[] = [];
      for (let j = 0; j < k; j++) out.push(rnd() < 0.75 ? zipf(COMMON) : zipf(productWords));
      return out.join(' ');
    };
    const amount = Math.round(10 + rnd() * 5000) * 1_000_000;
    const summary = [
      `In ${announced.slice(0, 4)} ${A} ${pick(VERBS)} a deal with ${B} covering ${area1} and ${area2}.`,
      `The ${product} ${words()} in ${pick(CITIES)} was part of it, alongside ${words()}.`,
      `Both companies said the ${words()} would ${pick(VERBS)} ${words()}.`,
      rnd() < 0.5 ? `Analysts noted ${words()} and ${words()}.` : `It was valued at about ${amount / 1e6} million dollars.`,
    ].join(' ');
    let slug = slugify(`${title.slice(0, 48)} ${announced.slice(0, 4)}`);
    if (slugs.has(slug)) slug = `${slug.slice(0, 56)}-${i}`;
    slugs.add(slug);
    const [r1, r2] = ROLES[type];
    deals.push({
      slug,
      title,
      type,
      status: pick(DEAL_STATUSES.filter((s) => s !== 'unknown')),
      announced,
      parties: [
        { name: A, role: r1 },
        { name: B, role: r2 },
      ],
      ...(rnd() < 0.6 ? { value: { amount, currency: 'USD' } } : {}),
      areas: [area1, area2, product.toLowerCase()].filter((x, k, xs) => xs.indexOf(x) === k),
      summary,
      sources: [{ url: `https://news.example.com/${slug}`, publisher: 'Example Wire' }],
    });
  }
  return { deals, organisations };
}
