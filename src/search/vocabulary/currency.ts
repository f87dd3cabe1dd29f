// Approximate US dollars per unit of each currency, to rank deals of different currencies by size ("biggest
// acquisitions"). Rough long-run averages (2014–2024), rounded: good enough to order deals, never shown as a value (a
// reply shows the stored amount in its own currency). A currency not listed is left out of value rankings.
export const USD_PER_UNIT: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 1.12,
  GBP: 1.3,
  CHF: 1.05,
  JPY: 0.0085,
  CNY: 0.15,
  HKD: 0.128,
  TWD: 0.032,
  KRW: 0.00082,
  INR: 0.013,
  SGD: 0.73,
  AUD: 0.7,
  CAD: 0.76,
  SEK: 0.1,
  NOK: 0.105,
  DKK: 0.15,
  ILS: 0.28,
  BRL: 0.22,
  RUB: 0.015,
  SAR: 0.267,
  AED: 0.272,
};

/** The amount in approximate US dollars, or undefined when the currency has no rate. */
export function approxUsd(amount: number, currency: string): number | undefined {
  const rate = USD_PER_UNIT[currency];
  return rate === undefined ? undefined : amount * rate;
}
