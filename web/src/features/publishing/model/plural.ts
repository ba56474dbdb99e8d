import type { StaffMessageKey, StaffTranslate } from '../../../lib/staff/staff-i18n';

type PluralBase = {
  [K in StaffMessageKey]: K extends `${infer B}.one` ? (`${B}.other` extends StaffMessageKey ? B : never) : never;
}[StaffMessageKey];

/** A message in the grammatical number of `count` (`<base>.one` / `<base>.other`; English and Spanish need no more). */
export function plural(t: StaffTranslate, base: PluralBase, count: number, vars: Record<string, string | number> = {}): string {
  const form = count === 1 ? 'one' : 'other';
  return t(`${base}.${form}` as StaffMessageKey, { ...vars, count });
}
