// Starts JSS Lab, then registers the service worker that keeps the app for offline and
// repeat visits, and offers a newer version when one has been deployed.
//
// scripts/build-app.mjs copies this file next to the app's wasm and glue (in `app-<hash>/`),
// and index.html loads it as a module. It is a file rather than an inline script so the
// Content-Security-Policy needs no hash for it.
import init from './jss-lab.js';

const GLIMPSE = 'jss-lab.glimpse';
const GLIMPSE_MAX_CHARS = 40000;

// The static shell paints first: the app's wasm is fetched once the shell's text is on screen
// (the first contentful paint), so the first screen never waits for it and its download does
// not compete with the stylesheets. A hidden tab paints nothing and starts at once; a second
// is the most the app waits.
// A returning visitor or a deep link shows the app's own content, not the shell's, so the app
// starts at once there (index.html has already begun the wasm's download), unless the shell
// holds the returning visitor's glimpse of their dashboard: that paints first, like the
// first-run screen, while the wasm downloads all the same.
await new Promise((resolve) => {
  const painted = () => performance.getEntriesByName('first-contentful-paint').length > 0;
  const glimpse = document.querySelector('#shell [data-testid="glimpse"]') !== null;
  const appFirst = document.documentElement.getAttribute('data-shell') !== 'first-run' && !glimpse;
  if (appFirst || document.visibilityState !== 'visible' || painted()) return resolve();
  new PerformanceObserver((list, observer) => {
    if (list.getEntriesByName('first-contentful-paint').length > 0) {
      observer.disconnect();
      resolve();
    }
  }).observe({ type: 'paint' });
  setTimeout(resolve, 1000);
});
// A browser without WebAssembly (or with it switched off, as some locked-down setups do), or a
// wasm that fails to start, gets a message in the static shell instead of a page that never
// finishes loading. Saved data is only read by the app, so nothing is touched.
if (typeof WebAssembly !== 'object') {
  cannotStart('this browser has WebAssembly switched off or does not support it');
} else {
  try {
    await init();
  } catch (e) {
    cannotStart(`its code could not start (${e?.message ?? e})`);
    throw e;
  }
  // The app removes the static shell of index.html itself once its page is drawn
  // (src/components/layout/shell_handover.rs); until then the shell stays on screen.
  keepGlimpses();

  // The worker is registered after the app has started, so precaching the rest of the build
  // (the other pages' code, the simulator's worker) never competes with the first screen.
  if ('serviceWorker' in navigator) {
    registerServiceWorker().catch((e) => console.warn('JSS Lab: offline use is unavailable:', e));
  }
}

async function registerServiceWorker() {
  const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  let accepted = false;
  // A new worker takes over only when the user asks for it, and only then does the page
  // reload: never a silent reload in the middle of an edit.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (accepted) window.location.reload();
  });
  const offer = (worker) => {
    if (document.getElementById('update-offer')) return;
    const box = document.createElement('div');
    box.id = 'update-offer';
    box.className = 'update-offer';
    box.setAttribute('role', 'status');
    const text = document.createElement('p');
    text.textContent = 'A new version of JSS Lab is ready. Your data stays as it is.';
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.testid = 'update-reload';
    button.textContent = 'Reload for the new version';
    button.addEventListener('click', () => {
      accepted = true;
      button.disabled = true;
      worker.postMessage({ type: 'skip-waiting' });
    });
    const later = document.createElement('button');
    later.type = 'button';
    later.className = 'secondary';
    later.textContent = 'Later';
    later.addEventListener('click', () => box.remove());
    box.append(text, button, later);
    document.body.append(box);
  };
  // Only an update needs offering: a worker waiting beside another one already in charge. The
  // first worker of a visit has nothing to replace; WebKit can report it as `installed` to a
  // page reloaded while it activated (its state there lags), after it has taken control, so
  // a controller alone does not tell an update.
  const offerWhenInstalled = (worker) => {
    if (!worker) return;
    const check = () => {
      const active = registration.active;
      if (worker.state === 'installed' && navigator.serviceWorker.controller && active && active !== worker) offer(worker);
    };
    check();
    worker.addEventListener('statechange', check);
  };
  offerWhenInstalled(registration.waiting);
  offerWhenInstalled(registration.installing);
  registration.addEventListener('updatefound', () => offerWhenInstalled(registration.installing));
  // A tab left open for days still learns of a new deploy when the user comes back to it.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') registration.update().catch(() => {});
  });
}

function cannotStart(why) {
  const shell = document.getElementById('shell');
  if (!shell || document.getElementById('cannot-start')) return;
  const box = document.createElement('div');
  box.id = 'cannot-start';
  box.className = 'error-panel';
  box.setAttribute('role', 'alert');
  const title = document.createElement('h2');
  title.textContent = 'JSS Lab cannot start in this browser';
  const text = document.createElement('p');
  text.textContent = `JSS Lab runs entirely in your browser, but ${why}. A current Firefox, Safari, Chrome or Edge runs it. Any data you saved here is untouched.`;
  box.append(title, text);
  (shell.querySelector('main') ?? shell).prepend(box);
  for (const loading of shell.querySelectorAll('.shell-loading')) loading.remove();
}

// The glimpse: the top of the dashboard (its title and the decision card) as the app last drew
// it, kept here in localStorage (`jss-lab.glimpse`, a cache beside the saved data) and put in
// the static shell on the next visit by index.html's inline script (before the first paint), so
// a returning visitor's own answer paints at once instead of after the wasm (seconds on a
// phone). The app draws the same markup in its first task and the cards below it in later ones
// (src/pages/dashboard_page.rs), so nothing moves or blinks when it takes over. It is shown only
// when this build kept it, today (UTC, as the app's clock), for the saved state as it is now
// (the envelope's checksum of its payload); otherwise the shell says "Loading your contracts…"
// as before.

// The loader script in index.html's head (scripts/trunk-post-build.mjs) checks the same key.
function glimpseKey() {
  const saved = localStorage.getItem('jss-lab.state');
  if (!saved) return null;
  const checksum = /"checksum":"([0-9a-f]{16})"/.exec(saved.slice(0, 200))?.[1];
  if (!checksum) return null;
  const build = new URL('.', import.meta.url).pathname;
  return `${build}|${new Date().toISOString().slice(0, 10)}|${checksum}`;
}

function keepGlimpse() {
  try {
    const main = document.querySelector('body > .app main.page');
    const card = main?.querySelector('[data-testid="decision-card"]');
    // Only a finished dashboard (the one page with the decision card): its answer and the score
    // are drawn.
    if (!card?.querySelector('[data-testid="decision-headline"]') || !main.querySelector('[data-testid="jss-score"]')) return;
    const key = glimpseKey();
    const top = document.createRange();
    top.setStartBefore(main.firstChild);
    top.setEndAfter(card);
    const box = document.createElement('div');
    box.append(top.cloneContents());
    const html = box.innerHTML;
    if (!key || html.length > GLIMPSE_MAX_CHARS) {
      localStorage.removeItem(GLIMPSE);
      return;
    }
    const text = JSON.stringify({ key, html });
    if (localStorage.getItem(GLIMPSE) !== text) localStorage.setItem(GLIMPSE, text);
  } catch {
    // A full or refused localStorage keeps no glimpse; the saved data is not affected.
  }
}

// The glimpse is kept a second after the dashboard stops changing (the app saves 300 ms after a
// change, so the checksum is the new one by then) and when the page is hidden.
function keepGlimpses() {
  // The body, not the app's root: a saved state is read in steps, so the app may mount after
  // `init` has returned.
  let timer = 0;
  new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(keepGlimpse, 1000);
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') keepGlimpse();
  });
  timer = setTimeout(keepGlimpse, 1000);
}
