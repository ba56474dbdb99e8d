/**
 * The small script of the server-rendered respondent pages (`/s/:slug`, `/f/...`). The
 * page works without it; with it, Quick exit blanks the page at once and replaces it in
 * the history (and Shift three times works), free text gets the identifying-details
 * warning as it is typed, focus goes to the new page's heading, the proof of work is solved
 * while the respondent answers (so the answers need not wait for the no-JS ticket) — and
 * where the link is fast enough, SurveyJS is fetched behind the page and takes over before
 * it is touched.
 * It writes nothing to the device and talks to this origin only.
 */
import { findIdentifyingDetails } from '@candor/shared';
import { quickExit, watchTripleShift } from '../components/respondent/quick-exit';
import { chooseRenderer } from './choose-renderer';
import { SURVEYJS_READY } from './events';

// Module scripts have no document.currentScript.
const script = document.querySelector<HTMLScriptElement>('script[src$="respondent-boot.js"]');
document.documentElement.classList.add('js');

const stopShift = watchTripleShift(window, quickExit);
for (const link of document.querySelectorAll<HTMLAnchorElement>('a.exit')) {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    quickExit();
  });
}

// The identifying-details warning, computed here as the respondent types; nothing is sent for it.
for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-identifying]')) {
  const warning = document.getElementById(field.dataset['identifying'] ?? '');
  if (!warning) continue;
  const kindsText = JSON.parse(warning.dataset['kinds'] ?? '{}') as Record<string, string>;
  const template = warning.dataset['template'] ?? '{kinds}';
  let shown = warning.hidden ? '' : (warning.textContent ?? '');
  const update = (): void => {
    const kinds = findIdentifyingDetails(field.value);
    const text = kinds.length > 0 ? template.replace('{kinds}', kinds.map((kind) => kindsText[kind] ?? kind).join(', ')) : '';
    if (text === shown) return;
    shown = text;
    warning.textContent = text;
    warning.hidden = text === '';
  };
  field.addEventListener('input', update);
  // Text typed before this (deferred) script ran, or put back by the browser, is checked too.
  update();
}

// After Next or Back (a one-time page), focus goes to what is new: the problems, else the page's heading.
const params = new URLSearchParams(location.search);
if (params.has('r')) {
  const target = document.querySelector<HTMLElement>('.error-summary') ?? document.getElementById('page-title');
  target?.focus();
}

const form = document.getElementById('survey-form') as HTMLFormElement | null;
if (form?.dataset['researchKey']) sealFreeTextOnSubmit(form, form.dataset['researchKey']);
let touched = false;
form?.addEventListener('input', () => (touched = true), { once: true });
form?.addEventListener('submit', () => (touched = true), { once: true });

// The form asks for a proof of work (until one is sent): solved here, sent with the next page.
let proof: Promise<string | null> | undefined;
function startProof(): void {
  const challenge = form?.dataset['challenge'];
  if (!form || !challenge || proof) return;
  proof = import('./solve-proof').then(({ solveProof }) => solveProof(challenge)).catch(() => null);
  void proof.then((solved) => {
    if (!solved) return;
    const field = document.createElement('input');
    field.type = 'hidden';
    field.name = 'proofOfWork';
    field.value = solved;
    form.append(field);
  });
}
/** Once the respondent engages with the form (never before the first paint: nothing competes with the page's own files). */
function startWhenEngaged(): void {
  if (!form?.dataset['challenge']) return;
  // A later page (after Next): the respondent is answering already.
  if (params.has('r')) return startProof();
  for (const type of ['input', 'pointerdown', 'keydown', 'focusin']) form.addEventListener(type, startProof, { once: true });
}
let holding = false;
form?.addEventListener('submit', (event) => {
  // Only the last page waits for the puzzle (any other page carries it on when it is ready).
  const submitter = event.submitter as HTMLButtonElement | null;
  if (
    !form.dataset['challenge'] ||
    holding ||
    form.querySelector('input[name="proofOfWork"]') ||
    !form.hasAttribute('data-last') ||
    submitter?.value !== 'next'
  )
    return;
  event.preventDefault();
  startProof();
  holding = true;
  const status = document.createElement('p');
  status.className = 'hint';
  status.setAttribute('role', 'status');
  status.textContent = form.dataset['checking'] ?? '';
  form.querySelector('.actions')?.before(status);
  if (submitter) submitter.disabled = true;
  void proof?.then(() => {
    if (submitter) submitter.disabled = false;
    form.requestSubmit(submitter ?? undefined);
  });
});

const app = script?.dataset['app'];
let surveyJs = false;
if (app && form && !params.has('r')) {
  const connection = (navigator as Navigator & { connection?: { saveData?: boolean; effectiveType?: string; downlink?: number } })
    .connection;
  const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  const renderer = chooseRenderer({
    requested: params.get('renderer'),
    roundTripMs: navigation && navigation.responseStart > 0 ? navigation.responseStart - navigation.requestStart : undefined,
    saveData: connection?.saveData,
    effectiveType: connection?.effectiveType,
    downlinkMbps: connection?.downlink,
  });
  if (renderer === 'surveyjs') {
    surveyJs = true;
    loadSurveyJs(app, script?.dataset['styles']?.split(' ').filter(Boolean) ?? []);
  }
}
// SurveyJS solves its own; this page solves one only when it stays.
if (!surveyJs) startWhenEngaged();

function loadSurveyJs(entry: string, styles: readonly string[]): void {
  // Fetched now, applied only on take-over ("print" keeps them off this page meanwhile).
  const links = styles.map((href) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.media = 'print';
    document.head.append(link);
    return link;
  });
  const root = document.createElement('div');
  root.id = 'root';
  root.hidden = true;
  document.body.append(root);
  document.addEventListener(
    SURVEYJS_READY,
    () => {
      if (touched) {
        // The respondent already started here: this page stays, SurveyJS is let go.
        root.remove();
        for (const link of links) link.remove();
        startProof();
        return;
      }
      stopShift();
      for (const link of links) link.media = 'all';
      document.querySelector('link[href="/lean.css"]')?.remove();
      document.getElementById('bar')?.remove();
      document.getElementById('main')?.remove();
      document.documentElement.classList.remove('js');
      root.hidden = false;
    },
    { once: true },
  );
  import(/* @vite-ignore */ entry).catch(() => {
    root.remove();
    startWhenEngaged();
  });
}

/**
 * Issue 17: free text leaves this page sealed to the survey's research key. When the form is
 * sent, each free-text field's text is sealed here and sent in its place (a hidden field of the
 * same name); the box itself is sent under no name, so its plain text never leaves the device.
 */
function sealFreeTextOnSubmit(target: HTMLFormElement, researchKey: string): void {
  let names: string[] = [];
  try {
    names = (JSON.parse(target.dataset['freeText'] ?? '[]') as unknown[]).filter((name): name is string => typeof name === 'string');
  } catch {
    return;
  }
  // Loaded only on pages of surveys with free text, while the respondent reads the page.
  let seal: ((text: string) => string) | null = null;
  let unavailable = false;
  const loading = import('../lib/sealed-text-field').then(
    (module) => {
      seal = (text) => module.sealOneText(text, researchKey);
    },
    () => {
      // Not loaded (a dropped connection): the form is sent as typed and the server seals it on receipt.
      unavailable = true;
    },
  );
  target.addEventListener('submit', (event) => {
    if (unavailable) return;
    if (!seal) {
      // Sent before the cipher arrived: hold the form, then send it again with the same button.
      event.preventDefault();
      const submitter = event.submitter;
      void loading.then(() => target.requestSubmit(submitter instanceof HTMLButtonElement ? submitter : undefined));
      return;
    }
    for (const name of names) {
      for (const field of target.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
        `[name="${CSS.escape(name)}"]:not([type="hidden"])`,
      )) {
        const text = field.value.replace(/\r\n/g, '\n').trim();
        if (text === '') continue;
        const sealed = document.createElement('input');
        sealed.type = 'hidden';
        sealed.name = name;
        sealed.value = seal(text);
        field.removeAttribute('name');
        field.after(sealed);
      }
    }
  });
}
