// Draws the charts of a scalesim HTML report into SVG.
//
// The page embeds its data as JSON (<script id="report-data">): one spec per
// chart, already cut down to a few thousand points by scalesim. Every
// <figure class="chart" data-chart="N"> is drawn from data.charts[N]; once drawn
// it gets data-drawn="true", and <html> gets data-charts-drawn with the count, so
// a headless browser can check that every chart drew. Errors go to the page's
// error box (see the first script of the page), never silently.
(function () {
  'use strict';

  const SVG = 'http://www.w3.org/2000/svg';
  const WIDTH = 760;
  const MARGIN = {left: 64, right: 16, top: 26, bottom: 30};
  const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2',
                   '#17becf', '#bcbd22', '#7f7f7f'];
  const STATUS_COLOURS = {wins: '#2ca02c', meets: '#1f77b4', passes: '#1f77b4', fails: '#d62728'};
  const KIND_COLOURS = ['#2ca02c', '#1f77b4', '#7f7f7f', '#d62728'];

  const data = JSON.parse(document.getElementById('report-data').textContent);

  function node(name, attributes, parent) {
    const element = document.createElementNS(SVG, name);
    for (const key in attributes) element.setAttribute(key, attributes[key]);
    if (parent) parent.appendChild(element);
    return element;
  }

  function text(parent, x, y, content, attributes) {
    const element = node('text', Object.assign({x: x, y: y}, attributes || {}), parent);
    element.textContent = content;
    return element;
  }

  function tooltip(parent, content) {
    node('title', {}, parent).textContent = content;
  }

  // 1234 -> "1,234"; 0.000123 -> "0.000123"; 1.5e7 -> "15M": short, never misleading.
  function format(value) {
    if (value === null || !isFinite(value)) return '-';
    const size = Math.abs(value);
    if (size >= 1e9) return (value / 1e9).toPrecision(3).replace(/\.?0+$/, '') + 'G';
    if (size >= 1e6) return (value / 1e6).toPrecision(3).replace(/\.?0+$/, '') + 'M';
    if (size >= 1e4) return Math.round(value).toLocaleString('en-US');
    if (size === 0) return '0';
    return Number(value.toPrecision(3)).toString();
  }

  // "+1d 04:20": a time since the start of the run.
  function since(seconds) {
    const total = Math.round(seconds);
    const days = Math.floor(total / 86400);
    const pad = (n) => String(n).padStart(2, '0');
    const clock = pad(Math.floor(total % 86400 / 3600)) + ':' + pad(Math.floor(total % 3600 / 60)) +
                  (total % 60 ? ':' + pad(total % 60) : '');
    return '+' + (days ? days + 'd ' : '') + clock;
  }

  // About `count` round values, the first at or below `low` and the last at or
  // above `high`, so that they can serve as the axis's ends.
  function niceTicks(low, high, count) {
    if (!(high > low)) high = low + 1;
    const raw = (high - low) / count;
    const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
    const ticks = [];
    const first = Math.floor(low / step + 1e-9);
    for (let i = first; ticks.length === 0 || ticks[ticks.length - 1] < high - step * 1e-9; i++) {
      const v = i * step;
      ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
    }
    return ticks;
  }

  function scale(domainLow, domainHigh, rangeLow, rangeHigh) {
    const span = domainHigh - domainLow || 1;
    return (v) => rangeLow + (v - domainLow) / span * (rangeHigh - rangeLow);
  }

  function finite(values) {
    return values.filter((v) => v !== null && isFinite(v));
  }

  function newSvg(figure, height, title) {
    const caption = document.createElement('figcaption');
    caption.textContent = title;
    figure.appendChild(caption);
    return node('svg', {viewBox: '0 0 ' + WIDTH + ' ' + height, role: 'img',
                        'aria-label': title}, figure);
  }

  // A legend in a row above the plot area. Text is measured by its length, not by
  // layout, which a chart in a closed <details> does not have.
  function legend(svg, entries) {
    let x = MARGIN.left;
    for (const entry of entries) {
      node('rect', {x: x, y: 8, width: 10, height: 10, fill: entry.colour}, svg);
      text(svg, x + 14, 17, entry.name, {class: 'legend'});
      x += 14 + entry.name.length * 6.5 + 16;
    }
  }

  function yAxis(svg, y, ticks, left, right) {
    for (const v of ticks) {
      node('line', {x1: left, x2: right, y1: y(v), y2: y(v), class: 'grid'}, svg);
      text(svg, left - 6, y(v) + 4, format(v), {class: 'tick', 'text-anchor': 'end'});
    }
  }

  function xAxis(svg, x, ticks, top, bottom) {
    for (const tick of ticks) {
      node('line', {x1: x(tick.at), x2: x(tick.at), y1: top, y2: bottom, class: 'grid'}, svg);
      text(svg, x(tick.at), bottom + 14, tick.label, {class: 'tick', 'text-anchor': 'middle'});
    }
  }

  // Lines broken where a value is null.
  function linePath(xs, ys, x, y) {
    let path = '';
    let pen = 'M';
    for (let i = 0; i < xs.length; i++) {
      if (ys[i] === null || !isFinite(ys[i])) {
        pen = 'M';
        continue;
      }
      path += pen + x(xs[i]).toFixed(1) + ' ' + y(ys[i]).toFixed(1);
      pen = 'L';
    }
    return path;
  }

  function drawEventBand(svg, marks, x, top) {
    const rowHeight = 7;
    text(svg, MARGIN.left - 6, top + 2 * rowHeight + 3, 'events', {class: 'tick',
                                                                   'text-anchor': 'end'});
    data.event_kinds.forEach((kind, i) => {
      node('line', {x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: top + i * rowHeight + 3,
                    y2: top + i * rowHeight + 3, class: 'band'}, svg);
    });
    for (const mark of marks) {
      const [t, kind, count, label] = mark;
      const line = node('line', {x1: x(t), x2: x(t), y1: top + kind * rowHeight,
                                 y2: top + kind * rowHeight + rowHeight - 1,
                                 stroke: KIND_COLOURS[kind], class: 'mark'}, svg);
      tooltip(line, since(t) + ' (' + data.event_kinds[kind] + ', ' + count + '): ' + label);
    }
  }

  function drawTime(figure, spec) {
    const marks = spec.marks >= 0 ? data.marks[spec.marks] : [];
    const bandHeight = marks.length ? 36 : 0;
    const plotHeight = 150;
    const height = MARGIN.top + plotHeight + MARGIN.bottom + bandHeight;
    const svg = newSvg(figure, height, spec.title + ' (' + spec.unit + ')');
    const left = MARGIN.left;
    const right = WIDTH - MARGIN.right;
    const top = MARGIN.top;
    const bottom = top + plotHeight;
    const x = scale(0, data.horizon, left, right);
    let high = 0;
    for (const s of spec.series) {
      if (s.x.length !== s.y.length) throw new Error('series "' + s.name + '" of "' + spec.title +
                                                     '" has ' + s.x.length + ' times and ' +
                                                     s.y.length + ' values');
      high = Math.max(high, ...finite(s.y));
    }
    const yTicks = niceTicks(0, high > 0 ? high : 1, 4);
    const y = scale(0, yTicks[yTicks.length - 1], bottom, top);
    if (data.warmup > 0) {
      const shade = node('rect', {x: left, y: top, width: x(data.warmup) - left,
                                  height: plotHeight, class: 'warmup'}, svg);
      tooltip(shade, 'warm-up: left out of the results');
    }
    yAxis(svg, y, yTicks, left, right);
    xAxis(svg, x, data.ticks.filter((t) => t.at <= data.horizon), top, bottom);
    spec.series.forEach((s, i) => {
      const path = node('path', {d: linePath(s.x, s.y, x, y), stroke: PALETTE[i % PALETTE.length],
                                 class: 'series'}, svg);
      tooltip(path, s.name + ', peak ' + format(Math.max(...finite(s.y))));
    });
    if (spec.series.length) {
      legend(svg, spec.series.map((s, i) => ({name: s.name, colour: PALETTE[i % PALETTE.length]})));
    } else {
      text(svg, (left + right) / 2, (top + bottom) / 2, spec.empty, {class: 'note',
                                                                     'text-anchor': 'middle'});
    }
    if (marks.length) drawEventBand(svg, marks, x, bottom + MARGIN.bottom);
  }

  // Horizontal stacked bars: one row per label, one part per name.
  function drawBars(figure, spec) {
    const rowHeight = 22;
    const labelWidth = 220;
    const height = MARGIN.top + spec.rows.length * rowHeight + MARGIN.bottom;
    const svg = newSvg(figure, height, spec.title + ' (' + spec.unit + ')');
    const names = [];
    for (const row of spec.rows) {
      for (const part of row.parts) if (!names.includes(part.name)) names.push(part.name);
    }
    const colour = (name) => PALETTE[names.indexOf(name) % PALETTE.length];
    const totals = spec.rows.map((row) => row.parts.reduce((sum, part) => sum + part.value, 0));
    const ticks = niceTicks(0, Math.max(...totals, 0) || 1, 5);
    const x = scale(0, ticks[ticks.length - 1], labelWidth, WIDTH - MARGIN.right - 40);
    const bottom = MARGIN.top + spec.rows.length * rowHeight;
    for (const v of ticks) {
      node('line', {x1: x(v), x2: x(v), y1: MARGIN.top, y2: bottom, class: 'grid'}, svg);
      text(svg, x(v), bottom + 14, format(v), {class: 'tick', 'text-anchor': 'middle'});
    }
    spec.rows.forEach((row, r) => {
      const top = MARGIN.top + r * rowHeight + 3;
      const shown = row.label.length > 34 ? row.label.slice(0, 33) + '…' : row.label;
      tooltip(text(svg, labelWidth - 6, top + 12, shown, {class: 'label', 'text-anchor': 'end'}),
              row.label);
      let at = 0;
      for (const part of row.parts) {
        const rect = node('rect', {x: x(at), y: top, width: Math.max(0, x(at + part.value) - x(at)),
                                   height: rowHeight - 6, fill: colour(part.name)}, svg);
        tooltip(rect, row.label + ': ' + part.name + ' ' + format(part.value));
        at += part.value;
      }
      text(svg, x(at) + 4, top + 12, format(at), {class: 'tick'});
    });
    legend(svg, names.map((name) => ({name: name, colour: colour(name)})));
  }

  // Points coloured by status; optionally joined in x order, or only the front.
  function drawScatter(figure, spec) {
    const plotHeight = 200;
    const height = MARGIN.top + plotHeight + MARGIN.bottom + 14;
    const svg = newSvg(figure, height, spec.title);
    const left = MARGIN.left;
    const right = WIDTH - MARGIN.right;
    const top = MARGIN.top;
    const bottom = top + plotHeight;
    const xs = spec.points.map((p) => p.x).concat(spec.vlines.map((v) => v.x));
    const ys = spec.points.map((p) => p.y);
    if (!ys.length) throw new Error('scatter "' + spec.title + '" has no points');
    const pad = (lo, hi) => (hi > lo ? (hi - lo) * 0.08 : Math.abs(hi) * 0.1 || 1);
    const xLow = Math.min(...xs), xHigh = Math.max(...xs);
    const yLow = Math.min(...ys), yHigh = Math.max(...ys);
    const xTicks = niceTicks(xLow - pad(xLow, xHigh), xHigh + pad(xLow, xHigh), 6);
    const yTicks = niceTicks(yLow - pad(yLow, yHigh), yHigh + pad(yLow, yHigh), 4);
    const x = scale(xTicks[0], xTicks[xTicks.length - 1], left, right);
    const y = scale(yTicks[0], yTicks[yTicks.length - 1], bottom, top);
    yAxis(svg, y, yTicks, left, right);
    xAxis(svg, x, xTicks.map((v) => ({at: v, label: format(v)})), top, bottom);
    text(svg, (left + right) / 2, height - 4, spec.x_label, {class: 'axis', 'text-anchor': 'middle'});
    text(svg, 12, (top + bottom) / 2, spec.y_label,
         {class: 'axis', 'text-anchor': 'middle', transform: 'rotate(-90 12 ' + (top + bottom) / 2 + ')'});
    for (const v of spec.vlines) {
      node('line', {x1: x(v.x), x2: x(v.x), y1: top, y2: bottom, class: 'threshold'}, svg);
      text(svg, x(v.x) + 4, top + 12, v.label, {class: 'threshold-label'});
    }
    const joined = spec.join === 'front' ? spec.front.map((i) => spec.points[i])
                 : spec.join === 'all' ? spec.points.slice() : [];
    joined.sort((a, b) => a.x - b.x);
    if (joined.length > 1) {
      node('path', {d: linePath(joined.map((p) => p.x), joined.map((p) => p.y), x, y),
                    class: spec.join === 'front' ? 'front' : 'join'}, svg);
    }
    const statuses = [];
    spec.points.forEach((p, i) => {
      const onFront = spec.join === 'front' && spec.front.includes(i);
      const status = spec.join === 'front' ? (onFront ? 'on the front' : 'dominated') : p.status;
      if (!statuses.includes(status)) statuses.push(status);
      const colour = spec.join === 'front' ? (onFront ? '#1f77b4' : '#bbbbbb')
                                           : STATUS_COLOURS[status] || '#7f7f7f';
      const dot = node('circle', {cx: x(p.x), cy: y(p.y), r: 5, fill: colour, class: 'point'}, svg);
      tooltip(dot, p.label + (p.status ? ' (' + p.status + ')' : '') + ': ' + spec.x_label +
                       ' ' + format(p.x) + ', ' + spec.y_label + ' ' + format(p.y));
    });
    legend(svg, statuses.filter((s) => s).map((s) => ({
      name: s,
      colour: spec.join === 'front' ? (s === 'on the front' ? '#1f77b4' : '#bbbbbb')
                                    : STATUS_COLOURS[s] || '#7f7f7f'})));
  }

  const DRAW = {time: drawTime, bars: drawBars, scatter: drawScatter};
  let drawn = 0;
  for (const figure of document.querySelectorAll('figure.chart')) {
    try {
      const spec = data.charts[Number(figure.dataset.chart)];
      if (!spec || !DRAW[spec.type]) throw new Error('no chart ' + figure.dataset.chart);
      DRAW[spec.type](figure, spec);
      figure.dataset.drawn = 'true';
      drawn++;
    } catch (error) {
      window.scalesimReportError('chart ' + figure.dataset.chart + ': ' + error.message);
    }
  }
  document.documentElement.dataset.chartsDrawn = String(drawn);
})();
