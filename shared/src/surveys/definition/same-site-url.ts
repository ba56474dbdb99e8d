/**
 * Whether an address in researcher content stays on this site, read the way a browser
 * reads it: tabs and newlines dropped, leading spaces and control characters trimmed, `\`
 * taken as `/` — so `/\host/x`, `\\host/x` and `ht\ttp://host` all leave the site. Anything
 * with a scheme leaves it too, except inline images (`data:image/…`) where asked for.
 */
export function isSameSiteUrl(address: string, options: { allowDataImages?: boolean } = {}): boolean {
  const url = address
    .replace(/[\t\n\r]/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/^[\u0000-\u0020\u00a0\ufeff]+/, '')
    .replace(/\\/g, '/');
  if (url.startsWith('//')) return false;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return options.allowDataImages === true && /^data:image\/(png|gif|jpeg|webp);/i.test(url);
  return true;
}
