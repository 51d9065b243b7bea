// LaTeX → hover Markdown. Reuses the editor feature's MathJax SVG renderer and data-URL image (hovers
// cannot run KaTeX); where MathJax fails, the reader still gets the LaTeX as a code block.
import * as vscode from 'vscode';
import { imageMarkdown } from '../editor/hoverMath/hoverImages';
import { MathJaxSvgRenderer } from '../editor/hoverMath/mathJaxSvg';
import { formulaColour } from '../editor/mathSettings';

export class TexImages {
  /** MathJax loads on the first result, never at activation. */
  constructor(private readonly renderer: MathJaxSvgRenderer = new MathJaxSvgRenderer()) {}

  async markdown(tex: string): Promise<string> {
    const outcome = await this.renderer.render(tex, true, {});
    if ('svg' in outcome) return imageMarkdown(outcome.svg, formulaColour());
    return `${vscode.l10n.t('(MathJax could not render this: {0})', outcome.error)}\n\n\`\`\`latex\n${tex}\n\`\`\``;
  }
}
