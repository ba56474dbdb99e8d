import type { QueryDeepPartialEntity } from 'typeorm';

/**
 * TypeORM's insert types cannot follow JSON columns typed with index signatures (such
 * as survey definitions); this states that a fully built entity is a valid insert.
 */
export function asInsert<T>(entity: T): QueryDeepPartialEntity<T> {
  return entity as QueryDeepPartialEntity<T>;
}
