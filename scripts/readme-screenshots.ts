/**
 * `npm run screenshots`: the README's pictures of the components (docs/images/*.png), taken on `npm run preview`'s
 * pages in Debian's chromium: the Initiative page (outcome tracker), the Opportunity page (handover checklist) and the
 * Home page (renewal radar). Each is a picture of the component itself, cut to a readable height.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startPreview } from '../preview/server.js';
import { PROJECT_ROOT } from './lwc/build.js';

const IMAGES = path.join(PROJECT_ROOT, 'docs', 'images');
const MAX_HEIGHT = 900;

async function main(): Promise<void> {
  const preview = await startPreview({ log: () => undefined });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    mkdirSync(IMAGES, { recursive: true });
    const opportunityId = preview.opportunityIds[0];
    const shots = [
      { file: 'initiative-tracker.png', url: `/lightning/r/Initiative__c/${preview.initiativeIds[0]}/view`, component: 'c-outcome-tracker', ready: 'li.outcome' },
      { file: 'opportunity-checklist.png', url: `/lightning/r/Opportunity/${opportunityId}/view`, component: 'c-handover-checklist', ready: 'li.item' },
      { file: 'home-radar.png', url: '/lightning/page/home', component: 'c-renewal-radar', ready: 'li.initiative' },
    ];
    /* eslint-disable no-await-in-loop -- one page at a time: each screenshot needs the browser to itself */
    for (const shot of shots) {
      const page = await browser.newPage({ viewport: { width: 960, height: 1200 } });
      await page.goto(preview.url + shot.url);
      const component = page.locator(shot.component);
      await component.locator(shot.ready).first().waitFor({ timeout: 20_000 });
      const box = (await component.boundingBox())!;
      await page.screenshot({ path: path.join(IMAGES, shot.file), clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, MAX_HEIGHT) } });
      console.log(`wrote docs/images/${shot.file}`);
      await page.close();
    }
    /* eslint-enable no-await-in-loop */
  } finally {
    await browser.close();
    await preview.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`npm run screenshots failed: ${(error as Error).message}`);
  process.exit(1);
});
