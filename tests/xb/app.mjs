// What the journeys do often in JSS Lab, through the one driver (driver.mjs).
import { test } from 'node:test';
import { BROWSER, VIEWPORTS, withTab } from './driver.mjs';

export const STATE = 'jss-lab.state';

/**
 * Declares one journey per viewport, each on its own origin. `body(tab, viewport)` runs with
 * the clock fixed at `now` (the demo's date unless given) and `init` run before the app.
 */
export function journey(name, body, { now, init } = {}) {
  for (const viewport of VIEWPORTS) {
    const title = `${BROWSER} ${viewport.name}: ${name}`;
    test(title, { timeout: 240000 }, () => withTab({ ...viewport, now, init, name: `${viewport.name}-${name}` }, (tab) => body(tab, viewport)));
  }
}

/** Opens the first-run screen and loads the guided demo. */
export async function openDemo(tab) {
  await tab.goto('/');
  await tab.waitForApp();
  await tab.click('@load-demo');
  await tab.find('@jss-score');
  // The dashboard draws its cards one task each (DashboardPage); the last is the calendar's.
  await tab.find('@upcoming');
}

/** Follows a link of the main navigation (client-side, so the state stays) to its page. */
export async function visit(tab, name) {
  await tab.click('nav[aria-label="Main"] a', { text: new RegExp(`^${name}$`) });
  await tab.find('h1', { text: new RegExp(`^${name}$`) });
}

export async function openContract(tab, id) {
  await tab.click(`[data-testid=contract-table] button[data-contract="${id}"]`);
  await tab.find('@contract-detail');
}

/** The saved state as stored, or null. */
export function stored(tab, key = STATE) {
  return tab.eval((k) => localStorage.getItem(k), key);
}

/** How far the page sticks out sideways (positive: it scrolls horizontally). */
export function overflowX(tab) {
  return tab.eval(() => document.documentElement.scrollWidth - window.innerWidth);
}
