// Organisations that comment on, rule on, report on or host a deal without being in it: regulators, courts,
// governments, newspapers and news agencies, stock exchanges and wire services. They are never drafted as parties,
// however close they stand to the deal verb ("The FTC sued to block Microsoft's purchase …").
import { normaliseText } from '../deals/names.ts';

const NAMES = [
  // competition and other regulators
  'Federal Trade Commission', 'FTC', 'Department of Justice', 'Justice Department', 'DOJ', 'Competition and Markets Authority', 'CMA',
  'European Commission', 'EU Commission', 'Commission', 'SAMR', 'State Administration for Market Regulation', 'Securities and Exchange Commission',
  'SEC', 'CFIUS', 'Committee on Foreign Investment in the United States', 'FCC', 'Federal Communications Commission', 'Ofcom', 'Bundeskartellamt',
  'Competition Commission of India', 'CCI', 'Korea Fair Trade Commission', 'KFTC', 'Japan Fair Trade Commission', 'JFTC', 'ACCC',
  'Australian Competition and Consumer Commission', 'Competition Bureau', 'Autorité de la concurrence', 'Reserve Bank of India', 'RBI', 'SEBI',
  'Federal Reserve', 'Bank of England', 'European Central Bank', 'ECB', 'Ministry of Commerce', 'MOFCOM', 'Treasury', 'White House', 'Congress',
  'Senate', 'European Union', 'EU', 'European Parliament', 'Supreme Court', 'High Court', 'Court of Appeal', 'Competition Appeal Tribunal',
  // news organisations and agencies
  'Wall Street Journal', 'The Wall Street Journal', 'WSJ', 'Bloomberg', 'Bloomberg News', 'Reuters', 'Financial Times', 'FT', 'New York Times',
  'The New York Times', 'Nikkei', 'Nikkei Asia', 'CNBC', 'The Information', 'Semafor', 'Axios', 'TechCrunch', 'The Verge', 'Associated Press', 'AP',
  'Agence France-Presse', 'AFP', 'Yonhap', 'Kyodo', 'Xinhua', 'Economic Times', 'The Economic Times', 'Mint', 'Handelsblatt', 'Les Echos',
  'Sky News', 'BBC', 'CNN', 'Fortune', 'Forbes', 'Business Insider', 'The Guardian', 'Guardian', 'Times of India', 'South China Morning Post',
  // exchanges and wires
  'NYSE', 'New York Stock Exchange', 'Nasdaq', 'NASDAQ', 'London Stock Exchange', 'Tokyo Stock Exchange', 'Hong Kong Stock Exchange', 'BSE', 'NSE',
  'Euronext', 'Business Wire', 'BUSINESS WIRE', 'PR Newswire', 'PRNewswire', 'GlobeNewswire',
];
const KEYS = new Set(NAMES.map(normaliseText));

/** Name endings that mark a court, a regulator or a government body. */
const BODY_WORDS = /\b(?:court|tribunal|commission|authority|ministry|department|regulator|agency|parliament|senate|government|council)$/i;

/** "Judge Jacqueline Scott Corley", "Senator …": a person named with an office; "Worldwide Developers Conference": an event. */
const OFFICE_BEFORE = /^(?:judge|justice|senator|commissioner|minister|president|chancellor|governor|mayor|mr|ms|mrs|dr|sir)\b/i;
const EVENT_END = /\b(?:conference|summit|expo|forum|festival|keynote|awards|convention)$/i;

export function isNonParty(name: string): boolean {
  const key = normaliseText(name);
  if (OFFICE_BEFORE.test(key) || EVENT_END.test(key)) return true;
  if (KEYS.has(key) || KEYS.has(key.replace(/^the /, ''))) return true;
  return BODY_WORDS.test(key);
}
