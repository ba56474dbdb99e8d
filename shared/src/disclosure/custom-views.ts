/** The custom-table ledger's views as the audits read them (issue 17). */

/** A custom table shown to staff, as the custom-table ledger keeps it. */
export interface ShownCustomView {
  /** The joint's questions, sorted. */
  readonly joint: readonly string[];
  /** The perturbed value of each joint cell, by {@link customCellId}. */
  readonly values: Readonly<Record<string, number>>;
  /**
   * How many responses it counted (never shown to anyone): the audits model the view on the
   * day it was shown. Null or absent for views kept before totals were: read as today's.
   */
  readonly responses?: number | null;
}

/** Whether the view counted other responses than today's (another total); one kept without a total is read as today's. */
export function isOfEarlierDay(view: ShownCustomView, responses: number): view is ShownCustomView & { readonly responses: number } {
  return view.responses !== null && view.responses !== undefined && view.responses !== responses;
}

/** The views shown on another day than today's (another total), each with its total. */
export function viewsOfEarlierDays(
  views: readonly ShownCustomView[],
  responses: number,
): Array<ShownCustomView & { readonly responses: number }> {
  return views.filter((view) => isOfEarlierDay(view, responses));
}
