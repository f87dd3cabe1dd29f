// Round 13's quote rules, each on a short story written for the test: "he said" is the person the story last
// introduced (not the last person quoted), a capitalised title run into a name ("Halvard CEO Mira Castell") is cut
// from the name and kept as the title, and a surname after an untitled full mention finds the full name.
import { describe, expect, it } from 'vitest';
import { findQuotes } from '../../../src/ingest/quotes.ts';

const speakers = (paragraphs: string[]) => findQuotes(paragraphs).map((q) => q.speaker);

describe('who "he said" or "she said" refers to', () => {
  it('is the person introduced in the sentence before the quote, with the title the story gave them', () => {
    const quotes = findQuotes([
      '“We have wanted a bigger footprint in storage for a long time, and this gets us there,” said Tomas Rekka, chief executive of Orchard Systems.',
      'Ines Vallory, Lumen Peak’s founder and chief executive, said the offer recognised years of work. “Our customers get a bigger company behind the product they already use,” she said.',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual(['Tomas Rekka', 'Ines Vallory']);
    expect(quotes[1]!.title).toBe('Lumen Peak’s founder and chief executive');
  });

  it('takes the subject of that sentence, not someone it mentions later', () => {
    expect(
      speakers([
        '“The board looked at every option before it agreed to this,” said Tomas Rekka, chief executive of Orchard Systems.',
        'Ines Vallory, an analyst at Northmoor Research, said Rekka had little choice. “A rival would have bought them within a year,” she said.',
      ]),
    ).toEqual(['Tomas Rekka', 'Ines Vallory']);
  });

  it('falls back to the last speaker when the story introduced nobody new', () => {
    expect(
      speakers([
        '“We have wanted a bigger footprint in storage for a long time,” said Tomas Rekka, chief executive of Orchard Systems.',
        'The company expects the purchase to close next spring. “Nothing changes for customers until then, and very little after,” he said.',
      ]),
    ).toEqual(['Tomas Rekka']);
  });

  it('reads a person introduced with "who" as a person', () => {
    expect(
      speakers([
        'Dario Fennel, who took over the company last year, put out a short statement. “We will keep building the product our users asked for, on our own terms,” he wrote.',
      ]),
    ).toEqual(['Dario Fennel']);
  });
});

describe('names and titles', () => {
  it('cuts a capitalised title from the name and keeps it as the title', () => {
    const [q] = findQuotes(['“This is the largest bet we have made on software in our history,” Orchard Systems Chief Executive Tomas Rekka said.']);
    expect(q).toMatchObject({ speaker: 'Tomas Rekka', title: 'Orchard Systems Chief Executive' });
  });

  it('finds the surname of a name written after a title ("Halvard CEO Mira Castell … Castell said")', () => {
    expect(
      speakers([
        'Halvard CEO Mira Castell, who joined from a rival in 2021, will run the combined business.',
        '“We can now sell to customers we could never reach on our own,” Castell said.',
      ]),
    ).toEqual(['Mira Castell']);
  });

  it('finds the full name behind a surname when the first mention had no title', () => {
    expect(
      speakers([
        'The plan Larry Ellison described in the spring has not changed since.',
        '“Hospitals will spend less time on paperwork and more on patients,” Ellison said on Thursday.',
      ]),
    ).toEqual(['Larry Ellison']);
  });

  it('does not make a person of a surname nobody was introduced with', () => {
    expect(speakers(['“The quarter was better than we feared, and the pipeline is full,” Brightwave said in a statement.'])).toEqual([]);
  });
});

describe('round 14: more ways a story names who spoke', () => {
  it('reads "told me", a company and title between the verb and the name, and a founder named with "founded by"', () => {
    expect(speakers(['“They are buying an audience, not a business, and the price shows it,” Ines Vallory, an analyst at Northmoor Research, told me.'])).toEqual(['Ines Vallory']);
    const [q] = findQuotes(['“This has been a long fight, and I am glad it is behind us,” said Orchard Systems chief executive Tomas Rekka.']);
    expect(q).toMatchObject({ speaker: 'Tomas Rekka', title: 'Orchard Systems chief executive' });
    expect(
      speakers([
        'Lumen Peak, founded in 2012 by Dylan Field and a classmate, sells design software to large companies.',
        '“Our users have always wanted design to be open to anyone,” Field said.',
      ]),
    ).toEqual(['Dylan Field']);
  });

  it('takes "he said" after a sentence that opens with a person compromise knows', () => {
    expect(
      speakers([
        '“We will keep building the product our users asked for,” said Tomas Rekka, chief executive of Orchard Systems.',
        'Bob Iger was clearly pleased. “This is our biggest step into games yet, and it meets a younger audience where it already is,” he said.',
      ]),
    ).toEqual(['Tomas Rekka', 'Bob Iger']);
  });
});


describe('round 15: quotations at the end of a clause and after a colon', () => {
  it('finds the speaker who opened the clause the quotation ends', () => {
    const [q] = findQuotes(['Ines Vallory, Lumen Peak’s chairwoman, said the board had concluded that the offer “gives our shareholders certain value today for growth they would otherwise wait years to see.”']);
    expect(q).toMatchObject({ speaker: 'Ines Vallory', title: 'Lumen Peak’s chairwoman' });
  });

  it('finds the speaker named before a colon, with or without a verb', () => {
    expect(speakers(['Orchard Systems chairman Tomas Rekka: “Nearly everything we make needs more chips every year, and now they are close by.”'])).toEqual(['Tomas Rekka']);
    expect(speakers(['Ines Vallory, Lumen Peak’s chief executive, was equally direct: “We are choosing our partner for the long term, and we chose well.”'])).toEqual(['Ines Vallory']);
    expect(speakers(['Halvard chief executive Dario Fennel says the factory is about securing supply: “The last few years taught everyone what it costs when chips are made far away.”'])).toEqual(['Dario Fennel']);
  });

  it('takes "said Name of Firm" as the speaker', () => {
    expect(speakers(['“Scale is the only answer when your customers are consolidating,” said Mikael Lind of the fictional Nordvik Research in Stockholm.'])).toEqual(['Mikael Lind']);
  });
});
