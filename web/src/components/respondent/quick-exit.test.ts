import { describe, expect, it, vi } from 'vitest';
import { TRIPLE_SHIFT_WINDOW_MS, watchTripleShift } from './quick-exit';

function harness() {
  const target = new EventTarget();
  let clock = 0;
  const onExit = vi.fn();
  const stop = watchTripleShift(target, onExit, () => clock);
  const press = (key: string, at: number, repeat = false) => {
    clock = at;
    target.dispatchEvent(new KeyboardEvent('keydown', { key, repeat }));
  };
  return { onExit, press, stop };
}

describe('Shift pressed three times', () => {
  it('exits on three presses within the window', () => {
    const { onExit, press } = harness();
    press('Shift', 0);
    press('Shift', 300);
    press('Shift', 600);
    expect(onExit).toHaveBeenCalledTimes(1);
  });

  it('does not exit when the presses are spread out, or another key comes between', () => {
    const { onExit, press } = harness();
    press('Shift', 0);
    press('Shift', 100);
    press('Shift', 100 + TRIPLE_SHIFT_WINDOW_MS + 1);
    press('a', 2000);
    press('Shift', 2100);
    press('Shift', 2200);
    press('b', 2300);
    press('Shift', 2400);
    expect(onExit).not.toHaveBeenCalled();
  });

  it('ignores a held-down Shift (key repeat) and stops watching when asked', () => {
    const { onExit, press, stop } = harness();
    press('Shift', 0);
    press('Shift', 50, true);
    press('Shift', 60, true);
    expect(onExit).not.toHaveBeenCalled();
    stop();
    press('Shift', 100);
    press('Shift', 200);
    expect(onExit).not.toHaveBeenCalled();
  });
});
