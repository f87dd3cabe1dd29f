// Round 19's rules, each on a short story written for the test (fictional companies, our own words), for causes that
// heldout-r18's first scoring showed: a newsletter's contents block and a show's credits are not the story's prose.
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../src/ingest/ingest.ts';

const orgs = ['Halvard', 'Brightwave', 'Tessel', 'Northmoor', 'Cobalt Labs'].map((name) => ({ name, aliases: [] }));

describe('the opening of a newsletter or a podcast', () => {
  it('reads past a contents block to the first item’s prose', () => {
    const r = ingestText(
      'THE DEAL DESK\nA weekly letter on tech competition\nIssue 112 | Monday, May 20, 2024\n\n------------------------------------------------------------\nIN THIS ISSUE\n1. The regulator waves through Halvard and Brightwave\n2. Still open: Tessel and Northmoor\n3. Quick hits\n------------------------------------------------------------\n\n1. THE REGULATOR WAVES THROUGH HALVARD AND BRIGHTWAVE\n\nOn Friday the competition regulator published a brief decision: Halvard’s partnership with Brightwave does not qualify for investigation. No phase 1, no phase 2, no remedies.\n\nA reminder of what was being looked at. On February 26 Halvard and Brightwave announced a multiyear partnership to sell Brightwave’s models to Halvard’s cloud customers.',
      orgs,
    );
    expect(r.noDeal).toBe(false);
    expect((r.draft.parties ?? []).map((p) => p.name).sort()).toEqual(['Brightwave', 'Halvard']);
  });

  it('reads past a podcast’s credits to the hosts’ account of the deal', () => {
    const r = ingestText(
      'THE MARGIN CALL PODCAST\nEpisode 214 - "Three giants walk into a clinic"\nRecorded Wednesday, January 31, 2018\n\nHosts: Dev Holt and Carla Obi. Guest: Dr. Helena Sorbye, a health economist at a research institute.\n\nDEV: Welcome back to the show.\n\nCARLA: Yesterday morning happened. So for anyone who was offline on Tuesday: Halvard, Brightwave and Tessel put out a joint statement saying they are forming a new company to run health care for their own employees.',
      orgs,
    );
    expect(r.noDeal).toBe(false);
    expect(r.draft.type).toBe('joint_venture');
  });
});

describe('a deal that has closed, told in a blog post', () => {
  it('is a deal story and a completion, dated the day before the post when the news came "yesterday"', async () => {
    const { articleFromHtml } = await import('../../../src/ingest/extract.ts');
    const { ingestArticle } = await import('../../../src/ingest/ingest.ts');
    const html = `<!DOCTYPE html><html><head><title>It's official: the Brightwave engineers work for Halvard now</title></head><body><article><h1>It's official: the Brightwave engineers work for Halvard now</h1><p class="byline">Wednesday, January 31, 2018 · by a Staff Blogger · 23 comments</p><p>Quick one today, because the news landed late yesterday and I have been refreshing the same three pages since. Halvard says its deal with Brightwave has closed. The roughly 2,000 Brightwave people covered by the agreement started as Halvard employees this week.</p><p>If you have forgotten the details: back in September Halvard agreed to pay Brightwave $1.1 billion in cash for the team and a licence to its patents.</p><p>The closing took a little longer than planned because a regulator had to sign off on the transfer, which it did in December.</p></article></body></html>`;
    const r = ingestArticle(articleFromHtml(html), orgs);
    expect(r.noDeal).toBe(false);
    expect(r.draft.status).toBe('completed');
    expect(r.draft.closed).toBe('2018-01-30');
  });
});

describe('an announcement date that opens its sentence', () => {
  it('reads "On February 26 X and Y announced …" with a long subject between the date and the verb', () => {
    const r = ingestText(
      'THE DEAL DESK\nA weekly letter on tech competition\nIssue 112 | Monday, May 20, 2024\n\n1. THE REGULATOR WAVES THROUGH HALVARD AND BRIGHTWAVE\n\nOn Friday the competition regulator published a brief decision: Halvard’s partnership with Brightwave does not qualify for investigation.\n\nOn February 26 Halvard and the Paris-based model developer Brightwave announced a multiyear partnership. In January another inquiry into such deals was launched.',
      orgs,
    );
    expect(r.draft.announced).toBe('2024-02-26');
  });
});

describe('names', () => {
  it('drops an opening question word from a name, and reads "X Technologies" and "X" as one party', async () => {
    const { cleanOrgName } = await import('../../../src/ingest/organisations.ts');
    expect(cleanOrgName('Why GlobalWafers')).toBe('GlobalWafers');
    const r = ingestText(
      'Ostrava Technologies to buy Kelsey Rectifier for $40 a share in cash\n\nMUNICH, August 20, 2014 -- Ostrava Technologies AG and Kelsey Rectifier Corporation today announced that they have signed a definitive agreement under which Ostrava will acquire Kelsey Rectifier for about $3 billion in cash.\n\nThe Supervisory Board of Ostrava and the board of Kelsey Rectifier have approved the transaction. Ostrava will pay with cash on hand.',
      orgs,
    );
    expect((r.draft.parties ?? []).map((p) => `${p.name}:${p.role}`)).toEqual(['Ostrava Technologies:acquirer', 'Kelsey Rectifier:target']);
  });
});

describe('values', () => {
  it('takes "the total price is" over an earlier deal of the buyer, and never a fine', () => {
    const r = ingestText(
      'Halvard sells its phone business to Brightwave\n\nHELSINKI, September 3, 2013 -- Halvard agreed on Tuesday to sell its handset business to Brightwave and to license its patents to it.\n\nThe total price is €5.44 billion. The networks business is now wholly Halvard’s, after it agreed in July to buy out Tessel’s half of their joint venture for €1.7 billion. The regulator fines Halvard £50.5 million for breaching an order, in a separate case.',
      orgs,
    );
    expect(r.draft.value).toMatchObject({ amount: 5_440_000_000, currency: 'EUR' });
  });
});

describe('a column’s headline written as sentences', () => {
  it('is the headline when a byline follows it under a kicker', async () => {
    const { articleFromText } = await import('../../../src/ingest/text.ts');
    const a = articleFromText("COLUMN | PLATFORMS & POWER\n\nHalvard is now Brightwave's biggest owner. Here is what it actually bought.\n\nBy a Staff Columnist\nMonday, January 22, 2018\n\nThe most complicated private share sale in the industry's history ended quietly on Thursday.");
    expect(a.title).toBe("Halvard is now Brightwave's biggest owner. Here is what it actually bought.");
  });
});
