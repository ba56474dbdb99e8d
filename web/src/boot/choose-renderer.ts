/**
 * Whether SurveyJS can arrive in time on this link. The server-rendered page is already
 * on screen and answerable; SurveyJS (about 450 KB) is fetched only where it will take
 * over within about a second: the navigation's own round trip (request to first byte)
 * must be short, and the Network Information API, where the browser has it, must not
 * report a slow or data-saving connection. Round trips dominate on mobile links (slow 3G:
 * 400 ms; a 4G-class link: 150 ms), and a module graph costs several of them.
 */
export const MAX_ROUND_TRIP_MS = 100;
/** Below this the app's bytes alone would take longer than about a second. */
export const MIN_DOWNLINK_MBPS = 5;

export type Renderer = 'light' | 'surveyjs';

export interface LinkFacts {
  /** `?renderer=light|surveyjs` in the address: the respondent's (or a test's) own choice. */
  readonly requested?: string | null;
  /** responseStart − requestStart of this page's navigation, when known. */
  readonly roundTripMs?: number;
  readonly saveData?: boolean;
  readonly effectiveType?: string;
  /** Mbit/s, as the Network Information API estimates it. */
  readonly downlinkMbps?: number;
}

export function chooseRenderer(facts: LinkFacts): Renderer {
  if (facts.requested === 'light' || facts.requested === 'surveyjs') return facts.requested;
  if (facts.saveData) return 'light';
  if (facts.effectiveType !== undefined && facts.effectiveType !== '4g') return 'light';
  if (facts.downlinkMbps !== undefined && facts.downlinkMbps > 0 && facts.downlinkMbps < MIN_DOWNLINK_MBPS) return 'light';
  if (facts.roundTripMs === undefined || !Number.isFinite(facts.roundTripMs) || facts.roundTripMs > MAX_ROUND_TRIP_MS) return 'light';
  return 'surveyjs';
}
