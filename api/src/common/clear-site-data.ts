/**
 * What respondent pages ask the browser to clear when a respondent finishes or quick-exits
 * (P6): cookies (a staff session left on a shared device included) and the HTTP cache.
 *
 * Not "storage": respondent pages store nothing in it (no Web Storage, IndexedDB, worker or
 * Cache Storage — tested), so it protected nothing of theirs, while on an outreach tablet it
 * wiped the answers waiting there to be synced and the page's offline copy (issue 18 review):
 * Clear-Site-Data cannot be scoped to a path, only to the directives sent.
 */
export const RESPONDENT_CLEAR_SITE_DATA = '"cache", "cookies"';
