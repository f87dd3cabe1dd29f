// The question stage on its own (pure functions): what is asked, which roles the named companies play, and the
// constraints and aggregates read from everyday words.
import { describe, expect, it } from 'vitest';
import { parseIntent } from '../../../../src/search/question/intent.ts';
import { questionClauses, questionWords } from '../../../../src/search/question/normalise.ts';
import { verbsInVerbPosition, type NameSpan } from '../../../../src/search/question/names.ts';
import { questionWordFor, termGroups } from '../../../../src/search/question/terms.ts';
import { listQuery, statusesFor, topicDocs, unsubsumed } from '../../../../src/search/list.ts';
import { WALK_TOPIC_DOCS } from '../../../../src/store/search-reader.ts';

/** Names are marked in the question as [name]; each gets its own org id. */
function read(q: string) {
  const raw = q.split(/\s+/);
  const words: string[] = [];
  const names: NameSpan[] = [];
  let open = -1;
  for (const t of raw) {
    const start = t.startsWith('[');
    const end = t.endsWith(']');
    const w = t.replace(/[[\]]/g, '');
    if (start) open = words.length;
    words.push(...questionWords(w));
    if (end && open >= 0) {
      names.push({ start: open, end: words.length, typed: words.slice(open).join(' '), key: w, orgIds: [names.length + 1], distance: 0 });
      open = -1;
    }
  }
  return { words, names, intent: parseIntent(words, names) };
}

describe('the ask', () => {
  it.each([
    ['how much did [microsoft] pay for [activision]', 'value'],
    ['[hpe] [juniper] price tag', 'value'],
    ['what was [whatsapp] worth', 'value'],
    ['when did [google] buy [fitbit]', 'announced'],
    ['what year did [ibm] acquire [red hat]', 'announced'],
    ['when did [nvidia] give up on [arm]', 'closed'],
    ['when did the [microsoft] [activision] deal close', 'closed'],
    ['is the [adobe] [figma] deal still happening', 'status'],
    ['did the [qualcomm] [nxp] deal go through', 'status'],
    ['was it blocked', 'status'],
    ['is the [xiaomi] [microsoft] mou binding', 'binding'],
    ['who bought [github]', 'parties'],
    ['which company acquired [mellanox]', 'parties'],
    ['how many acquisitions has [nvidia] made', 'count'],
    ['number of deals in 2016', 'count'],
    ['largest acquisitions announced in 2020', 'list'],
    ['latest ai investments', 'list'],
    ['deals since 2023', 'list'],
    ['[xiaomi] [microsoft]', 'show'],
    ['cortana speaker', 'show'],
  ])('%s -> %s', (q, ask) => {
    expect(read(q).intent.ask).toBe(ask);
  });
});

describe('roles', () => {
  it('reads who paid and who was bought, in active and passive voice', () => {
    const a = read('how much did [oracle] pay for [github]').intent;
    expect(a.nameRoles[0]).toContain('acquirer');
    expect(a.nameRoles[1]).toContain('target');
    const p = read('was [github] bought by [microsoft]').intent;
    expect(p.nameRoles[0]).toContain('target');
    expect(p.nameRoles[1]).toContain('acquirer');
  });
  it('knows which party a who-question asks about', () => {
    expect(read('who bought [xiaomi]').intent.askedRoles).toEqual(['acquirer']);
    expect(read('who bought [xiaomi]').intent.nameRoles[0]).toContain('target');
    const inv = read('who did [microsoft] invest in').intent;
    expect(inv.askedRoles).toEqual(['investee']);
    expect(inv.nameRoles[0]).toContain('investor');
    const sold = read('who sold [motorola] to [lenovo]').intent;
    expect(sold.askedRoles).toEqual(['seller']);
    expect(sold.nameRoles).toEqual([['target'], ['acquirer', 'investor']]);
    expect(read('who bought [honor] from [huawei]').intent.nameRoles[1]).toEqual(['seller']);
  });
  it('says nothing about roles it cannot read', () => {
    expect(read('the [oracle] [cerner] acquisition').intent.nameRoles).toEqual([undefined, undefined]);
    expect(read('who bought [slack] [salesforce]').intent.nameRoles[1]).toBeUndefined();
    expect(read('how many acquisitions has [nvidia] made').intent.nameRoles[0]).toContain('acquirer');
  });
});

describe('roles in phrasings of selling and working together', () => {
  it('"sold <name> its/the <thing>": the name is the buyer, the seller is asked', () => {
    const a = read('who sold [hp] the printer unit').intent;
    expect(a.askedRoles).toEqual(['seller']);
    expect(a.nameRoles[0]).toContain('acquirer');
    // Without something sold after it, the name after "sold" is still what was sold.
    expect(read('who sold [motorola]').intent.nameRoles[0]).toEqual(['target']);
    expect(read('who was [motorola] sold to').intent.askedRoles).toContain('acquirer');
  });
  it('teaming up and joining forces are partnering, and a purpose\'s verb of making is no word to find', () => {
    const a = read('who did [volvo] team up with to develop batteries');
    expect(a.intent).toMatchObject({ ask: 'parties', types: ['partnership'] });
    expect(a.intent.nameRoles[0]).toContain('partner');
    expect(a.intent.consumed.has(a.words.indexOf('develop'))).toBe(true);
    expect(a.intent.consumed.has(a.words.indexOf('batteries'))).toBe(false);
    expect(read('which firm has [lg] joined forces with').intent.types).toEqual(['partnership']);
  });
  it('a name after "alongside" or "together with" shares the agent\'s role', () => {
    const a = read('who invested alongside [tencent] in [epic]').intent;
    expect(a.nameRoles[0]).toContain('investor');
    expect(a.nameRoles[1]).toContain('investee');
    expect(read('who bought [kioxia] together with [bain]').intent.nameRoles[1]).toContain('acquirer');
  });
  it('"name …" opening a question asks for a list', () => {
    const a = read('name the firms [amazon] invested in');
    expect(a.intent.ask).toBe('list');
    expect(a.intent.consumed.has(0)).toBe(true);
    // Elsewhere "name" is a word like any other.
    expect(read('[meta] name change').intent.consumed.has(1)).toBe(false);
    // Naming one party asks for the party, not a list.
    expect(read('name the buyer of [slack]').intent).toMatchObject({ ask: 'parties', askedRoles: ['acquirer'] });
  });
  it('intentions ("was supposed to", "had planned to") name nothing to find', () => {
    const a = read('who was supposed to buy [figma]');
    expect(a.intent.ask).toBe('parties');
    expect(a.words.filter((_, i) => !a.intent.consumed.has(i) && !a.names.some((n) => i >= n.start && i < n.end))).toEqual([]);
  });
  it('"bought X off Y": Y is the seller', () => {
    const a = read('who bought [giphy] off [meta]').intent;
    expect(a.nameRoles[1]).toEqual(['seller']);
    expect(a.askedRoles).toEqual(['acquirer']);
    // "called off" is no seller.
    expect(read('who called off the [qualcomm] deal').intent.nameRoles[0]).not.toEqual(['seller']);
  });
  it('"over"/"more than"/"under" leave the bound out, "at least"/"at most" keep it', () => {
    expect(read('acquisitions over 20 billion').intent).toMatchObject({ minUsd: 2e10, minStrict: true });
    expect(read('deals of more than 5 billion').intent).toMatchObject({ minUsd: 5e9, minStrict: true });
    expect(read('deals of at least 5 billion').intent).toMatchObject({ minUsd: 5e9, minStrict: false });
    expect(read('deals under 1 billion').intent).toMatchObject({ maxUsd: 1e9, maxStrict: true });
    expect(read('deals of at most 1 billion').intent).toMatchObject({ maxUsd: 1e9, maxStrict: false });
    // The currency word after the amount is part of it: nothing is left over to read as a topic.
    const dollars = read('how many deals are worth more than 10 billion dollars');
    expect(dollars.intent).toMatchObject({ minUsd: 1e10, minStrict: true });
    expect(dollars.intent.consumed.has(dollars.words.indexOf('dollars'))).toBe(true);
    const lq = (t: string) => {
      const r = read(t);
      return listQuery({ text: t, words: r.words, names: r.names, intent: r.intent, terms: [] });
    };
    expect(lq('acquisitions over 20 billion').minUsd).toBeGreaterThan(2e10);
    expect(lq('acquisitions over 20 billion').minUsd).toBeLessThan(2e10 + 1000);
    expect(lq('deals of at least 5 billion').minUsd).toBe(5e9);
    expect(lq('deals under 1 billion').maxUsd).toBeLessThan(1e9);
  });
  it('where a list is looked for ("in the whole db", "in the entire dataset") is chat, not a topic', () => {
    for (const t of ['top 3 biggest deals in the whole db', 'how many deals in the entire dataset', 'list everything in your collection']) {
      const r = read(t);
      const left = r.words.filter((_, i) => !r.intent.consumed.has(i));
      expect(left, t).toEqual([]);
    }
  });
  it('a number word is a limit, never a misspelt question word ("three" is not "there")', () => {
    expect(questionWordFor('three')).toBeUndefined();
    expect(questionWordFor('thier')).toBe('their');
    expect(read('the 5 most recent acquisitions').intent).toMatchObject({ limit: 5, order: 'newest' });
    expect(read('the three smallest acquisitions').intent).toMatchObject({ limit: 3, order: 'value_asc' });
  });
  it('a status asked of deals in the plural, no company named, lists them', () => {
    expect(read('which deals are still pending').intent).toMatchObject({ ask: 'list', status: 'pending' });
    expect(read('is the [adobe] [figma] deal still happening').intent.ask).toBe('status');
  });
  it('everyday partnering lists ventures and MoUs too', () => {
    const r = read('who has [lg] teamed up with');
    expect(listQuery({ text: '', words: r.words, names: r.names, intent: r.intent, terms: [] }, { nearTypes: true }).types).toEqual(['partnership', 'joint_venture', 'mou']);
  });
});

describe('constraints and aggregates', () => {
  it('reads years, ranges, types, statuses and orders from everyday words', () => {
    const a = read('largest acquisitions announced in 2020').intent;
    expect(a).toMatchObject({ types: ['acquisition'], years: [2020], order: 'value_desc', plural: true });
    expect(read('deals since 2023').intent.fromYear).toBe(2023);
    expect(read('deals after 2019').intent.fromYear).toBe(2020);
    expect(read('google deals before 2016').intent.toYear).toBe(2015);
    expect(read('deals between 2015 and 2018').intent).toMatchObject({ fromYear: 2015, toYear: 2018, years: [] });
    expect(read('takeovers that were called off').intent).toMatchObject({ types: ['acquisition'], status: 'terminated' });
    expect(read('scrapped deals').intent.status).toBe('terminated');
    expect(read('deals that went through').intent.status).toBe('completed');
    expect(read('joint ventures').intent.types).toEqual(['joint_venture']);
    expect(read('most recent investments').intent).toMatchObject({ order: 'newest', types: ['investment'] });
    expect(read('top 3 biggest deals').intent).toMatchObject({ order: 'value_desc', limit: 3 });
    expect(read('the biggest acquisition').intent.plural).toBe(false);
  });
  it('consumes question words so they never cost an answer', () => {
    const r = read('is the [adobe] [figma] deal actually still happening');
    const left = r.words.filter((_, i) => !r.intent.consumed.has(i) && !r.names.some((s) => i >= s.start && i < s.end));
    expect(left).toEqual([]);
  });
});

describe('terms', () => {
  const vocab = new Map([
    ['terminated', 3], ['regulator', 4], ['physicians', 1], ['speech', 2], ['semiconductors', 9], ['chip', 3], ['broad', 2],
  ]);
  const ctx = {
    has: (w: string) => vocab.has(w),
    count: (w: string) => vocab.get(w) ?? 0,
    lookup: (w: string) => [...vocab.keys()].filter((t) => t !== w && Math.abs(t.length - w.length) <= 1 && t.slice(0, 3) === w.slice(0, 3)).map((term) => ({ term, distance: 1 })),
    complete: (p: string, n: number) => [...vocab.keys()].filter((t) => t.startsWith(p)).slice(0, n),
  };
  const groups = (q: string) => termGroups(questionWords(q), () => false, ctx);
  it('expands concepts and stems, as typed words weigh most', () => {
    const [doctors] = groups('doctors');
    expect(doctors!.alts.map((a) => a.text)).toContain('physicians');
    expect(doctors!.concept).toBe('medical');
    const [regs] = groups('regulators');
    expect(regs!.alts.map((a) => a.text)).toContain('regulator');
    const [chips] = groups('chipmaker');
    expect(chips!.alts.map((a) => a.text)).toEqual(expect.arrayContaining(['chip', 'semiconductors']));
    const [off] = groups('called off');
    expect(off!.typed).toBe('called off');
    expect(off!.alts.map((a) => a.text)).toContain('terminated');
  });
  it('drops a mistyped question word but keeps an unknown real word', () => {
    expect(groups('whne')).toEqual([]);
    expect(groups('bake').map((g) => g.typed)).toEqual(['bake']);
  });
});

describe('counting and listing in everyday words', () => {
  it('an auxiliary before the company makes it the subject: "what has nvidia bought" is what Nvidia bought', () => {
    expect(read('how many companies has [sony] acquired').intent.nameRoles[0]).toContain('acquirer');
    expect(read('what has [nvidia] bought').intent.nameRoles[0]).toContain('acquirer');
    expect(read('how many businesses has [intel] sold').intent.nameRoles[0]).toEqual(['seller']);
    // Without the auxiliary, a lone name before a passive form is what was bought.
    expect(read('how many times was [arm] acquired').intent.nameRoles[0]).toContain('target');
  });
  it('types read only from verbs are marked as everyday buying; deal nouns are stated types', () => {
    expect(read('how many companies has [google] acquired').intent.typesFromVerbs).toBe(true);
    expect(read('how many acquisitions has [google] made').intent.typesFromVerbs).toBe(false);
    expect(read('how many joint ventures has [softbank] formed').intent.typesFromVerbs).toBe(false);
  });
  it.each([
    ['how many deals is [samsung] a party to'],
    ['how many companies has [sony] acquired'],
    ['how many times did [uber] sell a business'],
    ['how many deals overall'],
    ['how many transactions involve [qualcomm]'],
    ['largest tech acquisitions'],
    ['how many investments in ai startups', ['ai']],
    ['how many deals worth more than 20 billion'],
    ['how many deals were blocked by regulators'],
  ])('"%s": generic nouns of counting and listing are not words to find', (q, left: string[] = []) => {
    const { words, names, intent } = read(q);
    const content = words.filter((w, i) => !intent.consumed.has(i) && !names.some((s) => i >= s.start && i < s.end));
    expect(content).toEqual(left);
  });
  it('receiving verbs make the company before them the one invested in', () => {
    expect(read('how many investments has [openai] received').intent.nameRoles[0]).toEqual(['investee', 'target']);
    expect(read('how much has [anthropic] raised').intent.nameRoles[0]).toEqual(['investee', 'target']);
  });
  it('role nouns give the company before them its role', () => {
    expect(read('deals where [softbank] was the seller').intent.nameRoles[0]).toEqual(['seller']);
    expect(read('how many deals with [google] as a seller').intent.nameRoles[0]).toEqual(['seller']);
    expect(read('[meta] as a buyer').intent.nameRoles[0]).toEqual(['acquirer']);
  });
  it('"by date" orders newest first and is no agent: "amazon acquisitions by date" are Amazon\'s acquisitions', () => {
    const { intent } = read('[amazon] acquisitions by date');
    expect(intent.order).toBe('newest');
    expect(intent.nameRoles[0]).toBeUndefined();
    expect(intent.ask).toBe('list');
  });
  it('count words anywhere: "microsoft deal count", "total deals recorded"', () => {
    expect(read('[microsoft] deal count').intent.ask).toBe('count');
    expect(read('total deals recorded').intent.ask).toBe('count');
    expect(read('what was the total value of the [dell] [emc] deal').intent.ask).toBe('value');
  });
  it('value ranges and billion-dollar deals', () => {
    expect(read('acquisitions between 1 and 5 billion').intent).toMatchObject({ minUsd: 1e9, maxUsd: 5e9 });
    expect(read('acquisitions between 500m and 2bn').intent).toMatchObject({ minUsd: 5e8, maxUsd: 2e9 });
    expect(read('how many billion dollar deals').intent.minUsd).toBe(1e9);
    expect(read('multi billion acquisitions').intent.minUsd).toBe(1e9);
  });
  it('relative years count back from this year', () => {
    const at = (q: string) => {
      const { words, names } = read(q);
      return parseIntent(words, names, { thisYear: 2026 });
    };
    expect(at('deals announced last year').years).toEqual([2025]);
    expect(at('acquisitions this year').years).toEqual([2026]);
    expect(at('deals in the last two years')).toMatchObject({ fromYear: 2024, years: [] });
    expect(at('deals in the last two years').order).toBeUndefined();
    expect(at('ai deals over the past 3 years').fromYear).toBe(2023);
  });
  it('a year right after a word of closing or ending dates the closing in lists and counts, not the announcement', () => {
    // Several phrasings of the same thing: the closing date's year is asked.
    expect(read('how many deals closed in 2022').intent).toMatchObject({ ask: 'count', status: 'completed', closedYears: [2022], years: [] });
    expect(read('deals that were finalised during 2021').intent).toMatchObject({ closedYears: [2021], years: [] });
    const during = read('deals terminated during 2021');
    expect(during.intent.consumed.has(during.words.indexOf('during'))).toBe(true);
    expect(read('acquisitions that went through in 2023').intent).toMatchObject({ ask: 'list', status: 'completed', closedYears: [2023], years: [] });
    expect(read('takeovers called off in 2019').intent).toMatchObject({ status: 'terminated', closedYears: [2019], years: [] });
    expect(read('acquisitions completed since 2021').intent).toMatchObject({ closedFromYear: 2021, fromYear: undefined });
    expect(read('deals wrapped up before 2020').intent).toMatchObject({ closedToYear: 2019, toYear: undefined });
    expect(read('mergers completed between 2019 and 2021').intent).toMatchObject({ closedFromYear: 2019, closedToYear: 2021, fromYear: undefined, toYear: undefined });
    expect(read('how many deals did [google] complete in 2020').intent).toMatchObject({ closedYears: [2020], years: [] });
    // The closing word is read, never left as a topic: "ended" names no status.
    const ended = read('how many deals ended in 2022');
    expect(ended.intent.closedYears).toEqual([2022]);
    expect(ended.intent.consumed.has(ended.words.indexOf('ended'))).toBe(true);
    // Both dates in one question.
    expect(read('deals announced in 2020 that closed in 2021').intent).toMatchObject({ years: [2020], closedYears: [2021] });
    // The announcement, as before: an announcing word, a year before the noun, or a status adjective before it.
    expect(read('deals announced in 2022').intent).toMatchObject({ years: [2022], closedYears: [] });
    expect(read('2022 deals').intent).toMatchObject({ years: [2022], closedYears: [] });
    expect(read('completed deals in 2022').intent).toMatchObject({ status: 'completed', years: [2022], closedYears: [] });
    // A question about one deal keeps the year as a preference among candidates (announced), as before.
    expect(read('when did [microsoft] close [activision] in 2023').intent).toMatchObject({ ask: 'closed', years: [2023], closedYears: [] });
  });
  it('relative closing years count back from this year', () => {
    const { words, names } = read('how many acquisitions closed last year');
    expect(parseIntent(words, names, { thisYear: 2026 })).toMatchObject({ closedYears: [2025], years: [] });
  });
  it('the list query filters closing years by the closed date and announced years by the announcement', () => {
    const lq = (s: string) => {
      const r = read(s);
      return listQuery({ text: s, words: r.words, names: r.names, intent: r.intent, terms: [] });
    };
    expect(lq('how many deals closed in 2022')).toMatchObject({ closedFromYear: 2022, closedToYear: 2022, statuses: ['completed'] });
    expect(lq('how many deals closed in 2022').fromYear).toBeUndefined();
    expect(lq('deals announced in 2020 that closed in 2021')).toMatchObject({ fromYear: 2020, toYear: 2020, closedFromYear: 2021, closedToYear: 2021 });
    expect(lq('deals announced in 2022').closedFromYear).toBeUndefined();
  });
  it('pending is any deal neither completed nor ended', () => {
    expect(read('how many pending deals').intent.status).toBe('pending');
    expect(statusesFor('pending')).toEqual(['pending', 'announced', 'signed']);
    expect(statusesFor('terminated')).toEqual(['terminated']);
  });
});

describe('topic alternatives in lists', () => {
  it('a phrase containing one of the topic\'s single words adds nothing and is left out', () => {
    expect(unsubsumed(['memory', 'memory chips', 'flash', 'flash memory', 'storage chips'])).toEqual(['memory', 'flash', 'storage chips']);
    expect(unsubsumed(['video streaming', 'live streaming'])).toEqual(['video streaming', 'live streaming']);
  });
  it('estimates a topic\'s deals without counting a phrase inside its word twice', () => {
    const counts: Record<string, number> = { grocery: 11000, delivery: 30000, food: 20000 };
    const group = (alts: string[]) => ({ typed: alts[0]!, positions: [0], df: 0, alts: alts.map((text) => ({ text, quality: 1, distance: 0 })) });
    expect(topicDocs({ terms: [group(['grocery', 'grocery delivery'])] }, (t) => counts[t] ?? 0)).toBe(11000);
    expect(topicDocs({ terms: [group(['grocery', 'food delivery'])] }, (t) => counts[t] ?? 0)).toBe(31000);
  });
});

describe('walking or reading the index for a list topic', () => {
  const group = (text: string) => ({ typed: text, positions: [0], df: 0, alts: [{ text, quality: 1, distance: 0 }] });
  const q = (text: string) => ({ text, words: [text], names: [], terms: [group(text)], intent: read(text).intent });
  it('a topic dense in names and titles walks the newest deals, one found mostly in summaries reads the index', () => {
    const anywhere = { logistics: 15000, grocery: 11000 } as Record<string, number>;
    const titles = { logistics: 4600, grocery: 300 } as Record<string, number>;
    const counts = { count: (t: string) => anywhere[t] ?? 0, titleCount: (t: string) => titles[t] ?? 0, total: 100_000 };
    expect(listQuery(q('logistics'), { count: counts }).topicDocs).toBeGreaterThan(WALK_TOPIC_DOCS);
    expect(listQuery(q('grocery'), { count: counts }).topicDocs).toBe(11000);
    // On a small corpus nothing walks: reading the index is cheap.
    expect(listQuery(q('logistics'), { count: { ...counts, total: 1000, titleCount: () => 300 } }).topicDocs).toBe(15000);
  });
});

/** As `read`, with the clauses the typed punctuation makes (brackets removed). */
function readClauses(q: string) {
  const r = read(q);
  const clauses = questionClauses(q.replace(/[[\]]/g, ''));
  return { ...r, clauses, intent: parseIntent(r.words, r.names, { clauses }) };
}

describe('questions as people type them (causes found by the blind set, phrased anew)', () => {
  it('a deal verb in a side clause gives the named companies no roles', () => {
    const r = readClauses('we track telecom firms buying rivals - when did [ericsson] announce the [vonage] deal');
    expect(r.clauses.at(-1)).toBeGreaterThan(r.clauses[0]!);
    expect(r.intent.nameRoles).toEqual([undefined, undefined]);
    expect(r.intent.ask).toBe('announced');
    // In the same clause, near the names, it does.
    expect(readClauses('when did [ericsson] buy [vonage]').intent.nameRoles[0]).toContain('acquirer');
  });
  it('a clause with no company and nothing read in it is chatter: never a list topic, weak in a lookup', () => {
    const list = readClauses('for the newsletter, which deals did [toshiba] sell');
    expect(list.intent.consumed.has(list.words.indexOf('newsletter'))).toBe(true);
    const lookup = readClauses('when did [naver] buy [wattpad], asking for a podcast');
    expect(lookup.intent.described?.has(lookup.words.indexOf('podcast'))).toBe(true);
  });
  it('a pronoun subject gives the names before the verb no role: the role check must be sure to refuse', () => {
    expect(read('what did [toshiba] get for [kioxia] when it sold it').intent.nameRoles).toEqual([undefined, undefined]);
    expect(read('what did [toshiba] get for [kioxia] when it sold it').intent.ask).not.toBe('count');
  });
  it('"when was it approved" asks when it closed', () => {
    expect(read('when did regulators approve [amazon] [mgm]').intent.ask).toBe('closed');
  });
  it('a bare "X sold" may be the seller or the company sold: both roles fit', () => {
    expect(read('the deal where [uber] sold out in china').intent.nameRoles[0]).toEqual(['target', 'seller']);
    expect(read('[mojang] sold to [microsoft] when').intent.nameRoles[0]).toEqual(['target', 'seller']);
    expect(read('[google] sold [motorola] to [lenovo]').intent.nameRoles[0]).toEqual(['seller']);
  });
  it('"X ever bought" is active: X the buyer', () => {
    expect(read('the priciest thing [sony] ever bought').intent.nameRoles[0]).toContain('acquirer');
  });
  it('a yes/no question after a clause of its own, or after an opener, is a status question', () => {
    expect(readClauses('so did [intel] ever close [tower]').intent.ask).toBe('status');
    expect(readClauses('given all the lawyers involved, did [amazon] ever close [mgm]').intent.ask).toBe('status');
  });
  it('reads passive and inverted forms: sold to, ended up with, the seller in, the buyer of', () => {
    const sold = read('what was [mojang] sold to [microsoft] for').intent;
    expect(sold.ask).toBe('value');
    expect(sold.nameRoles[0]).toEqual(['target']);
    expect(sold.nameRoles[1]).toContain('acquirer');
    const ended = read('who wound up with [whatsapp] in the end').intent;
    expect(ended.ask).toBe('parties');
    expect(ended.askedRoles).toEqual(['acquirer']);
    expect(ended.nameRoles[0]).toContain('target');
    const seller = read('who was the seller in the [kioxia] deal').intent;
    expect(seller.ask).toBe('parties');
    expect(seller.askedRoles).toEqual(['seller']);
    const buyer = read('who was the buyer of [lazada]').intent;
    expect(buyer.askedRoles).toEqual(['acquirer']);
    expect(buyer.nameRoles[0]).toContain('target');
  });
  it('"how many billions / millions" asks the value, not a count', () => {
    expect(read('how many billions did [broadcom] put down for [vmware]').intent.ask).toBe('value');
    expect(read('how many millions was the [naver] [wattpad] purchase').intent.ask).toBe('value');
    expect(read('how many deals did [naver] do').intent.ask).toBe('count');
  });
  it('a verb of paying asks the price whatever the question opens with', () => {
    expect(read('is it known what [meta] paid for [giphy]').intent.ask).toBe('value');
    expect(read('any idea what [apple] spent on [beats]').intent.ask).toBe('value');
    expect(read('what did [zomato] buy [blinkit] for').intent.ask).toBe('value');
    expect(read('when did [meta] pay for [giphy]').intent.ask).toBe('announced');
  });
  it('"which <description> bought X" asks for the buyer, its description weak evidence', () => {
    const r = read('which dutch chipmaker bought [freescale]');
    expect(r.intent.ask).toBe('parties');
    expect(r.intent.askedRoles).toEqual(['acquirer']);
    expect([...(r.intent.described ?? [])].map((i) => r.words[i])).toEqual(['dutch', 'chipmaker']);
  });
  it('buying asked outright is no question about a stake', () => {
    expect(read('when did [amazon] buy [anthropic]').intent.outright).toBe(true);
    expect(read('did [amazon] snap up [anthropic]').intent.outright).toBe(true);
    expect(read('when did [amazon] buy a stake in [anthropic]').intent.outright).toBe(false);
    expect(read('when did [amazon] buy into [anthropic]').intent.outright).toBe(false);
    expect(read('when did [softbank] buy shares in [uber]').intent.outright).toBe(false);
    expect(read('how much did [amazon] pay for [anthropic]').intent.outright).toBe(false);
  });
});

describe('verbs that are company names', () => {
  const span = (start: number, typed: string, id: number): NameSpan => ({ start, end: start + 1, typed, key: typed, orgIds: [id], distance: 0 });
  it('between two companies, or before "up", the word is the verb', () => {
    const words = questionWords('when did sony grab bungie');
    expect(verbsInVerbPosition(words, [span(2, 'sony', 1), span(3, 'grab', 2), span(4, 'bungie', 3)]).map((s) => s.typed)).toEqual(['sony', 'bungie']);
    const up = questionWords('did amazon snap up twitch');
    expect(verbsInVerbPosition(up, [span(1, 'amazon', 1), span(2, 'snap', 2), span(4, 'twitch', 3)]).map((s) => s.typed)).toEqual(['amazon', 'twitch']);
  });
  it('elsewhere it is the company', () => {
    const words = questionWords('grab deals with uber');
    expect(verbsInVerbPosition(words, [span(0, 'grab', 2), span(3, 'uber', 3)]).map((s) => s.typed)).toEqual(['grab', 'uber']);
    const snap = questionWords('how much did snap pay for zenly');
    expect(verbsInVerbPosition(snap, [span(3, 'snap', 2), span(6, 'zenly', 3)]).map((s) => s.typed)).toEqual(['snap', 'zenly']);
  });
});

describe('list and count leftovers (round 3)', () => {
  it('widens a list to every status when a status phrase follows "including" or "even"', () => {
    expect(read('[intel] takeovers including the ones that were called off').intent.status).toBeUndefined();
    expect(read('all [meta] acquisitions even the abandoned ones').intent.status).toBeUndefined();
    expect(read('[meta] acquisitions that were abandoned').intent.status).toBe('terminated');
  });

  it('reads chat and shorthand in a list or count as no topic', () => {
    const { words, intent } = read('how many [sony] deals u got on record');
    expect(intent.ask).toBe('count');
    const left = words.filter((_, i) => !intent.consumed.has(i) && !['sony'].includes(words[i]!));
    expect(left).not.toContain('u');
    expect(left).not.toContain('record');
  });

  it('an order by value over several deals with a value word is a list, smallest first', () => {
    const { intent } = read('smallest deals by disclosed value');
    expect(intent.ask).toBe('list');
    expect(intent.order).toBe('value_asc');
  });
});

describe('a possessive person before a company (round 3)', () => {
  it("consumes the owner's name before a named company, and only there", async () => {
    const { possessiveOwners } = await import('../../../../src/search/question/index.ts');
    const { words, names } = read('how many deals has jensen huang [nvidia] made');
    const consumed = new Set<number>();
    possessiveOwners("how many deals has jensen huang's nvidia made", words, names, consumed);
    expect([...consumed].map((i) => words[i]).sort()).toEqual(['huang', 'jensen']);
    const plain = new Set<number>();
    possessiveOwners('how many deals has jensen huang nvidia made', words, names, plain);
    expect(plain.size).toBe(0);
  });
});

describe('everyday phrasing of descriptions (phase 6)', () => {
  it('reads "X bought the …" as active, and "X bought" alone as possibly passive', () => {
    expect(read('when the [playstation] company bought the halo developer').intent.nameRoles[0]).toEqual(['acquirer', 'investor']);
    expect(read('when was [arm] bought').intent.nameRoles[0]).not.toEqual(['acquirer', 'investor']);
  });
  it('reads "around 2014" as the year, never "around" as a word to find', () => {
    const { intent } = read('the site where gamers livestream around 2014');
    expect(intent.years).toEqual([2014]);
    expect(intent.consumed.has(5)).toBe(true);
  });
  it('reads "fell apart" and "takes over" as a termination and a takeover', () => {
    expect(read('the roomba maker deal that fell apart').intent.status).toBe('terminated');
    expect(read('us retail giant takes over an online store').intent.types).toEqual(['acquisition']);
  });
});

describe('lists in everyday phrasing (phase 6)', () => {
  it.each([
    ['deals 2021 onwards', { fromYear: 2021 }],
    ['2022 and later acquisitions', { fromYear: 2022 }],
    ['post 2020 acquisitions', { fromYear: 2021 }],
    ['apple deals pre 2017', { toYear: 2016 }],
    ['deals 2016 or earlier', { toYear: 2016 }],
  ])('%s: a year range', (q, want) => {
    const { intent } = read(q);
    expect({ fromYear: intent.fromYear, toYear: intent.toYear }).toEqual({ fromYear: undefined, toYear: undefined, ...want });
    expect(intent.ask).toBe('list');
  });
  it.each([
    ['highest value acquisitions', 'value_desc'],
    ['deals worth the most', 'value_desc'],
    ['least expensive acquisitions', 'value_asc'],
    ['lowest value deals', 'value_asc'],
  ])('%s: ordered by value', (q, order) => {
    const { intent } = read(q);
    expect([intent.order, intent.ask]).toEqual([order, 'list']);
  });
  it('reads a closing year or status alone as a list of the deals that meet it', () => {
    expect(read('what closed in 2021').intent).toMatchObject({ ask: 'list', closedYears: [2021] });
    expect(read('what fell through in 2022').intent).toMatchObject({ ask: 'list', status: 'terminated', closedYears: [2022] });
    // A description beside it stays a lookup.
    expect(read('the roomba deal that was terminated in 2024').intent.ask).toBe('show');
  });
  it('reads a negated completion and "open deals" as pending', () => {
    expect(read('deals that havent closed').intent.status).toBe('pending');
    expect(read('acquisitions not yet completed').intent.status).toBe('pending');
    expect(read('open deals').intent.status).toBe('pending');
  });
  it('reads the name after "everything" or "the companies" as the buyer', () => {
    expect(read('everything [microsoft] bought').intent).toMatchObject({ ask: 'list', nameRoles: [['acquirer', 'investor']] });
  });
});

describe('a relative clause after a description (phase 6)', () => {
  it('reads "the linux company [ibm] bought" with the name as the buyer', () => {
    expect(read('the linux company [ibm] bought').intent.nameRoles[0]).toEqual(['acquirer', 'investor']);
    expect(read('the cambridge chip designer [softbank] bought').intent.nameRoles[0]).toEqual(['acquirer', 'investor']);
  });
});
