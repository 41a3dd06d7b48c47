import type { Browser, BrowserContextOptions, Download, Page } from 'playwright-core';
import type { Db } from '../server/src/db/database.js';
import { createUser } from '../server/test/factories.js';
import { createEnterprise, createPosting } from '../server/test/channel-factories.js';
import { openSession, type Session } from './browser';
import { fillLogin } from './flows';

/** Steps of the statistics journeys (issue 8); labels are the zh-CN UI texts. */

/** An iPhone-sized phone: the open-data page and the dashboards must work at 375 CSS px. */
export const PHONE_375: BrowserContextOptions = {
  viewport: { width: 375, height: 812 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

export const OPERATOR = '6-25-04-01';
export const WELDER = '6-18-02-04';
/** 赤坎区, 霞山区, 徐闻县. */
export const CHIKAN = '440802';
export const XIASHAN = '440803';
export const XUWEN = '440825';

/** The month (yyyy-mm) before the current China month: the pages' default, the last complete one. */
export function lastCompleteMonth(now = Date.now()): string {
  const china = new Date(now + 8 * 3_600_000);
  return new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

/**
 * The month's labour market, inserted directly (the dashboards read it, no journey creates it):
 *
 * | district      | vacancies              | résumés (seekers)      |
 * | 赤坎区 440802 | 40 operators, 15 welders | 8 wanting operator work |
 * | 霞山区 440803 | 12 operators            | 6 wanting welding work   |
 * | 徐闻县 440825 | 3 welders               | 2                        |
 *
 * and 20 operator vacancies in 赤坎区 the month before. City: 70 vacancies (20 before, ↑ 250%);
 * operators 52 vacancies / 8 seekers = 6.5; 徐闻县's counts are under 5, so open data hides them.
 */
export async function seedLabourMarket(db: Db, month: string, suffix: string): Promise<void> {
  const at = (m: string, day: number) => new Date(`${m}-${String(day).padStart(2, '0')}T09:00:00+08:00`);
  const enterprise = async (districtCode: string, name: string) => {
    const owner = await createUser(db, { role: 'employer' });
    return createEnterprise(db, { ownerUserId: owner.id, ownerPhone: owner.phone, districtCode, name });
  };
  const [chikan, xiashan, xuwen] = await Promise.all([
    enterprise(CHIKAN, `湛江赤坎电子${suffix}有限公司`),
    enterprise(XIASHAN, `湛江霞山家电${suffix}有限公司`),
    enterprise(XUWEN, `徐闻菠萝加工${suffix}有限公司`),
  ]);
  await createPosting(db, chikan, {
    occupationCode: OPERATOR,
    title: '装配线操作工',
    headcount: 40,
    publishedAt: at(month, 5),
  });
  await createPosting(db, chikan, { occupationCode: WELDER, headcount: 15, publishedAt: at(month, 12) });
  await createPosting(db, xiashan, {
    occupationCode: OPERATOR,
    title: '装配线操作工',
    headcount: 12,
    publishedAt: at(month, 8),
  });
  await createPosting(db, xuwen, { occupationCode: WELDER, headcount: 3, publishedAt: at(month, 20) });
  await createPosting(db, chikan, {
    occupationCode: OPERATOR,
    title: '装配线操作工',
    headcount: 20,
    publishedAt: at(previousMonth(month), 15),
  });
  const resumes = [
    ...Array.from({ length: 8 }, () => ({ region: CHIKAN, occupations: [OPERATOR] })),
    ...Array.from({ length: 6 }, () => ({ region: XIASHAN, occupations: [WELDER] })),
    ...Array.from({ length: 2 }, () => ({ region: XUWEN, occupations: [] as string[] })),
  ];
  for (const [i, r] of resumes.entries()) {
    const seeker = await createUser(db, { role: 'seeker' });
    await db
      .insertInto('resumes')
      .values({
        userId: seeker.id,
        fullName: `求职者${i + 1}`,
        currentRegionCode: r.region,
        desiredOccupationCodes: r.occupations,
        createdAt: at(month, 3 + (i % 20)),
      })
      .execute();
  }
}

/** A fresh browser profile signed in through the login page (the shared login step). */
export async function signIn(
  browser: Browser,
  baseURL: string,
  device: BrowserContextOptions,
  phone: string,
  password: string,
  home: RegExp,
): Promise<Session> {
  const session = await openSession(browser, baseURL, device);
  await session.page.goto('/login');
  await fillLogin(session.page, phone, password);
  await session.page.waitForURL(home);
  return session;
}

/** A chart's panel: the section named by its heading. */
export function chartPanel(page: Page, title: string) {
  return page.getByRole('region', { name: title });
}

/** Clicks a button and answers the download it starts. */
export async function downloadBy(page: Page, click: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return download;
}
