/** The time source, injected so tests can fix "now" (STYLE.md habit 9). */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
