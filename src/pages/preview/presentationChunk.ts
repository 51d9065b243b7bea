// Entry of dist/presentation.js (and dist/presentation.css): what draws a compute result in the
// preview — KaTeX for its formulas, uPlot for its plots, ≈ 670 KB of the page's script. The preview
// page loads it only when a result is to be drawn (lazyPresentation.ts); a post without a compute
// result never parses it. Built as an IIFE that leaves its exports in `kexuePresentation`.
import 'uplot/dist/uPlot.min.css';

export { renderPresentation } from '../shared/presentationView';
