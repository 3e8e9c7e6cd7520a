/** Rounding for values shown to people and written to fields of a fixed scale. */

/** 15 significant digits: drops binary noise (100 × 1.15 = 114.99999999999999) that would miss a target of 115. */
export function withoutFloatNoise(value: number): number {
  return Number(value.toPrecision(15));
}

/** Rounds half away from zero after dropping binary noise (66.65 stays 66.65, not 66.64999…), never to −0. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = withoutFloatNoise(value * factor);
  const rounded = (Math.sign(scaled) * Math.round(Math.abs(scaled))) / factor;
  return rounded === 0 ? 0 : rounded;
}
