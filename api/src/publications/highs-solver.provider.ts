import type { Provider } from '@nestjs/common';
import loadHighs from 'highs';
import { createHighsIntervalSolver, type HighsModule, type IntervalSolver } from '@candor/shared';

/** The LP/MIP solver behind the disclosure audit: HiGHS compiled to WebAssembly, loaded once. */
export abstract class AuditSolver implements IntervalSolver {
  abstract minimum: IntervalSolver['minimum'];
  abstract maximum: IntervalSolver['maximum'];
}

export const auditSolverProvider: Provider = {
  provide: AuditSolver,
  useFactory: async (): Promise<IntervalSolver> => createHighsIntervalSolver((await loadHighs()) as HighsModule),
};
