import katex from 'katex';

/**
 * TeX to MathML with KaTeX: MathML only (Chromium renders MathML Core natively), so no KaTeX fonts or CSS and nothing
 * fetched at run time. Throws on TeX that KaTeX does not accept, so that a typo in a method's help fails its test.
 */
export function texToMathML(tex: string, displayMode = true): string {
  return katex.renderToString(tex, {
    output: 'mathml',
    displayMode,
    throwOnError: true,
    strict: 'error',
    trust: false,
  });
}
