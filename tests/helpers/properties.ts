// Property runs: a fixed seed so a failure in CI reproduces, and a small number of runs by default so `npm test` stays
// fast. `npm run test:props` sets PROPERTY_RUNS=2000; PROPERTY_SEED picks another seed to explore.
import fc from 'fast-check';

export const PROPERTY_RUNS = Number(process.env.PROPERTY_RUNS ?? 60);
export const PROPERTY_SEED = Number(process.env.PROPERTY_SEED ?? 20_240_611);

export const params = { numRuns: PROPERTY_RUNS, seed: PROPERTY_SEED, endOnFailure: true } as const;

/** Text with the things hostile input is made of: mentions, markup, links, control and invisible characters. */
export const hostileText = (maxLength = 300): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
        { weight: 2, arbitrary: fc.string({ maxLength: 6, unit: 'grapheme' }) },
        {
          weight: 4,
          arbitrary: fc.constantFrom(
            '@everyone', '@here', '<@123456789012345678>', '<@&123456789012345678>', '<#123456789012345678>', '<!channel>',
            '<!here>', '<!everyone>', '<@U012ABC>', '<!subteam^S123>', '[click](https://evil.example)', '<https://evil.example|google.com>',
            'https://evil.example', '*', '**', '_', '__', '~~', '`', '```', '>', '>>>', '||', '|', '<', '>', '&', '&amp;', '&lt;',
            '\\', '#', '# heading', '-# small', '\n', '\r\n', '\t', '\u0000', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\u200b',
            '\u200e', '\u202e', '\u2066', '\ufeff', '\ud83d\ude00', 'é', '\u0301', ':smile:', '<t:0:R>', '</deal:1>', '@\u200beveryone',
          ),
        },
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join('').slice(0, maxLength));
