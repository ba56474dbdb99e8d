import { Clock } from '../common/clock';
import { PendingPages } from './pending-pages';

class TestClock extends Clock {
  constructor(public at = 0) {
    super();
  }
  now(): Date {
    return new Date(this.at);
  }
}

describe('PendingPages (the one-time pages after a form POST)', () => {
  it('gives a page once: a second read, like Back after Quick exit, finds nothing', () => {
    const pages = new PendingPages(new TestClock());
    const token = pages.put({ status: 200, html: '<p>answers</p>' });
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(pages.take(token)).toEqual({ status: 200, html: '<p>answers</p>' });
    expect(pages.take(token)).toBeUndefined();
  });

  it('forgets pages nobody fetched within two minutes', () => {
    const clock = new TestClock(0);
    const pages = new PendingPages(clock);
    const token = pages.put({ status: 200, html: 'x' });
    clock.at = 2 * 60 * 1000 + 1;
    expect(pages.take(token)).toBeUndefined();
  });

  it('stays within its memory bound under a flood, dropping the oldest pages first', () => {
    const pages = new PendingPages(new TestClock());
    const big = 'x'.repeat(4 * 1024 * 1024);
    const tokens = Array.from({ length: 12 }, () => pages.put({ status: 200, html: big }));
    // 8 MB each (UTF-16): at most 8 fit in 64 MB; the first ones are gone, the last is there.
    expect(pages.take(tokens[0] as string)).toBeUndefined();
    expect(pages.take(tokens[11] as string)?.html.length).toBe(big.length);
  });

  it("does not let one client's flood push out another respondent's page", () => {
    const clock = new TestClock(0);
    const pages = new PendingPages(clock);
    const respondent = pages.put({ status: 200, html: '<p>page 2 of 5, with the answers so far</p>' }, 'respondent');
    // One address sending big forms at the rate limit (120 a minute): ~300 KB pages.
    const page = 'x'.repeat(150 * 1024);
    const flood = Array.from({ length: 240 }, (_, i) => {
      clock.at = i * 500;
      return pages.put({ status: 200, html: page }, 'flooder');
    });
    expect(pages.take(respondent as string)?.html).toContain('answers so far');
    // The flooder's own pages beyond its share are not kept: it gets them at once instead.
    expect(flood.filter((token) => token === undefined).length).toBeGreaterThan(0);
    expect(pages.take(flood[0] as string)?.html.length).toBe(page.length);
    // Its share comes back once its pages have had their time.
    clock.at += 2 * 60 * 1000 + 1;
    expect(pages.put({ status: 200, html: page }, 'flooder')).toBeDefined();
  });

  it('keeps headers such as Clear-Site-Data with the page', () => {
    const pages = new PendingPages(new TestClock());
    const token = pages.put({ status: 200, html: 'done', headers: { 'Clear-Site-Data': '"cache"' } });
    expect(pages.take(token)?.headers).toEqual({ 'Clear-Site-Data': '"cache"' });
  });
});
