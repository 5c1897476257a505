// Cross-browser journeys (Firefox ESR, WebKitGTK) on the release build, with the clock fixed at
// 2026-11-27 so the demo's numbers are known: the first run loads the demo onto a dashboard with
// its score and no band above the header; a submitted milestone is approved and the timeline and
// the money change; a contract is edited and the edit undone; an edit survives a reload.
import assert from 'node:assert/strict';
import { useBrowser } from './driver.mjs';
import { journey, openDemo, visit, openContract, stored, overflowX } from './app.mjs';

useBrowser();

journey('first run, the demo, and the dashboard score', async (tab) => {
  await tab.goto('/');
  await tab.waitForApp();
  // The static loading shell leaves the document once the app is in: nothing stands above
  // the app's header (WebKit used to keep an empty band of the shell's height there).
  assert.equal(await tab.eval(() => document.getElementById('shell')), null, 'the loading shell is still in the page');
  const top = await tab.eval(() => document.querySelector('.app .site-header').getBoundingClientRect().top);
  assert.ok(top < 20, `the header starts ${top}px down the page`);
  await tab.find('@load-demo');
  await tab.click('@load-demo');
  assert.equal(await tab.waitForText('@jss-score', /^\d+%$/), '89%');
  assert.match(await tab.text('@window-table'), /24 months/);
  assert.equal(await tab.text('@escrow-held'), '$800.00');
  assert.match(await tab.text('@upcoming'), /Fri 4 Dec 2026/);
  assert.ok((await overflowX(tab)) <= 0, `the dashboard is ${await overflowX(tab)}px wider than the window`);
  assert.deepEqual(await tab.errors(), []);
});

journey('approving a milestone changes the timeline and the money', async (tab) => {
  await openDemo(tab);
  await visit(tab, 'Contracts');
  await openContract(tab, 'k18');
  await tab.click('@release-m1');
  await tab.waitForText('@contract-timeline li', 'payment $800.00');
  assert.match(await tab.text('@milestones'), /Milestone 1 \$800\.00 — released Fri 27 Nov 2026/);
  assert.equal(await tab.count('@release-m1'), 0, 'a released milestone offers nothing more');
  await visit(tab, 'Dashboard');
  assert.equal(await tab.text('@escrow-held'), '$0.00');
  assert.equal(await tab.text('@pending'), '$800.00');
  assert.deepEqual(await tab.errors(), []);
});

/** Opens the demo's contract k01, gives it a new title and waits for the list to show it. */
async function retitleK01(tab, title) {
  await openDemo(tab);
  await visit(tab, 'Contracts');
  await openContract(tab, 'k01');
  await tab.click('@edit-contract');
  await tab.fill('@edit-title', title);
  await tab.click('@edit-save');
  await tab.find('[data-testid=contract-table] button', { text: title });
}

journey('an edit is saved and undone', async (tab) => {
  await retitleK01(tab, 'Marketing site, second version');
  await tab.find('h2, h3', { text: /^Marketing site, second version$/ });
  await tab.click('@undo');
  await tab.find('[data-testid=contract-table] button', { text: /^Marketing site rebuild$/ });
  assert.equal(await tab.count('@undo'), 0);
  assert.deepEqual(await tab.errors(), []);
});

journey('an edit survives a reload', async (tab) => {
  await retitleK01(tab, 'Kept across a reload');
  // The save is debounced: wait until it is in storage, then reload.
  await tab.until((k) => (localStorage.getItem(k) ?? '').includes('Kept across a reload'), ['jss-lab.state']);
  await tab.reload();
  await tab.waitForApp();
  await tab.find('[data-testid=contract-table] button', { text: /^Kept across a reload$/ });
  assert.equal(await tab.count('[data-testid=contract-table] tbody tr'), 18);
  await visit(tab, 'Dashboard');
  assert.match(await tab.waitForText('@jss-score', /^\d+%$/), /^\d+%$/);
  assert.ok((await stored(tab)).includes('Kept across a reload'));
  assert.deepEqual(await tab.errors(), []);
});
