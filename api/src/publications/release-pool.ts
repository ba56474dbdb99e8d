import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { auditCustomJoints, buildRelease, type PinnedCustomCell, type ReleaseResult } from '@candor/shared';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { AuditSolver } from './highs-solver.provider';
import type { CustomAuditJob, ReleaseJob, ReleaseWorkerReply, ReleaseWorkerRequest, WorkerTask } from './release-worker';

/**
 * Loads the worker's module: compiled JavaScript as built, TypeScript through swc when the
 * API itself runs from source (tests, benchmarks).
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.file.endsWith('.ts')) {
  process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || workerData.project;
  require('@swc-node/register');
}
require(workerData.file);
`;

interface Pending {
  readonly id: number;
  readonly task: WorkerTask;
  readonly resolve: (result: never) => void;
  readonly reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
  worker?: Worker;
  started: boolean;
}

/**
 * Builds releases in a small pool of worker threads (RELEASE_WORKERS, 1 by default), so
 * the API's main thread keeps answering respondents while an audit runs. A release that
 * takes longer than RELEASE_TIMEOUT_SECONDS (waiting included) is stopped — its thread is
 * ended and replaced — and answers 503 saying so; the caller's transaction then rolls back
 * and the survey's release lock is let go. RELEASE_WORKERS=0 builds on the main thread, as
 * before, with no time limit.
 */
@Injectable()
export class ReleasePool implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ReleasePool');
  private readonly idle: Worker[] = [];
  private readonly queue: Pending[] = [];
  private readonly assigned = new Map<Worker, Pending>();
  private workers = 0;
  private readonly all = new Set<Worker>();
  private nextId = 1;
  private closed = false;
  /** Threads that finished loading (ended before that, a thread loading native code can crash the process). */
  private readonly loaded = new WeakSet<Worker>();
  /** Why the last thread failed to load: no new one is started until the next release asks. */
  private broken: Error | null = null;
  /**
   * Set to 1 to hold every job at the worker's door (the thread waits, the main thread does
   * not): lets tests and drills catch a release in its worker. 0 lets them through.
   */
  readonly gate = new Int32Array(new SharedArrayBuffer(4));
  /** The time limit in seconds (RELEASE_TIMEOUT_SECONDS; tests may change it). */
  limitSeconds: number;

  constructor(
    private readonly config: AppConfig,
    private readonly solver: AuditSolver,
  ) {
    this.limitSeconds = config.RELEASE_TIMEOUT_SECONDS;
  }

  /** Worker threads loaded and waiting for work. */
  get ready(): number {
    return this.idle.length;
  }

  /** Jobs inside a worker thread now. */
  get running(): number {
    return [...this.assigned.values()].filter((pending) => pending.started).length;
  }

  /** Lets held jobs through (see {@link gate}). */
  open(): void {
    Atomics.store(this.gate, 0, 0);
    Atomics.notify(this.gate, 0);
  }

  hold(): void {
    Atomics.store(this.gate, 0, 1);
  }

  build(job: ReleaseJob): Promise<ReleaseResult> {
    if (this.config.RELEASE_WORKERS === 0) return buildRelease({ ...job, solver: this.solver });
    return this.run<ReleaseResult>({ job });
  }

  /** The table builder's audit (issue 17), in the same threads and under the same time limit. */
  auditCustom(audit: CustomAuditJob): Promise<PinnedCustomCell[]> {
    if (this.config.RELEASE_WORKERS === 0)
      return auditCustomJoints(audit.union, audit.finest, audit.joints, audit.k, this.solver, audit.released);
    return this.run<PinnedCustomCell[]>({ audit });
  }

  private run<T>(task: WorkerTask): Promise<T> {
    this.broken = null;
    return new Promise<T>((resolve, reject) => {
      const pending: Pending = { id: this.nextId++, task, resolve, reject, started: false };
      pending.timer = setTimeout(() => this.expire(pending), this.limitSeconds * 1000);
      this.queue.push(pending);
      this.dispatch();
    });
  }

  /** Starts the threads at boot, so the first preview does not wait for one to load. */
  onModuleInit(): void {
    while (this.workers < this.config.RELEASE_WORKERS) this.spawn();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.open();
    for (const pending of [...this.queue, ...this.assigned.values()]) {
      clearTimeout(pending.timer);
      pending.reject(
        new DomainError('SERVICE_UNAVAILABLE', 'The server is shutting down; nothing was shown or published. Try again in a moment.'),
      );
    }
    this.queue.length = 0;
    const all = [...this.all];
    this.idle.length = 0;
    this.assigned.clear();
    this.all.clear();
    await Promise.all(all.map(async (worker) => (await this.loadedOrGone(worker), worker.terminate())));
  }

  /** Waits (30 s at most) until a thread has loaded or ended: ending one mid-load can take the process down. */
  private loadedOrGone(worker: Worker): Promise<void> {
    if (this.loaded.has(worker)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 30_000);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      worker.on('message', (reply: ReleaseWorkerReply) => {
        if (reply.state === 'ready') done();
      });
      worker.once('exit', done);
      worker.once('error', done);
    });
  }

  private dispatch(): void {
    while (!this.closed && !this.broken && this.workers < this.config.RELEASE_WORKERS) this.spawn();
    // Only a thread that has loaded takes work: one is never ended half-loaded.
    while (!this.closed && this.queue.length > 0 && this.idle.length > 0) {
      const worker = this.idle.pop() as Worker;
      const pending = this.queue.shift() as Pending;
      pending.worker = worker;
      this.assigned.set(worker, pending);
      worker.postMessage({ ...pending.task, id: pending.id, gate: this.gate } satisfies ReleaseWorkerRequest);
    }
  }

  private spawn(): Worker {
    const file = path.join(__dirname, `release-worker${path.extname(__filename)}`);
    const project = path.resolve(__dirname, '../../../tsconfig.base.json');
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { file, project } });
    this.workers++;
    this.all.add(worker);
    worker.unref();
    worker.on('message', (reply: ReleaseWorkerReply) => {
      if (reply.state === 'ready') {
        this.loaded.add(worker);
        if (this.closed) return;
        this.idle.push(worker);
        this.dispatch();
        return;
      }
      const pending = this.assigned.get(worker);
      if (!pending || pending.id !== reply.id) return;
      if (reply.state === 'started') {
        pending.started = true;
        return;
      }
      clearTimeout(pending.timer);
      this.assigned.delete(worker);
      this.idle.push(worker);
      if (reply.state === 'done') pending.resolve(reply.result as never);
      else pending.reject(Object.assign(new Error(reply.message), { name: reply.name }));
      this.dispatch();
    });
    const lost = (error: Error) => {
      const pending = this.assigned.get(worker);
      const loaded = pending !== undefined || this.idle.includes(worker);
      this.assigned.delete(worker);
      const index = this.idle.indexOf(worker);
      if (index >= 0) this.idle.splice(index, 1);
      if (!this.all.delete(worker)) return;
      this.workers--;
      if (pending) {
        clearTimeout(pending.timer);
        pending.reject(error);
      }
      if (!loaded) {
        // A thread that cannot even load will not load next time either: fail what waits, say why.
        this.broken = error;
        for (const waiting of this.queue.splice(0)) {
          clearTimeout(waiting.timer);
          waiting.reject(error);
        }
      }
      this.dispatch();
    };
    worker.on('error', (error) => {
      this.logger.error(`a release worker failed: ${error.message}`);
      lost(error);
    });
    worker.on('exit', (code) => {
      if (this.all.has(worker)) lost(new Error(`a release worker stopped (exit code ${code})`));
    });
    return worker;
  }

  /** Over time: drop it from the queue, or end its thread (HiGHS cannot be interrupted otherwise). */
  private expire(pending: Pending): void {
    const seconds = this.limitSeconds;
    const error = new DomainError(
      'SERVICE_UNAVAILABLE',
      `The disclosure audit took longer than ${seconds} s and was stopped: nothing was shown or published. Try again later; fewer cross-tabs make it faster.`,
      [{ path: 'release', code: 'AUDIT_TIMEOUT', message: `The release was not finished within ${seconds} s (RELEASE_TIMEOUT_SECONDS).` }],
    );
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      pending.reject(error);
      return;
    }
    const worker = pending.worker;
    if (worker && this.assigned.get(worker) === pending) {
      this.assigned.delete(worker);
      this.all.delete(worker);
      this.workers--;
      this.logger.warn(`a release ran over ${seconds} s; its worker thread was ended`);
      void worker.terminate();
      this.dispatch();
    }
    pending.reject(error);
  }
}
