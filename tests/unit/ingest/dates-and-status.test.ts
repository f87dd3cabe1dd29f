// The story's own date and the deal's dates and status, each rule on short sentences of our own (fictional
// companies): where the story date comes from (a wire tag with a hyphen, a date on its own line, a newsletter's
// masthead, a page's byline <time>), why the text's own day beats a byline written a day later, a completion in an
// "after …" clause being background, the start of talks not being the deal's announcement, and a close still ahead
// making a deal pending. Fixtures of the same patterns: tests/fixtures/articles/dev4/.
import { describe, expect, it } from 'vitest';
import { classifyStatus, classifyType } from '../../../src/ingest/classify.ts';
import { articleFromHtml } from '../../../src/ingest/extract.ts';
import { findDealDates, reportsEvent } from '../../../src/ingest/facts.ts';
import { ingestText } from '../../../src/ingest/ingest.ts';
import { inBackgroundClause, leadSentence, storyEvent } from '../../../src/ingest/story.ts';
import { articleFromText, articleSentences, dateLineDate, mastheadDate, splitDateline, storyDate } from '../../../src/ingest/text.ts';

const ORGS = [
  { name: 'Quillfeather', aliases: ['Quillfeather Robotics'] },
  { name: 'Brightmoor', aliases: [] },
  { name: 'Zeta Labs', aliases: [] },
];

function dates(text: string) {
  const a = articleFromText(text);
  const s = articleSentences(a);
  const event = storyEvent(s);
  return { ...findDealDates(s, leadSentence(s), event.event, storyDate(a)), event: event.event, story: storyDate(a) };
}

describe('the story date', () => {
  it('a wire tag with a hyphen or a dot still opens a dateline', () => {
    expect(splitDateline('OSLO, March 4, 2024 (Wire-Desk) — Quillfeather said on Monday it had bought Zeta Labs.')?.date).toBe('2024-03-04');
    expect(splitDateline('OSLO, March 4, 2024 (A.P.) — Quillfeather said on Monday it had bought Zeta Labs.')?.date).toBe('2024-03-04');
  });

  it('a line that is only a date (with a label, a weekday, a time or "edition") is the story date', () => {
    expect(dateLineDate('May 23, 2023')).toBe('2023-05-23');
    expect(dateLineDate('Tuesday, 9 September 2025')).toBe('2025-09-09');
    expect(dateLineDate('Published: 2 May 2024')).toBe('2024-05-02');
    expect(dateLineDate('June 8, 2022 9:10 AM ET')).toBe('2022-06-08');
    expect(dateLineDate('December 2023 edition')).toBe('2023-12');
    // Prose with a date in it is not a date line.
    expect(dateLineDate('Quillfeather agreed the deal on May 23, 2023.')).toBeUndefined();
    expect(dateLineDate('Deals of March 2024 and April 2024')).toBeUndefined();
  });

  it('a byline of a name and a date ("Priya Raman, July 18, 2025") is the story date and not a paragraph', () => {
    const a = articleFromText('Quillfeather wraps up its purchase of Zeta Labs\n\nTom Lind, July 18, 2025\n\nQuillfeather said on Thursday that it had closed its acquisition of Zeta Labs.');
    expect(storyDate(a)).toEqual({ date: '2025-07-18', from: 'byline' });
    expect(a.paragraphs[0]).toMatch(/^Quillfeather said/);
    const d = dates('Quillfeather wraps up its purchase of Zeta Labs\n\nTom Lind, July 18, 2025\n\nQuillfeather said on Thursday that it had closed its acquisition of Zeta Labs, a deal the two agreed in January last year.');
    expect(d.event).toBe('complete');
    expect(d.closed.value).toBe('2025-07-17');
    expect(d.announced.value).toBe('2024-01');
  });

  it('a newsletter masthead title ending in a full date dates the issue; a headline with a date inside does not', () => {
    expect(mastheadDate('The Platform Letter — Tuesday, June 11, 2024')).toBe('2024-06-11');
    expect(mastheadDate('Morning Brief | 4 March 2024')).toBe('2024-03-04');
    expect(mastheadDate('Quillfeather to buy Zeta Labs, first agreed on May 2, 2024')).toBeUndefined();
  });

  it('an HTML byline <time> is the story date; times in asides and related boxes are other stories\'', () => {
    const a = articleFromHtml(
      '<html><head><title>Quillfeather buys Zeta Labs</title></head><body><aside class="latest"><ul><li>Other news <time datetime="2024-08-21">21 Aug</time></li></ul></aside>' +
        '<article><h1>Quillfeather buys Zeta Labs</h1><div class="byline">By Staff · <time datetime="2024-08-20T07:00:00+02:00">20 August 2024</time></div>' +
        '<p>Quillfeather Robotics said on Monday it had agreed to acquire Zeta Labs, a maker of robot grippers, for $40 million in cash, the company said in a statement to investors.</p>' +
        '<p>The deal is subject to regulatory approval and is expected to close later this year, according to the two companies, which did not give further details.</p></article></body></html>',
    );
    expect(storyDate(a)).toEqual({ date: '2024-08-20', from: 'byline' });
  });
});

describe('the announcement date against the story date', () => {
  it('an analysis dated the next day takes the day its second sentence gives ("on Thursday, May 16, 2019")', () => {
    const d = dates(
      'ANALYSIS: rivals team up\n\nBy a staff analyst · May 17, 2019\n\nIt is not every day that two rivals sign something together. Yet on Thursday, May 16, 2019, Quillfeather and Brightmoor said they had signed a memorandum of understanding on cloud robotics.',
    );
    expect(d.story?.date).toBe('2019-05-17');
    expect(d.announced.value).toBe('2019-05-16');
  });

  it('a blog posted the day after the news takes "late on Wednesday, January 29, 2014" from its opening', () => {
    const d = dates(
      'Brightmoor lets go of its drives\n\nPosted January 30, 2014 · Notebook\n\nWell, that was quick. Two years after Brightmoor closed its takeover of Zeta Labs, the company has decided to sell it to Quillfeather.\n\nThe news came late on Wednesday, January 29, 2014: Brightmoor is selling its Zeta Labs unit to Quillfeather for $300 million.',
    );
    // The completion in the "after …" clause is background: this story announces a sale, it closes nothing.
    expect(d.event).toBe('announce');
    expect(d.closed.value).toBeUndefined();
    expect(d.announced.value).toBe('2014-01-29');
  });

  it('a newsletter dated Tuesday reads "on Monday" in the lead\'s paragraph as the Monday before', () => {
    const d = dates(
      'The Robot Letter — Tuesday, June 11, 2024\n\nGrippers for everyone\n\nQuillfeather spent its keynote on Monday talking about its own software. But the news came at the end: Quillfeather and Brightmoor announced a partnership on warehouse robots.',
    );
    expect(d.announced.value).toBe('2024-06-10');
  });

  it('a monthly edition line gives the month, at that precision', () => {
    const d = dates('ROBOT MONEY — our monthly letter\nDecember 2023 edition\n\nTHE BIG ONE\n\nZeta Labs has raised $41 million in a Series A round led by Brightmoor.');
    expect(d.announced.value).toBe('2023-12');
  });

  it('the start of talks is not the announcement of the deal that followed', () => {
    const d = dates(
      'OSAKA, Feb. 6, 2017 — Quillfeather and Brightmoor said on Monday they had signed a memorandum of understanding on safety technology.\n\nThe two first said in October 2016 that they would explore a tie-up.',
    );
    expect(d.announced.value).toBe('2017-02-06');
    const talks = dates('OSAKA, Feb. 6, 2017 — Quillfeather and Brightmoor said on Monday they had signed a memorandum. The pair first announced talks in October 2016.');
    expect(talks.announced.value).toBe('2017-02-06');
  });

  it('a completion under a hyphenated wire tag closes on the dateline\'s Monday and keeps the first announcement\'s month', () => {
    const d = dates(
      'OSLO, March 18, 2024 (Wire-Desk) — Quillfeather said on Monday it has finished buying Zeta Labs, closing the largest acquisition in its history six months after the two first unveiled the agreement in September 2023.',
    );
    expect(d.event).toBe('complete');
    expect(d.closed.value).toBe('2024-03-18');
    expect(d.announced.value).toBe('2023-09');
  });

  it('"struck last year" and "in May last year" count from the story date; "said last year" is no announcement', () => {
    const done = dates('OSLO, Feb. 3, 2024 — Quillfeather said on Friday it had completed its purchase of Zeta Labs. The two companies struck the deal last year.');
    expect(done.closed.value).toBe('2024-02-02');
    expect(done.announced.value).toBe('2023');
    const month = dates('OSLO, Aug. 3, 2024 — Quillfeather said on Friday it had completed its purchase of Zeta Labs, which it agreed to buy in May last year.');
    expect(month.announced.value).toBe('2023-05');
    const other = dates('OSLO, Aug. 3, 2024 — Quillfeather, which said last year that it would cut jobs, has completed its purchase of Zeta Labs.');
    expect(other.announced.value).toBeUndefined();
  });

  it('a day in the opening that is not the story\'s own week (an earlier deal recalled) is never its date', () => {
    const d = dates('OSLO, March 5, 2024 — Quillfeather said it would buy Zeta Labs.\n\nThe deal follows Brightmoor\'s purchase of a rival on March 3, 2022.');
    expect(d.announced.value).toBe('2024-03-05');
  });

  it('"the deal has closed" is a completion, an agreement that lapsed an ending, "nearing a deal" a rumour', () => {
    expect(dates('OSLO, March 5, 2024 — The Quillfeather and Zeta Labs deal has closed, the companies said on Tuesday.').event).toBe('complete');
    expect(dates('OSLO, March 5, 2024 — The merger agreement between Quillfeather and Zeta Labs has lapsed, the companies said on Tuesday.').event).toBe('end');
    expect(dates('Quillfeather and Zeta Labs drop their deal\n\nOSLO, March 5, 2024 — The deal Quillfeather struck last year to buy Zeta Labs has fallen apart.').event).toBe('end');
    expect(dates('OSLO, March 5, 2024 — Quillfeather is nearing a deal to buy Zeta Labs, people familiar with the matter said.').event).toBe('rumour');
  });

  it('"yesterday" is the day before the story date; "last week" or "recently" leaves the date empty, never the story\'s', () => {
    const y = dates('Quillfeather buys Zeta Labs\n\nPosted May 3, 2024 · Notebook\n\nQuillfeather said yesterday that it had agreed to buy Zeta Labs for $40 million.');
    expect(y.announced.value).toBe('2024-05-02');
    const w = dates('Quillfeather buys Zeta Labs\n\nPosted May 3, 2024 · Notebook\n\nQuillfeather said last week that it had agreed to buy Zeta Labs for $40 million.');
    expect(w.announced.value).toBeUndefined();
    const c = dates('OSLO, May 3, 2024 — Quillfeather recently completed its purchase of Zeta Labs, the company said in its quarterly report.');
    expect(c.event).toBe('complete');
    expect(c.closed.value).toBeUndefined();
  });

  it('the lead\'s own weekday beats a day the next paragraph gives for another purchase', () => {
    const d = dates('Quillfeather to buy Zeta Labs\n\nOSLO, March 5, 2024 — Quillfeather said on Tuesday it would buy Zeta Labs for $40 million.\n\nThe deal follows Brightmoor\'s purchase of a rival on March 3, 2024, which the market cheered.');
    expect(d.announced.value).toBe('2024-03-05');
  });

  it('a completion under a late byline: the announced day is the announcement\'s, "closed on Friday" the closing', () => {
    const d = dates('Quillfeather completes Zeta Labs deal\n\nBy Tom Lind · March 9, 2024\n\nQuillfeather has completed its purchase of Zeta Labs. The deal, announced on Monday, March 4, 2024, closed on Friday.');
    expect(d.announced.value).toBe('2024-03-04');
    expect(d.closed.value).toBe('2024-03-08');
  });

  it('a weekly round-up\'s masthead date is no deal\'s date', () => {
    expect(mastheadDate('Weekly roundup — March 8, 2024')).toBeUndefined();
    const d = dates('Weekly roundup — March 8, 2024\n\nDeals of the week\n\nQuillfeather bought Zeta Labs for $40 million, the companies said.');
    expect(d.announced.value).toBeUndefined();
  });

  it('a lead that only describes, or an analysis, takes no date from the byline; a lead that reports does', () => {
    expect(reportsEvent("Quillfeather's $40 million purchase of Zeta Labs is the biggest bet the company has ever made.")).toBe(false);
    expect(reportsEvent('Zeta Labs has raised $20 million in a round led by Brightmoor.')).toBe(true);
    expect(reportsEvent('Quillfeather agreed to buy Zeta Labs.')).toBe(true);
    expect(reportsEvent('Quillfeather buys Zeta Labs')).toBe(true);
    const view = dates("Quillfeather's big bet\n\nBy a staff analyst · February 2, 2024\n\nQuillfeather's $40 million purchase of Zeta Labs is the biggest bet the company has ever made.");
    expect(view.announced.value).toBeUndefined();
    const analysis = dates('ANALYSIS: Quillfeather buys growth\n\nBy a staff analyst · February 2, 2024\n\nQuillfeather agreed to buy Zeta Labs, and the price says a lot.');
    expect(analysis.announced.value).toBeUndefined();
    const news = dates('Zeta Labs raises $20 million\n\nMay 23, 2023\n\nZeta Labs has raised $20 million in a round led by Brightmoor.');
    expect(news.announced.value).toBe('2023-05-23');
  });

  it('with no day in the text and only page metadata, nothing is invented', () => {
    const d = dates('Quillfeather and Brightmoor partner on robots\n\nQuillfeather and Brightmoor have agreed to work together on warehouse robots.');
    expect(d.announced.value).toBeUndefined();
    expect(d.closed.value).toBeUndefined();
  });
});

describe('background clauses and status', () => {
  it('an event in an "after/since/when …" clause is background; the main clause is the news', () => {
    const t = 'Two years after Brightmoor closed its takeover of Zeta Labs, the company has decided to sell it';
    expect(inBackgroundClause(t, t.indexOf('closed'))).toBe(true);
    expect(inBackgroundClause(t, t.indexOf('sell'))).toBe(false);
    const u = 'Quillfeather completed its purchase of Zeta Labs on Friday, after regulators in Europe approved it';
    expect(inBackgroundClause(u, u.indexOf('completed'))).toBe(false);
  });

  it('a blog that opens with an aside reads sell vs buy from its deal lead: "has decided to sell" after a background takeover is a divestiture', () => {
    const s = articleSentences(
      articleFromText('Brightmoor moves on\n\nWell, that was quick. Two years after Brightmoor closed its takeover of Zeta Labs, the company has decided to sell its Zeta Labs unit to Quillfeather. The sale still needs approval from regulators.'),
    );
    expect(classifyType(s)?.value).toBe('divestiture');
    expect(classifyStatus(s, 'divestiture', storyEvent(s))?.value).toBe('pending');
  });

  it('a close still ahead makes an announced merger pending', () => {
    for (const later of [
      'Both companies\' shareholders and regulators must approve the merger, which the companies expect to complete next year.',
      'The companies expect to complete the deal within weeks.',
      'The deal requires clearance from regulators in China.',
    ]) {
      const s = articleSentences(articleFromText(`Quillfeather and Brightmoor agree to merge\n\nQuillfeather and Brightmoor said on Sunday that they would combine in an all-stock merger of equals. ${later}`));
      expect(classifyStatus(s, 'merger', storyEvent(s))?.value, later).toBe('pending');
    }
  });

  it('"said that they had formed a joint venture" is announced, not empty', () => {
    const s = articleSentences(articleFromText('Three makers form a charging venture\n\nMUNICH, Nov. 3, 2017 — Quillfeather, Brightmoor and Zeta Labs said on Friday that they had formed a joint venture to build chargers.'));
    expect(classifyStatus(s, 'joint_venture', storyEvent(s))?.value).toBe('announced');
  });

  it('letters of intent (plural) are an MoU and not binding', () => {
    const r = ingestText('SEOUL, Oct 1, 2025 — Quillfeather signed letters of intent with Brightmoor and Zeta Labs on Wednesday under which the two would supply robot arms.', ORGS);
    expect(r.draft.type).toBe('mou');
    expect(r.draft.binding).toBe(false);
    expect(r.draft.announced).toBe('2025-10-01');
  });
});

describe('an ending told in two steps', () => {
  const ending = [
    'The robot deal is dead',
    '',
    'By Ana Pereira',
    'March 6, 2024',
    '',
    'Quillfeather will not be buying Brightmoor after all. The two companies said on Monday that they had agreed to terminate the merger agreement they signed back in May 2022.',
  ].join('\n');
  it('the next sentence of the lead paragraph carries the ending; "said on Monday" dates it, counted back from the byline', () => {
    const d = dates(ending);
    expect(d.event).toBe('end');
    expect(d.closed?.value).toBe('2024-03-04');
    expect(d.announced?.value).not.toBe('2024-03-06');
  });
});
