import { expect, test } from './fixtures';

test('the built app ships a Content-Security-Policy without inline script or eval, and breaks nothing under it', async ({
  explorer,
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const html = await (await page.request.get('/')).text();
  const csp = (/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '').replace(
    /&#39;/g,
    "'",
  );
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script in the page
  await explorer.open('?backend=wasm&n=8&m=gradcam,xres,rise');
  await explorer.clickAt(0.45, 0.3);
  await explorer.waitDone();
  expect(violations).toEqual([]);
});
