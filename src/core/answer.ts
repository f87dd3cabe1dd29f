// The answer first: one plain sentence built only from stored fields, for what the question asked — the value, the
// announcement or closing date, the status, whether it binds, who took part, how many, or a summary of a list.
// Never invents: an undisclosed value says the terms were not disclosed, an unknown closing date says it is not
// recorded, and dates keep the precision they are stored with. Pure (no store, no search calls).
import type { Deal, DealStatus, DealType, PartyRole } from '../deals/schema.ts';
import { formatMoney, formatPartialDate } from '../deals/format.ts';
import type { QuestionReading, TypeBreakdown } from '../search/types.ts';

type Party = Deal['parties'][number];

const PLURAL: Record<DealType, [string, string]> = {
  acquisition: ['acquisition', 'acquisitions'],
  merger: ['merger', 'mergers'],
  investment: ['investment', 'investments'],
  partnership: ['partnership', 'partnerships'],
  mou: ['memorandum of understanding', 'memoranda of understanding'],
  joint_venture: ['joint venture', 'joint ventures'],
  licensing: ['licensing deal', 'licensing deals'],
  divestiture: ['divestiture', 'divestitures'],
  settlement: ['settlement', 'settlements'],
  other: ['other deal', 'other deals'],
};

export function typeNoun(t: DealType, n = 1): string {
  return PLURAL[t][n === 1 ? 0 : 1];
}

function names(ps: Party[]): string {
  const ns = ps.map((p) => p.name);
  if (ns.length <= 1) return ns[0] ?? '';
  return `${ns.slice(0, -1).join(', ')} and ${ns[ns.length - 1]}`;
}

function role(d: Deal, ...roles: PartyRole[]): Party[] {
  return d.parties.filter((p) => roles.includes(p.role));
}

/** "on 18 Jan 2022", "in Jan 2022", "in 2022": at the stored precision. */
export function onDate(d: string): string {
  return d.length === 10 ? `on ${formatPartialDate(d)}` : `in ${formatPartialDate(d)}`;
}

/** The amount alone; its note ("all-cash, $95 per share") goes into the sentence's one bracket (`bracket`). */
function money(d: Deal): string | undefined {
  if (!d.value) return undefined;
  return formatMoney(d.value.amount, d.value.currency);
}

/** The sentence's closing bracket: the value's note first when the value was stated, then the dates. */
function bracket(d: Deal, inner: string, valueStated: boolean): string {
  return valueStated && d.value?.note ? `(${d.value.note}; ${inner})` : `(${inner})`;
}

/** "Microsoft's acquisition of GitHub", "Amazon's investment in Anthropic", "the Sony–Microsoft MoU". */
export function dealPhrase(d: Deal): string {
  const [acq] = role(d, 'acquirer');
  const targets = role(d, 'target');
  const sellers = role(d, 'seller');
  const investors = role(d, 'investor');
  const investees = role(d, 'investee');
  if ((d.type === 'acquisition' || d.type === 'other') && acq && targets.length) return `${acq.name}'s acquisition of ${names(targets)}`;
  if ((d.type === 'acquisition' || d.type === 'other') && acq && sellers.length) return `${acq.name}'s purchase from ${names(sellers)}`;
  if (d.type === 'divestiture' && sellers.length && targets.length) return `${names(sellers)}'s sale of ${names(targets)}${acq ? ` to ${acq.name}` : ''}`;
  if (d.type === 'divestiture' && acq && targets.length) return `${acq.name}'s purchase of ${names(targets)}`;
  if (d.type === 'merger' && acq && targets.length) return `the merger of ${acq.name} and ${names(targets)}`;
  if (d.type === 'investment' && investors.length && investees.length) return `${names(investors)}'s investment in ${names(investees)}`;
  const label = d.type === 'mou' ? 'memorandum of understanding' : d.type === 'other' ? 'deal' : typeNoun(d.type);
  return `the ${d.parties.map((p) => p.name).join('–')} ${label}`;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "completed in Oct 2023", "terminated; the date it ended is not recorded", "pending". */
export function closingPhrase(d: Deal): string {
  if (d.status === 'completed') return d.closed ? `completed ${onDate(d.closed)}` : 'completed; the closing date is not recorded';
  if (d.status === 'terminated') return d.closed ? `terminated ${onDate(d.closed)}` : 'terminated; the date it ended is not recorded';
  // An MoU, partnership, licence or settlement takes effect when signed: there is no completion to be missing.
  if (d.status === 'signed' && SIGNED_IS_DONE.has(d.type)) return 'signed';
  return STATUS_NOW[d.status];
}

const SIGNED_IS_DONE = new Set<Deal['type']>(['mou', 'partnership', 'licensing', 'settlement']);

const STATUS_NOW: Record<DealStatus, string> = {
  rumoured: 'only rumoured, not confirmed',
  announced: 'announced, not recorded as completed',
  signed: 'signed, not recorded as completed',
  pending: 'pending, not yet closed',
  completed: 'completed',
  terminated: 'terminated',
  unknown: 'of unknown status',
};

/** "Microsoft acquired GitHub", "Adobe agreed to buy Figma", "Amazon invested in Anthropic": who did what. */
export function whoDidWhat(d: Deal): string {
  const [acq] = role(d, 'acquirer');
  const targets = role(d, 'target');
  const sellers = role(d, 'seller');
  const investors = role(d, 'investor');
  const investees = role(d, 'investee');
  const done = d.status === 'completed';
  if ((d.type === 'acquisition' || d.type === 'divestiture' || d.type === 'other') && acq && (targets.length || sellers.length)) {
    const what = targets.length ? names(targets) : `a business of ${names(sellers)}`;
    const from = targets.length && sellers.length ? ` from ${names(sellers)}` : '';
    // A consortium's investors are parties too ("Bain Capital, with SK Hynix investing, bought Kioxia from Toshiba").
    const backed = investors.length ? `, with ${names(investors)} investing,` : '';
    return `${acq.name}${backed} ${done ? 'bought' : 'agreed to buy'} ${what}${from}`;
  }
  if (d.type === 'merger' && acq && targets.length) return `${acq.name} ${done ? 'merged with' : 'agreed to merge with'} ${names(targets)}`;
  if (d.type === 'investment' && investors.length && investees.length) return `${names(investors)} ${done ? 'invested' : 'agreed to invest'} in ${names(investees)}`;
  const parties = names(d.parties);
  if (d.type === 'mou') return `${parties} signed a memorandum of understanding`;
  if (d.type === 'joint_venture') return `${parties} formed a joint venture`;
  if (d.type === 'partnership') return `${parties} agreed a partnership`;
  if (d.type === 'licensing') {
    const [lor] = role(d, 'licensor');
    const [lee] = role(d, 'licensee');
    return lor && lee ? `${lee.name} took a licence from ${lor.name}` : `${parties} agreed a licensing deal`;
  }
  if (d.type === 'settlement') return `${parties} settled`;
  return `${parties}: ${d.title}`;
}

function announcedClause(d: Deal): string {
  return `announced ${formatPartialDate(d.announced)}`;
}

/** The one-sentence answer to a question about one deal. */
export function dealAnswer(d: Deal, q: QuestionReading | undefined): string {
  const ask = q?.ask ?? 'show';
  const when = `${announcedClause(d)}, ${closingPhrase(d)}`;
  switch (ask) {
    case 'value': {
      const m = money(d);
      const [acq] = role(d, 'acquirer');
      const targets = role(d, 'target');
      const investors = role(d, 'investor');
      const investees = role(d, 'investee');
      if (!m) return `${cap(dealPhrase(d))}: the terms were not disclosed (${when}).`;
      const agreed = d.status === 'completed' ? '' : 'agreed to ';
      if ((d.type === 'acquisition' || d.type === 'divestiture' || d.type === 'merger' || d.type === 'other') && acq && targets.length) {
        return `${acq.name} ${agreed ? 'agreed to pay' : 'paid'} ${m} for ${names(targets)} ${bracket(d, when, true)}.`;
      }
      if (d.type === 'investment' && investors.length && investees.length) {
        return `${names(investors)} ${agreed ? 'agreed to invest' : 'invested'} ${m} in ${names(investees)} ${bracket(d, when, true)}.`;
      }
      return `${cap(dealPhrase(d))} was valued at ${m} ${bracket(d, when, true)}.`;
    }
    case 'announced':
      return `${cap(dealPhrase(d))} was announced ${onDate(d.announced)} (${closingPhrase(d)}).`;
    case 'closed': {
      if (d.status === 'completed') {
        return d.closed
          ? `${cap(dealPhrase(d))} was completed ${onDate(d.closed)} (${announcedClause(d)}).`
          : `${cap(dealPhrase(d))} was completed, but the closing date is not recorded (${announcedClause(d)}).`;
      }
      if (d.status === 'terminated') {
        return d.closed
          ? `${cap(dealPhrase(d))} was terminated ${onDate(d.closed)} (${announcedClause(d)}).`
          : `${cap(dealPhrase(d))} was terminated; the date it ended is not recorded (${announcedClause(d)}).`;
      }
      return `${cap(dealPhrase(d))} has not closed: it is ${STATUS_NOW[d.status]} (${announcedClause(d)}).`;
    }
    case 'status': {
      if (d.status === 'completed') return `${cap(dealPhrase(d))} went through: it was ${closingPhrase(d)} (${announcedClause(d)}).`;
      if (d.status === 'terminated') return `${cap(dealPhrase(d))} did not go through: it was ${closingPhrase(d)} (${announcedClause(d)}).`;
      if (d.status === 'unknown') return `The outcome of ${dealPhrase(d)} is not recorded (${announcedClause(d)}).`;
      return `${cap(dealPhrase(d))} is ${STATUS_NOW[d.status]} (${announcedClause(d)}).`;
    }
    case 'binding': {
      if (d.binding === true) return `${cap(dealPhrase(d))} is binding (${announcedClause(d)}).`;
      if (d.binding === false) return `${cap(dealPhrase(d))} is not binding (${announcedClause(d)}).`;
      return `Whether ${dealPhrase(d)} is binding is not recorded; it is ${closingPhrase(d)} (${announcedClause(d)}).`;
    }
    case 'parties': {
      const asked = q?.askedRoles;
      const m = money(d);
      const core = `${whoDidWhat(d)}${m ? ` for ${m}` : ''}`;
      // Short when the sentence already names every party in the roles asked; otherwise every party with its role.
      const askedParties = asked ? d.parties.filter((p) => asked.includes(p.role)) : [];
      if (askedParties.length && askedParties.every((p) => core.includes(p.name))) return `${core} ${bracket(d, when, !!m)}.`;
      return `${core}. Parties: ${d.parties.map((p) => `${p.name} (${p.role})`).join(', ')} ${bracket(d, announcedClause(d), !!m)}.`;
    }
    default: {
      const m = money(d);
      if (q?.order) {
        const what = q.types[0] ? typeNoun(q.types[0]) : 'deal';
        const which = ORDER_TEXT[q.order].single;
        const of = q.names.length ? ` of ${q.names.map((n) => n.name).join(' and ')}` : '';
        return `The ${which} ${statusWord(q)}${what}${of}${scopeText(q)} recorded: ${whoDidWhat(d)}${m ? ` for ${m}` : ''} ${bracket(d, when, !!m)}.`;
      }
      return `${whoDidWhat(d)}${m ? ` for ${m}` : ''} ${bracket(d, when, !!m)}.`;
    }
  }
}

const ORDER_TEXT: Record<NonNullable<QuestionReading['order']>, { single: string; list: string }> = {
  value_desc: { single: 'largest', list: 'largest first, by value in US dollars (undisclosed values last)' },
  value_asc: { single: 'smallest', list: 'smallest first, by value in US dollars (undisclosed values last)' },
  newest: { single: 'most recent', list: 'newest first' },
  oldest: { single: 'earliest', list: 'oldest first' },
};

/** What narrows a list or count, after its noun: topics, value bounds, years (the status is said before the noun). */
function scopeText(q: QuestionReading): string {
  const parts: string[] = [];
  for (const c of q.partyCountries ?? []) {
    // "by Japanese companies", "of US companies", "involving Chinese companies".
    const how = c.roles?.includes('acquirer') ? 'by' : c.roles?.includes('target') ? (q.types.length === 1 && q.types[0] === 'investment' ? 'in' : 'of') : 'involving';
    parts.push(` ${how} ${c.word.length <= 3 ? c.word.toUpperCase() : cap(c.word)} companies`);
  }
  if (q.topics.length) parts.push(` about ${q.topics.map((t) => `"${t}"`).join(', ')}`);
  if (q.minUsd !== undefined && q.maxUsd !== undefined) parts.push(` worth ${formatMoney(q.minUsd, 'USD')} to ${formatMoney(q.maxUsd, 'USD')}`);
  else if (q.minUsd !== undefined) parts.push(` worth ${q.minStrict === false ? 'at least' : 'over'} ${formatMoney(q.minUsd, 'USD')}`);
  else if (q.maxUsd !== undefined) parts.push(` worth ${q.maxStrict === false ? 'at most' : 'under'} ${formatMoney(q.maxUsd, 'USD')}`);
  const years = q.years;
  if (years.length === 1 && q.fromYear === undefined && q.toYear === undefined) parts.push(` announced in ${years[0]}`);
  else if (years.length > 1) parts.push(` announced in ${years.join(' or ')}`);
  if (q.fromYear !== undefined && q.toYear !== undefined) parts.push(` announced ${q.fromYear}–${q.toYear}`);
  else if (q.fromYear !== undefined) parts.push(` announced since ${q.fromYear}`);
  else if (q.toYear !== undefined) parts.push(` announced up to ${q.toYear}`);
  const closed = closedScope(q);
  if (closed) parts.push(closed);
  return parts.join('');
}

/**
 * "completed in 2022", "terminated since 2021", "completed or ended 2020–2022": the closing years, by the recorded
 * closing date (a deal whose closing date is not recorded is in none), with the stated status as its verb.
 */
function closedScope(q: QuestionReading): string {
  const years = q.closedYears ?? [];
  const from = q.closedFromYear;
  const to = q.closedToYear;
  let when: string | undefined;
  if (from !== undefined && to !== undefined) when = from === to ? `in ${from}` : `${from}–${to}`;
  else if (from !== undefined) when = `since ${from}`;
  else if (to !== undefined) when = `up to ${to}`;
  else if (years.length) when = `in ${years.join(' or ')}`;
  if (!when) return '';
  const verb = q.status === 'completed' ? 'completed' : q.status === 'terminated' ? 'terminated' : 'completed or ended';
  return ` ${verb} ${when} (by the recorded closing date)`;
}

/** The closing years carry the status as their verb ("deals completed in 2022"), so it is said once. */
function closingStated(q: QuestionReading): boolean {
  return closedScope(q) !== '' && (q.status === 'completed' || q.status === 'terminated');
}

/** A stated status, as an adjective before the noun: "6 terminated deals", "11 pending deals". */
function statusWord(q: QuestionReading | undefined): string {
  return q?.status && !closingStated(q) ? `${q.status} ` : '';
}

function what(q: QuestionReading | undefined, n: number): string {
  const types = q?.types ?? [];
  if (types.length === 1) return typeNoun(types[0]!, n);
  if (types.length > 1) return types.map((t) => typeNoun(t, 2)).join(' or ');
  return n === 1 ? 'deal' : 'deals';
}

/** The one-line summary before a list: "12 deals of Microsoft, newest first." */
export function listAnswer(q: QuestionReading | undefined, total: number, order: keyof typeof ORDER_TEXT, shown?: number): string {
  const names = q?.names.map((n) => n.name) ?? [];
  const scope = q ? scopeText(q) : '';
  const roles = q?.names.length === 1 ? (q.names[0]!.roles ?? []) : [];
  // "deals where Intel was the seller", "acquisitions by Microsoft", "investments in OpenAI": the role asked.
  const roleOf = (name: string): string | undefined => {
    if (roles.includes('acquirer') || roles.includes('investor')) return ` by ${name}`;
    if (roles.length && roles.every((r) => r === 'seller')) return ` where ${name} was the seller`;
    if (roles[0] === 'investee') return ` in ${name}`;
    if (roles.includes('target')) return ` of ${name}`;
    return undefined;
  };
  const byRole = names.length === 1 ? roleOf(names[0]!) : undefined;
  if (names.length === 1 && !byRole && !q?.types.length && !scope && !q?.status) return `${names[0]} is a party to ${total} recorded ${what(q, total)}, ${ORDER_TEXT[order].list}:`;
  const of = byRole ?? (names.length ? ` involving ${names.join(' and ')}` : '');
  const head = shown !== undefined && shown < total ? `The ${shown} ${ORDER_TEXT[order].single} of ` : '';
  return `${head}${total} ${statusWord(q)}${what(q, total)}${of}${scope}, ${ORDER_TEXT[order].list}:`;
}

function statusBreakdown(byStatus: Partial<Record<DealStatus, number>>): string {
  return Object.entries(byStatus)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}

const AGENT_ROLES: readonly PartyRole[] = ['acquirer', 'investor'];
const OBJECT_ROLES: readonly PartyRole[] = ['target', 'investee'];

/**
 * "Nvidia is a party to 4 deals: 3 acquisitions (1 terminated), 1 investment." / "Nvidia made 2 acquisitions: 1
 * completed, 1 terminated." / "Uber was the seller in 2 deals: 2 acquisitions." The number is the count of the same
 * list /deals shows; the breakdown says what those deals are, by type and (for one type) by status.
 */
export function countAnswer(q: QuestionReading | undefined, total: number, breakdown: TypeBreakdown[]): string {
  const names = q?.names.map((n) => n.name) ?? [];
  const scope = q ? scopeText(q) : '';
  const roles = q?.names.length === 1 ? (q.names[0]!.roles ?? []) : [];
  const agent = roles.some((r) => AGENT_ROLES.includes(r));
  const seller = roles.length > 0 && roles.every((r) => r === 'seller');
  const object = !agent && roles.some((r) => OBJECT_ROLES.includes(r));
  const stated = q?.types ?? [];
  if (total === 0) {
    const by = names.length ? (agent ? ` by ${names.join(' and ')}` : ` involving ${names.join(' and ')}`) : '';
    return `dealbot records no ${statusWord(q)}${what(q, 2)}${by}${scope}.`;
  }
  // The noun: the stated type when every deal counted is of it, otherwise deals, broken down by type.
  const ofStated = stated.length > 0 && breakdown.every((b) => stated.includes(b.type));
  const noun = `${statusWord(q)}${ofStated ? what(q, total) : total === 1 ? 'deal' : 'deals'}`;
  let detail: string;
  if (ofStated && breakdown.length === 1) detail = statusBreakdown(breakdown[0]!.byStatus);
  else {
    detail = breakdown
      .map((b) => {
        const ends = Object.entries(b.byStatus).filter(([s]) => (s === 'terminated' || s === 'pending') && s !== q?.status);
        const extra = ends.length ? ` (${ends.map(([s, n]) => `${n} ${s}`).join(', ')})` : '';
        return `${b.count} ${typeNoun(b.type, b.count)}${extra}`;
      })
      .join(', ');
  }
  // "2 completed acquisitions: 2 completed" says nothing more: the stated status alone ends the sentence.
  if (q?.status && ofStated && breakdown.length === 1 && detail === `${total} ${q.status}`) detail = '';
  const name = names[0];
  const tail = `${scope}${detail ? `: ${detail}` : ''}.`;
  if (names.length === 1 && agent && ofStated) return `${name} made ${total} ${noun}${tail}`;
  if (names.length === 1 && agent) return `${name} was the buyer or investor in ${total} ${noun}${tail}`;
  if (names.length === 1 && seller) return `${name} was the seller in ${total} ${noun}${tail}`;
  if (names.length === 1 && object) return `${name} was the ${roles[0] === 'target' ? 'target' : 'recipient'} of ${total} ${noun}${tail}`;
  if (names.length) return `${names.join(' and ')} ${names.length === 1 ? 'is a party to' : 'are parties to'} ${total} ${noun}${tail}`;
  return `dealbot records ${total} ${noun}${tail}`;
}

const VERB_ING: Partial<Record<DealType, string>> = {
  acquisition: 'buying',
  merger: 'merging with',
  investment: 'investing in',
  divestiture: 'buying',
  licensing: 'licensing from',
  partnership: 'partnering with',
};

/** The honest not-found sentence: what is not recorded, in the terms of the question. */
export function notFoundAnswer(q: QuestionReading | undefined, query: string, roleMismatch: boolean): string {
  const names = q?.names ?? [];
  const type = q?.types[0];
  if (names.length >= 2) {
    const [a, b] = names as [QuestionReading['names'][number], QuestionReading['names'][number]];
    const aBuys = a.roles?.some((r) => r === 'acquirer' || r === 'investor');
    const bBuys = b.roles?.some((r) => r === 'acquirer' || r === 'investor');
    const verb = VERB_ING[type ?? 'acquisition'] ?? 'buying';
    // "microsoft buy github from google": the seller named is part of what is not recorded.
    const seller = names.slice(2).find((n) => n.roles?.length === 1 && n.roles[0] === 'seller');
    const from = seller && verb === 'buying' ? ` from ${seller.name}` : '';
    if (aBuys && !bBuys) return `dealbot has no record of ${a.name} ${verb} ${b.name}${from}.`;
    if (bBuys && !aBuys) return `dealbot has no record of ${b.name} ${verb} ${a.name}${from}.`;
    if (type) return `dealbot has no record of ${/^[aeiou]/.test(typeNoun(type)) ? 'an' : 'a'} ${typeNoun(type)} between ${names.map((n) => n.name).join(' and ')}.`;
    return `dealbot has no record of a deal between ${names.map((n) => n.name).join(' and ')}.`;
  }
  if (names.length === 1 && q?.topics.length) {
    const n = names[0]!;
    const agentRole = n.roles?.some((r) => r === 'acquirer' || r === 'investor');
    const what = q.topics.join(' ');
    if (agentRole) return `dealbot has no record of ${n.name} ${VERB_ING[type ?? 'acquisition'] ?? 'buying'} ${what}.`;
    return `dealbot has no record of a deal of ${n.name} involving "${what}".`;
  }
  if (names.length === 1 && (roleMismatch || type)) {
    const n = names[0]!;
    const t = typeNoun(type ?? 'acquisition');
    const objectRole = n.roles?.some((r) => r === 'target' || r === 'investee');
    const agentRole = n.roles?.some((r) => r === 'acquirer' || r === 'investor');
    if (objectRole) return `No ${t} ${type === 'investment' ? 'in' : 'of'} ${n.name} is recorded.`;
    if (agentRole) return `No ${t} by ${n.name} is recorded.`;
    return `No ${t} involving ${n.name} is recorded.`;
  }
  return `No deal found for "${query}".`;
}
