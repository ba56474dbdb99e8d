/**
 * Date and time inputs (`inputType: date | month | datetime-local | time`). An exact date can
 * identify someone (a birthday, the day of an incident), so Candor stores a coarsened value:
 * the researcher chooses the precision with `candorDatePrecision` on the question (default:
 * the month, or the hour for times), and the designer warns about it.
 */
export type DateInputType = 'date' | 'month' | 'datetime-local' | 'time';
export type DatePrecision = 'year' | 'month' | 'day' | 'hour';

export interface DateRules {
  readonly inputType: DateInputType;
  readonly precision: DatePrecision;
  /** survey-core's `min` / `max`, in the input's own format. */
  readonly min?: string;
  readonly max?: string;
}

export const DATE_INPUT_TYPES: ReadonlySet<string> = new Set<DateInputType>(['date', 'month', 'datetime-local', 'time']);

const FORMATS: Readonly<Record<DateInputType, RegExp>> = {
  date: /^(\d{4})-(\d{2})-(\d{2})$/,
  month: /^(\d{4})-(\d{2})$/,
  'datetime-local': /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,3})?)?$/,
  time: /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,3})?)?$/,
};

const PRECISIONS: Readonly<Record<DateInputType, readonly DatePrecision[]>> = {
  date: ['year', 'month', 'day'],
  month: ['year', 'month'],
  'datetime-local': ['year', 'month', 'day'],
  time: ['hour'],
};

/** The precision a question asks for, or a problem message when it cannot apply. */
export function readDatePrecision(inputType: DateInputType, value: unknown): DatePrecision | string {
  const allowed = PRECISIONS[inputType];
  if (value === undefined) return inputType === 'time' ? 'hour' : 'month';
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value;
  return `candorDatePrecision must be one of ${allowed.join(', ')} for a ${inputType} input`;
}

/** Whether a value is a real date or time in the input's format (as the browser's input sends it). */
export function isDateValue(value: unknown, inputType: DateInputType): value is string {
  if (typeof value !== 'string') return false;
  const match = FORMATS[inputType].exec(value);
  if (!match) return false;
  if (inputType === 'time') return Number(match[1]) < 24 && Number(match[2]) < 60;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < 1 || month < 1 || month > 12) return false;
  if (inputType === 'month') return true;
  const day = Number(match[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return false;
  return inputType === 'date' || (Number(match[4]) < 24 && Number(match[5]) < 60);
}

/** survey-core's min/max for date inputs compare the values as text, which ISO formats make chronological. */
export function outOfDateRange(value: string, rules: DateRules): boolean {
  return (rules.min !== undefined && value < rules.min) || (rules.max !== undefined && value > rules.max);
}

/** The stored form of a valid value: cut to the chosen precision ("2024-05-17" → "2024-05"). */
export function coarsenDate(value: string, rules: DateRules): string {
  if (rules.inputType === 'time') return `${value.slice(0, 2)}:00`;
  switch (rules.precision) {
    case 'year':
      return value.slice(0, 4);
    case 'month':
      return value.slice(0, 7);
    default:
      return value.slice(0, 10);
  }
}
