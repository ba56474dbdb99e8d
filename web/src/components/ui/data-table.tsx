import type { ReactNode } from 'react';

/** One column: its header, and what each row shows in it. */
export interface DataTableColumn<Row> {
  /** Unique among the columns; React's key for the header and the cells. */
  readonly key: string;
  /** The column header; an empty one (`''`) still renders `<th scope="col" />` for a column of buttons. */
  readonly header: ReactNode;
  readonly cell: (row: Row) => ReactNode;
  /** The row's header cell (`<th scope="row">`), which screen readers announce with every cell of the row. */
  readonly rowHeader?: boolean;
  readonly cellClassName?: (row: Row) => string | undefined;
  /** The class of the column's `<col>`: when any column has one, the table gets a `<colgroup>` (for widths). */
  readonly colClassName?: string;
  /** The header's language, when it differs from the page's (a header in a fallback language). */
  readonly headerLang?: string;
}

interface DataTableProps<Row> {
  readonly columns: readonly DataTableColumn<Row>[];
  /** `undefined` while loading. */
  readonly rows: readonly Row[] | undefined;
  readonly rowKey: (row: Row) => string;
  readonly caption?: ReactNode;
  /**
   * With an empty text, the table appears only once there are rows: nothing while loading, the
   * text (in a paragraph) when there are none. Without one, the table always shows, empty meanwhile.
   */
  readonly empty?: ReactNode;
  readonly rowClassName?: (row: Row) => string | undefined;
  /** `data-table` unless given; `''` for none (custom tables are styled by their container). */
  readonly className?: string;
}

/**
 * The staff pages' table: caption, column headers with `scope="col"`, one row per item. One
 * component so that every list keeps the same accessible markup.
 */
export function DataTable<Row>({ columns, rows, rowKey, caption, empty, rowClassName, className = 'data-table' }: DataTableProps<Row>) {
  if (empty !== undefined && !rows) return null;
  if (empty !== undefined && rows?.length === 0) return <p>{empty}</p>;
  return (
    <table className={className || undefined}>
      {caption !== undefined && <caption>{caption}</caption>}
      {columns.some((column) => column.colClassName !== undefined) && (
        <colgroup>
          {columns.map((column) => (
            <col key={column.key} className={column.colClassName} />
          ))}
        </colgroup>
      )}
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col" key={column.key} lang={column.headerLang}>
              {column.header === '' ? undefined : column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {(rows ?? []).map((row) => (
          <tr key={rowKey(row)} className={rowClassName?.(row)}>
            {columns.map((column) => (
              <DataTableCell key={column.key} column={column} row={row} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A body cell: a row header or a data cell, as its column says. */
function DataTableCell<Row>({ column, row }: { readonly column: DataTableColumn<Row>; readonly row: Row }) {
  const className = column.cellClassName?.(row);
  if (column.rowHeader)
    return (
      <th scope="row" className={className}>
        {column.cell(row)}
      </th>
    );
  return <td className={className}>{column.cell(row)}</td>;
}
