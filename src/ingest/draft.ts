// Article -> draft deal (a Partial<DealInput>: what the text supports, nothing invented) plus a confidence note per
// field saying what decided it or why it was left empty.
import { TYPE_LABELS } from '../deals/format.ts';
import { LIMITS, type DealInput, type DealType, type PartyRole } from '../deals/schema.ts';
import { findAreas } from './areas.ts';
import { classifyBinding, classifyStatus, classifyType } from './classify.ts';
import { findDealDates, findDealValue } from './facts.ts';
import { buildOrgIndex, findKnownMentions, findNewMentions, type KnownOrganisation } from './organisations.ts';
import { selectParties, type PartyFinding } from './parties.ts';
import { findQuotes } from './quotes.ts';
import { buildSummary } from './summary.ts';
import { leadSentence, storyEvent } from './story.ts';
import { articleSentences, storyDate, type Article } from './text.ts';
import { clip } from '../deals/text-safety.ts';

export type Confidence = 'high' | 'medium' | 'low' | 'missing';

export interface FieldNote {
  confidence: Confidence;
  reason: string;
}

export type DraftField =
  | 'title'
  | 'type'
  | 'status'
  | 'binding'
  | 'announced'
  | 'closed'
  | 'parties'
  | 'value'
  | 'areas'
  | 'summary'
  | 'quotes'
  | 'sources';

export interface DealDraft {
  draft: Partial<DealInput>;
  notes: Partial<Record<DraftField, FieldNote>>;
  /** Deal wording stands in the headline or lead (false: the article only mentions a deal in passing). */
  dealInLead?: boolean;
}

/** Fields the schema requires: when one is missing from the draft, the admin must fill it in. */
export const REQUIRED_FIELDS: DraftField[] = ['title', 'type', 'status', 'announced', 'parties', 'summary', 'sources'];

function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function byRole(parties: PartyFinding[], role: PartyRole): string[] {
  return parties.filter((p) => p.role === role).map((p) => p.name);
}

/** A short title in our own words from the fields we found ("Xiaomi and Microsoft sign an MoU on cloud and AI"). */
export function draftTitle(type: DealType, status: string | undefined, parties: PartyFinding[], areas: string[]): string | undefined {
  const all = parties.map((p) => p.name);
  if (all.length === 0) return undefined;
  const on = areas.length ? ` on ${listNames(areas.slice(0, 2))}` : '';
  const ended = status === 'terminated' ? ' (terminated)' : '';
  let t: string;
  switch (type) {
    case 'acquisition': {
      const acq = byRole(parties, 'acquirer');
      const tgt = [...byRole(parties, 'target')];
      const seller = byRole(parties, 'seller');
      if (acq.length && tgt.length) {
        const a = listNames(acq);
        const b = listNames(tgt);
        t =
          status === 'completed'
            ? `${a} acquires ${b}`
            : status === 'rumoured'
              ? `${a} may acquire ${b} (rumoured)`
              : status === 'terminated'
                ? `${a}'s acquisition of ${b} (terminated)`
                : `${a} to acquire ${b}`;
        return clip(t, LIMITS.title);
      }
      else if (acq.length && seller.length) t = `${listNames(acq)} buys a business from ${listNames(seller)}`;
      else t = `${listNames(all)}: acquisition`;
      break;
    }
    case 'investment': {
      const inv = byRole(parties, 'investor');
      const ee = byRole(parties, 'investee');
      if (inv.length && ee.length) t = `${listNames(inv)} ${inv.length > 1 ? 'invest' : 'invests'} in ${listNames(ee)}`;
      else if (ee.length) t = `${listNames(ee)} raises funding`;
      else t = `${listNames(all)}: investment`;
      break;
    }
    case 'mou':
      t = `${listNames(all)} sign an MoU${on}`;
      break;
    case 'partnership':
      t = `${listNames(all)} partner${on}`;
      break;
    case 'joint_venture':
      t = `${listNames(all)} form a joint venture${on}`;
      break;
    case 'merger':
      t = `${listNames(all)} merge`;
      break;
    case 'licensing': {
      const lor = byRole(parties, 'licensor');
      const lee = byRole(parties, 'licensee');
      t = lor.length && lee.length ? `${listNames(lor)} licenses technology to ${listNames(lee)}` : `${listNames(all)}: licensing deal`;
      break;
    }
    case 'divestiture': {
      const seller = byRole(parties, 'seller');
      const acq = byRole(parties, 'acquirer');
      t = seller.length && acq.length ? `${listNames(seller)} sells a business to ${listNames(acq)}` : `${listNames(all)}: divestiture`;
      break;
    }
    case 'settlement':
      t = `${listNames(all)} settle`;
      break;
    default:
      t = `${listNames(all)}: ${TYPE_LABELS[type].toLowerCase()}`;
  }
  return clip(t + ended, LIMITS.title);
}

export function draftDeal(article: Article, organisations: readonly KnownOrganisation[]): DealDraft {
  const sentences = articleSentences(article);
  const notes: DealDraft['notes'] = {};
  const draft: Partial<DealInput> = {};

  // Type first: roles depend on it.
  const type = classifyType(sentences);
  if (type) {
    draft.type = type.value;
    notes.type = { confidence: type.confidence, reason: `from the wording ${type.evidence}` };
  } else {
    notes.type = { confidence: 'missing', reason: 'no wording that says what kind of deal this is' };
  }

  const known = findKnownMentions(sentences, buildOrgIndex(organisations));
  const fresh = findNewMentions(sentences, known);
  const mentions = [...known, ...fresh].sort((a, b) => a.sentence - b.sentence || a.at - b.at);
  // Names found only as headline-and-opening echoes stand in when the deal's wording names fewer than two parties.
  const plain = selectParties(sentences, mentions.filter((m) => !m.echo), type?.value);
  const parties = plain.length >= 2 || !mentions.some((m) => m.echo) ? plain : selectParties(sentences, mentions, type?.value);
  if (parties.length) {
    draft.parties = parties.map((p) => ({ name: p.name, role: p.role }));
    const described = parties.map((p) => {
      const typos = [...new Set(known.filter((m) => m.name === p.name && m.how === 'typo').map((m) => m.written))];
      const how =
        typos.length
          ? `known organisation, also written "${typos.join('", "')}" in the text`
          : p.how === 'alias'
            ? `known organisation, via the alias "${p.written.find((w) => w !== p.name) ?? p.written[0]}"`
            : p.how === 'new'
              ? 'not yet known to dealbot: check the name'
              : 'known organisation';
      return `${p.name} (${p.role}${p.roleFrom === 'default' ? ', role by default' : ''}; ${how})`;
    });
    const weak = parties.some((p) => !p.known) || parties.some((p) => p.roleFrom === 'default' && p.role !== 'partner');
    notes.parties = {
      confidence: parties.length < 2 ? 'low' : weak ? 'medium' : 'high',
      reason: described.join('; '),
    };
  } else {
    notes.parties = { confidence: 'missing', reason: 'no organisation found in the headline or the first deal sentences' };
  }

  const event = storyEvent(sentences);
  const lead = leadSentence(sentences);
  const status = classifyStatus(sentences, type?.value, event);
  if (status) {
    draft.status = status.value;
    notes.status = { confidence: status.confidence, reason: `from the wording ${status.evidence}` };
  } else {
    notes.status = { confidence: 'missing', reason: 'nothing says whether the deal was announced, signed, completed or ended' };
  }

  const binding = classifyBinding(sentences, type?.value);
  if (binding) {
    draft.binding = binding.value;
    notes.binding = { confidence: binding.confidence, reason: `from the wording ${binding.evidence}` };
  } else {
    notes.binding = {
      confidence: 'missing',
      reason: type?.value === 'mou' ? 'MoUs are usually not binding, but the text does not say' : 'the text does not say whether it is binding',
    };
  }

  const story = storyDate(article);
  const dates = findDealDates(sentences, lead, event.event, story);
  const date = dates.announced;
  // A rumour has not been announced: any date the text gives belongs to something else (a hearing, a report).
  if (draft.status === 'rumoured' && date.value) {
    date.rejected = [`"${date.value}"`, ...date.rejected];
    delete date.value;
    date.evidence = 'a rumour has no announcement date';
  }
  if (date.value) {
    draft.announced = date.value;
    notes.announced = { confidence: date.confidence, reason: `stated in the text: ${date.evidence}` };
  } else {
    const why = date.rejected.length ? ` (it mentions ${date.rejected.join(', ')}, not as the announcement date)` : '';
    const pub = story ? `; the story itself is dated ${story.date} (${story.from})` : '';
    notes.announced = { confidence: 'missing', reason: `${date.evidence}${why}${pub}` };
  }
  if (dates.closed.value) {
    draft.closed = dates.closed.value;
    notes.closed = { confidence: dates.closed.confidence, reason: dates.closed.evidence };
  } else {
    notes.closed = { confidence: 'missing', reason: dates.closed.evidence };
  }

  const value = findDealValue(sentences, type?.value, parties.flatMap((p) => [p.name, ...p.written]), story ? Number(story.date.slice(0, 4)) : undefined);
  if (value.value) {
    draft.value = value.value;
    notes.value = { confidence: 'medium', reason: `stated in the text: ${value.evidence}` };
  } else {
    const why = value.undisclosed ? 'the text says the financial terms are undisclosed or unclear' : 'the text states no deal value';
    const other = value.rejected.length ? ` (other sums: ${value.rejected.join(', ')})` : '';
    notes.value = { confidence: 'missing', reason: why + other };
  }

  const areas = findAreas(sentences);
  draft.areas = areas.map((a) => a.area);
  notes.areas = areas.length
    ? { confidence: 'medium', reason: areas.map((a) => `${a.area} (${a.triggers.map((t) => `"${t}"`).join(', ')})`).join('; ') }
    : { confidence: 'missing', reason: 'no area words from the taxonomy' };

  const quotes = findQuotes(article.paragraphs, [...new Set([...known.flatMap((m) => [m.name, m.written]), ...parties.flatMap((p) => [p.name, ...p.written])])]);
  if (quotes.length) {
    draft.quotes = quotes.map((q) => ({ speaker: q.speaker, ...(q.title ? { title: q.title } : {}), text: q.text, ...(q.paraphrased ? { paraphrased: true } : {}) }));
    notes.quotes = {
      confidence: quotes.every((q) => q.title) ? 'high' : 'medium',
      reason: quotes.map((q) => `${q.speaker}${q.title ? `, ${q.title}` : ' (no title in the text)'} — ${q.evidence}`).join('; '),
    };
  } else {
    notes.quotes = { confidence: 'missing', reason: 'no quotation with a named speaker' };
  }

  const summary = buildSummary({
    sentences,
    parties: parties.map((p) => ({ name: p.name, written: [...new Set(known.filter((m) => m.name === p.name && m.how === 'typo').map((m) => m.written))] })),
    // A completion or ending story's lead tells that event: its date is the closing one, not the announcement's.
    ...(event.event === 'complete' || event.event === 'end'
      ? { announced: draft.closed, announcedText: /^(?:ended|completed): "([^"]+)"/.exec(dates.closed.evidence)?.[1] }
      : { announced: draft.announced, announcedText: /^"([^"]+)"/.exec(date.evidence)?.[1] }),
  });
  if (summary) {
    draft.summary = clip(summary.summary, LIMITS.summary);
    notes.summary = {
      confidence: 'medium',
      reason: `${draft.summary.length} characters taken from the article's own sentences; rewrite in our words before publishing widely`,
    };
  } else {
    notes.summary = { confidence: 'missing', reason: 'the text has no sentence long enough to summarise from' };
  }

  // "devices" is the vaguest area: name the specific ones in the title when there are any.
  const titleAreas = draft.areas.length > 1 ? draft.areas.filter((a) => a !== 'devices') : draft.areas;
  const title = type ? draftTitle(type.value, draft.status, parties, titleAreas) : undefined;
  if (title) {
    draft.title = title;
    notes.title = { confidence: 'medium', reason: `written from the parties and type${article.title ? `; the article's headline: "${clip(article.title, 120)}"` : ''}` };
  } else if (article.title) {
    draft.title = clip(article.title, LIMITS.title);
    notes.title = { confidence: 'low', reason: "the article's own headline: shorten it" };
  } else {
    notes.title = { confidence: 'missing', reason: 'no headline and no parties to name the deal after' };
  }

  if (article.url) {
    draft.sources = [
      {
        url: article.url,
        ...(article.publisher ? { publisher: clip(article.publisher, LIMITS.publisher) } : {}),
        ...(article.title ? { title: clip(article.title, LIMITS.sourceTitle) } : {}),
        ...(article.published ? { published: article.published } : {}),
      },
    ];
    notes.sources = { confidence: 'high', reason: 'the URL the article was fetched from' };
  } else {
    notes.sources = { confidence: 'missing', reason: 'pasted text has no URL: add the address of the article' };
  }

  return { draft, notes, dealInLead: type?.inLead === true };
}

/** Required fields that the draft lacks, in schema order. */
export function missingFields(d: DealDraft): DraftField[] {
  return REQUIRED_FIELDS.filter((f) => {
    const v = d.draft[f as keyof DealInput];
    return v === undefined || (Array.isArray(v) && v.length === 0);
  });
}

/** One line per field that needs the admin's eye: missing, or found with low/medium confidence. */
export function flaggedNotes(d: DealDraft): string[] {
  const order: DraftField[] = ['parties', 'type', 'status', 'binding', 'announced', 'closed', 'value', 'areas', 'quotes', 'summary', 'title', 'sources'];
  const out: string[] = [];
  for (const f of order) {
    const n = d.notes[f];
    if (!n || n.confidence === 'high') continue;
    out.push(`${f}: ${n.confidence === 'missing' ? 'empty' : `${n.confidence} confidence`} — ${n.reason}`);
  }
  return out;
}
