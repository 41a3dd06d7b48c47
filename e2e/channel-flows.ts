import type { Locator, Page } from 'playwright-core';
import { creditCodeCheckChar, idCheckChar } from '@jiuye/shared';

/** Steps of the channel journey that touch antd widgets; labels are the zh-CN UI texts. */

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A unique unified social credit code (91 = enterprise, 4408 = Zhanjiang) with a valid check. */
export function validCreditCode(): string {
  let body = '91440803';
  for (let i = 0; i < 9; i++) body += CREDIT_CHARS[Math.floor(Math.random() * CREDIT_CHARS.length)];
  return body + creditCodeCheckChar(body);
}

/** The same code with a wrong check character (some genuine early codes look like this). */
export function withWrongCheckChar(code: string): string {
  const right = code[17] ?? '0';
  const wrong = CREDIT_CHARS[(CREDIT_CHARS.indexOf(right) + 1) % CREDIT_CHARS.length] ?? '1';
  return code.slice(0, 17) + wrong;
}

/** A valid identity number of a man born on 1 January 1990 in 霞山区 (odd sequence = male). */
export function maleIdNumber(): string {
  const seq = `${Math.floor(Math.random() * 50)}`.padStart(2, '0') + '7';
  const first17 = `44080319900101${seq}`;
  return first17 + idCheckChar(first17);
}

/** The open dropdown of an antd Select (earlier ones stay in the DOM, hidden). */
function openDropdown(page: Page): Locator {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
}

/** Opens an antd Select by its label and clicks the option with this exact text. */
export async function pickOption(page: Page, field: Locator, option: string): Promise<void> {
  await field.click();
  const item = openDropdown(page).getByTitle(option, { exact: true });
  await item.click();
  await openDropdown(page).waitFor({ state: 'hidden' });
}

/** Types into a searchable antd Select and picks the option once the search has found it. */
export async function searchAndPick(page: Page, field: Locator, text: string, option: string): Promise<void> {
  await field.click();
  await field.pressSequentially(text);
  const item = openDropdown(page).getByTitle(option, { exact: true });
  await item.click();
}

/** The text of every element matching `selector` inside `scope`. */
export async function texts(scope: Locator, selector: string): Promise<string[]> {
  return scope.locator(selector).allTextContents();
}

/** A 1×1 PNG: enough for the server's content sniffing (magic bytes). */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Tomorrow at 10:00 China time, as a datetime-local box takes it. */
export function tomorrowAtTen(): string {
  const d = new Date(Date.now() + 86_400_000);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
  return `${day}T10:00`;
}
