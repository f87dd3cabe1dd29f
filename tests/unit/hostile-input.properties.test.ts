// Every parser that user or article text reaches runs in linear time. Each property feeds strings
// of the largest length that parser accepts, built the way catastrophic-backtracking attacks are built — a prefix
// that lets a pattern start, long pumped runs of one character class (spaces, digits, letters, quotes, separators),
// and a rejecting suffix — and gives each input a time budget. The budgets are generous (a thousand times what the
// work needs: microseconds for a form field); super-linear work on inputs of this size takes seconds to minutes, so
// only that can exceed them. `npm run test:props` runs 2000 inputs per parser.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { slackTextToPlain } from '../../src/adapters/slack/escape.ts';
import { DETAILS_TEXT_MAX, parseAreas, parseDetails, parseParties, parseQuotes, parseSources, parseValue, VALUE_TEXT_MAX } from '../../src/core/forms/deal-fields.ts';
import { parseDealForm } from '../../src/core/forms/deal-form.ts';
import { INPUT_LIMITS } from '../../src/core/limits.ts';
import { parseCommandLine, tokenise } from '../../src/core/parse-command.ts';
import { parseDealFile } from '../../src/deals/import-file.ts';
import { normaliseText } from '../../src/deals/names.ts';
import { slugify, type FieldProblem } from '../../src/deals/schema.ts';
import { displayText, linkLabel, namesHost, safeText } from '../../src/deals/text-safety.ts';
import { isPrivateAddress } from '../../src/ingest/fetch.ts';
import { ingestText, isUrlSource } from '../../src/ingest/ingest.ts';
import { findQuotes } from '../../src/ingest/quotes.ts';
import { articleFromText, splitSentences } from '../../src/ingest/text.ts';
import { clip } from '../../src/deals/text-safety.ts';
import { findMoney } from '../../src/ingest/facts.ts';
import { cleanOrgName } from '../../src/ingest/organisations.ts';
import { questionWords } from '../../src/search/question/normalise.ts';
import { parseIntent } from '../../src/search/question/intent.ts';
import { testApp } from '../helpers/app.ts';
import { params, PROPERTY_RUNS } from '../helpers/properties.ts';

/** Per input, for work that takes microseconds to a few milliseconds. */
const BUDGET_MS = 1000;

/**
 * Run classes: a run repeats a short pattern of characters from one class, the way attack strings pump whatever
 * two quantifiers of a pattern can both take (white space for `\s*…\s*`, digits for `\d+…\d*`, and so on).
 */
const RUN_CLASSES = [' ', ' \t', '\n ', '0123456789', '1,', 'abcxyz', 'ABCXYZ', 'Ab ', ',.;:', '-—–', '“"”\'’', '()[]', '\\|<>&', '.a', '\u200b\u0301', 'a1 .-'];

/** What the parsers look for: labels, separators, currency, quote and link syntax, names, verbs. */
const WORDS = ['', '', 'Value:', 'Type: mou', 'USD', '$', 'EUR', '1', '1.5', '12,000', 'billion', 'bn', '(', ')', '(partner', 'aka', ';', '|', ':', 'https://', 'www.', '<https://a.example|', '>', '“', '”', '"', 'said', 'Satya Nadella', 'Mr.', 'Inc.', 'REDMOND, Wash.', 'deal-admin', '/deal', 'company:"', '!', 'x', '.', ','];

const segment = fc.constantFrom(...WORDS);
const runOf = fc.record({ cls: fc.constantFrom(...RUN_CLASSES), pattern: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) });

/**
 * A string of exactly `length` characters: word, run, word, run, word (and sometimes a third run and word), the runs
 * sharing out the length. The words come first so a pattern can start; the last word is often what makes it fail.
 */
function attack(length: number): fc.Arbitrary<string> {
  return fc
    .record({
      words: fc.array(segment, { minLength: 3, maxLength: 4 }),
      runs: fc.array(runOf, { minLength: 2, maxLength: 3 }),
      split: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    })
    .map(({ words, runs, split }) => {
      const fixed = words.join('').length;
      const room = Math.max(0, length - fixed);
      const shares = runs.map((_, i) => (i === 0 ? split : (1 - split) / (runs.length - 1)));
      let out = words[0]!;
      runs.forEach((r, i) => {
        const unit = r.pattern.map((n) => r.cls[n % r.cls.length]).join('');
        const n = Math.floor(room * shares[i]!);
        out += unit.repeat(Math.ceil(n / unit.length) + 1).slice(0, n) + (words[i + 1] ?? '');
      });
      return out.length >= length ? out.slice(0, length) : out + ' '.repeat(length - out.length);
    });
}

function withinBudget(label: string, fn: () => unknown, budget = BUDGET_MS): void {
  const t = performance.now();
  fn();
  const ms = performance.now() - t;
  expect(ms, `${label} took ${ms.toFixed(0)} ms`).toBeLessThan(budget);
}

/** The same for an async function (search): the time until its answer. */
const runAsync = (arb: fc.Arbitrary<string>, fn: (s: string) => Promise<unknown>, label: string, budget = BUDGET_MS, runs = PROPERTY_RUNS) =>
  fc.assert(
    fc.asyncProperty(arb, async (s) => {
      const t = performance.now();
      await fn(s);
      const ms = performance.now() - t;
      expect(ms, `${label} took ${ms.toFixed(0)} ms`).toBeLessThan(budget);
    }),
    { ...params, numRuns: runs },
  );

const run = (arb: fc.Arbitrary<string>, fn: (s: string) => unknown, label: string, budget = BUDGET_MS, runs = PROPERTY_RUNS) =>
  fc.assert(
    fc.property(arb, (s) => withinBudget(label, () => fn(s), budget)),
    { ...params, numRuns: runs },
  );

const FIELD = INPUT_LIMITS.optionValue;

describe('form fields at the largest length the core admits', () => {
  it('value', () => run(attack(VALUE_TEXT_MAX), parseValue, 'parseValue'));
  it('details (and its value line)', () => {
    run(attack(DETAILS_TEXT_MAX), (s) => parseDetails(s, []), 'parseDetails');
    run(attack(DETAILS_TEXT_MAX - 7).map((s) => `Value: ${s}`), (s) => parseDetails(s, []), 'parseDetails value line');
  });
  it('parties, areas, quotes, sources', () => {
    const problems: FieldProblem[] = [];
    run(attack(FIELD), (s) => parseParties(s, problems), 'parseParties');
    run(attack(FIELD), parseAreas, 'parseAreas');
    run(attack(FIELD), (s) => parseQuotes(s, problems), 'parseQuotes');
    run(attack(FIELD), parseSources, 'parseSources');
  });
  it('the whole form, every field at once', () =>
    fc.assert(
      fc.property(attack(FIELD), attack(FIELD), attack(DETAILS_TEXT_MAX), (a, b, details) =>
        withinBudget('parseDealForm', () => parseDealForm({ title: a.slice(0, 150), parties: a, details, summary: b.slice(0, 1500), sources: b, areas: a, quotes: b, deal_slug: a.slice(0, 64) })),
      ),
      params,
    ));
});

describe('command lines', () => {
  it('tokenise and parseCommandLine at the typed-text limit', () => {
    run(attack(INPUT_LIMITS.commandText), tokenise, 'tokenise');
    run(attack(INPUT_LIMITS.commandText), (s) => parseCommandLine(s, COMMANDS), 'parseCommandLine');
    run(attack(INPUT_LIMITS.commandText - 6).map((s) => `/deals ${s}`), (s) => parseCommandLine(s, COMMANDS), 'parseCommandLine /deals');
  });
});

describe('questions and names', () => {
  const app = testApp({ fixtures: true });
  afterAll(() => app.close());
  it('query normalisation at the option limit, and a whole search', async () => {
    run(attack(200), (s) => parseIntent(questionWords(s), []), 'question words and intent');
    run(attack(FIELD), normaliseText, 'normaliseText');
    run(attack(FIELD), slugify, 'slugify');
    await runAsync(attack(200), (s) => app.search.search(s), 'search', BUDGET_MS, Math.min(PROPERTY_RUNS, 200));
  });
});

describe('import lines', () => {
  it('a JSON Lines record whose every text field is hostile', () =>
    fc.assert(
      fc.property(attack(FIELD), attack(200), (a, b) => {
        const line = JSON.stringify({ title: a.slice(0, 150), type: b, status: 'announced', announced: b.slice(0, 10), parties: [{ name: b, role: 'acquirer', aliases: [b] }], areas: [b], summary: a, sources: [{ url: a, publisher: b, title: b, published: b }], slug: b });
        withinBudget('parseDealFile', () => parseDealFile(`${line}\n${line}\n`));
      }),
      params,
    ));
});

describe('text safety and links', () => {
  it('safeText, displayText, namesHost and linkLabel over the largest option text', () => {
    run(attack(INPUT_LIMITS.totalOptionChars), safeText, 'safeText');
    run(attack(INPUT_LIMITS.totalOptionChars), (s) => displayText(s, { singleLine: true }), 'displayText');
    run(attack(FIELD), namesHost, 'namesHost');
    run(attack(500), (s) => linkLabel(s, 'https://example.com/a'), 'linkLabel');
  });
  it('URL checks: what counts as a URL to fetch, Slack link syntax, address ranges', () => {
    run(attack(FIELD), isUrlSource, 'isUrlSource');
    run(attack(FIELD - 9).map((s) => `https://${s}`), isUrlSource, 'isUrlSource https');
    run(attack(FIELD), slackTextToPlain, 'slackTextToPlain');
    run(attack(100), isPrivateAddress, 'isPrivateAddress');
  });
});

describe('article text (ingest: also bounded in its worker, see ingest-worker tests)', () => {
  const ORGS = [{ name: 'Microsoft', aliases: ['MSFT'] }, { name: 'Xiaomi', aliases: ['Mi'] }];
  it('the regex-heavy steps at the largest pasted article', () => {
    run(attack(FIELD), (s) => splitSentences(s), 'splitSentences');
    run(attack(FIELD), (s) => findMoney(s), 'findMoney');
    run(attack(FIELD), (s) => findQuotes([s]), 'findQuotes');
    run(attack(FIELD), cleanOrgName, 'cleanOrgName');
    run(attack(FIELD), (s) => clip(s, 300), 'clip');
    run(attack(FIELD), (s) => articleFromText(s), 'articleFromText');
  });
  it('a whole draft (compromise included, so a larger budget and fewer runs)', () =>
    run(attack(FIELD), (s) => ingestText(s, ORGS), 'ingestText', 5 * BUDGET_MS, Math.min(PROPERTY_RUNS, 40)));
});
