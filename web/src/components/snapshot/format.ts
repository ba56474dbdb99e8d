import type { PBand, PublishedCount } from '@candor/shared';

export function formatCount(value: PublishedCount | undefined, locale: string, hidden: string): string {
  if (value === null || value === undefined) return hidden;
  return value.toLocaleString(locale === 'es' ? 'es' : 'en');
}

export function formatPercent(value: number | null, locale: string): string {
  if (value === null) return '';
  return `${value.toLocaleString(locale === 'es' ? 'es' : 'en', { maximumFractionDigits: 1 })}%`;
}

export function formatP(p: number): string {
  if (p < 0.001) return '< 0.001';
  return `= ${p.toFixed(3)}`;
}

/** A p-value band as the page shows it (the JSON keeps the plain ASCII form). */
export function formatBand(band: PBand): string {
  return band === '>=0.05' ? '≥ 0.05' : `< ${band.slice(1)}`;
}

export function formatDate(iso: string, locale: string): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString(locale === 'es' ? 'es' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
