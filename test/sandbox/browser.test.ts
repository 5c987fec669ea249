import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TTestSandbox } from './sandbox-harness';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const ARTIFACTS = path.resolve('test-artifacts', 'sandbox');
const STEP_MS = 15_000;

const title = hasChromium
  ? 'the sandbox page in Chromium'
  : `the sandbox page in Chromium: SKIPPED because ${CHROMIUM} is absent (apt-get install chromium)`;

describe.skipIf(!hasChromium)(title, () => {
  let t: TTestSandbox;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const elsewhere: string[] = [];

  const pane = (channel: string) => page.locator(`.pane[data-pane="${channel}"]`);
  const support = () => pane('C0SUPPORT1');
  const advocates = () => pane('C0ADVOCATE');
  /** A top-level message (not a thread reply) in a pane, by its text. */
  const message = (where: Locator, text: string | RegExp) =>
    where.locator('.messages > article.message', { hasText: text }).last();
  /** An escalation card: the message whose header starts with its ID (a digest also names it, further down). */
  const card = (ref: string) =>
    advocates()
      .locator('.messages > article.message')
      .filter({ has: page.locator('.bk-header', { hasText: new RegExp(`^${ref} ·`) }) });
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  const actAs = async (name: string) => {
    await page
      .locator('.people')
      .getByRole('button', { name: new RegExp(`^${name}\\b`) })
      .click();
    await page.locator('.you-are', { hasText: new RegExp(name, 'i') }).waitFor();
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startTestSandbox('sqlite');
    profile = mkdtempSync(path.join(tmpdir(), 'advocate-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-quic',
        '--disable-sync',
      ],
      viewport: { width: 1440, height: 1000 },
    });
    // Everything the page loads comes from the app itself; anything else would be the internet.
    await context.route(
      (url) => url.origin !== t.url,
      (route) => {
        elsewhere.push(route.request().url());
        return route.abort();
      },
    );
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(STEP_MS);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await t?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('serves the page with both channels and the six people', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${t.url}/sandbox?as=alice`);
    await support().getByLabel('Message #support').waitFor();
    const people = await page.locator('.people button .person-name').allTextContents();
    expect(people).toEqual(['alice', 'bob', 'carol', 'erin', 'dave', 'frank']);
    await expectText(page.locator('.you-are'), /Alice Agent \(support agent\)/);
    await expectText(advocates(), /You are not in #advocates/);
    // The page names the fonts it needs for emoji and CJK, and where to get them on Debian.
    await expectText(page.locator('.font-note'), /apt-get install fonts-noto-color-emoji fonts-noto-cjk/);
    const family = await page.locator('body').evaluate((body) => getComputedStyle(body).fontFamily);
    expect(family).toMatch(/"Noto Color Emoji"/);
    expect(family).toMatch(/"Noto Sans CJK SC"/);
    await shot('01-page');
    expect(errors).toEqual([]);
  }, 30_000);

  it('flags with /advocate: a private confirmation in #support and a card in #advocates', async () => {
    const composer = support().getByLabel('Message #support');
    await composer.fill('/advocate !high #billing customer:"Acme Corp" double charged on renewal');
    await composer.press('Enter');
    const confirmation = message(support(), 'ADV-1 flagged for Acme Corp');
    await confirmation.waitFor();
    await expectText(confirmation, /Only visible to you/);
    expect(await confirmation.getAttribute('class')).toContain('ephemeral');
    const adv1 = card('ADV-1');
    await adv1.waitFor();
    await expectText(adv1, /Acme Corp[\s\S]*high[\s\S]*open[\s\S]*@alice/);
    await expect(adv1.getByRole('button', { name: 'Claim', exact: true }).isVisible()).resolves.toBe(true);
    await shot('02-flagged');
  }, 30_000);

  it('claims by reaction: the card updates in place and its thread says who claimed it', async () => {
    await actAs('bob');
    const adv1 = card('ADV-1');
    await adv1.hover();
    await adv1.locator(':scope > .message-tools').getByRole('button', { name: 'Add reaction' }).click();
    await adv1.getByRole('menuitem', { name: 'React with :eyes:' }).click();
    await adv1.locator('.bk-field', { hasText: 'claimed by @bob' }).waitFor();
    await adv1.getByRole('button', { name: ':eyes: 1' }).waitFor();
    await expect(card('ADV-1').count()).resolves.toBe(1);
    // The thread first says that Acme Corp is now at risk because of this card, then who claimed it.
    await adv1.getByRole('button', { name: '2 replies' }).click();
    await expectText(
      adv1.locator('.thread-replies'),
      /Acme Corp is now at risk[\s\S]*@bob claimed this \(now claimed\)/,
    );
    await shot('03-claimed-by-reaction');
  }, 30_000);

  it('resolves by button: the card shows resolved with Reopen, and the thread has the line', async () => {
    const adv1 = card('ADV-1');
    await adv1.getByRole('button', { name: 'Resolve', exact: true }).click();
    await adv1.locator('.bk-field', { hasText: 'resolved' }).waitFor();
    await adv1.getByRole('button', { name: 'Reopen', exact: true }).waitFor();
    await expectText(adv1.locator('.thread-replies'), /@bob resolved this \(now resolved\)/);
    await expect(adv1.locator('.edited').isVisible()).resolves.toBe(true);
    await shot('04-resolved-by-button');
  }, 30_000);

  it('tells the agent who flagged it, in their App Home Messages tab', async () => {
    await actAs('alice');
    await pane('C0ADVOCATE').getByRole('tab', { name: 'Messages' }).click();
    const messages = page.locator('.pane[data-pane="messages"]');
    await message(messages, 'was claimed by @bob').waitFor();
    await message(messages, 'was resolved by @bob').waitFor();
    await shot('05-agent-told');
    await pane('messages').getByRole('tab', { name: '#advocates' }).click();
  }, 30_000);

  it('flags an ordinary message through the shortcut and the intake modal', async () => {
    const composer = support().getByLabel('Message #support');
    await composer.fill('Globex cannot log in with SSO since this morning');
    await composer.press('Enter');
    const posted = message(support(), 'Globex cannot log in with SSO');
    await posted.waitFor();
    await posted.hover();
    await posted.locator(':scope > .message-tools').getByRole('button', { name: 'More actions' }).click();
    await posted.getByRole('menuitem', { name: 'Flag for advocacy' }).click();
    const modal = page.getByRole('dialog', { name: 'Flag for advocacy' });
    await modal.waitFor();
    await expect(modal.getByLabel('What is the customer facing?').inputValue()).resolves.toContain(
      'Globex cannot log in',
    );
    await modal.getByLabel(/^Customer/).fill('Globex');
    await modal.getByLabel('Severity', { exact: true }).selectOption('critical');
    await modal.getByLabel(/^Tags/).fill('Not A Tag!');
    await modal.getByRole('button', { name: 'Flag', exact: true }).click();
    await expectText(modal.locator('[data-error-for="tags"]'), /is not a tag/);
    await shot('06-intake-modal-error');
    await modal.getByLabel(/^Tags/).fill('sso');
    await modal.getByRole('button', { name: 'Flag', exact: true }).click();
    await modal.waitFor({ state: 'detached' });
    const adv2 = card('ADV-2');
    await adv2.waitFor();
    await expectText(adv2, /Globex[\s\S]*critical/);
  }, 30_000);

  it('runs the open digest from its button and shows it in #advocates', async () => {
    await actAs('bob');
    const digests = advocates()
      .locator('.messages > article.message:not(.ephemeral)')
      .filter({ has: page.locator('.bk-header', { hasText: /^Open escalations/ }) });
    await expect(digests.count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Run open digest' }).click();
    await page.locator('.toast', { hasText: 'Ran /advocate digest as bob' }).waitFor();
    await digests.first().waitFor();
    expect(await digests.first().getAttribute('data-author')).toBe('advocate');
    await expectText(digests.first(), /ADV-2/);
    await shot('07-open-digest');
  }, 30_000);

  it('shows permissions: the bystander’s reaction changes nothing and is answered privately', async () => {
    await actAs('dave');
    const adv2 = card('ADV-2');
    await adv2.hover();
    await adv2.locator(':scope > .message-tools').getByRole('button', { name: 'Add reaction' }).click();
    await adv2.getByRole('menuitem', { name: 'React with :eyes:' }).click();
    const refusal = message(advocates(), 'Only advocates');
    await refusal.waitFor();
    await expectText(refusal, /Only visible to you/);
    await expectText(adv2.locator('.bk-field', { hasText: 'Status' }), /open/);
    await shot('08-bystander-refused');
  }, 30_000);

  it("shows each person their App Home: the advocate's queue with buttons, the agent's own escalations without", async () => {
    await actAs('bob');
    await advocates().getByRole('tab', { name: 'Home', exact: true }).click();
    const home = page.locator('.pane[data-pane="home"] .home-view');
    await expectText(home, /Unclaimed queue \(1\)[\s\S]*ADV-2/);
    const queued = home.locator('[data-block-id="home_2"]').first();
    await queued.getByRole('button', { name: 'Claim', exact: true }).click();
    await expectText(home, /Yours \(1\)[\s\S]*ADV-2[\s\S]*Unclaimed queue \(0\)/);
    // Bob's own escalation offers Resolve, never "Take over".
    await home.getByRole('button', { name: 'Resolve', exact: true }).waitFor();
    await expect(home.getByRole('button', { name: 'Take over' }).count()).resolves.toBe(0);
    await shot('09-advocate-home');

    await actAs('alice');
    await expectText(home, /Escalations you flagged \(2\)/);
    await expectText(home, /ADV-2[\s\S]*claimed by @bob/);
    await expectText(home, /ADV-1[\s\S]*resolved/);
    await expect(home.getByRole('button').count()).resolves.toBe(0);
    await shot('10-agent-home');
    await page.locator('.pane[data-pane="home"]').getByRole('tab', { name: '#advocates' }).click();
  }, 30_000);

  it('loads the sample data and shows the NPS digest with its chart', async () => {
    await actAs('carol');
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await page.locator('.toast', { hasText: /^Loaded 9 escalations/ }).waitFor({ timeout: 30_000 });
    await card('ADV-10').waitFor();
    await page.getByRole('button', { name: 'Run NPS digest' }).click();
    const chart = advocates().locator('.files img');
    await chart.waitFor();
    await chart.scrollIntoViewIfNeeded();
    await expect
      .poll(() => chart.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth), {
        timeout: STEP_MS,
      })
      .toBeGreaterThan(0);
    await expectText(advocates(), /NPS [+-]?\d+ \(\d+ responses\)/);
    await chart.evaluate((image) => image.scrollIntoView({ block: 'center' }));
    await shot('11-sample-data-nps-digest');
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await page.locator('.toast.error', { hasText: 'already loaded' }).waitFor();
  }, 60_000);

  it('closes the loop from a linked ticket: Close ticket, the prompt, the prefilled note, the customers told', async () => {
    // carol (an advocate) links a GitHub issue to the sample theme THM-1, in #advocates.
    const composer = advocates().getByLabel('Message #advocates');
    await composer.fill('/advocate theme THM-1 link https://github.com/acme/billing/issues/42');
    await composer.press('Enter');
    await message(advocates(), 'Linked acme/billing#42').waitFor();
    const themeCard = advocates()
      .locator('.messages > article.message')
      .filter({ has: page.locator('.bk-header', { hasText: /^THM-1 ·/ }) });
    await expectText(themeCard, /Engineering tickets · 0 of 1 closed[\s\S]*acme\/billing#42/);
    await expect(themeCard.getByRole('button', { name: 'Link ticket' }).isVisible()).resolves.toBe(true);

    // The sandbox plays GitHub: "Close ticket" closes it as its webhook would.
    await page.getByLabel('Linked ticket').selectOption({ label: 'THM-1 · acme/billing#42 (open)' });
    await page.getByRole('button', { name: 'Close ticket' }).click();
    await page.locator('.toast', { hasText: 'Closed acme/billing#42' }).waitFor();
    await expectText(themeCard, /1 of 1 closed/);
    const thread = themeCard.locator('.thread-replies');
    if (!(await thread.isVisible())) await themeCard.getByRole('button', { name: /\d+ repl/ }).click();
    const prompt = thread.locator('article.message', { hasText: 'All linked tickets are closed' });
    await prompt.waitFor();
    await expectText(prompt, /tell the 3 customers\?/);
    await shot('10-all-tickets-closed');

    // Its button opens the resolution modal with the tickets named; confirming tells every agent.
    await prompt.getByRole('button', { name: 'Resolve theme' }).click();
    const modal = page.getByRole('dialog', { name: 'Resolve THM-1' });
    await modal.waitFor();
    await expect(modal.getByLabel('Resolution note').inputValue()).resolves.toContain('acme/billing#42');
    await modal.getByRole('button', { name: 'Resolve', exact: true }).click();
    await modal.waitFor({ state: 'detached' });
    await expectText(themeCard, /resolved by @carol/);
    await shot('11-theme-resolved-from-ticket');
    await expect(page.getByRole('button', { name: 'Close ticket' }).count()).resolves.toBe(0);
  }, 60_000);

  it('asked for nothing outside the app', () => {
    expect(elsewhere).toEqual([]);
  });
});

async function expectText(locator: Locator, pattern: RegExp) {
  const deadline = Date.now() + STEP_MS;
  let text = '';
  while (Date.now() < deadline) {
    text =
      (await locator
        .first()
        .textContent()
        .catch(() => '')) ?? '';
    if (pattern.test(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(text).toMatch(pattern);
}
