/** Where Quick exit goes: the API clears site data and redirects to the neutral page. */
export const EXIT_URL = '/api/public/exit';

/**
 * Leaves at once: the page is blanked before anything else (so nothing stays on screen
 * while the network is slow), the title cleared, and the current history entry replaced,
 * so "Back" does not return to the survey.
 */
export function quickExit(): void {
  document.title = '';
  document.body.replaceChildren();
  window.location.replace(EXIT_URL);
}

/** Shift pressed three times within this many milliseconds triggers Quick exit. */
export const TRIPLE_SHIFT_WINDOW_MS = 1500;

/** Watches for Shift pressed three times in a row; returns the function that stops watching. */
export function watchTripleShift(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  onExit: () => void,
  now: () => number = () => performance.now(),
): () => void {
  let presses: number[] = [];
  const listener = (event: Event) => {
    const key = event as KeyboardEvent;
    if (key.key !== 'Shift') {
      presses = [];
      return;
    }
    if (key.repeat) return;
    const at = now();
    presses = [...presses.filter((time) => at - time <= TRIPLE_SHIFT_WINDOW_MS), at];
    if (presses.length >= 3) {
      presses = [];
      onExit();
    }
  };
  target.addEventListener('keydown', listener);
  return () => target.removeEventListener('keydown', listener);
}
