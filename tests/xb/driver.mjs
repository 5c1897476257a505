// The one driver of the cross-browser journeys: classic W3C WebDriver through the official
// selenium-webdriver bindings, to Firefox ESR (through geckodriver, which `cargo xtask` builds
// from crates.io) and to WebKitGTK's MiniBrowser (through Debian's WebKitWebDriver, under Xvfb).
// Neither downloads a browser build. XB_BROWSER names the browser: firefox (the default) or
// webkit. Chromium runs the whole e2e suite in tests/e2e/ instead.
//
// Each journey gets its own origin (a new server on a new port), so its storage starts empty
// while the browser session is shared by the whole file. The server adds one script of the
// test's own to every page, before the app: it fixes the page's clock (as Playwright's
// `clock.setFixedTime` does for Chromium) and records page errors, since classic WebDriver has no
// console events in every browser.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { Builder } from 'selenium-webdriver';
import { startServer } from '../e2e/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const artifacts = path.join(here, 'artifacts');

export const BROWSER = process.env.XB_BROWSER ?? 'firefox';
export const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
/** How long one wait may take: the machine is slow and shared, so generously. */
const WAIT_MS = 30000;

const GECKODRIVER = process.env.GECKODRIVER ?? path.join(os.homedir(), '.cache', 'jss-lab', 'tools', 'bin', 'geckodriver');

const BROWSERS = {
  firefox: {
    driver: (port) => [GECKODRIVER, [`--port=${port}`, '--host=127.0.0.1']],
    capabilities: (downloads, scratch) => ({
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
        args: ['-headless', '-profile', firefoxProfile(scratch)],
        prefs: {
          // Reads the profile's chrome/userChrome.css (see firefoxProfile).
          'toolkit.legacyUserProfileCustomizations.stylesheets': true,
          // Downloads go straight to the session's folder, where the test reads them.
          'browser.download.folderList': 2,
          'browser.download.dir': downloads,
          'browser.download.useDownloadDir': true,
          'browser.download.always_ask_before_handling_new_types': false,
          'browser.helperApps.neverAsk.saveToDisk': 'text/calendar,application/json,text/csv',
          // No update checks, telemetry or remote settings: the tests reach only their server.
          'app.update.enabled': false,
          'datareporting.policy.dataSubmissionEnabled': false,
          'toolkit.telemetry.enabled': false,
          'browser.shell.checkDefaultBrowser': false,
        },
      },
    }),
  },
  webkit: {
    // Xvfb gives MiniBrowser a display when there is none; `-a` picks a free one.
    driver: (port) => {
      const cmd = ['WebKitWebDriver', `--port=${port}`, '--host=local'];
      return process.env.DISPLAY ? [cmd[0], cmd.slice(1)] : ['xvfb-run', ['-a', '-s', '-screen 0 1920x1080x24', ...cmd]];
    },
    capabilities: () => ({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': {
        binary: process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args: ['--automation'],
      },
    }),
    env: (downloads, scratch) => ({ XDG_CONFIG_HOME: minibrowserConfig(downloads, scratch) }),
  },
};

/**
 * A fresh Firefox profile whose userChrome.css lets the window shrink below Firefox's 500 px
 * minimum, so the page can be given a phone's 390 px viewport (the window's own toolbars only).
 */
function firefoxProfile(scratch) {
  const profile = path.join(scratch, 'profile');
  fs.mkdirSync(path.join(profile, 'chrome'), { recursive: true });
  fs.copyFileSync(path.join(here, 'firefox', 'userChrome.css'), path.join(profile, 'chrome', 'userChrome.css'));
  return profile;
}

/**
 * MiniBrowser's GTK configuration: downloads go to the session's folder, and a stylesheet lets
 * the window shrink below the 447 px its toolbar would keep, so the page can be given a phone's
 * 390 px viewport (it styles the browser's own toolbar, never the page).
 */
function minibrowserConfig(downloads, scratch) {
  const config = path.join(scratch, 'config');
  fs.mkdirSync(path.join(config, 'gtk-3.0'), { recursive: true });
  fs.copyFileSync(path.join(here, 'minibrowser', 'gtk.css'), path.join(config, 'gtk-3.0', 'gtk.css'));
  fs.writeFileSync(path.join(config, 'user-dirs.dirs'), `XDG_DOWNLOAD_DIR="${downloads}"\n`);
  return config;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts the browser's WebDriver server and opens one session in it. */
async function startSession() {
  const spec = BROWSERS[BROWSER];
  if (!spec) throw new Error(`XB_BROWSER must be one of ${Object.keys(BROWSERS).join(', ')}, not ${BROWSER}`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `jss-xb-${BROWSER}-`));
  const downloads = path.join(scratch, 'downloads');
  fs.mkdirSync(downloads);
  const port = await freePort();
  const [program, args] = spec.driver(port);
  const log = [];
  const child = spawn(program, args, {
    env: { ...process.env, ...(spec.env?.(downloads, scratch) ?? {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    cwd: downloads,
  });
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (d) => log.push(String(d)));
  let driver;
  const stop = async () => {
    await driver?.quit().catch(() => {});
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    fs.rmSync(scratch, { recursive: true, force: true });
  };
  try {
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${program} exited: ${log.join('')}`);
      try {
        if ((await fetch(`${url}/status`)).ok) break;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) throw new Error(`${program} did not start: ${log.join('')}`);
      await sleep(100);
    }
    driver = await new Builder().usingServer(url).withCapabilities(spec.capabilities(downloads, scratch)).build();
    await driver.manage().setTimeouts({ script: WAIT_MS, pageLoad: 60000 });
    const caps = await driver.getCapabilities();
    return {
      driver,
      downloads,
      version: `${caps.get('browserName')} ${caps.get('browserVersion')}`,
      current: await driver.getWindowHandle(),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The script the server puts before the app on every page: a fixed clock and an error log. */
function instrument(nowMs) {
  return `(() => {
  window.__xbErrors = [];
  const note = (m) => window.__xbErrors.push(String(m));
  window.addEventListener('error', (e) => note(e.message || e.error || 'error'));
  window.addEventListener('unhandledrejection', (e) => note(e.reason));
  const error = console.error.bind(console);
  console.error = (...a) => { note(a.join(' ')); error(...a); };
  const fixed = ${nowMs};
  if (!Number.isFinite(fixed)) return;
  const RealDate = Date;
  class FixedDate extends RealDate {
    constructor(...a) { if (a.length === 0) super(fixed); else super(...a); }
    static now() { return fixed; }
  }
  window.Date = FixedDate;
})();`;
}

let session;

/** One browser session for the file's tests, closed after them. */
export function useBrowser() {
  before(async () => {
    session = await startSession();
    console.log(`# xb browser: ${session.version}`);
  });
  after(async () => {
    await session?.stop();
  });
}

/** The date the demo's numbers are known for (as in tests/e2e/harness.mjs). */
export const DEMO_TODAY = new Date('2026-11-27T12:00:00Z');

/**
 * Runs `body` with a tab on a fresh origin at the viewport's size, the clock fixed at `now`,
 * and `init` (JavaScript source) run in every page before the app, for example to take away a
 * feature the app must do without. A failure saves a screenshot in tests/xb/artifacts/.
 */
export async function withTab({ width, height, now = DEMO_TODAY, init = '', name }, body) {
  const script = `${instrument(now?.getTime())}\n${init}`;
  const server = await startServer({
    extra: (url) => (url.pathname === '/__xb/instrument.js' ? { type: 'text/javascript', body: script } : null),
    html: (text) => text.replace('<head>', '<head><script src="/__xb/instrument.js"></script>'),
  });
  const tab = new Tab(session, session.current, server.origin);
  const extra = [];
  tab.openAnother = async () => {
    await session.driver.switchTo().newWindow('window');
    const other = new Tab(session, await session.driver.getWindowHandle(), server.origin);
    session.current = other.handle;
    extra.push(other);
    await setViewport(session.driver, width, height);
    return other;
  };
  try {
    await tab.activate();
    await setViewport(session.driver, width, height);
    await body(tab);
  } catch (e) {
    await saveScreenshot(name).catch(() => {});
    throw e;
  } finally {
    for (const other of extra) {
      await other.activate().catch(() => {});
      await session.driver.close().catch(() => {});
    }
    session.current = tab.handle;
    await session.driver.switchTo().window(tab.handle).catch(() => {});
    await session.driver.get('about:blank').catch(() => {});
    await server.close();
  }
}

async function saveScreenshot(name) {
  if (!name) return;
  fs.mkdirSync(artifacts, { recursive: true });
  const png = await session.driver.takeScreenshot();
  fs.writeFileSync(path.join(artifacts, `${BROWSER}-${name.replace(/[^a-z0-9-]+/gi, '-')}.png`), png, 'base64');
}

/** Sizes the window so the page's viewport is width × height CSS pixels. */
async function setViewport(driver, width, height) {
  const win = driver.manage().window();
  let rect = { width, height };
  // WebKitGTK sometimes reports the window's inner size before the resize has settled (0 or
  // the old size), which made the next rectangle nonsense ("Invalid width value"): such a
  // reading is retried after a pause rather than used.
  for (let i = 0; i < 6; i += 1) {
    await win.setRect(rect);
    const [w, h] = await driver.executeScript('return [window.innerWidth, window.innerHeight]');
    if (w === width && Math.abs(h - height) <= 2) return;
    const next = { width: rect.width + (width - w), height: rect.height + (height - h) };
    if (w > 0 && h > 0 && next.width >= width && next.height >= height && next.width < width * 2) {
      rect = next;
    } else {
      rect = { width, height };
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const [w, h] = await driver.executeScript('return [window.innerWidth, window.innerHeight]');
  if (w !== width) throw new Error(`the ${BROWSER} viewport is ${w}×${h}, not ${width}×${height}`);
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A text filter as [source, flags] for the page: a RegExp, or a string the text starts with. */
function matcher(text) {
  if (text === undefined) return [null, ''];
  return text instanceof RegExp ? [text.source, text.flags] : [`^${escape(text)}`, ''];
}

const css = (selector) => selector.replace(/@([\w-]+)/g, '[data-testid="$1"]');

/** One window of the session. Selectors are CSS, where `@name` stands for `[data-testid="name"]`. */
export class Tab {
  constructor(s, handle, origin) {
    this.session = s;
    this.driver = s.driver;
    this.handle = handle;
    this.origin = origin;
  }

  /** Makes this window the one WebDriver commands go to. */
  async activate() {
    if (this.session.current !== this.handle) {
      await this.driver.switchTo().window(this.handle);
      this.session.current = this.handle;
    }
  }

  async goto(pathname) {
    await this.activate();
    await this.driver.get(`${this.origin}${pathname}`);
  }

  async reload() {
    await this.activate();
    await this.driver.navigate().refresh();
  }

  /** Runs `fn(...args)` in the page and returns its result. */
  async eval(fn, ...args) {
    await this.activate();
    return this.driver.executeScript(`return (${fn}).apply(null, arguments);`, ...args);
  }

  /** Polls `fn(...args)` in the page until it returns something truthy, and returns that. */
  async until(fn, args = [], { timeout = WAIT_MS, message } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.eval(fn, ...args);
        if (last) return last;
      } catch (e) {
        // A page that is navigating or reloading answers with an error for a moment.
        last = e.message;
      }
      if (Date.now() > deadline) throw new Error(`${message ?? `timed out waiting for ${fn}`} (last: ${JSON.stringify(last)})`);
      await sleep(100);
    }
  }

  /** Waits until the app has mounted. */
  async waitForApp() {
    // The app mounts hidden behind the static shell and shows when the shell leaves (the
    // handover in shell_handover.rs), so "in" means the shell gone and the app on screen.
    await this.until(
      () => document.getElementById('shell') === null && (document.querySelector('body > .app')?.getClientRects().length ?? 0) > 0,
      [],
      { message: 'the app did not take over from the shell' },
    );
  }

  /**
   * Waits for a visible element and returns it; with `text` (a RegExp, or a string the text
   * must start with), the first visible one whose text matches.
   */
  async find(selector, { text, timeout } = {}) {
    const match = matcher(text);
    const pick = (s, src, fl) =>
      [...document.querySelectorAll(s)].find(
        (e) => e.getClientRects().length > 0 && (src === null || new RegExp(src, fl).test(e.textContent.trim())),
      );
    await this.until(pick, [css(selector), ...match], { timeout, message: `${selector}${text ? ` with text ${text}` : ''} did not appear` });
    return this.eval(pick, css(selector), ...match);
  }

  /** Waits for an element whose text matches `pattern` and returns that text. */
  async waitForText(selector, pattern, { timeout } = {}) {
    const el = await this.find(selector, { text: pattern instanceof RegExp ? pattern : new RegExp(escape(pattern)), timeout });
    return this.eval((e) => e.textContent, el);
  }

  async waitGone(selector, { timeout } = {}) {
    await this.until((s) => document.querySelector(s) === null, [css(selector)], { timeout, message: `${selector} is still there` });
  }

  async text(selector) {
    await this.find(selector);
    return this.eval((s) => document.querySelector(s).textContent, css(selector));
  }

  async count(selector) {
    return this.eval((s) => document.querySelectorAll(s).length, css(selector));
  }

  async value(selector) {
    const el = await this.find(selector);
    return this.eval((e) => e.value, el);
  }

  /**
   * Clicks a visible element the way a user does (WebDriver's element click, which scrolls it
   * into view), retrying while something else covers it or the page is still re-rendering.
   */
  async click(selector, { text } = {}) {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      try {
        const el = await this.find(selector, { text });
        await this.eval((e) => e.scrollIntoView({ block: 'center' }), el);
        await el.click();
        return;
      } catch (e) {
        const retry = /intercepted|stale|not interactable|not reachable|obscured/i.test(`${e.name} ${e.message}`);
        if (!retry || Date.now() > deadline) throw e;
        await sleep(200);
      }
    }
  }

  /** Replaces an input's text by typing, as a user would. */
  async fill(selector, text) {
    const el = await this.find(selector);
    await this.eval((e) => e.scrollIntoView({ block: 'center' }), el);
    await el.clear();
    await el.sendKeys(text);
    // On failure, say what the field holds instead, and whether it is still in the page.
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const seen = await this.eval((e, t) => ({ ok: e.value === t, value: e.value, connected: e.isConnected }), el, text).catch((e) => ({ ok: false, value: e.message }));
      if (seen.ok) return;
      if (Date.now() > deadline) throw new Error(`${selector} did not take ${text}: it holds ${JSON.stringify(seen.value)} (in the page: ${seen.connected})`);
      await sleep(100);
    }
  }

  /**
   * Picks a date in an `<input type=date>`. Typing into one differs by browser (each has its
   * own segmented field), so this sets the value a date picker would and sends the same events.
   */
  async date(selector, iso) {
    const el = await this.find(selector);
    await this.eval((e, v) => {
      e.scrollIntoView({ block: 'center' });
      e.value = v;
      e.dispatchEvent(new Event('input', { bubbles: true }));
      e.dispatchEvent(new Event('change', { bubbles: true }));
    }, el, iso);
    await this.until((e, t) => e.value === t, [el, iso], { message: `${selector} did not take ${iso}` });
  }

  /** Chooses the option with `value` in a select by clicking it. */
  async select(selector, value) {
    const el = await this.find(selector);
    await this.eval((e) => e.scrollIntoView({ block: 'center' }), el);
    const option = await this.eval((e, v) => [...e.options].find((o) => o.value === v), el, value);
    if (!option) throw new Error(`${selector} has no option ${value}`);
    await option.click();
    await this.until((e, v) => e.value === v, [el, value], { message: `${selector} did not select ${value}` });
  }

  /** Gives a file input these files, as the file picker would. */
  async upload(selector, files) {
    // A page's code may still be loading: wait for the input as a user would.
    await this.until((s) => document.querySelector(s), [css(selector)], { message: `no ${selector}` });
    const el = await this.eval((s) => document.querySelector(s), css(selector));
    if (!el) throw new Error(`no ${selector}`);
    await el.sendKeys(files.join('\n'));
  }

  /** Opens every folded section (`<details>`) around an element, as a user would to reach it. */
  async unfold(selector) {
    await this.until((s) => document.querySelector(s), [css(selector)], { message: `no ${selector}` });
    await this.eval((s) => {
      for (let d = document.querySelector(s).closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
    }, css(selector));
  }

  /** Errors the page reported (uncaught errors, rejections, console.error) since it loaded. */
  async errors() {
    return this.eval(() => window.__xbErrors ?? []);
  }

  /** Waits for a finished download named `name` and returns its text. */
  async download(name, { timeout = WAIT_MS } = {}) {
    const file = path.join(this.session.downloads, name);
    const deadline = Date.now() + timeout;
    while (!fs.existsSync(file) || fs.existsSync(`${file}.part`)) {
      if (Date.now() > deadline) {
        throw new Error(`${name} was not downloaded (folder has: ${fs.readdirSync(this.session.downloads).join(', ') || 'nothing'})`);
      }
      await sleep(100);
    }
    const text = fs.readFileSync(file, 'utf8');
    fs.rmSync(file);
    return text;
  }
}
