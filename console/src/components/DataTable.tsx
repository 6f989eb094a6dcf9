// The list screens' one pattern: the load error, "Loading …" until the first rows arrive, a line
// when there are none, else the table. A reload keeps the rows on screen (useAsync keeps the old
// data), so lists that live runs refresh do not flicker.
import type { ReactNode } from 'react';
import { ErrorNotice, Loading } from './Notice.tsx';

export interface Column<T> {
  header: ReactNode;
  cell(row: T): ReactNode;
  /** Class of the column's cells (`mono`, `mono small`). */
  className?: string;
  /** A tooltip per cell. */
  title?(row: T): string;
}

export function DataTable<T>(props: {
  /** undefined until loaded. */
  rows: readonly T[] | undefined;
  /** What the rows are, for "Loading tenants…". */
  what: string;
  loading?: boolean;
  error?: unknown;
  /** Said before the error: "Could not load tenants". */
  errorContext?: string;
  empty: ReactNode;
  columns: readonly Column<T>[];
  rowKey(row: T): string | number;
  /** data-* attributes of a row (what the browser tests and scripts find rows by). */
  rowData?(row: T): Record<`data-${string}`, string | number>;
  className?: string;
  caption?: ReactNode;
  /** A caption for screen readers only. */
  captionHidden?: boolean;
}) {
  const { rows, columns } = props;
  return (
    <>
      <ErrorNotice error={props.error} context={props.errorContext} />
      {!rows && props.loading ? <Loading what={props.what} /> : null}
      {rows && rows.length === 0 ? <p className="empty">{props.empty}</p> : null}
      {rows && rows.length > 0 ? (
        <table className={props.className}>
          {props.caption ? <caption className={props.captionHidden ? 'visually-hidden' : undefined}>{props.caption}</caption> : null}
          <thead>
            <tr>
              {columns.map((c, i) => (
                <th key={i} scope="col">
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={props.rowKey(row)} {...props.rowData?.(row)}>
                {columns.map((c, i) => (
                  <td key={i} className={c.className} title={c.title?.(row)}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
