// Cross-browser journeys (Firefox ESR, WebKitGTK) of the simulator on the demo, with the clock
// fixed at 2026-11-27: the presets run in the Web Worker with a recommendation and fan charts,
// the chosen plan downloads as an .ics file, and a long run is cancelled midway. Results may
// appear without a click (the page can run on arrival), so the journeys click Run only when
// nothing has run yet.
import assert from 'node:assert/strict';
import { useBrowser } from './driver.mjs';
import { journey, openDemo, visit } from './app.mjs';

useBrowser();

async function openSimulator(tab) {
  await openDemo(tab);
  await visit(tab, 'Simulator');
  await tab.until(() => document.querySelector('[data-testid=run], [data-testid=results]'), [], { message: 'no Run button and no results' });
}

/** Clicks Run, which may sit in a folded section (such as "Adjust assumptions"). */
async function run(tab) {
  await tab.unfold('@run');
  await tab.click('@run');
}

/** The complete results, running the simulation first unless the page already has. */
async function results(tab) {
  const complete = () => /Computed in/.test(document.querySelector('[data-testid=results]')?.textContent ?? '');
  const running = () => document.querySelector('[data-testid=cancel]') !== null;
  if (!(await tab.eval(complete)) && !(await tab.eval(running))) await run(tab);
  await tab.until(complete, [], { timeout: 120000, message: 'the simulation did not finish' });
  return tab.text('@results');
}

/** Sets an input that may sit in a folded section. */
async function setAssumption(tab, selector, value) {
  await tab.unfold(selector);
  await tab.fill(selector, value);
}

journey('the presets run with a recommendation and fan charts, and the plan downloads as .ics', async (tab) => {
  await openSimulator(tab);
  const text = await results(tab);
  assert.match(text, /Close all now/);
  assert.match(text, /Leave open/);
  // The recommendation with its reasons (headed "Recommended: …", or folded as "Why?").
  assert.match(await tab.eval(() => document.querySelector('[data-testid=recommendation]').textContent), /Recommended: |Why\? /);
  // The fan charts (one per strategy, or one chart of every strategy), dated from today.
  const chart = '.fan-chart svg, [data-testid=strategy-chart] svg';
  assert.ok((await tab.count(chart)) >= 1, 'no fan chart');
  assert.match(await tab.eval((s) => document.querySelector(s).textContent, chart), /today/);
  // The plan of the recommended strategy, as a calendar file.
  assert.match(await tab.text('@plan-steps'), /Fri 27 Nov 2026/);
  await tab.click('@download-ics');
  const ics = await tab.download('jss-lab-plan.ics');
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /DTSTART;VALUE=DATE:20261127/);
  assert.ok((ics.match(/BEGIN:VEVENT/g) ?? []).length >= 1);
  // Copying says whether the browser took the text; either way nothing breaks.
  await tab.click('@copy-plan');
  await tab.waitForText('[data-testid=action-plan] [role=status]', /^(Plan copied to the clipboard\.|Copying is not available here)/);
  assert.deepEqual(await tab.errors(), []);
});

journey('a long run can be cancelled midway', async (tab) => {
  await openSimulator(tab);
  // The run the page starts by itself finishes first, so the long one below is the one
  // cancelled. (Waiting only for Cancel to be absent raced with that run's start: under load
  // the check came before it, and the short run then ended before Cancel was clicked.)
  await results(tab);
  // The most trials the engine allows, so the run is still going when Cancel is pressed.
  await setAssumption(tab, '@trials', '10000000');
  await setAssumption(tab, '@horizon', '104');
  if ((await tab.count('@cancel')) === 0) await run(tab);
  await tab.click('@cancel');
  await tab.waitGone('@cancel');
  await tab.waitGone('@progress');
  assert.equal(await tab.eval(() => document.querySelector('[data-testid=run]')?.disabled), false, 'Run is not offered again');
  assert.deepEqual(await tab.errors(), []);
});

// Without the Clipboard API (pages that are not a secure context, Safari before 13.1), copying
// the plan says so instead of failing.
journey(
  'copying the plan without a Clipboard API says so',
  async (tab) => {
    await openSimulator(tab);
    await results(tab);
    assert.equal(await tab.eval(() => 'clipboard' in navigator), false, 'the Clipboard API was not taken away');
    await tab.click('@copy-plan');
    await tab.waitForText('[data-testid=action-plan] [role=status]', /^Copying is not available here; select the text instead\.$/);
    assert.deepEqual(await tab.errors(), []);
  },
  { init: 'delete Navigator.prototype.clipboard;' },
);
