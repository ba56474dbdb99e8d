#!/usr/bin/env node
// `npm run backup -- --recipient age1… [--out candor-<date>.backup]`
//   writes the database (DATABASE_URL, or the embedded one) encrypted to an age public
//   key (or CANDOR_BACKUP_RECIPIENT). The private key is never on the server.
// `npm run backup -- --keygen` prints a new key pair: run it on your own computer, keep
//   the secret key off the server, put the public key in CANDOR_BACKUP_RECIPIENT.
'use strict';

const path = require('node:path');
const { backup, generateKeyPair } = require('./lib/backup');
const { withDatabaseUrl, option } = require('./lib/backup-cli');

async function main() {
  if (process.argv.includes('--keygen')) {
    const { identity, recipient } = await generateKeyPair();
    console.log(
      `# Secret key: keep it OFF the server (a password manager, a USB key in a safe).\n${identity}\n# Public key: set CANDOR_BACKUP_RECIPIENT to it on the server.\n${recipient}`,
    );
    return;
  }
  const recipient = option('--recipient') ?? process.env.CANDOR_BACKUP_RECIPIENT;
  if (!recipient)
    throw new Error(
      'Give the public key to encrypt to: --recipient age1… or CANDOR_BACKUP_RECIPIENT (make a pair with npm run backup -- --keygen, on your own computer).',
    );
  if (recipient.startsWith('AGE-SECRET-KEY'))
    throw new Error('That is a secret key: backups are encrypted to the PUBLIC key (age1…); keep the secret key off the server.');
  const out = path.resolve(option('--out') ?? `candor-${new Date().toISOString().slice(0, 10)}.backup`);
  const counts = await withDatabaseUrl((databaseUrl) => backup({ databaseUrl, recipient, outFile: out }));
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`Wrote ${out}: ${total} rows in ${Object.keys(counts).length} tables, encrypted to ${recipient.slice(0, 12)}…`);
}

main().catch((error) => {
  console.error(`backup failed: ${error.message || error}`);
  process.exit(1);
});
