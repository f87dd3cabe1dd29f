// Which organisations are the deal's parties, and in what role. Parties are the organisations the headline and the
// first deal sentences name (not every company the article mentions in passing); roles come from the wording around
// the deal verb ("A acquires B", "B was bought by A", "B raises … led by A", "A licenses … to B").
import type { DealType, PartyRole } from '../deals/schema.ts';
import { LIMITS } from '../deals/schema.ts';
import { normaliseText } from '../deals/names.ts';
import type { OrgMention } from './organisations.ts';
import type { Sentence } from './text.ts';

export interface PartyFinding {
  name: string;
  role: PartyRole;
  known: boolean;
  /** How the name was found: exact, alias, typo ("Xiamoi"), or new. */
  how: OrgMention['how'];
  written: string[];
  roleFrom: 'wording' | 'default';
}

const DEAL_WORD =
  /\b(?:acqui\w+|buy\w*|bought|purchas\w*|takeover|take over|took over|merg\w+|invest\w*|rais\w+|funding|stake|partner\w*|MoU|memorandum|letter of intent|joint venture|licen[cs]\w*|divest\w*|sell\w*|sold|settle\w*|agreement|deal|team\w* up|collaborat\w+|alliance|sign\w*)\b/i;

/** Drops asides that name other companies: "(NASDAQ: MSFT)", ", which bought LinkedIn in 2016,". */
function withoutAsides(s: string): string {
  return s
    .replace(/\([^()]*\)/g, (m) => ' '.repeat(m.length))
    .replace(/,\s+(?:which|who|whose|that)\b[^,]*,/g, (m) => ' '.repeat(m.length))
    .replace(/“[^“”]*”/g, (m) => ' '.repeat(m.length));
}

interface Placed {
  name: string;
  at: number;
}

/** Roles from one sentence's wording, for the deal type; only organisations in `names` are considered. */
function rolesFromSentence(text: string, mentions: Placed[], type: DealType): Map<string, PartyRole> {
  const roles = new Map<string, PartyRole>();
  const set = (name: string | undefined, role: PartyRole) => {
    if (name && !roles.has(name)) roles.set(name, role);
  };
  const before = (i: number) => mentions.filter((m) => m.at < i);
  const after = (i: number) => mentions.filter((m) => m.at >= i);
  const lastBefore = (i: number) => before(i).at(-1)?.name;
  const firstAfter = (i: number) => after(i)[0]?.name;
  let m: RegExpExecArray | null;
  if (type === 'acquisition' || type === 'divestiture' || type === 'merger') {
    if ((m = /\b(?:acquired|bought|purchased|taken over|snapped up)\s+by\b/i.exec(text))) {
      set(firstAfter(m.index), 'acquirer');
      set(lastBefore(m.index), 'target');
    } else if ((m = /\b(?:sell|sells|sold|selling|divest\w*|spin\w* off)\b/i.exec(text))) {
      set(lastBefore(m.index), 'seller');
      const rest = after(m.index);
      const to = /\bto\b/i.exec(text.slice(m.index));
      if (to) {
        const toAt = m.index + to.index;
        set(rest.find((x) => x.at < toAt)?.name, 'target');
        set(mentions.find((x) => x.at > toAt)?.name, 'acquirer');
      } else set(rest[0]?.name, 'target');
    } else if ((m = /\bsale\s+of\b/i.exec(text))) {
      set(lastBefore(m.index), 'seller');
      const to = /\bto\b/i.exec(text.slice(m.index));
      const toAt = to ? m.index + to.index : Infinity;
      set(after(m.index).find((x) => x.at < toAt)?.name, 'target');
      set(mentions.find((x) => x.at > toAt)?.name, 'acquirer');
    } else if ((m = /\b(?:acquisition|takeover|purchase|buyout)\s+of\b/i.exec(text))) {
      const by = /\bby\b/i.exec(text.slice(m.index));
      set(firstAfter(m.index), 'target');
      if (by) set(mentions.find((x) => x.at > m!.index + by.index)?.name, 'acquirer');
      set(lastBefore(m.index), 'acquirer');
    } else if (
      (m = /\b(?:acquir\w*|buy|buys|bought|buying|purchas\w*|take over|takes over|took over|snap\w* up|bid for|offer for)\b/i.exec(text))
    ) {
      set(lastBefore(m.index), 'acquirer');
      set(firstAfter(m.index), 'target');
      const from = /\bfrom\b/i.exec(text.slice(m.index));
      if (from) set(mentions.find((x) => x.at > m!.index + from.index)?.name, 'seller');
    }
    // "Acme bought Globex's robotics unit": the owner of the unit sold it.
    for (const x of mentions) {
      if (roles.get(x.name) === 'target' && /^['’]s\s+\w+\s+(?:unit|division|business|arm)\b/i.test(text.slice(x.at).replace(/^[^'’\s]+/, ''))) {
        roles.set(x.name, 'seller');
      }
    }
  } else if (type === 'investment') {
    if ((m = /\b(?:rais\w+|secur\w+|closes?|closed|lands?|landed|gets?|got)\b/i.exec(text)) && before(m.index).length) {
      set(lastBefore(m.index), 'investee');
      for (const x of after(m.index)) set(x.name, 'investor');
    } else if ((m = /\b(?:invest\w*|leads?|led|backs?|backed|takes? a stake|took a stake|stake)\b[^.]*?\b(?:in|into)\b/i.exec(text))) {
      // "A has led a $100 million Series C investment in B": B follows the "in".
      const inAt = m.index + m[0].length;
      for (const x of before(inAt)) set(x.name, 'investor');
      set(firstAfter(inAt), 'investee');
      for (const x of after(inAt)) set(x.name, 'investor');
    } else if ((m = /\b(?:investment|funding|backing)\s+(?:in|for)\b/i.exec(text))) {
      set(firstAfter(m.index), 'investee');
      for (const x of mentions) set(x.name, 'investor');
    }
  } else if (type === 'licensing') {
    if ((m = /\blicen[cs]\w*\b[^.]*?\bfrom\b/i.exec(text))) {
      set(lastBefore(m.index), 'licensee');
      set(mentions.find((x) => x.at > m!.index + m![0].length - 5)?.name, 'licensor');
    } else if ((m = /\blicen[cs]\w*\b/i.exec(text))) {
      set(lastBefore(m.index), 'licensor');
      set(firstAfter(m.index), 'licensee');
    }
  }
  return roles;
}

const DEFAULT_ROLE: Record<DealType, PartyRole> = {
  acquisition: 'target',
  merger: 'partner',
  investment: 'investor',
  partnership: 'partner',
  mou: 'partner',
  joint_venture: 'partner',
  licensing: 'partner',
  divestiture: 'partner',
  settlement: 'partner',
  other: 'partner',
};

/**
 * Picks the parties: every organisation named in the title, plus those named in the first two body sentences that
 * speak of a deal. Orders them by first mention; assigns roles from the wording, falling back to the type's default.
 */
export function selectParties(sentences: readonly Sentence[], mentions: readonly OrgMention[], type: DealType | undefined): PartyFinding[] {
  // The title and the first deal sentence name the parties; a second deal sentence only when those name fewer than two.
  const allDeal = sentences.filter((s) => s.paragraph >= 0 && DEAL_WORD.test(withoutAsides(s.text)));
  const orgsIn = (idx: number[]) => new Set(mentions.filter((m) => idx.includes(m.sentence)).map((m) => m.name)).size;
  const titleIdx = sentences.filter((s) => s.paragraph < 0).map((s) => s.index);
  const dealSentences = allDeal.slice(0, orgsIn([...titleIdx, ...allDeal.slice(0, 1).map((s) => s.index)]) >= 2 ? 1 : 2);
  const focus = new Set<number>([...titleIdx, ...dealSentences.map((s) => s.index)]);
  const focusText = new Map(sentences.map((s) => [s.index, withoutAsides(s.text)]));
  // A new name that only appears as part of a longer new name ("Zeta" in "Zeta Labs") is the same organisation.
  const newNames = [...new Set(mentions.filter((m) => !m.known).map((m) => m.name))];
  const canonical = (m: OrgMention) => {
    if (m.known) return m.name;
    const longer = newNames.find((n) => n !== m.name && normaliseText(n).startsWith(normaliseText(m.name) + ' '));
    return longer ?? m.name;
  };
  const picked: PartyFinding[] = [];
  const seen = new Map<string, PartyFinding>();
  for (const m of mentions) {
    if (!focus.has(m.sentence)) continue;
    // Mentions blanked out as asides ("(NASDAQ: MSFT)") do not count.
    const text = focusText.get(m.sentence) ?? '';
    if (text.slice(m.at, m.end).trim() === '') continue;
    const name = canonical(m);
    const existing = seen.get(name);
    if (existing) {
      if (!existing.written.includes(m.written)) existing.written.push(m.written);
      continue;
    }
    const p: PartyFinding = { name, role: 'partner', known: m.known, how: m.how, written: [m.written], roleFrom: 'default' };
    seen.set(name, p);
    picked.push(p);
  }
  // New organisations need support beyond one mention in a deal sentence unless a deal verb points at them.
  const parties = picked.slice(0, LIMITS.parties);
  if (!type) return parties;
  // Roles from the headline and the deal sentences first; parties still without one look further down the article
  // ("The $20 billion takeover of Figma by Adobe was announced in 2022").
  const later = sentences.filter((s) => s.paragraph >= 0 && !dealSentences.includes(s)).slice(0, 12);
  const roleSources = [...sentences.filter((s) => s.paragraph < 0), ...dealSentences, ...later];
  for (const s of roleSources) {
    const text = withoutAsides(s.text);
    const placed = mentions
      .filter((m) => m.sentence === s.index && text.slice(m.at, m.end).trim() !== '')
      .map((m) => ({ name: canonical(m), at: m.at }))
      .filter((m) => seen.has(m.name));
    const roles = rolesFromSentence(text, placed, type);
    for (const [name, role] of roles) {
      const p = seen.get(name);
      if (p && p.roleFrom === 'default') {
        p.role = role;
        p.roleFrom = 'wording';
      }
    }
  }
  for (const p of parties) {
    if (p.roleFrom === 'default') p.role = DEFAULT_ROLE[type];
  }
  // An investment has one investee: without wording, the last-named organisation in the title is the likeliest.
  if (type === 'investment' && !parties.some((p) => p.role === 'investee') && parties.length > 1) {
    parties[parties.length - 1]!.role = 'investee';
  }
  if (type === 'acquisition' && !parties.some((p) => p.role === 'acquirer')) {
    const first = parties.find((p) => p.roleFrom === 'default');
    if (first) first.role = 'acquirer';
  }
  return parties;
}
