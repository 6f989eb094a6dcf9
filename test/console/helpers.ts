// Browser tests of the admin console: a real runtime listening on loopback, the console built
// by Vite, and Chromium driven by playwright-core — the system's (Debian's chromium) when
// present, else the one shipped in the @sparticuz/chromium dev dependency (browser-path.ts).
// Every page fails its test on a console error or an uncaught page error (unless the test
// names the one it expects).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { apiClient, type Api } from '../helpers/api.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import type { Core, FeatureModule } from '../../src/modules/index.ts';
import { type BrowserChoice, resolveBrowser } from './browser-path.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SCREENSHOTS = join(ROOT, 'docs/screenshots');

/** Builds console/dist when it is missing or stale (the build script serializes parallel callers). */
export async function buildConsole(): Promise<void> {
  await promisify(execFile)(process.execPath, [join(ROOT, 'scripts/build-console.mjs')], { cwd: ROOT, timeout: 120_000 });
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export interface ConsoleEnv {
  t: TestRuntime;
  base: string;
  vendor: Api;
  browser: Browser;
  /** Which Chromium drives the pages (system or bundled). */
  chromium: BrowserChoice;
  close(): Promise<void>;
}

/**
 * The runtime listens on a port the OS picked; its public URL must be that address before the
 * runtime starts (the admin-consent redirect URI and SCIM URLs are built from it), so the port
 * is taken from a probe socket first.
 */
export async function startConsoleEnv(
  opts: { env?: Record<string, string> | ((base: string) => Record<string, string>); work?: boolean; extraModules?: (core: Core) => FeatureModule[] } = {},
): Promise<ConsoleEnv> {
  // Never skipped: without any Chromium resolveBrowser throws and says how to get one.
  const choice = await resolveBrowser();
  await buildConsole();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t = await startTestRuntime({
    work: opts.work,
    extraModules: opts.extraModules,
    env: { SWITCHBOARD_PUBLIC_URL: base, ...(typeof opts.env === 'function' ? opts.env(base) : opts.env) },
  });
  await t.rt.app!.listen({ host: '127.0.0.1', port });
  // launch() gives every browser a new, empty profile directory of its own (and removes it on close).
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: choice.executablePath,
      env: choice.env,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (err) {
    await t.close();
    throw new Error(`could not launch the ${choice.description}: ${(err as Error).message}`);
  }
  return {
    t,
    base,
    vendor: apiClient(t.rt.app!, t.vendorToken),
    browser,
    chromium: choice,
    async close() {
      await browser.close().catch(() => {});
      await t.close();
    },
  };
}

export interface ConsolePage {
  page: Page;
  context: BrowserContext;
  /** Console errors and page errors seen so far. */
  problems: string[];
  /** Tolerate console errors matching `re` (an expected 401, say) and return how many matched. */
  expectProblem(re: RegExp): number;
  /** Asserts no unexpected console or page error happened, then closes the context. */
  done(): Promise<void>;
}

export async function openConsole(env: ConsoleEnv, opts: { clipboard?: boolean } = {}): Promise<ConsolePage> {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 860 }, baseURL: env.base });
  if (opts.clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems: string[] = [];
  const tolerated: RegExp[] = [];
  const expected = new Map<RegExp, number>();
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = `${msg.text()} @ ${msg.location().url}`;
    const hit = tolerated.find((re) => re.test(text));
    if (hit) expected.set(hit, (expected.get(hit) ?? 0) + 1);
    else problems.push(`console.error: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return {
    page,
    context,
    problems,
    expectProblem(re) {
      if (!tolerated.includes(re)) tolerated.push(re);
      return expected.get(re) ?? 0;
    },
    async done() {
      await context.close();
      assert.deepEqual(problems, [], 'the console logged errors');
    },
  };
}

export async function signIn(cp: ConsolePage, token: string, path = '/console/'): Promise<void> {
  const { page } = cp;
  await page.goto(path);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled', caret: 'hide' });
}

// Evaluated in the page (the test's TypeScript has no DOM types: plain expressions).
const ACTIVE_ELEMENT = `(() => {
  const a = document.activeElement;
  if (!a) return { tag: '', text: '', label: '', type: '' };
  const id = a.getAttribute('id');
  const label = (id && document.querySelector('label[for="' + id + '"]')?.textContent) || a.getAttribute('aria-label') || '';
  return { tag: a.tagName.toLowerCase(), text: (a.textContent || '').trim(), label: label.trim(), type: a.getAttribute('type') || '' };
})()`;
const PAGE_TEXT = `(() => {
  const values = [...document.querySelectorAll('input, textarea')].map((e) => e.value);
  return [document.documentElement.outerHTML, ...values].join(' | ');
})()`;

/** Keyboard only: press Tab until the focused element is the one described (by accessible text). */
export async function tabTo(page: Page, describe: (el: { tag: string; text: string; label: string; type: string }) => boolean, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = (await page.evaluate(ACTIVE_ELEMENT)) as { tag: string; text: string; label: string; type: string };
    if (describe(el)) return;
  }
  throw new Error(`no focusable element matched after ${max} Tab presses`);
}

/** The text of the whole page, for "no secret anywhere" assertions. */
export async function pageText(page: Page): Promise<string> {
  return (await page.evaluate(PAGE_TEXT)) as string;
}
