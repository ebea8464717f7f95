// The Steppe explorer: search entities, draw their neighbourhood with
// cytoscape, expand nodes, show the evidence behind an edge, run Cypher.
// It talks only to the server that served it.
'use strict';

const cy = cytoscape({
  container: document.getElementById('graph'),
  style: [
    { selector: 'node', style: {
        'label': 'data(name)', 'background-color': 'data(color)', 'shape': 'data(cyshape)',
        'border-width': 1, 'border-color': '#444', 'font-size': 10, 'text-wrap': 'wrap',
        'text-max-width': 120, 'text-valign': 'bottom' } },
    { selector: 'edge', style: {
        'label': 'data(type)', 'font-size': 8, 'curve-style': 'bezier',
        'target-arrow-shape': 'triangle', 'width': 1.5, 'line-color': '#999',
        'target-arrow-color': '#999', 'text-rotation': 'autorotate' } },
    { selector: ':selected', style: { 'border-width': 3, 'line-color': '#e76f51',
        'target-arrow-color': '#e76f51' } },
  ],
  layout: { name: 'grid' },
});

// Graphviz shape names as cytoscape knows them.
const kShapes = { ellipse: 'ellipse', box: 'rectangle', hexagon: 'hexagon', note: 'round-rectangle',
                  component: 'barrel', tab: 'tag' };

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

async function getJson(url, options) {
  const response = await fetch(url, options);
  const body = await response.json();
  if (!response.ok) {
    const error = body.error || {};
    throw new Error(`${error.code || response.status}: ${error.message || response.statusText}`);
  }
  return body;
}

function showError(target, error) {
  target.replaceChildren(el('div', String(error.message || error), 'error'));
}

// Adds the neighbourhood of node `id` (a Cytoscape.js JSON snapshot) to the view.
async function expand(id) {
  const details = document.getElementById('details');
  try {
    const snapshot = await getJson(`/snapshot?ids=${id}&depth=1&format=json`);
    const added = [];
    for (const node of snapshot.elements.nodes) {
      if (cy.getElementById(node.data.id).nonempty()) continue;
      node.data.cyshape = kShapes[node.data.shape] || 'ellipse';
      added.push(node);
    }
    for (const edge of snapshot.elements.edges)
      if (cy.getElementById(edge.data.id).empty()) added.push(edge);
    cy.add(added);
    cy.layout({ name: 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true }).run();
    document.body.dataset.nodes = cy.nodes().length;
    document.body.dataset.edges = cy.edges().length;
  } catch (error) {
    showError(details, error);
  }
}

async function showNode(node) {
  const details = document.getElementById('details');
  const data = node.data();
  details.replaceChildren(el('h3', data.name), el('p', data.labels.join(', '), 'label'));
  const table = el('table');
  for (const [key, value] of Object.entries(data.properties)) {
    const row = el('tr');
    row.append(el('th', key), el('td', typeof value === 'string' ? value : JSON.stringify(value)));
    table.append(row);
  }
  details.append(table);
}

// The evidence for an edge: its sentence, and the article it was read from.
async function showEdge(edge) {
  const details = document.getElementById('details');
  const data = edge.data();
  const source = cy.getElementById(data.source).data('name');
  const target = cy.getElementById(data.target).data('name');
  const box = el('div');
  box.id = 'edge-details';
  box.append(el('h3', `${source} —${data.type}→ ${target}`));
  const props = data.properties;
  for (const key of ['date', 'place', 'topics', 'title', 'detail'])
    if (props[key] !== undefined)
      box.append(el('p', `${key}: ${Array.isArray(props[key]) ? props[key].join(', ') : props[key]}`));
  box.append(el('blockquote', props.sentence || '(no source sentence recorded)'));
  details.replaceChildren(box);
  if (props.article === undefined) return;
  try {
    const article = await getJson(`/nodes/${props.article}`);
    const info = article.article || {};
    const line = el('p', `Source: ${info.title || article.node.name}` +
                         (info.date ? ` (${info.date})` : '') + (info.outlet ? `, ${info.outlet}` : ''));
    line.className = 'article';
    box.append(line);
    if (info.url) {
      const link = el('a', info.url);
      link.href = info.url;
      link.rel = 'noreferrer';
      box.append(link);
    }
  } catch (error) {
    box.append(el('div', String(error.message), 'error'));
  }
}

async function search(text) {
  const list = document.getElementById('search-results');
  try {
    const found = await getJson(`/search?q=${encodeURIComponent(text)}&limit=20`);
    list.replaceChildren();
    if (found.hits.length === 0) list.append(el('li', 'nothing found', 'hint'));
    for (const hit of found.hits) {
      const item = el('li', hit.name);
      item.append(el('span', (hit.labels || []).join(', '), 'label'));
      item.dataset.id = hit.id;
      item.addEventListener('click', () => { cy.elements().remove(); expand(hit.id); });
      list.append(item);
    }
  } catch (error) {
    showError(list, error);
  }
}

function cellText(value) {
  if (value === null) return 'null';
  if (typeof value !== 'object') return String(value);
  if (value.labels && value.properties) return `(${value.labels.join(':')} ${value.properties.name || value.id})`;
  if (value.type && value.properties) return `[:${value.type}]`;
  return JSON.stringify(value);
}

async function runCypher() {
  const output = document.getElementById('cypher-output');
  try {
    const result = await getJson('/query', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: document.getElementById('cypher-input').value, params: {} }),
    });
    const table = el('table');
    const head = el('tr');
    for (const column of result.columns) head.append(el('th', column));
    table.append(head);
    for (const row of result.rows) {
      const line = el('tr');
      for (const cell of row) line.append(el('td', cellText(cell)));
      table.append(line);
    }
    output.replaceChildren(el('p', `${result.rows.length} rows`, 'hint'), table);
  } catch (error) {
    showError(output, error);
  }
}

// The current view as SVG, drawn by the server (the same renderer as reports).
async function downloadSvg() {
  const ids = cy.nodes().map((node) => node.id().slice(1));
  if (ids.length === 0) return;
  const response = await fetch(`/snapshot?ids=${ids.join(',')}&depth=0&format=svg&limit=${ids.length}`);
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = 'steppe-view.svg';
  document.body.append(link);
  link.click();
  link.remove();
}

cy.on('tap', 'node', (event) => { showNode(event.target); expand(event.target.id().slice(1)); });
cy.on('tap', 'edge', (event) => showEdge(event.target));
document.getElementById('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  search(document.getElementById('search-input').value);
});
document.getElementById('cypher-run').addEventListener('click', runCypher);
document.getElementById('download-svg').addEventListener('click', downloadSvg);
