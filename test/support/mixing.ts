import { IntakeMixer } from '@candor/api-testing';
import type { TestApp } from './test-app';

/** Runs the intake mixer once, as its timer would: rows of ended periods move into `response`. */
export async function mixNow(testApp: TestApp): Promise<void> {
  const result = await testApp.app.get(IntakeMixer).mix();
  if (!result.ran) throw new Error('another mixer held the lock');
}
