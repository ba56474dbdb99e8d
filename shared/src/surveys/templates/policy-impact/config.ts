/**
 * The policy-impact template's settings: the policy change it asks about and the choices a
 * researcher makes for their group.
 */
export interface PolicyImpactConfig {
  /** The policy change, e.g. "FOSTA-SESTA". */
  readonly eventName: string;
  /** ISO date of the change, e.g. "2018-04-11". */
  readonly eventDate: string;
  /** An optional second change close in time (e.g. a platform seizure). */
  readonly secondEvent?: { readonly name: string; readonly date: string };
  /** Length of both recall windows, in months (default 3). */
  readonly recallMonths?: number;
  /** Coarse demographics for cross-tabs; switch off when the group is small. */
  readonly includeDemographics?: boolean;
  /** Coarse regions offered (no city or postcode); a default list otherwise. */
  readonly regions?: readonly { readonly value: string; readonly en: string; readonly es: string }[];
  /** Currency symbol for income bands. */
  readonly currency?: string;
  /** Shown on the closing page. */
  readonly resources?: readonly { readonly name: string; readonly contact: string }[];
  /** Who runs the survey, shown in the introduction. */
  readonly organization?: string;
}

export const POLICY_IMPACT_DEFAULTS = {
  eventName: 'FOSTA-SESTA',
  eventDate: '2018-04-11',
  recallMonths: 3,
  includeDemographics: true,
  currency: '$',
} as const;

export const DEFAULT_REGIONS = [
  { value: 'northeast', en: 'Northeast', es: 'Noreste' },
  { value: 'midwest', en: 'Midwest', es: 'Medio Oeste' },
  { value: 'south', en: 'South', es: 'Sur' },
  { value: 'west', en: 'West', es: 'Oeste' },
  { value: 'outside', en: 'Outside the United States', es: 'Fuera de Estados Unidos' },
] as const;

const MONTHS = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
} as const;

/** "11 April 2018" / "11 de abril de 2018"; the input must be an ISO date. */
export function formatEventDate(isoDate: string, locale: 'en' | 'es'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`"${isoDate}" is not a date in the form YYYY-MM-DD`);
  const [, year, month, day] = match;
  const name = MONTHS[locale][Number(month) - 1];
  if (!name || Number(day) < 1 || Number(day) > 31) throw new Error(`"${isoDate}" is not a valid date`);
  return locale === 'en' ? `${Number(day)} ${name} ${year}` : `${Number(day)} de ${name} de ${year}`;
}
