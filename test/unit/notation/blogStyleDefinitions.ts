// An independent check of definition recall: test/fixtures/notation/blog-style-definitions.md was
// written in the blog's style (其中/这里/记/令/设/称/记为/（记为 X）/用 X 表示/where/let and defining
// formulas) and this list of what it defines was written with it, before any pattern was run on it.
// Unlike CHECKED_DEFINITIONS (picked from the tool's output on the shared posts), nothing here was
// chosen because the patterns find it. `marker` is text on the defining line (the line is found by it,
// so editing the fixture above a line does not break the list).

export interface ExpectedDefinition {
  tex: string;
  kind: 'pattern' | 'formula';
  marker: string;
  /** The construction it exercises, for the bench's list of misses. */
  style: string;
}

export const BLOG_STYLE_FIXTURE = 'test/fixtures/notation/blog-style-definitions.md';

export const BLOG_STYLE_DEFINITIONS: ExpectedDefinition[] = [
  { tex: '\\boldsymbol{W}', kind: 'pattern', marker: '是权重矩阵', style: '其中 X∈… 是' },
  { tex: '\\boldsymbol{x}', kind: 'pattern', marker: '是输入向量', style: '其中 …，X 是' },
  { tex: '\\sigma', kind: 'pattern', marker: '表示激活函数', style: '这里 X 表示' },
  { tex: '\\mathcal{L}', kind: 'pattern', marker: '为训练的损失函数', style: '记 X 为' },
  { tex: 'N', kind: 'pattern', marker: '表示训练样本的数目', style: '用 X 表示' },
  { tex: '\\beta_t', kind: 'pattern', marker: '单调递增的序列', style: '这里的 X 是' },
  { tex: '\\boldsymbol{x}_t', kind: 'pattern', marker: '时刻的状态为', style: '设 … 为 X' },
  { tex: '\\gamma', kind: 'pattern', marker: '是衰减因子', style: '设 X∈… 是' },
  { tex: '\\boldsymbol{A}^{\\dagger}', kind: 'pattern', marker: '的伪逆（Pseudo Inverse）', style: '称 X 为' },
  { tex: '\\boldsymbol{B}^{*}', kind: 'pattern', marker: '的最优解记为', style: '记为 X' },
  { tex: '\\sigma_1', kind: 'pattern', marker: '（记为$\\sigma_1$）', style: '（记为 X）' },
  { tex: 'r_{\\text{eff}}', kind: 'pattern', marker: '有效秩', style: '记为 X' },
  { tex: '\\tilde{\\boldsymbol{x}}', kind: 'pattern', marker: '简记为', style: '简记为 X' },
  { tex: '\\alpha', kind: 'pattern', marker: '为学习率', style: '式中 X 为' },
  { tex: 'k', kind: 'pattern', marker: '为截断的秩', style: '其中 X 为' },
  { tex: '\\boldsymbol{W}_q', kind: 'pattern', marker: '的投影矩阵，它们的形状相同', style: '其中 X,Y 是' },
  { tex: '\\boldsymbol{W}_k', kind: 'pattern', marker: '的投影矩阵，它们的形状相同', style: '其中 X,Y 是' },
  { tex: '\\boldsymbol{P}', kind: 'pattern', marker: '的列空间的投影矩阵', style: 'X 是…的…' },
  { tex: '\\boldsymbol{S}', kind: 'formula', marker: '是一个半正定矩阵', style: '记 X=…' },
  { tex: 's', kind: 'formula', marker: '注意力的缩放因子', style: '令 X = \\sqrt{…}' },
  { tex: 'f', kind: 'formula', marker: '三个实根', style: '定义 f(x) = …' },
  { tex: '\\boldsymbol{\\Lambda}', kind: 'formula', marker: '特征值组成的对角矩阵', style: '其中 X=\\text{diag}(…)' },
  { tex: 'T', kind: 'pattern', marker: '是序列的长度', style: '（其中 X 是）' },
  { tex: 'd', kind: 'pattern', marker: 'is the head size', style: 'where X is' },
  { tex: 'h', kind: 'pattern', marker: 'the number of heads', style: 'and X the … (verb elided)' },
  { tex: '\\mathcal{D}', kind: 'pattern', marker: 'be the training set', style: 'Let X be' },
  { tex: '\\epsilon', kind: 'pattern', marker: 'be a small constant', style: 'let X > 0 be' },
  { tex: '\\boldsymbol{h}_t', kind: 'formula', marker: '\\boldsymbol{h}_t = ', style: 'X = … (display)' },
  { tex: '\\mathcal{L}_{\\text{mse}}', kind: 'formula', marker: ':= \\mathbb{E}', style: 'X := …' },
  { tex: '\\rho', kind: 'formula', marker: '\\triangleq', style: 'X(A) \\triangleq …' },
  { tex: '\\bar{\\boldsymbol{A}}', kind: 'formula', marker: '\\equiv', style: 'X \\equiv …' },
  { tex: '\\boldsymbol{m}_t', kind: 'formula', marker: '\\boldsymbol{m}_t =&', style: 'aligned row X =& …' },
  { tex: '\\boldsymbol{v}_t', kind: 'formula', marker: '\\boldsymbol{v}_t =&', style: 'aligned row X =& …' },
  { tex: 'p_{\\boldsymbol{\\theta}}', kind: 'formula', marker: 'p_{\\boldsymbol{\\theta}}(', style: 'p(x|y) = …' },
];

/** Lines that define nothing: a found definition here is a false one. */
export const BLOG_STYLE_NON_DEFINITIONS: { tex: string; marker: string }[] = [
  { tex: 'p', marker: '当$p = 2$时' },
  { tex: '\\boldsymbol{P}', marker: '当$p = 2$时' },
  { tex: '\\epsilon', marker: '当$p = 2$时' },
];

export interface BlogStyleRecall {
  found: number;
  total: number;
  /** Expected definitions not found on their line, as `tex (style)`. */
  missed: string[];
  /** Found on the line, but of the other kind. */
  otherKind: string[];
  /** Definitions found on a line that defines nothing. */
  falseDefinitions: string[];
}

/** Recall of `definitionsOf` (the post's symbols with their definitions) on the fixture `text`. */
export function blogStyleRecall(text: string, symbols: readonly { tex: string; definitions: readonly { line: number; kind: string }[] }[]): BlogStyleRecall {
  const lines = text.split('\n');
  const lineOf = (marker: string): number => {
    const index = lines.findIndex((line) => line.includes(marker));
    if (index < 0 || lines.findIndex((line, k) => k > index && line.includes(marker)) >= 0) throw new Error(`marker ${marker} must be on exactly one line`);
    return index + 1;
  };
  const result: BlogStyleRecall = { found: 0, total: BLOG_STYLE_DEFINITIONS.length, missed: [], otherKind: [], falseDefinitions: [] };
  for (const expected of BLOG_STYLE_DEFINITIONS) {
    const line = lineOf(expected.marker);
    const onLine = symbols.find((s) => s.tex === expected.tex)?.definitions.filter((d) => d.line === line) ?? [];
    if (onLine.length === 0) result.missed.push(`${expected.tex} (${expected.style})`);
    else {
      result.found++;
      if (!onLine.some((d) => d.kind === expected.kind)) result.otherKind.push(`${expected.tex} (${expected.style})`);
    }
  }
  for (const wrong of BLOG_STYLE_NON_DEFINITIONS) {
    const line = lineOf(wrong.marker);
    if (symbols.find((s) => s.tex === wrong.tex)?.definitions.some((d) => d.line === line)) result.falseDefinitions.push(wrong.tex);
  }
  return result;
}
