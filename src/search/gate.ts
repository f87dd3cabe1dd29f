// The gate: found or not found, decided by the best candidate's confidence (its idf-weighted coverage of the
// question, see rank.ts) against a calibrated threshold, never by "every word present". A deal whose parties play
// roles the question contradicts is never the answer ("how much did oracle pay for github").
import type { Question } from './question/index.ts';
import type { Scored } from './rank.ts';

/**
 * Thresholds, calibrated on the name-based evaluation's dev split and the question examples of the unit tests: with
 * a company named, one unmatched rare word beside a single name (about half the weight) refuses, an unmatched common
 * word does not; without names, a description must cover a little under half of its weight.
 */
export const GATE = { withNames: 0.6, withoutNames: 0.5 } as const;

export type Verdict =
  | { verdict: 'answer'; best: Scored; rest: Scored[] }
  | { verdict: 'refuse'; reason: 'roles' | 'no_match'; nearest?: Scored | undefined };

export function decide(ranked: Scored[], q: Question): Verdict {
  if (!ranked.length) return { verdict: 'refuse', reason: 'no_match' };
  const fitting = ranked.filter((s) => !s.roleConflict);
  if (!fitting.length) return { verdict: 'refuse', reason: 'roles', nearest: ranked[0] };
  const best = fitting[0]!;
  const threshold = q.names.length ? GATE.withNames : GATE.withoutNames;
  if (best.confidence < threshold) return { verdict: 'refuse', reason: 'no_match', nearest: best };
  // What a named company bought or invested in, named by a word that is a party's or a title's elsewhere ("did
  // walmart buy jd"), and not in this deal: the deal asked about is another one, or none.
  if (q.names.length && unmatchedObject(q, best)) return { verdict: 'refuse', reason: 'no_match', nearest: best };
  // Without names, at least one content word must be found in the deal itself (not only a stated type or year), or
  // every company described by what it is known for must be a party.
  if (!q.names.length && best.matched.size === 0 && !(q.known?.length && !best.knownMiss)) return { verdict: 'refuse', reason: 'no_match', nearest: best };
  // A company described by nationality with no party of that country in the deal ("the french chipmaker that bought
  // …"): the words alone do not make it the deal.
  if (!q.names.length && best.countryMiss) return { verdict: 'refuse', reason: 'no_match', nearest: best };
  // Likewise a company described by what it is known for ("the roomba maker") that is not in the deal, also beside a
  // named one ("the playstation company bought the roomba maker": Sony's deals have no iRobot).
  if (best.knownMiss) return { verdict: 'refuse', reason: 'no_match', nearest: best };
  // The other candidates offered beside the answer: not ones the description rules out, nor ones far below the bar.
  const plausible = (s: Scored) => s.confidence >= threshold / 2 && (q.names.length > 0 || (!s.countryMiss && !s.knownMiss));
  return { verdict: 'answer', best, rest: fitting.slice(1).filter(plausible) };
}

/** A word of the deal verb's object that names a party or a title somewhere, and that this candidate lacks. */
export function unmatchedObject(q: Question, best: Scored): boolean {
  const { slots } = q.intent;
  return q.terms.some((g) => g.titled && g.positions.some((p) => slots.has(p)) && !best.matched.has(g));
}
