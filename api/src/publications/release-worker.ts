import { parentPort } from 'node:worker_threads';
import loadHighs from 'highs';
import {
  auditCustomJoints,
  buildRelease,
  createHighsIntervalSolver,
  type CustomTableJoint,
  type HighsModule,
  type IntervalSolver,
  type KeyedCount,
  type PinnedCustomCell,
  type ReleaseInput,
  type ReleasedSum,
} from '@candor/shared';

/**
 * The body of a release worker thread (issue 10, point 6): builds releases — primary and
 * complementary suppression, the HiGHS interval audit, statistics — off the API's main
 * thread, so one preview never stops the instance answering respondents. It receives a
 * release's input without the solver (it loads its own HiGHS once) and answers the result.
 * Nothing here touches the database, the network or a file; a message holds counts only.
 */
export type ReleaseJob = Omit<ReleaseInput, 'solver'>;

/** The table builder's audit (issue 17): the same solver, off the main thread too. */
export interface CustomAuditJob {
  readonly union: CustomTableJoint;
  readonly finest: ReadonlyMap<string, KeyedCount>;
  readonly joints: readonly (readonly string[])[];
  readonly k: number;
  readonly released: readonly ReleasedSum[];
}

/** What a thread is asked for: a release (`job`), or a custom-table audit (`audit`). */
export type WorkerTask = { readonly job: ReleaseJob } | { readonly audit: CustomAuditJob };
export type ReleaseWorkerRequest = WorkerTask & { readonly id: number; readonly gate?: Int32Array };
export type ReleaseWorkerReply =
  | { readonly id: 0; readonly state: 'ready' }
  | { readonly id: number; readonly state: 'started' }
  | { readonly id: number; readonly state: 'done'; readonly result: Awaited<ReturnType<typeof buildRelease>> | PinnedCustomCell[] }
  | { readonly id: number; readonly state: 'failed'; readonly message: string; readonly name: string };

if (parentPort) {
  const port = parentPort;
  // HiGHS is loaded once per thread, before the thread says it is ready for work.
  const solver: Promise<IntervalSolver> = loadHighs().then((highs) => createHighsIntervalSolver(highs as HighsModule));
  void solver.then(() => port.postMessage({ id: 0, state: 'ready' } satisfies ReleaseWorkerReply));
  port.on('message', (request: ReleaseWorkerRequest) => {
    void (async () => {
      port.postMessage({ id: request.id, state: 'started' } satisfies ReleaseWorkerReply);
      // A held gate (tests and drills) keeps the job at the door: the thread is busy, the main thread is not.
      if (request.gate) while (Atomics.load(request.gate, 0) !== 0) Atomics.wait(request.gate, 0, 1, 1000);
      try {
        const result =
          'audit' in request
            ? await auditCustomJoints(
                request.audit.union,
                request.audit.finest,
                request.audit.joints,
                request.audit.k,
                await solver,
                request.audit.released,
              )
            : await buildRelease({ ...request.job, solver: await solver });
        port.postMessage({ id: request.id, state: 'done', result } satisfies ReleaseWorkerReply);
      } catch (error) {
        port.postMessage({
          id: request.id,
          state: 'failed',
          message: error instanceof Error ? error.message : String(error),
          name: error instanceof Error ? error.name : 'Error',
        } satisfies ReleaseWorkerReply);
      }
    })();
  });
}
