import { describe, expect, it } from 'vitest';
import { METHODS } from '../../methods/registry';
import { HOW_TO_READ_TEX } from './howToReadTex';
import { texToMathML } from './tex';

describe('every method has help whose equation KaTeX typesets as MathML', () => {
  it.each(METHODS.map((m) => [m.id, m] as const))('%s', (_id, meta) => {
    const help = meta.help;
    expect(help, 'help is missing').toBeDefined();
    if (!help) return;
    expect(help.what.trim().length).toBeGreaterThan(40);
    expect(help.equation.trim()).not.toBe('');
    const html = texToMathML(help.equation);
    expect(html).toContain('<math');
    // The built app's CSP (style-src 'self') would block inline styles in the injected markup, and nothing may load.
    expect(html).not.toMatch(/\sstyle=|\s(href|src)=|<link|<img/);
    // Every setting says what it does: the dialog lists them.
    for (const spec of Object.values(meta.settings)) expect(spec.help.trim(), spec.label).not.toBe('');
  });
});

describe('texToMathML', () => {
  it('refuses TeX that KaTeX cannot parse, so a typo fails the test above', () => {
    expect(() => texToMathML(String.raw`\frac{1}{`)).toThrow();
    expect(() => texToMathML(String.raw`\notacommand{x}`)).toThrow();
  });
});

describe('the equations follow docs/METHOD.md', () => {
  const eq = (id: string) => METHODS.find((m) => m.id === id)?.help?.equation ?? '';
  it('Seg-XRes-CAM pools the gradients over p×q windows and upsamples them back', () => {
    expect(eq('xres')).toContain(String.raw`\operatorname{Up}\big[\operatorname{Pool}_{p\times q}(G_k)\big]`);
    expect(eq('xres')).toContain(String.raw`G'_k \odot A_k`);
  });
  it('RISE weighs each mask by the Dice of the region and divides by N·p', () => {
    expect(eq('rise')).toContain(String.raw`\operatorname{Dice}\big(P_i^c \cap M,\; P^c \cap M\big)`);
    expect(eq('rise')).toContain(String.raw`\frac{1}{N\,p}`);
  });
  it('LayerCAM keeps positive gradients cell by cell; Seg-Grad-CAM averages them over the grid', () => {
    expect(eq('layercam')).toContain(String.raw`\operatorname{ReLU}(G_k) \odot A_k`);
    expect(eq('gradcam')).toContain(String.raw`\frac{1}{h\,w}`);
  });
});

describe('the drawer’s equations', () => {
  it.each(Object.entries(HOW_TO_READ_TEX))('%s typesets', (_name, tex) => {
    expect(texToMathML(tex)).toContain('<math');
  });
});
