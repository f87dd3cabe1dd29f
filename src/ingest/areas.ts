// Areas from a fixed taxonomy: each area lists the words that trigger it, and the draft keeps the words it saw, so
// an admin can tell "AI" came from "Cortana" and "artificial intelligence" rather than from nowhere.
import { LIMITS } from '../deals/schema.ts';
import type { Sentence } from './text.ts';

export const AREA_TAXONOMY: { area: string; re: RegExp }[] = [
  { area: 'cloud', re: /\b(?:cloud(?: computing| services?| platform| infrastructure)?|Azure|AWS|Google Cloud|data cent(?:er|re)s?|SaaS|hosting|virtual desktops?|virtuali[sz]ation)\b/gi },
  { area: 'AI', re: /\b(?:AI|artificial intelligence|machine learning|deep learning|neural networks?|large language models?|LLMs?|generative|voice assistants?|Cortana|Alexa|chatbots?|ChatGPT|GPT-\d\w*|language models?|computer vision|natural language processing|speech recognition)\b/g },
  { area: 'smart speakers', re: /\b(?:smart speakers?|(?:AI|voice|Mi AI) speakers?)\b/gi },
  { area: 'laptops', re: /\b(?:laptops?|laptop-type|notebooks?|Mi Notebook|ultrabooks?|PCs?|personal computers?)\b/gi },
  { area: 'smartphones', re: /\b(?:smartphones?|handsets?|mobile phones?|phones?|iPhone|Android)\b/gi },
  { area: 'devices', re: /\b(?:devices|hardware|wearables?|smartwatch\w*|tablets?|consumer electronics|IoT|internet of things)\b/gi },
  { area: 'semiconductors', re: /\b(?:semiconductors?|chips?|chipmakers?|chip designer|processors?|CPUs?|GPUs?|foundr(?:y|ies)|wafers?|fabs?|microcontrollers?|MCUs|circuit boards?|memory chips|flash memory|NAND|DRAM|chipsets?)\b/gi },
  { area: 'networking', re: /\b(?:networking|routers?|network switches|networking equipment|Wi-?Fi|campus networks?|optical (?:networking|networks?|interconnects?|modules|transport|communications))\b/gi },
  { area: 'design software', re: /\b(?:design software|design tools?|design platform|design start-?up|creative software|Photoshop|Illustrator|graphic design)\b/gi },
  { area: 'gaming', re: /\b(?:gam(?:e|es|ing)|video games?|consoles?|esports|Xbox|PlayStation|game studios?|publisher of games)\b/gi },
  { area: 'cybersecurity', re: /\b(?:cyber ?security|(?<!national |homeland |social |food |energy |job )security(?! grounds| council| review| concerns| risks?)|threats?|threat detection|observability|firewalls?|identity management|endpoint protection)\b/gi },
  { area: 'automotive', re: /\b(?:automotive|electric vehicles?|EVs?|self-driving|autonomous driving|carmakers?|automakers?|cars|car (?:and|market|industry|makers?|electronics|audio)|connected[- ]cars?)\b/gi },
  { area: 'batteries', re: /\b(?:batter(?:y|ies)|battery cells?|lithium)\b/gi },
  { area: 'fintech', re: /\b(?:fintech|(?:digital|mobile|online|debit|card) payments|payments? (?:company|platform|business|app|processing|service|network)|digital wallets?|banking software|lending platform|financial apps?)\b/gi },
  { area: 'telecom', re: /\b(?:telecom\w*|5G|mobile networks?|wireless carriers?|network equipment|spectrum|broadband)\b/gi },
  { area: 'e-commerce', re: /\b(?:e-?commerce|online retail\w*|online shopping|marketplaces?)\b/gi },
  { area: 'social media', re: /\b(?:social media|social network\w*|professional network|(?:image|photo|video)-sharing|microblogging)\b/gi },
  { area: 'messaging', re: /\b(?:messaging(?: apps?| services?| platforms?)?|messenger|chat apps?|instant messaging|(?:free )?(?:voice and video|internet|video) calls)\b/gi },
  { area: 'advertising', re: /\b(?:advertis\w+|ad tech|adtech|ad business)\b/gi },
  { area: 'streaming', re: /\b(?:streaming(?: service| apps?)?|video on demand|music service|Prime Video|Netflix)\b/gi },
  { area: 'enterprise software', re: /\b(?:enterprise software|business software|CRM|ERP|workplace software|collaboration software|productivity software|(?:marketing|sales|HR|accounting|customer service)(?: and (?:marketing|sales|service))? software|customer relationship management|workplace messaging)\b/gi },
  { area: 'search', re: /\b(?:search engines?|web search|AI search|search (?:business|market|providers?|results|queries|deal|traffic|default)|searches|Bing)\b/gi },
  { area: 'robotics', re: /\b(?:robot\w*|automation)\b/gi },
  { area: 'AR/VR', re: /\b(?:augmented reality|virtual reality|mixed reality|AR|VR|headsets?|metaverse)\b/g },
  { area: 'healthcare', re: /\b(?:health ?care|medical|hospitals?|health data|digital health|clinical trials?|life sciences|drug ?makers|pharmaceutical\w*|cancer|genomics|gene sequencing|diagnostics?|blood tests?|primary care|clinics?)\b/gi },
  // The business of making servers, not servers mentioned as where chips go ("between chips and servers").
  { area: 'servers', re: /\b(?:(?:x86 )?server (?:business|unit|division|market|hardware|makers?|maker)|x86 servers|mainframes?|data-cent(?:re|er) hardware)\b/gi },
  { area: 'quantum computing', re: /\bquantum (?:computing|computers?)\b/gi },
  { area: 'data analytics', re: /\b(?:data analytics|big data|analytics|data platforms?|data visuali[sz]ation|business intelligence)\b/gi },
  // Narrower areas: named when the story is about that part of a broader one (the broader one stays too).
  { area: 'memory chips', re: /\b(?:memory chips?|memory makers?|memory chipmakers?|DRAM|NAND|HBM|high-bandwidth memory|flash memory)\b/g },
  { area: 'optical networking', re: /\b(?:optical (?:networking|networks?|interconnects?|modules|transport|communications|components|capacity)|fib(?:er|re)[- ]optic\w*)\b/gi },
  { area: 'hybrid cloud', re: /\bhybrid(?:[- ]cloud| and multi-?cloud| multi-?cloud)\b/gi },
  { area: 'AI infrastructure', re: /\b(?:AI infrastructure|AI data cent(?:er|re)s?|AI computing capacity|compute capacity|AI supercomputers?)\b/gi },
  { area: 'cloud communications', re: /\b(?:cloud communications?|communications platform|communications APIs?|CPaaS|unified communications)\b/gi },
  { area: 'electric vehicles', re: /\b(?:electric vehicles?|electric cars?|EVs?|EV charging|charging (?:network|stations?|points?))\b/g },
  { area: 'DNA sequencing', re: /\b(?:DNA sequencing|gene sequencing|genome sequencing|sequencing (?:machines?|systems?|technolog\w+|rival|company|instruments?)|long-read)\b/gi },
  { area: 'developer tools', re: /\b(?:developer tools?|coding (?:assistants?|tools?|agents?|start-?ups?)|AI coding|code editors?|programming tools?)\b/gi },
  { area: 'data storage', re: /\b(?:data storage|storage (?:arrays?|systems?|hardware|business|company|maker|products|software)|flash storage|SSDs?|solid-state drives?|hard (?:disk )?drives?)\b/gi },
  { area: 'wearables', re: /\b(?:wearables?|wearable devices?|smartwatch(?:es)?|fitness (?:trackers?|bands?)|smart rings?)\b/gi },
  { area: 'health data', re: /\b(?:health data|health and wellness data|fitness data|health records)\b/gi },
  { area: 'telecom equipment', re: /\b(?:telecom(?:munications)? (?:equipment|gear|infrastructure)|network(?:ing)? equipment makers?|base stations?|radio access networks?|mobile network (?:equipment|gear|infrastructure))\b/gi },
  { area: 'digital security', re: /\b(?:digital security|SIM cards?|smart cards?|(?:electronic|biometric) passports?|identity (?:documents|verification))\b/gi },
  { area: 'space', re: /\b(?:satellites?(?! radio)|spacecraft|space (?:industry|business(?:es)?|company|companies|systems|venture|sector|activities|programmes?|programs?)|launch vehicles?|in orbit|orbital)\b/gi },
  { area: 'satellite radio', re: /\bsatellite radio\b/gi },
  { area: 'printing', re: /\b(?:printers?|printing|print (?:business|unit|division)|toner|ink cartridges?)\b/gi },
  // Other businesses deals are about.
  { area: 'media', re: /\b(?:media (?:group|company|companies|business|assets|conglomerate|giant|deals?|unit|division|empire)|TV distributors?|pay-TV|cable (?:networks?|channels?)|(?:news|newspaper|magazine) publishers?|newspapers?|journalism|news (?:content|publishers?|organi[sz]ations?|archives?|groups?)|broadcasters?|television|TV (?:networks?|channels?|stations?)|magazines?)\b/gi },
  { area: 'patents', re: /\b(?:patents?|patent (?:portfolio|licen[cs]e|licensing|litigation|dispute)|intellectual property)\b/gi },
  { area: 'defense', re: /\b(?:defen[cs]e (?:contractors?|companies|industry|electronics|business)|military|aerospace and defen[cs]e|Pentagon)\b/gi },
  { area: 'retail', re: /\b(?:retail(?:ers?|ing)?|supermarkets?|grocer(?:y|s|ies)|grocery chains?|stores)\b/gi },
  { area: 'food', re: /\b(?:food (?:company|companies|maker|makers|group|business)|snacks?|cereals?|packaged foods?|confectionery|beverages?)\b/gi },
  { area: 'IT services', re: /\b(?:IT services|consulting (?:and|firm|group|company|business)|(?:engineering|IT|technology) consultanc(?:y|ies)|outsourcing|digital transformation|engineering services|technology consulting)\b/gi },
];

export interface AreaFinding {
  area: string;
  score: number;
  triggers: string[];
}

/** A draft names the few areas the story is most about; a press release's every passing word (security, automation,
 * 5G) would bury them, and an admin adds any other in the form. */
const DRAFT_AREAS = 3;

/**
 * Areas whose words appear in the title (weight 2) or at least twice in the body, best first (of equal scores, the one
 * named first), at most DRAFT_AREAS.
 * Quotes count: what the parties say the deal covers is the point of quoting them.
 */
export function findAreas(sentences: readonly Sentence[]): AreaFinding[] {
  const found = new Map<string, AreaFinding>();
  /** Where each area is first named: of areas scored alike, the one the story names first leads. */
  const first = new Map<string, number>();
  for (const s of sentences) {
    // The headline and the lead say what the deal is about; later paragraphs need two mentions.
    const w = s.paragraph < 0 || s.index <= 2 ? 2 : 1;
    for (const { area, re } of AREA_TAXONOMY) {
      for (const m of s.text.matchAll(re)) {
        if (!first.has(area)) first.set(area, s.index * 10_000 + m.index);
        const f = found.get(area) ?? { area, score: 0, triggers: [] };
        f.score += w;
        const word = m[0];
        if (f.triggers.length < 4 && !f.triggers.some((t) => t.toLowerCase() === word.toLowerCase())) f.triggers.push(word);
        found.set(area, f);
      }
    }
  }
  // A description fills in what the fixed list misses; beside two listed areas it would only add noise.
  const described = describedArea(sentences);
  if (described && [...found.values()].filter((f) => f.score >= 2).length < 2 && ![...found.keys()].some((a) => a.toLowerCase() === described.toLowerCase())) {
    found.set(described, { area: described, score: 2, triggers: [described] });
  }
  // A smart speaker or a laptop is also a device; keep "devices" only when the text speaks of devices as such.
  return [...found.values()]
    .filter((f) => f.score >= 2)
    .sort((a, b) => b.score - a.score || (first.get(a.area) ?? 1e12) - (first.get(b.area) ?? 1e12) || a.area.localeCompare(b.area))
    .slice(0, Math.min(DRAFT_AREAS, LIMITS.areas));
}

// What the article says a company makes or is: "the maker of test and measurement equipment", "the two insurance
// brokers". The phrase between "maker of" and its generic head noun (equipment, products, software …) or the
// modifiers before a business noun (company, brokers, firm …) name the area, whatever the taxonomy lists.
const GENERIC_HEAD = / (?:equipment|products?|systems?|gear|goods|services|tools|devices|solutions|instruments|software)$/i;
const MAKER_OF = /\b(?:maker|makers|provider|providers|supplier|suppliers|developer|developers) of ([a-z][a-z-]*(?: (?:and )?[a-z][a-z-]*){0,3})/g;
const BUSINESS_NOUN = /\b(?:the|an?|two|three) (?:(?:largest|biggest|leading|[A-Z][a-z]+) )?([a-z][a-z-]+(?: and [a-z][a-z-]+)?) (?:company|companies|brokers?|firms?|insurer|chains?|group)\b/g;
const NOT_AREA = /^(?:two|three|new|big|largest|biggest|leading|other|same|combined|parent|holding|private|public|investment|software|technology|tech|platform|global|major|[a-z-]+ed)$/i;

export function describedArea(sentences: readonly Sentence[]): string | undefined {
  for (const s of sentences.slice(0, 4)) {
    for (const m of s.text.matchAll(MAKER_OF)) {
      const phrase = (m[1] ?? '').replace(/ (?:for|in|to|that|which|with|and)$/i, '').replace(GENERIC_HEAD, '');
      if (phrase && phrase !== m[1] && !phrase.split(/[ -]/).some((w) => NOT_AREA.test(w))) return phrase;
    }
    for (const m of s.text.matchAll(BUSINESS_NOUN)) {
      const phrase = m[1] ?? '';
      if (phrase && !NOT_AREA.test(phrase) && !phrase.split(' ').some((w) => NOT_AREA.test(w))) return phrase;
    }
  }
  return undefined;
}
