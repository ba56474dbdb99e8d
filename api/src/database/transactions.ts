import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Transactions for services (issue 15 point 1: services hold no DataSource). A service opens
 * one here and hands its manager to the repositories whose writes must commit together; the
 * SQL itself stays in the repositories.
 */
@Injectable()
export class Transactions {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction: it commits when `work` resolves and rolls back when it throws. */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The manager outside any transaction, for reads that may also run inside one. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}
