// MathJax's modules, imported one per turn of the event loop (together they take ≈ 100 ms to
// evaluate, the SVG font tables ≈ 40 ms). Its own bundle in dist/ (dist/mathjax.js, see mathJax.ts):
// MathJax is 2.5 MB of the 3.6 MB a render worker would otherwise read and compile before its first
// formula, and every `kexue` command and the extension's activation paid that too, for a renderer
// that most posts never call.

/** Lets the host handle its queue between two heavy steps. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export async function importMathJax() {
  const { mathjax } = await import('mathjax-full/js/mathjax.js');
  await nextTurn();
  const { TeX } = await import('mathjax-full/js/input/tex.js');
  await nextTurn();
  const { AllPackages } = await import('mathjax-full/js/input/tex/AllPackages.js');
  await nextTurn();
  const { SVG } = await import('mathjax-full/js/output/svg.js');
  await nextTurn();
  const { liteAdaptor } = await import('mathjax-full/js/adaptors/liteAdaptor.js');
  const { RegisterHTMLHandler } = await import('mathjax-full/js/handlers/html.js');
  const { STATE } = await import('mathjax-full/js/core/MathItem.js');
  return { mathjax, TeX, AllPackages, SVG, liteAdaptor, RegisterHTMLHandler, STATE };
}

export type MathJaxModules = Awaited<ReturnType<typeof importMathJax>>;
