/**
 * The page's own script: turns each chart's data (ChartSpec, inlined as
 * JSON) into uPlot options and lets uPlot draw it. Configuration only: the
 * drawing is uPlot's. Plain ES5-style JavaScript, as it runs unbuilt in any
 * browser that opens the file.
 */

/** The script, as inlined into the page after uPlot. */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var specs = JSON.parse(document.getElementById('careload-charts').textContent);
  var look = JSON.parse(document.getElementById('careload-look').textContent);
  var plots = [];
  function cssVar(name, fallback) {
    var v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return v || fallback;
  }
  function fmt(v, unit) {
    if (v === null || v === undefined || !isFinite(v)) return '';
    if (unit === 'share') return (100 * v).toFixed(Math.abs(v) < 0.1 && v !== 0 ? 1 : 0) + '%';
    if (unit === 'percent') return v.toFixed(Math.abs(v) < 10 && v !== 0 ? 1 : 0) + '%';
    if (unit === 'seconds') return v < 60 ? v.toFixed(0) + 's' : v < 3600 ? (v / 60).toFixed(0) + 'm' : (v / 3600).toFixed(1) + 'h';
    return String(Math.round(v * 100) / 100);
  }
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function clock(t, startsAt) {
    var a = t + (startsAt || 0);
    var day = Math.floor(a / 86400) + 1;
    var s = ((a % 86400) + 86400) % 86400;
    return 'd' + day + ' ' + pad(Math.floor(s / 3600)) + ':' + pad(Math.floor((s % 3600) / 60));
  }
  function timeSplits(min, max, startsAt) {
    var span = max - min;
    // The smallest round step that keeps about nine labels or fewer on the axis.
    var steps = [3600, 10800, 21600, 43200, 86400, 172800, 604800, 2419200];
    var step = steps[steps.length - 1];
    for (var k = 0; k < steps.length; k++) if (span / steps[k] <= 9) { step = steps[k]; break; }
    var out = [];
    var first = Math.ceil((min + startsAt) / step) * step - startsAt;
    for (var t = first; t <= max; t += step) out.push(t);
    return out;
  }
  function inRanges(x, ranges) {
    for (var i = 0; i < ranges.length; i++) if (x >= ranges[i][0] && x <= ranges[i][1]) return true;
    return false;
  }
  function build(spec, el) {
    var fg = cssVar('--fg', '#222');
    var grid = cssVar('--grid', '#ddd');
    var color = function (i) {
      var c = look.palette[i % look.palette.length];
      return c === 'currentColor' ? fg : c;
    };
    var data = [spec.x];
    var series = [{ label: spec.xLabel }];
    var bands = [];
    var shades = spec.shades || [];
    shades.forEach(function (s, i) {
      if (s.ranges.length === 0) return;
      data.push(spec.x.map(function (x) { return inRanges(x, s.ranges) ? 1 : null; }));
      series.push({ label: s.label, scale: 'shade', stroke: 'transparent', width: 0, fill: look.shades[i % look.shades.length], points: { show: false }, paths: uPlot.paths.stepped({ align: 1 }) });
    });
    spec.series.forEach(function (s, i) {
      var scale = s.right ? 'right' : 'y';
      var idx = data.length;
      data.push(s.values);
      var line = { label: s.label, scale: scale, stroke: color(i), width: s.width || 2, dash: look.dashes[i % look.dashes.length], spanGaps: false };
      if (s.pointsOnly) {
        line.paths = function () { return null; };
        line.points = { show: true, size: 9, width: 2, fill: color(i), stroke: color(i) };
      } else {
        line.points = { show: spec.xKind !== 'category' && spec.x.length <= 30, size: 6, fill: color(i) };
      }
      series.push(line);
      if (s.band) {
        data.push(s.band.hi);
        series.push({ label: s.label + ' (95% high)', scale: scale, stroke: 'transparent', width: 0, points: { show: false }, spanGaps: false });
        data.push(s.band.lo);
        series.push({ label: s.label + ' (95% low)', scale: scale, stroke: 'transparent', width: 0, points: { show: false }, spanGaps: false });
        bands.push({ series: [idx + 1, idx + 2], fill: color(i) + '33' });
      }
    });
    (spec.targets || []).forEach(function (t) {
      data.push(spec.x.map(function () { return t.value; }));
      series.push({ label: t.label, scale: 'y', stroke: fg, width: 1.5, dash: [6, 6], points: { show: false } });
    });
    var xAxis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
    var xScale = { time: false };
    if (spec.xKind === 'time') {
      xAxis.splits = function (u, ax, min, max) { return timeSplits(min, max, spec.startsAt || 0); };
      xAxis.values = function (u, splits) { return splits.map(function (v) { return clock(v, spec.startsAt); }); };
      xAxis.size = 40;
    } else if (spec.xKind === 'category') {
      var n = spec.categories.length;
      xScale.range = function () { return [-0.5, n - 0.5]; };
      xAxis.splits = function () { return spec.categories.map(function (c, i) { return i; }); };
      xAxis.values = function (u, splits) { return splits.map(function (v) { return spec.categories[v] || ''; }); };
      xAxis.rotate = n > 4 ? -30 : 0;
      xAxis.size = n > 4 ? 110 : 40;
    }
    var yAxis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 60, values: function (u, splits) { return splits.map(function (v) { return fmt(v, spec.unit); }); } };
    var axes = [xAxis, yAxis];
    var scales = { x: xScale, shade: { range: [0, 1] } };
    // Shares live in [0, 1]: an interval band reaching past either end (few replications) is cut at the axis.
    if (spec.unit === 'share') scales.y = { range: [0, 1] };
    if (spec.series.some(function (s) { return s.right; })) {
      axes.push({ scale: 'right', side: 1, stroke: fg, grid: { show: false }, size: 60, values: function (u, splits) { return splits.map(function (v) { return fmt(v, spec.rightUnit || spec.unit); }); } });
    }
    var width = Math.max(280, Math.min(el.clientWidth || 720, 900));
    var opts = { width: width, height: 240, padding: [12, spec.xKind === 'category' ? 60 : 12, 0, 0], series: series, bands: bands, axes: axes, scales: scales, legend: { show: false }, cursor: { drag: { x: false, y: false } } };
    el.textContent = '';
    return new uPlot(opts, data, el);
  }
  function drawAll() {
    plots.forEach(function (p) { p.destroy(); });
    plots = [];
    specs.forEach(function (spec) {
      var el = document.querySelector('[data-chart="' + spec.id + '"]');
      if (el) plots.push(build(spec, el));
    });
  }
  drawAll();
  var last = window.innerWidth;
  window.addEventListener('resize', function () {
    if (Math.abs(window.innerWidth - last) < 40) return;
    last = window.innerWidth;
    drawAll();
  });
  if (window.matchMedia) {
    var dark = window.matchMedia('(prefers-color-scheme: dark)');
    if (dark.addEventListener) dark.addEventListener('change', drawAll);
  }
})();
`;
