import { localize, type CustomTableDimension, type CustomTableNumber, type CustomTableResult } from '@candor/shared';
import type { StaffTranslate } from '../../../lib/staff/staff-i18n';

interface Props {
  readonly result: CustomTableResult;
  readonly locale: string;
  readonly t: StaffTranslate;
}

const sameCategories = (a: readonly (string | null)[], b: readonly (string | null)[]) =>
  a.length === b.length && a.every((value, i) => value === b[i]);

/**
 * A custom table as accessible HTML tables: rows by the first question, columns by the
 * second (totals at the end of each), one table per answer of the third. Hidden numbers
 * say why, in words, through an abbreviation a screen reader reads out.
 */
export function CustomTableView({ result, locale, t }: Props) {
  const find = (categories: readonly (string | null)[]) =>
    result.cells.find((cell) => sameCategories(cell.categories, categories)) ??
    result.totals.find((total) => sameCategories(total.categories, categories));
  const [rows, columns, layers] = result.dimensions as [
    CustomTableDimension,
    CustomTableDimension | undefined,
    CustomTableDimension | undefined,
  ];
  const label = (dimension: CustomTableDimension, value: string) =>
    localize(dimension.categories.find((c) => c.value === value)?.label ?? value, locale);
  const title = (dimension: CustomTableDimension) => localize(dimension.title, locale);
  const layerValues: Array<string | null> = layers ? [...layers.categories.map((c) => c.value), null] : [null];

  const number = (value: CustomTableNumber | undefined, key: string) => {
    if (!value) return <td key={key}>–</td>;
    if (value.value !== null) return <td key={key}>{value.value.toLocaleString(locale)}</td>;
    const why = value.suppressed === 'SMALL_CELL' ? t('tables.hiddenSmall', { k: result.k }) : t('tables.hiddenIncludes');
    return (
      <td key={key} className="custom-table-hidden">
        <abbr title={why}>
          {value.suppressed === 'SMALL_CELL' ? t('tables.hiddenSmallShort', { k: result.k }) : t('tables.hiddenIncludesShort')}
        </abbr>
        <span className="visually-hidden"> ({why})</span>
      </td>
    );
  };

  return (
    <div className="custom-table">
      {layerValues.map((layer) => {
        const tail = layers ? [layer] : [];
        const caption = [
          columns ? t('tables.captionTwo', { rows: title(rows), columns: title(columns) }) : title(rows),
          layers ? `${title(layers)}: ${layer === null ? t('tables.all') : label(layers, layer)}` : null,
          result.filter
            ? t('tables.filteredBy', {
                question: localize(result.filter.title, locale),
                values: result.filter.values.map((v) => localize(v.label, locale)).join(', '),
              })
            : null,
        ]
          .filter(Boolean)
          .join(' — ');
        return (
          <div className="custom-table-scroll" key={layer ?? '*'} role="region" aria-label={caption} tabIndex={0}>
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{title(rows)}</th>
                  {columns ? (
                    columns.categories.map((c) => (
                      <th scope="col" key={c.value}>
                        {localize(c.label, locale)}
                      </th>
                    ))
                  ) : (
                    <th scope="col">{t('tables.count')}</th>
                  )}
                  {columns && <th scope="col">{t('tables.total')}</th>}
                </tr>
              </thead>
              <tbody>
                {[...rows.categories.map((c) => c.value), null].map((row) => (
                  <tr key={row ?? '*'} className={row === null ? 'custom-table-total' : undefined}>
                    <th scope="row">{row === null ? t('tables.total') : label(rows, row)}</th>
                    {columns
                      ? [...columns.categories.map((c) => c.value), null].map((column) =>
                          number(find([row, column, ...tail]), String(column)),
                        )
                      : number(find([row, ...tail]), 'count')}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </div>
  );
}
