/**
 * Synthetic answers to the policy-impact template, shaped like the COYOTE-RI SESTA/FOSTA
 * findings (screening fell, income and bargaining power fell, violence rose). For
 * demonstrations, load tests and benchmarks — never mixed with real responses.
 */
export type Random = () => number;

/** A small, seedable generator (mulberry32), so runs are reproducible. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[], weights?: readonly number[]): T => {
  const w = weights ?? items.map(() => 1);
  const total = w.reduce((s, x) => s + x, 0);
  let r = random() * total;
  for (let i = 0; i < items.length; i++) {
    r -= w[i] as number;
    if (r < 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
};

/** Moves an ordinal answer down (or up) by a step with the given probability. */
const shift = (random: Random, scale: readonly string[], value: string, down: number, up: number): string => {
  const i = scale.indexOf(value);
  const r = random();
  if (r < down && i > 0) return scale[i - 1] as string;
  if (r > 1 - up && i < scale.length - 1) return scale[i + 1] as string;
  return value;
};

const FREQUENCY = ['never', 'rarely', 'sometimes', 'often', 'always'];
const ABILITY = ['never', 'rarely', 'sometimes', 'usually', 'always'];
const INCOME = ['lt250', '250_499', '500_999', '1000_1999', '2000_plus'];
const CLIENTS = ['0', '1_2', '3_5', '6_10', '11_plus'];

export function syntheticPolicyImpactAnswers(random: Random, options: { includeDemographics?: boolean } = {}): Record<string, unknown> {
  const a: Record<string, unknown> = {};
  const maybe = (probability: number) => random() < probability;
  const refuse = (value: string) => (maybe(0.03) ? 'refused' : value);
  a['adult'] = maybe(0.97) ? 'yes' : 'no';
  if (a['adult'] !== 'yes') return a;
  a['worked__before'] = refuse(maybe(0.9) ? 'yes' : 'no');
  a['worked__after'] = refuse(maybe(0.92) ? 'yes' : 'no');
  const before = a['worked__before'] === 'yes';
  const after = a['worked__after'] === 'yes';
  const pairOf = (stem: string, scale: readonly string[], weights: readonly number[], down: number, up: number) => {
    const start = pick(random, scale, weights);
    if (before && maybe(0.95)) a[`${stem}__before`] = refuse(start);
    if (after && maybe(0.95)) a[`${stem}__after`] = refuse(shift(random, scale, start, down, up));
  };
  const yesNoPair = (stem: string, yesBefore: number, toNo: number, toYes: number) => {
    const first = maybe(yesBefore) ? 'yes' : 'no';
    const second = first === 'yes' ? (maybe(toNo) ? 'no' : 'yes') : maybe(toYes) ? 'yes' : 'no';
    if (before && maybe(0.95)) a[`${stem}__before`] = refuse(first);
    if (after && maybe(0.95)) a[`${stem}__after`] = refuse(second);
  };
  if (before || after) {
    const settings = ['street', 'indoor_independent', 'venue', 'online', 'elsewhere'].filter(() => maybe(0.35));
    a['work_settings'] = maybe(0.04) ? ['refused'] : settings.length > 0 ? settings : ['online'];
    a['setting_changed'] = refuse(maybe(0.7) ? 'yes' : 'no');
    pairOf('screened_clients', FREQUENCY, [1, 1, 2, 4, 6], 0.45, 0.05);
    yesNoPair('online_screening', 0.85, 0.45, 0.05);
    pairOf('weekly_income', INCOME, [1, 2, 4, 3, 2], 0.5, 0.08);
    // Read off the income answers without drawing (earlier seeds keep their other answers).
    for (const half of ['before', 'after'] as const) {
      const income = a[`weekly_income__${half}`];
      if (typeof income === 'string')
        a[`support_dependants__${half}`] = income === 'refused' ? 'refused' : INCOME.indexOf(income) >= 2 ? 'yes' : 'no';
    }
    pairOf('clients_per_week', CLIENTS, [1, 3, 4, 3, 1], 0.35, 0.2);
    if (after) {
      a['sole_income'] = refuse(maybe(0.77) ? 'yes' : 'no');
      a['less_safe_clients'] = refuse(maybe(0.6) ? 'yes' : 'no');
    }
    pairOf('insist_condoms', ABILITY, [1, 1, 2, 4, 6], 0.35, 0.05);
    pairOf('refuse_clients', ABILITY, [1, 1, 2, 4, 5], 0.4, 0.05);
    a['safety_skip'] = maybe(0.85) ? 'continue' : 'skip';
    if (a['safety_skip'] === 'continue') {
      yesNoPair('violence', 0.15, 0.3, 0.2);
      yesNoPair('robbed', 0.2, 0.3, 0.25);
      pairOf('felt_safe', FREQUENCY, [1, 2, 3, 4, 3], 0.4, 0.05);
    }
    a['police_skip'] = maybe(0.85) ? 'continue' : 'skip';
    if (a['police_skip'] === 'continue') {
      yesNoPair('police_harassment', 0.25, 0.3, 0.2);
      a['would_report'] = refuse(pick(random, ['yes', 'no', 'unsure'], [1, 5, 3]));
    }
  }
  a['lost_platform'] = refuse(maybe(0.65) ? 'yes' : 'no');
  pairOf('health_services', ABILITY, [1, 1, 3, 4, 3], 0.3, 0.05);
  if (options.includeDemographics ?? true) {
    a['age_band'] = refuse(pick(random, ['18_24', '25_34', '35_44', '45_plus'], [2, 4, 3, 2]));
    a['gender'] = refuse(pick(random, ['woman', 'man', 'nonbinary', 'another'], [7, 1, 2, 0.3]));
    a['region'] = refuse(pick(random, ['northeast', 'midwest', 'south', 'west', 'outside'], [3, 2, 3, 3, 0.3]));
  }
  if (maybe(0.15)) a['comments'] = 'It got harder to screen clients after the sites closed.';
  return a;
}
