// Entry of the Library Graph page: lays the library out with d3-force and draws it as SVG, themed by the
// --vscode-* variables. Zoom (wheel) and pan (drag on the background) are a few lines of transform
// arithmetic: d3-zoom is not among our packages, and pulling in d3-selection for it would be more code.
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
import type { GraphNode, LibraryGraph } from '../../core/graph/libraryGraph';
import type { GraphPageToHost, HostToGraphPage } from '../../core/protocol/graph';

interface VsCodeApi {
  postMessage(message: GraphPageToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const SVG = 'http://www.w3.org/2000/svg';
const root = document.getElementById('graph') as HTMLElement;
const empty = root.dataset.empty ?? '';

type Node = GraphNode & SimulationNodeDatum;
type Link = SimulationLinkDatum<Node> & { kind: 'cites' | 'series' };

/** Theme colours for series: VS Code's chart palette, then a few more theme colours. */
const SERIES_COLOURS = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow', '--vscode-terminal-ansiCyan', '--vscode-terminal-ansiMagenta'];
const NODE_RADIUS = 7;
/** Enough ticks for a library of a few hundred posts to settle; run at once, so the layout is drawn once. */
const TICKS = 300;

let view = { x: 0, y: 0, k: 1 };
let scene: SVGGElement | undefined;
let nodeElements = new Map<string, SVGGElement>();
let current: string | null = null;
/** The laid-out nodes, kept to fit them again when the view is resized. */
let laidOut: Node[] = [];
/** Below this scale labels would overlap into a smear: only the current and the hovered node keep theirs. */
const LABEL_SCALE = 0.75;

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function colourOf(node: GraphNode): string {
  return node.seriesIndex < 0 ? 'var(--vscode-descriptionForeground)' : `var(${SERIES_COLOURS[node.seriesIndex % SERIES_COLOURS.length]})`;
}

function applyView(): void {
  scene?.setAttribute('transform', `translate(${view.x},${view.y}) scale(${view.k})`);
  root.classList.toggle('far', view.k < LABEL_SCALE);
}

function highlight(postId: string | null): void {
  current = postId;
  for (const [id, g] of nodeElements) g.classList.toggle('current', id === postId);
  // The current post is drawn last, so its ring and label sit above its neighbours.
  const g = postId ? nodeElements.get(postId) : undefined;
  if (g) g.parentNode?.appendChild(g);
}

function draw(graph: LibraryGraph): void {
  const nodes: Node[] = graph.nodes.map((n) => ({ ...n }));
  const ids = new Set(nodes.map((n) => n.id));
  const links: Link[] = graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({ source: e.source, target: e.target, kind: e.kind }));
  root.replaceChildren();
  nodeElements = new Map();
  laidOut = [];
  if (nodes.length === 0) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = empty;
    root.append(p);
    vscode.postMessage({ type: 'drawn', nodes: 0, edges: 0 });
    return;
  }

  const simulation = forceSimulation(nodes)
    .force('link', forceLink<Node, Link>(links).id((n) => n.id).distance((l) => (l.kind === 'series' ? 40 : 80)).strength((l) => (l.kind === 'series' ? 0.8 : 0.2)))
    .force('charge', forceManyBody().strength(-60))
    .force('collide', forceCollide(NODE_RADIUS * 2))
    .force('x', forceX().strength(0.04))
    .force('y', forceY().strength(0.04))
    .force('center', forceCenter(0, 0))
    .stop();
  simulation.tick(TICKS);

  const svg = el('svg', { width: '100%', height: '100%', role: 'img' });
  const defs = el('defs');
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10 + NODE_RADIUS + 1, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' });
  marker.append(el('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow' }));
  defs.append(marker);
  svg.append(defs);
  scene = el('g');
  svg.append(scene);

  const edgeLayer = el('g', { class: 'edges' });
  for (const link of links) {
    const s = link.source as Node;
    const t = link.target as Node;
    edgeLayer.append(el('line', { x1: s.x ?? 0, y1: s.y ?? 0, x2: t.x ?? 0, y2: t.y ?? 0, class: `edge ${link.kind}`, ...(link.kind === 'cites' ? { 'marker-end': 'url(#arrow)' } : {}) }));
  }
  scene.append(edgeLayer);

  const nodeLayer = el('g', { class: 'nodes' });
  for (const node of nodes) {
    const g = el('g', { class: 'node', transform: `translate(${node.x ?? 0},${node.y ?? 0})`, tabindex: 0, 'data-id': node.id });
    // The native SVG tooltip: the full title on hover, no script of ours involved.
    const tooltip = el('title');
    tooltip.textContent = node.series ? `${node.title}\n${node.series}` : node.title;
    g.append(tooltip, el('circle', { r: NODE_RADIUS, style: `fill: ${colourOf(node)}` }));
    const label = el('text', { x: 0, y: NODE_RADIUS + 12, 'text-anchor': 'middle' });
    label.textContent = node.label;
    g.append(label);
    const open = (): void => vscode.postMessage({ type: 'open', postId: node.id });
    g.addEventListener('click', open);
    g.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') open();
    });
    nodeLayer.append(g);
    nodeElements.set(node.id, g);
  }
  scene.append(nodeLayer);
  root.append(svg);

  laidOut = nodes;
  fit(nodes);
  highlight(current);
  vscode.postMessage({ type: 'drawn', nodes: nodes.length, edges: links.length });
}

/** Scales and centres the layout to the view. */
function fit(nodes: readonly Node[]): void {
  const xs = nodes.map((n) => n.x ?? 0);
  const ys = nodes.map((n) => n.y ?? 0);
  const pad = 40;
  const [minX, maxX, minY, maxY] = [Math.min(...xs) - pad, Math.max(...xs) + pad, Math.min(...ys) - pad, Math.max(...ys) + pad];
  const width = root.clientWidth || 300;
  const height = root.clientHeight || 300;
  const k = Math.min(2, width / (maxX - minX), height / (maxY - minY));
  view = { k, x: width / 2 - ((minX + maxX) / 2) * k, y: height / 2 - ((minY + maxY) / 2) * k };
  applyView();
}

function installZoomPan(): void {
  root.addEventListener('wheel', (event) => {
    event.preventDefault();
    const rect = root.getBoundingClientRect();
    const px = event.clientX - rect.left;
    const py = event.clientY - rect.top;
    const k = Math.min(8, Math.max(0.1, view.k * Math.exp(-event.deltaY * 0.002)));
    // Zoom about the pointer: the point under it stays put.
    view = { k, x: px - ((px - view.x) / view.k) * k, y: py - ((py - view.y) / view.k) * k };
    applyView();
  }, { passive: false });
  let drag: { x: number; y: number; vx: number; vy: number } | undefined;
  root.addEventListener('pointerdown', (event) => {
    if ((event.target as Element).closest('.node')) return;
    drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y };
    root.setPointerCapture(event.pointerId);
    root.classList.add('panning');
  });
  root.addEventListener('pointermove', (event) => {
    if (!drag) return;
    view = { ...view, x: drag.vx + event.clientX - drag.x, y: drag.vy + event.clientY - drag.y };
    applyView();
  });
  const end = (): void => {
    drag = undefined;
    root.classList.remove('panning');
  };
  root.addEventListener('pointerup', end);
  root.addEventListener('pointercancel', end);
}

window.addEventListener('message', (event: MessageEvent<HostToGraphPage>) => {
  const message = event.data;
  switch (message.type) {
    case 'graph':
      current = message.current;
      draw(message.graph);
      break;
    case 'current':
      highlight(message.postId);
      break;
    default: {
      const unexpected: never = message;
      throw new Error(`unknown message ${JSON.stringify(unexpected)}`);
    }
  }
});

installZoomPan();
// The view was resized (the side bar dragged, other views collapsed): fit the graph to its new size.
new ResizeObserver(() => {
  if (laidOut.length > 0) fit(laidOut);
}).observe(root);
vscode.postMessage({ type: 'ready' });
