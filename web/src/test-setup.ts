import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// SurveyJS measures its layout; jsdom has no ResizeObserver.
class ResizeObserverStub {
  observe = (): undefined => undefined;
  unobserve = (): undefined => undefined;
  disconnect = (): undefined => undefined;
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

afterEach(() => cleanup());
