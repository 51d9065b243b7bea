// Entry of the Library Graph page: lays the library out with d3-force and draws it as SVG, themed by the
// --vscode-* variables. Zoom (wheel) and pan (drag on the background) are a few lines of transform
// arithmetic: d3-zoom is not among our packages, and pulling in d3-selection for it would be more code.
// Labels keep one size on screen whatever the zoom, and a label that would overlap one already placed
// (the current post's first, then the most linked posts') is hidden until a zoom makes room for it: in
// a narrow side bar the titles were drawn over each other and cut off at its edges.
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
import type { GraphNode, LibraryGraph } from '../../core/graph/libraryGraph';
import type { GraphPageToHost, HostToGraphPage } from '../../core/protocol/graph';
import { placeLabels } from './labelPlacement';

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
/** The least a node's radius is on screen, in px, however far out the view is zoomed: it stays a target for the pointer. */
const MIN_RADIUS_PX = 4.5;
/** The current post's circle is this much larger (graph.css). */
const CURRENT_SCALE = 1.6;
/** Enough ticks for a library of a few hundred posts to settle; run at once, so the layout is drawn once. */
const TICKS = 300;

let view = { x: 0, y: 0, k: 1 };
let scene: SVGGElement | undefined;
let nodeElements = new Map<string, SVGGElement>();
let current: string | null = null;
/** The laid-out nodes, kept to fit them again when the view is resized. */
let laidOut: Node[] = [];
/** The graph last drawn and the view's height / width it was laid out for: laid out again when the view changes shape. */
let drawnGraph: LibraryGraph | undefined;
let layoutAspect = 1;
/** A label's size on screen, in px (the current post's is larger, LABEL_CURRENT times). */
const LABEL_PX = 10;
const LABEL_CURRENT = 1.2;
/** Space kept around the graph in the view, in px. */
const MARGIN = 12;
/** Space kept between two labels, in px. */
const LABEL_GAP = 3;
/** Each node's label width at LABEL_PX, measured once when drawn. */
let labelWidths = new Map<string, number>();
/** How many links each node has: better-linked posts keep their labels first. */
let degrees = new Map<string, number>();
let declutterPending = false;

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function colourOf(node: GraphNode): string {
  return node.seriesIndex < 0 ? 'var(--vscode-descriptionForeground)' : `var(${SERIES_COLOURS[node.seriesIndex % SERIES_COLOURS.length]})`;
}

function applyView(): void {
  if (!scene) return;
  scene.setAttribute('transform', `translate(${view.x},${view.y}) scale(${view.k})`);
  // In scene units, so that on screen a label stays LABEL_PX whatever the zoom, and a node no smaller than MIN_RADIUS_PX.
  scene.style.fontSize = `${LABEL_PX / view.k}px`;
  scene.style.setProperty('--node-r', `${radiusPx() / view.k}px`);
  scheduleDeclutter();
}

/** A node's radius on screen, in px, at the present zoom. */
function radiusPx(): number {
  return Math.max(MIN_RADIUS_PX, NODE_RADIUS * view.k);
}

/** One declutter per frame, however many wheel events came in it. */
function scheduleDeclutter(): void {
  if (declutterPending) return;
  declutterPending = true;
  requestAnimationFrame(() => {
    declutterPending = false;
    declutter();
  });
}

/**
 * Hides each label that would overlap a label already shown or a node, or run past the view's sides
 * (labelPlacement.ts); a hidden label comes back on hover and focus (graph.css).
 */
function declutter(): void {
  const shown = placeLabels(
    laidOut.map((node) => {
      const isCurrent = node.id === current;
      return {
        id: node.id,
        x: (node.x ?? 0) * view.k + view.x,
        y: (node.y ?? 0) * view.k + view.y,
        radius: radiusPx() * (isCurrent ? CURRENT_SCALE : 1),
        labelWidth: (labelWidths.get(node.id) ?? 0) * (isCurrent ? LABEL_CURRENT : 1),
        // The text's baseline is 1.1em below the circle (dy), its descent ≈ 0.3em more.
        labelHeight: LABEL_PX * (isCurrent ? LABEL_CURRENT : 1) * 1.5,
        degree: degrees.get(node.id) ?? 0,
        current: isCurrent,
      };
    }),
    root.clientWidth,
    LABEL_GAP,
  );
  for (const [id, g] of nodeElements) g.classList.toggle('crowded', !shown.has(id));
}

function highlight(postId: string | null): void {
  current = postId;
  for (const [id, g] of nodeElements) g.classList.toggle('current', id === postId);
  // The current post is drawn last, so its ring and label sit above its neighbours.
  const g = postId ? nodeElements.get(postId) : undefined;
  if (g) g.parentNode?.appendChild(g);
  // At once, not on the next frame: the current post's label is placed first, and a frame can be long in
  // coming to a view that does not have the focus.
  if (laidOut.length > 0) declutter();
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

  // Shaped like the view: a tall side bar gets a tall layout (the pull to the middle is stronger across it).
  const aspect = (root.clientHeight || 300) / (root.clientWidth || 300);
  const room = roomFor(root.clientWidth || 300, root.clientHeight || 300, Infinity);
  drawnGraph = graph;
  layoutAspect = aspect;
  const simulation = forceSimulation(nodes)
    .force('link', forceLink<Node, Link>(links).id((n) => n.id).distance((l) => (l.kind === 'series' ? 40 : 80)).strength((l) => (l.kind === 'series' ? 0.8 : 0.2)))
    .force('charge', forceManyBody().strength(-60))
    .force('collide', forceCollide(NODE_RADIUS * 2))
    .force('x', forceX().strength(0.04 * Math.max(1, aspect)))
    .force('y', forceY().strength(0.04 * Math.max(1, 1 / aspect)))
    .force('center', forceCenter(0, 0))
    .stop();
  simulation.tick(TICKS);
  stretchToView(nodes, room.height / room.width);

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
    // Radius and the label's place below the circle from the scene's --node-r (graph.css).
    g.append(tooltip, el('circle', { r: NODE_RADIUS, style: `fill: ${colourOf(node)}` }));
    const label = el('text', { x: 0, y: 0, dy: '1.1em', 'text-anchor': 'middle' });
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

  // Widths at LABEL_PX (the scene at scale 1 for the measure), for fit() and declutter().
  scene.style.fontSize = `${LABEL_PX}px`;
  labelWidths = new Map(nodes.map((node) => [node.id, nodeElements.get(node.id)?.querySelector('text')?.getComputedTextLength() ?? 0]));
  degrees = new Map(nodes.map((node) => [node.id, 0]));
  for (const link of links) {
    for (const end of [link.source as Node, link.target as Node]) degrees.set(end.id, (degrees.get(end.id) ?? 0) + 1);
  }
  laidOut = nodes;
  fit(nodes);
  highlight(current);
  vscode.postMessage({ type: 'drawn', nodes: nodes.length, edges: links.length });
}

/**
 * The part of the view the nodes may take: room for part of the widest label on each side (a label still
 * past a side waits for a pan, declutter), for a label below the lowest node.
 */
function roomFor(width: number, height: number, widestLabel: number): { width: number; height: number } {
  const side = Math.min(widestLabel / 2, width / 6);
  return { width: Math.max(width / 3, width - 2 * (MARGIN + side)), height: Math.max(height / 3, height - 2 * MARGIN - 2 * LABEL_PX) };
}

/**
 * Stretches the layout along its short side towards the view's shape (at most three times): the forces make a
 * round cloud, and a round cloud in a tall side bar leaves most of it empty and its labels crowded.
 */
function stretchToView(nodes: Node[], roomAspect: number): void {
  const span = (values: number[]) => Math.max(...values) - Math.min(...values);
  const [width, height] = [span(nodes.map((n) => n.x ?? 0)), span(nodes.map((n) => n.y ?? 0))];
  if (width === 0 || height === 0) return;
  const ratio = (roomAspect * width) / height;
  for (const node of nodes) {
    if (ratio > 1) node.y = (node.y ?? 0) * Math.min(3, ratio);
    else node.x = (node.x ?? 0) * Math.min(3, 1 / ratio);
  }
}

/**
 * Scales and centres the layout to the view, leaving room for the labels (a fixed size on screen): half
 * the widest label on each side, a label's height below.
 */
function fit(nodes: readonly Node[]): void {
  const xs = nodes.map((n) => n.x ?? 0);
  const ys = nodes.map((n) => n.y ?? 0);
  const [minX, maxX, minY, maxY] = [Math.min(...xs) - NODE_RADIUS, Math.max(...xs) + NODE_RADIUS, Math.min(...ys) - NODE_RADIUS, Math.max(...ys) + NODE_RADIUS];
  const width = root.clientWidth || 300;
  const height = root.clientHeight || 300;
  const room = roomFor(width, height, Math.max(0, ...labelWidths.values()));
  const k = Math.min(2, room.width / (maxX - minX), room.height / (maxY - minY));
  view = { k, x: width / 2 - ((minX + maxX) / 2) * k, y: height / 2 - ((minY + maxY) / 2 + LABEL_PX / k / 2) * k };
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
// The view was resized (the side bar dragged, other views collapsed): fit the graph to its new size,
// and lay it out again when the view changed shape (a wide layout in a tall view wastes most of it).
new ResizeObserver(() => {
  if (laidOut.length === 0 || root.clientWidth === 0 || root.clientHeight === 0) return;
  const change = root.clientHeight / root.clientWidth / layoutAspect;
  if (drawnGraph && (change > 1.5 || change < 1 / 1.5)) draw(drawnGraph);
  else fit(laidOut);
}).observe(root);
vscode.postMessage({ type: 'ready' });
