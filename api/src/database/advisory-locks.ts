/**
 * One advisory lock key for the whole cluster: one mixer at a time, whatever the instance
 * count. Readers whose snapshot must see the intake whole (a backup, a release) hold it too,
 * shared: the mixer's TRUNCATE is not MVCC-safe, so a snapshot taken before it would see an
 * empty intake. A run finding it held steps aside. It lives here, beside the DataSource, because
 * two modules take it: the responses module's mixer and the publications module's release lock
 * (scripts/lib/backup.js repeats the number).
 */
export const MIXER_LOCK = 0x63616e64; // "cand"
