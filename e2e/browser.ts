import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

/** Debian's Chromium (apt `chromium`); playwright-core downloads no browser of its own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

// Flags that work as root in a container, and keep Chromium from phoning home during tests.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** The seekers' device: a small Android phone (360 CSS px is the most common width in China). */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

/** Staff and admin work on office desktops. */
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };

export type Session = { context: BrowserContext; page: Page; errors: string[] };

/**
 * A fresh browser profile (no cookies, no localStorage) on the app. Uncaught page errors are
 * collected so a journey can assert the app never crashed along the way.
 */
export async function openSession(
  browser: Browser,
  baseURL: string,
  device: BrowserContextOptions,
): Promise<Session> {
  const context = await browser.newContext({
    ...device,
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/** Unique per run, so journeys never collide with each other or with earlier runs' accounts. */
export function uniquePhone(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

export function uniqueSuffix(): string {
  return Math.random().toString(36).slice(2, 8);
}

/**
 * Waits until no finite CSS animation or transition runs: antd fades modals and messages in, and
 * a half-transparent frame would be reported as insufficient contrast. Spinners (infinite) are
 * ignored.
 */
async function waitForAnimations(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
}

/**
 * Runs axe-core with the WCAG 2.0/2.1 A and AA rules and fails with every violation: rule id,
 * impact, help text and the offending nodes (selector and a snippet).
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  await waitForAnimations(page);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  if (results.violations.length === 0) return;
  const report = results.violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 8)
        .map(
          (n) =>
            `    - ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}\n      ${n.failureSummary?.replace(/\n/g, ' ') ?? ''}`,
        )
        .join('\n');
      const more = v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : '';
      return `  ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
  throw new Error(`axe: ${results.violations.length} violation(s) on "${label}" (${page.url()}):\n${report}`);
}
