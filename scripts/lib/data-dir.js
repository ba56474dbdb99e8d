// Where `npm start` keeps the embedded PostgreSQL data by default.
'use strict';

const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

function canEnter(dir) {
  // As root, the embedded server runs as "postgres": every ancestor needs o+x.
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return true;
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (fs.existsSync(current) && (fs.statSync(current).mode & 0o001) === 0) return false;
    if (path.dirname(current) === current) return true;
  }
}

/** `.candor/postgres` in the checkout, or a folder under /var/lib/candor when postgres cannot reach the checkout. */
function defaultDataDir(root, say = () => {}) {
  const local = path.join(root, '.candor', 'postgres');
  if (canEnter(path.dirname(root))) return local;
  const id = createHash('sha256').update(root).digest('hex').slice(0, 12);
  const fallback = path.join('/var/lib/candor', id, 'postgres');
  say(`the checkout is in a folder the postgres user cannot enter; keeping data in ${fallback}`);
  return fallback;
}

module.exports = { defaultDataDir };
