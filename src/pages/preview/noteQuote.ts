// A note's quote as the page shows it: its words, and its formulas drawn — copies of the page's own
// KaTeX (or MathJax) output — instead of their TeX: "给出σ₁" where the stored words read "给出\sigma_1".
import { FORMULA_SELECTOR } from './annotationText';
import { renderedCopy } from './renderedCopy';

/** The quote of a drawn highlight, from its marked elements in page order (AnnotationLayer.drawn). */
export function quoteOfMarks(marked: readonly HTMLElement[]): DocumentFragment {
  const quote = document.createDocumentFragment();
  for (const part of marked) {
    const drawn = part.matches(FORMULA_SELECTOR) ? (part.matches('.katex') ? part : part.querySelector('.katex, svg')) : null;
    if (!drawn) {
      quote.append(part.textContent ?? '');
      continue;
    }
    const copy = renderedCopy(drawn);
    // A display's number is the page's, not the quote's; the MathML twin only doubles the copy.
    for (const extra of Array.from(copy.querySelectorAll('.tag, .katex-mathml'))) extra.remove();
    // The highlight's own marks stay on the page's formula: the page finds its highlights by them.
    for (const name of Array.from(copy.classList)) if (name.startsWith('kx-')) copy.classList.remove(name);
    copy.removeAttribute('data-kx-ids');
    quote.append(copy);
  }
  return quote;
}
