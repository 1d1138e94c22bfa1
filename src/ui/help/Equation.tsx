import { useEffect, useState } from 'react';

/**
 * An equation, typeset as MathML. KaTeX is imported only here, on first use, so it stays out of the first-paint
 * bundle; until it has loaded (or if it fails) the TeX itself is shown.
 */
export function Equation({ tex }: { tex: string }) {
  const [rendered, setRendered] = useState<{ tex: string; html: string } | null>(null);
  useEffect(() => {
    let live = true;
    import('./tex')
      .then(({ texToMathML }) => {
        if (live) setRendered({ tex, html: texToMathML(tex) });
      })
      .catch(() => undefined); // the TeX stays on screen: still readable
    return () => {
      live = false;
    };
  }, [tex]);
  if (rendered?.tex === tex) {
    // KaTeX's own output from our own TeX (trust: false): no user input reaches it.
    return <div className="help-equation" dangerouslySetInnerHTML={{ __html: rendered.html }} />;
  }
  return <pre className="help-equation help-tex">{tex}</pre>;
}
