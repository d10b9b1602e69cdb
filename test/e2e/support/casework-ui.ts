/**
 * Casework steps in the room as a person takes them (shared by test/e2e/casework-*.test.ts): open a tab of the
 * casework panel, pick a service's form, fill what is still missing on the side allowed to edit it, freeze it,
 * sign it by drawing.
 */
import type { Locator, Page } from 'playwright-core';
import { waitFor } from './media-probes.ts';

export type CaseTab = 'agenda' | 'form' | 'idcheck' | 'documents' | 'fees';

export const fieldInput = (page: Page, path: string): Locator =>
  page.locator(`[data-testid="case-form"] [data-testid="field-input"][data-path="${path}"]`);

/** Opens the casework panel where it starts closed (a phone: the "case" button). */
export async function openPanel(page: Page): Promise<void> {
  await page.getByTestId('call-view').waitFor({ timeout: 15_000 });
  const toggle = page.getByTestId('case-toggle');
  await toggle.waitFor({ timeout: 15_000 });
  // Open on a wide screen from the start, closed on a phone: the button says which (aria-pressed).
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await page.getByTestId('case-panel').waitFor({ state: 'visible', timeout: 15_000 });
}

export async function openTab(page: Page, tab: CaseTab): Promise<void> {
  await openPanel(page);
  await page.getByTestId(`case-tab-${tab}`).click();
  await page.getByTestId(`case-panel-${tab}`).waitFor({ state: 'visible' });
}

export async function pickForm(page: Page, service: string): Promise<void> {
  await openTab(page, 'form');
  // One form: no picker, the form is shown.
  await page.locator('[data-testid="form-pick"], [data-testid="case-form"]').first().waitFor();
  if ((await page.getByTestId('form-pick').count()) === 0)
    return void (await page.locator(`[data-testid="case-form"][data-service="${service}"]`).waitFor());
  const value = await page.locator(`[data-testid="form-pick"] option[data-service="${service}"]`).getAttribute('value');
  await page.getByTestId('form-pick').selectOption(value!);
  await page.locator(`[data-testid="case-form"][data-service="${service}"]`).waitFor();
}

/**
 * Fills every field the service still reports as missing or invalid, each on the side allowed to edit it,
 * through the page like a person (type, choose, tick, leave the field).
 */
export async function fillRemaining(citizen: Page, clerk: Page): Promise<void> {
  for (let round = 0; round < 8; round += 1) {
    const paths = await citizen
      .locator('[data-testid="case-form"] [data-testid="field-input"][data-open-issue="true"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-path')!));
    if (paths.length === 0) return;
    for (const path of paths) {
      const page = (await fieldInput(citizen, path).isDisabled()) ? clerk : citizen;
      const field = fieldInput(page, path);
      const kind = await field.evaluate((el) => (el.tagName === 'SELECT' ? 'select' : (el as HTMLInputElement).type));
      if (kind === 'checkbox') await field.check();
      else if (kind === 'select') {
        const first = await field.locator('option:not([value=""])').first().getAttribute('value');
        await field.selectOption(first!);
      } else {
        const value =
          kind === 'date'
            ? '1980-02-29'
            : kind === 'tel'
              ? '+49 170 1234567'
              : kind === 'email'
                ? 'erika@example.org'
                : path.endsWith('postcode')
                  ? '66111'
                  : 'Musterwert';
        await field.fill(value);
        await field.blur();
      }
      await waitFor(
        `${path} accepted`,
        async () => ((await fieldInput(citizen, path).getAttribute('data-open-issue')) === 'true' ? undefined : true),
        10_000,
      );
    }
  }
  throw new Error('the form still has issues after 8 rounds');
}

/** The clerk freezes the complete form; resolves once the citizen's copy is frozen. */
export async function freeze(clerk: Page, citizen: Page): Promise<void> {
  await clerk.getByTestId('form-freeze').click();
  await waitFor('the form frozen for the citizen', async () =>
    (await citizen.locator('[data-testid="case-form"]').getAttribute('data-status')) === 'frozen' ? true : undefined,
  );
}

/** The citizen signs the frozen form in the documents tab by drawing on the pad. */
export async function signByDrawing(citizen: Page): Promise<void> {
  await openTab(citizen, 'documents');
  const signing = citizen.getByTestId('signing');
  await signing.waitFor({ timeout: 10_000 });
  await signing.getByTestId('sign-method-draw').click();
  const pad = citizen.getByTestId('signature-pad');
  await waitFor('the signature pad loaded', async () =>
    (await pad.getAttribute('data-ready')) === 'true' ? true : undefined,
  );
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await citizen.mouse.move(box.x + 20, box.y + box.height * 0.7);
  await citizen.mouse.down();
  for (let i = 1; i <= 12; i += 1)
    await citizen.mouse.move(box.x + 20 + i * 18, box.y + box.height * (0.7 - 0.4 * Math.sin(i / 2)), { steps: 3 });
  await citizen.mouse.up();
  await citizen.getByTestId('signature-submit').click();
}
