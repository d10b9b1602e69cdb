/** Steps people take in the casework panel, shared by the casework browser tests. */
import type { Page } from 'playwright-core';
import { waitFor } from './media-probes.ts';

/** The form field at `path` on `page`. */
export const input = (page: Page, path: string) => page.locator(`[data-testid="case-form"] [data-testid="field-input"][data-path="${path}"]`);

/** Opens a tab of the casework panel and waits for it. */
export async function openTab(page: Page, tab: 'agenda' | 'form' | 'idcheck' | 'documents'): Promise<void> {
  await page.getByTestId(`case-tab-${tab}`).click();
  await page.getByTestId(`case-panel-${tab}`).waitFor({ state: 'visible' });
}

/**
 * Fills every field the service still reports as missing or invalid, each on the side allowed to edit it,
 * through the page like a person (type, choose, tick, leave the field).
 */
export async function fillRemaining(citizen: Page, clerk: Page): Promise<void> {
  for (let round = 0; round < 8; round += 1) {
    const paths = await citizen.locator('[data-testid="case-form"] [data-testid="field-input"][data-open-issue="true"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-path')!));
    if (paths.length === 0) return;
    for (const path of paths) {
      const page = (await input(citizen, path).isDisabled()) ? clerk : citizen;
      const field = input(page, path);
      const kind = await field.evaluate((el) => (el.tagName === 'SELECT' ? 'select' : (el as HTMLInputElement).type));
      if (kind === 'checkbox') await field.check();
      else if (kind === 'select') {
        const first = await field.locator('option:not([value=""])').first().getAttribute('value');
        await field.selectOption(first!);
      } else {
        const value = kind === 'date' ? '1980-02-29' : kind === 'tel' ? '+49 170 1234567' : kind === 'email' ? 'erika@example.org' : path.endsWith('postcode') ? '66111' : 'Musterwert';
        await field.fill(value);
        await field.blur();
      }
      await waitFor(`${path} accepted`, async () => ((await input(citizen, path).getAttribute('data-open-issue')) === 'true' ? undefined : true), 10_000);
    }
  }
  throw new Error('the form still has issues after 8 rounds');
}
