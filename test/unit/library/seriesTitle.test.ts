// Series detection from titles, Chinese numerals, and title inference from a cited previous part.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatChineseNumeral, inferTitleFromOpening, parsePartNumber, parseSeriesTitle } from '../../../src/core/library/index';

describe('parsePartNumber / formatChineseNumeral', () => {
  test('reads Chinese numerals up to 九十九 and beyond, and digits', () => {
    const cases: [string, number][] = [
      ['一', 1], ['九', 9], ['十', 10], ['十一', 11], ['二十', 20], ['二十三', 23], ['九十九', 99],
      ['百', 100], ['一百', 100], ['一百零五', 105], ['一百二十', 120], ['两百', 200], ['16', 16], ['7', 7],
    ];
    for (const [text, n] of cases) assert.equal(parsePartNumber(text), n, text);
  });

  test('refuses what is not a numeral', () => {
    for (const text of ['', '上', '下', 'S4', '十十', '十百', '一二', '零', '0', 'vMF-VAE', '1000', '一'.repeat(20)]) {
      assert.equal(parsePartNumber(text), null, text);
    }
  });

  test('formatting and reading agree for every part from 1 to 999', () => {
    assert.equal(formatChineseNumeral(11), '十一');
    assert.equal(formatChineseNumeral(23), '二十三');
    assert.equal(formatChineseNumeral(105), '一百零五');
    for (let n = 1; n <= 999; n++) assert.equal(parsePartNumber(formatChineseNumeral(n)), n, String(n));
  });
});

describe('parseSeriesTitle', () => {
  test('bracket style, half- and full-width, with the series name half-width', () => {
    assert.deepEqual(parseSeriesTitle('生成扩散模型漫谈(十一):统一扩散模型(应用篇)'), {
      series: '生成扩散模型漫谈', part: 11, subPart: 0, rest: '统一扩散模型(应用篇)', style: 'bracket',
    });
    const full = parseSeriesTitle('重温SSM（二十三）：HiPPO的一些遗留问题');
    assert.deepEqual([full?.series, full?.part, full?.rest], ['重温SSM', 23, 'HiPPO的一些遗留问题']);
    assert.deepEqual(parseSeriesTitle('变分自编码器(七):球面上的VAE(vMF-VAE)')?.part, 7);
    assert.deepEqual(parseSeriesTitle('重温SSM（三）：HiPPO的高效计算（S4）')?.rest, 'HiPPO的高效计算(S4)');
  });

  test('colon style `S:16、…`, also without subtitle', () => {
    assert.deepEqual(parseSeriesTitle('Transformer升级之路:16、“复盘”长度外推技术'), {
      series: 'Transformer升级之路', part: 16, subPart: 0, rest: '“复盘”长度外推技术', style: 'colon',
    });
    assert.equal(parseSeriesTitle('Transformer升级之路：2、博采众长的旋转式位置编码')?.part, 2);
    assert.equal(parseSeriesTitle('Transformer升级之路:8')?.part, 8);
  });

  test('(上)/(中)/(下) give subPart 1/2/3 and leave the subtitle', () => {
    assert.deepEqual(
      ['上', '中', '下'].map((s) => parseSeriesTitle(`生成扩散模型漫谈(十四):构建ODE的一般步骤(${s})`)?.subPart),
      [1, 2, 3],
    );
    assert.equal(parseSeriesTitle('生成扩散模型漫谈（十五）：构建ODE的一般步骤（中）')?.rest, '构建ODE的一般步骤');
    assert.equal(parseSeriesTitle('生成扩散模型漫谈(十一)')?.rest, '');
  });

  test('standalone titles are not series', () => {
    for (const title of [
      'FLASH:可能是近来最有意思的高效Transformer设计',
      '通向最优分布之路:概率空间的最小化',
      'Naive Bayes is all you need ?',
      'WGAN新方案:通过梯度归一化来实现L约束',
      '从几何视角理解(上)',
      '(三):没有系列名',
      '',
    ]) {
      assert.equal(parseSeriesTitle(title), null, title);
    }
  });
});

describe('inferTitleFromOpening', () => {
  test('the three citation forms name the next part', () => {
    const a = inferTitleFromOpening('上一篇文章《生成扩散模型漫谈(二十二):信噪比与大图生成(上)》中,我们介绍了…');
    assert.equal(a?.title, '生成扩散模型漫谈(二十三)');
    assert.equal(a?.evidence, '上一篇文章《生成扩散模型漫谈(二十二):信噪比与大图生成(上)》中');
    assert.equal(inferTitleFromOpening('在《范数漫谈（九）：对偶》中，笔者讨论了…')?.title, '范数漫谈(十)');
    assert.equal(inferTitleFromOpening('《随机矩阵之旅:3、半圆律》中,我们证明了…')?.title, '随机矩阵之旅:4');
    assert.equal(inferTitleFromOpening('上一篇文章《矩阵漫谈(9):伪逆》中,…')?.title, '矩阵漫谈(10)');
  });

  test('no inference without the evidence at the start, or when the cited title is not a series part', () => {
    assert.equal(inferTitleFromOpening('我们在《生成扩散模型漫谈(十):统一扩散模型》中讨论过'), null);
    assert.equal(inferTitleFromOpening('在文章《将“Softmax+交叉熵”推广到多标签分类问题》中,我们提出了'), null);
    assert.equal(inferTitleFromOpening('《生成扩散模型漫谈(十):统一扩散模型》一文提到'), null);
    assert.equal(inferTitleFromOpening(''), null);
  });
});
