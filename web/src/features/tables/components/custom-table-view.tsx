import { localize, type CustomTableDimension, type CustomTableNumber, type CustomTableResult } from '@candor/shared';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table';
import type { StaffTranslate } from '../../../lib/staff/staff-i18n';

interface Props {
  readonly result: CustomTableResult;
  readonly locale: string;
  readonly t: StaffTranslate;
}

/** A row's or column's answer value; `null` is the total. */
type Category = string | null;

const sameCategories = (a: readonly (string | null)[], b: readonly (string | null)[]) =>
  a.length === b.length && a.every((value, i) => value === b[i]);

/**
 * A custom table as accessible HTML tables: rows by the first question, columns by the
 * second (totals at the end of each), one table per answer of the third. Hidden numbers
 * say why, in words, through an abbreviation a screen reader reads out.
 */
export function CustomTableView({ result, locale, t }: Props) {
  const [rows, , layers] = dimensionsOf(result);
  const layerValues: Category[] = layers ? [...layers.categories.map((c) => c.value), null] : [null];
  const rowValues: Category[] = [...rows.categories.map((c) => c.value), null];
  return (
    <div className="custom-table">
      {layerValues.map((layer) => {
        const caption = tableCaption(result, layer, locale, t);
        return (
          <div className="custom-table-scroll" key={layer ?? '*'} role="region" aria-label={caption} tabIndex={0}>
            <DataTable
              className=""
              caption={caption}
              columns={layerColumns(result, layer, locale, t)}
              rows={rowValues}
              rowKey={(row) => row ?? '*'}
              rowClassName={(row) => (row === null ? 'custom-table-total' : undefined)}
            />
          </div>
        );
      })}
    </div>
  );
}

function dimensionsOf(result: CustomTableResult) {
  return result.dimensions as [CustomTableDimension, CustomTableDimension | undefined, CustomTableDimension | undefined];
}

const titleOf = (dimension: CustomTableDimension, locale: string) => localize(dimension.title, locale);

const labelOf = (dimension: CustomTableDimension, value: string, locale: string) =>
  localize(dimension.categories.find((c) => c.value === value)?.label ?? value, locale);

/** What the table crosses, which layer it is and what it keeps, joined by dashes. */
function tableCaption(result: CustomTableResult, layer: Category, locale: string, t: StaffTranslate): string {
  const [rows, columns, layers] = dimensionsOf(result);
  return [
    columns ? t('tables.captionTwo', { rows: titleOf(rows, locale), columns: titleOf(columns, locale) }) : titleOf(rows, locale),
    layers ? `${titleOf(layers, locale)}: ${layer === null ? t('tables.all') : labelOf(layers, layer, locale)}` : null,
    result.filter
      ? t('tables.filteredBy', {
          question: localize(result.filter.title, locale),
          values: result.filter.values.map((v) => localize(v.label, locale)).join(', '),
        })
      : null,
  ]
    .filter(Boolean)
    .join(' — ');
}

/** The row header, then one column per answer of the second question and the total (or the count alone). */
function layerColumns(result: CustomTableResult, layer: Category, locale: string, t: StaffTranslate): DataTableColumn<Category>[] {
  const [rows, columns, layers] = dimensionsOf(result);
  const tail = layers ? [layer] : [];
  const find = (categories: readonly Category[]) =>
    result.cells.find((cell) => sameCategories(cell.categories, categories)) ??
    result.totals.find((total) => sameCategories(total.categories, categories));
  const numberColumn = (key: string, header: string, at: (row: Category) => readonly Category[]): DataTableColumn<Category> => ({
    key,
    header,
    cell: (row) => <NumberCell value={find(at(row))} k={result.k} locale={locale} t={t} />,
    cellClassName: (row) => (find(at(row))?.value === null ? 'custom-table-hidden' : undefined),
  });
  const rowHeader: DataTableColumn<Category> = {
    key: 'row',
    header: titleOf(rows, locale),
    rowHeader: true,
    cell: (row) => (row === null ? t('tables.total') : labelOf(rows, row, locale)),
  };
  if (!columns) return [rowHeader, numberColumn('count', t('tables.count'), (row) => [row, ...tail])];
  return [
    rowHeader,
    ...columns.categories.map((c) => numberColumn(`c:${c.value}`, localize(c.label, locale), (row) => [row, c.value, ...tail])),
    numberColumn('total', t('tables.total'), (row) => [row, null, ...tail]),
  ];
}

interface NumberCellProps {
  readonly value: CustomTableNumber | undefined;
  readonly k: number;
  readonly locale: string;
  readonly t: StaffTranslate;
}

/** A count, a dash when the cell does not exist, or why it is hidden (short, with the reason in words). */
function NumberCell({ value, k, locale, t }: NumberCellProps) {
  if (!value) return <>–</>;
  if (value.value !== null) return <>{value.value.toLocaleString(locale)}</>;
  const why = value.suppressed === 'SMALL_CELL' ? t('tables.hiddenSmall', { k }) : t('tables.hiddenIncludes');
  return (
    <>
      <abbr title={why}>{value.suppressed === 'SMALL_CELL' ? t('tables.hiddenSmallShort', { k }) : t('tables.hiddenIncludesShort')}</abbr>
      <span className="visually-hidden"> ({why})</span>
    </>
  );
}
