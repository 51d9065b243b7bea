// Definitions checked by reading the shared posts (line, symbol, kind): each line was read in the post
// and does define that symbol there. Used by the notation test (recall) and the bench.
export const CHECKED_DEFINITIONS: { post: string; line: number; tex: string; kind: 'pattern' | 'formula' }[] = [
  // 低秩近似之路（一）：伪逆
  { post: '低秩近似之路一伪逆.md', line: 32, tex: '\\boldsymbol{A}^{\\dagger}', kind: 'formula' },
  { post: '低秩近似之路一伪逆.md', line: 34, tex: '\\boldsymbol{B}^{\\dagger}', kind: 'formula' },
  { post: '低秩近似之路一伪逆.md', line: 38, tex: '\\boldsymbol{x}', kind: 'formula' },
  { post: '低秩近似之路一伪逆.md', line: 55, tex: '\\mathcal{L}', kind: 'formula' },
  { post: '低秩近似之路一伪逆.md', line: 55, tex: '\\boldsymbol{E}', kind: 'formula' },
  { post: '低秩近似之路一伪逆.md', line: 58, tex: 'E_{k,l}', kind: 'formula' },
  { post: '低秩近似之路一伪逆.md', line: 275, tex: 's', kind: 'formula' },
  { post: '低秩近似之路一伪逆.md', line: 389, tex: '\\boldsymbol{x}_{\\text{MN}}', kind: 'formula' },
  { post: '低秩近似之路一伪逆.md', line: 562, tex: '\\boldsymbol{A}_k', kind: 'formula' },
  { post: '低秩近似之路一伪逆.md', line: 564, tex: '\\boldsymbol{U}_k', kind: 'formula' },
  { post: '低秩近似之路一伪逆.md', line: 564, tex: '\\boldsymbol{V}_k', kind: 'formula' },
  { post: '低秩近似之路一伪逆.md', line: 617, tex: '\\boldsymbol{C}', kind: 'formula' },
  { post: '低秩近似之路一伪逆.md', line: 621, tex: '\\boldsymbol{D}', kind: 'formula' },
  { post: '低秩近似之路一伪逆.md', line: 883, tex: '\\boldsymbol{P}', kind: 'formula' },
  { post: '低秩近似之路一伪逆.md', line: 177, tex: '\\boldsymbol{A}^{\\dagger}', kind: 'pattern' },
  { post: '低秩近似之路一伪逆.md', line: 106, tex: '\\boldsymbol{U}', kind: 'pattern' },
  { post: '低秩近似之路一伪逆.md', line: 521, tex: '\\sigma_1', kind: 'pattern' },
  { post: '低秩近似之路一伪逆.md', line: 792, tex: '\\epsilon_{\\text{machine}}', kind: 'pattern' },
  { post: '低秩近似之路一伪逆.md', line: 585, tex: '\\boldsymbol{B}', kind: 'pattern' },
  // 重温SSM（一）：线性系统和HiPPO矩阵
  { post: '重温ssm一线性系统和hippo矩阵.md', line: 53, tex: 'c_n', kind: 'formula' },
  { post: '重温ssm一线性系统和hippo矩阵.md', line: 101, tex: 'c_n^{*}', kind: 'formula' },
  { post: '重温ssm一线性系统和hippo矩阵.md', line: 118, tex: 'g_n', kind: 'formula' },
  { post: '重温ssm一线性系统和hippo矩阵.md', line: 179, tex: 'B_n', kind: 'formula' },
  { post: '重温ssm一线性系统和hippo矩阵.md', line: 1439, tex: '\\tau', kind: 'formula' },
  { post: '重温ssm一线性系统和hippo矩阵.md', line: 1660, tex: 'P_n', kind: 'formula' },
  { post: '重温ssm一线性系统和hippo矩阵.md', line: 1477, tex: 'C', kind: 'pattern' },
  // 生成扩散模型漫谈（十二）：硬刚扩散ODE
  { post: '生成扩散模型漫谈十二硬刚扩散ode.md', line: 100, tex: 'p_t', kind: 'formula' },
  { post: '生成扩散模型漫谈十二硬刚扩散ode.md', line: 164, tex: '\\boldsymbol{f}_t', kind: 'formula' },
  { post: '生成扩散模型漫谈十二硬刚扩散ode.md', line: 180, tex: 'D_t', kind: 'formula' },
  { post: '生成扩散模型漫谈十二硬刚扩散ode.md', line: 461, tex: '\\boldsymbol{x}_t', kind: 'formula' },
  { post: '生成扩散模型漫谈十二硬刚扩散ode.md', line: 531, tex: '\\mathcal{L}', kind: 'formula' },
  { post: '生成扩散模型漫谈十二硬刚扩散ode.md', line: 545, tex: '\\mathcal{L}_{\\text{simple}}', kind: 'formula' },
  { post: '生成扩散模型漫谈十二硬刚扩散ode.md', line: 694, tex: 'S', kind: 'formula' },
  { post: '生成扩散模型漫谈十二硬刚扩散ode.md', line: 935, tex: '\\mathcal{L}_{\\text{reg}}', kind: 'formula' },
  // 低秩近似之路（二）：SVD — 其中$\boldsymbol{U}\in…,\boldsymbol{V}\in…$都是正交矩阵 (both memberships, 都是)
  { post: '低秩近似之路二svd.md', line: 26, tex: '\\boldsymbol{U}', kind: 'pattern' },
  { post: '低秩近似之路二svd.md', line: 26, tex: '\\boldsymbol{V}', kind: 'pattern' },
  // 重温SSM（四）— $u,v,B,\bar{C}$都是$d\times 1$的列向量 (a list item of 其中…, 都是)
  { post: '重温ssm四有理生成函数的新视角.md', line: 41, tex: 'u', kind: 'pattern' },
  { post: '重温ssm四有理生成函数的新视角.md', line: 41, tex: '\\bar{C}', kind: 'pattern' },
  // 重温SSM（一）— 其中$u(t)\in\mathbb{R}^{d_i}, x(t)\in…, A\in\mathbb{R}^{d\times d}, …$。 (memberships alone)
  { post: '重温ssm一线性系统和hippo矩阵.md', line: 32, tex: 'A', kind: 'pattern' },
  { post: '重温ssm一线性系统和hippo矩阵.md', line: 32, tex: 'u', kind: 'pattern' },
  // 重温SSM（三）— 这里$u,y,D\in\mathbb{R};x\in\mathbb{R}^d;A\in…;B,C\in\mathbb{R}^{d\times 1}$，…
  { post: '重温ssm三hippo的高效计算s4.md', line: 28, tex: 'B', kind: 'pattern' },
  { post: '重温ssm三hippo的高效计算s4.md', line: 28, tex: 'x', kind: 'pattern' },
];
