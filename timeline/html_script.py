"""The timeline page's script: year sections, lazy rendering, filters; DOM built with textContent only."""

SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var L = data.labels;
  var OPEN_ALL = 400, OPEN_FIRST = 3, PAGE = 300;
  var root = document.getElementById("timeline");
  var years = [], byYear = {};

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function filters() {
    return {
      text: document.getElementById("filter-text").value.trim().toLowerCase(),
      figure: document.getElementById("show-figure").checked,
      target: document.getElementById("show-target").checked,
      event: document.getElementById("show-event").checked,
      flagged: document.getElementById("flagged-only").checked
    };
  }

  function matches(entry, f) {
    if (!f[entry.sort]) { return false; }  // its sort's box is unchecked
    if (f.flagged && entry.flags.length === 0) { return false; }  // flagged only, and nothing flags it
    if (!f.text) { return true; }  // no words to match: every entry of a shown sort passes
    var words = f.text.split(/\s+/);
    var hay = entry.title.toLowerCase();
    for (var i = 0; i < words.length; i++) {
      if (hay.indexOf(words[i]) < 0) { return false; }
    }
    return true;
  }

  function renderSource(src, sentences) {
    var doc = data.documents[src[0]], line = src[1], sentence = sentences[src[2]];
    var box = el("details", "source");
    var label = (doc.title || doc.path) + " · 第" + line + "行" + (doc.announced ? " · " + doc.announced : "");
    box.appendChild(el("summary", null, label));
    var quote = el("blockquote", "context");
    quote.appendChild(document.createTextNode(sentence.slice(0, src[3])));
    quote.appendChild(el("mark", null, sentence.slice(src[3], src[4])));
    quote.appendChild(document.createTextNode(sentence.slice(src[4])));
    box.appendChild(quote);
    box.appendChild(el("p", "path", doc.path + ":" + line + (doc.inferred ? "（发布日期为推断）" : "")));
    return box;
  }

  function renderFlag(fp) {
    var flag = data.findings[fp];
    var item = el("li", "flag sev-" + flag.severity);
    item.appendChild(el("span", "sev", "⚠ " + (L.severity[flag.severity] || flag.severity)));
    item.appendChild(document.createTextNode(flag.message + " "));
    item.appendChild(el("span", "rule", flag.rule));
    if (flag.suggestion) { item.appendChild(el("div", "suggestion", "建议：" + flag.suggestion)); }
    return item;
  }

  function renderEntry(entry) {
    var classes = "entry sort-" + entry.sort;
    if (entry.flags.length) { classes += " flagged sev-" + entry.severity; }
    var item = el("li", classes);
    item.id = entry.id;
    item.setAttribute("data-sort", entry.sort);
    item.setAttribute("data-start", entry.start);
    var when = el("div", "when");
    var time = el("time", null, entry.date);
    time.setAttribute("datetime", entry.start);
    when.appendChild(time);
    if (entry.ptext) { when.appendChild(document.createTextNode("（" + entry.ptext + "）")); }
    when.appendChild(el("span", "badge " + entry.mod, L.modality[entry.mod] || entry.mod));
    item.appendChild(when);
    var what = el("div", "what");
    what.appendChild(el("span", "title", entry.title));
    if (entry.text) { what.appendChild(el("strong", "value", entry.text)); }
    item.appendChild(what);
    if (entry.measure) {
      item.appendChild(el("p", "measure", "指标：" + entry.measure + (entry.unit ? " · 单位：" + entry.unit : "")));
    }
    if (entry.sort === "target" && entry.ann) { item.appendChild(el("p", "announced", "发布于 " + entry.ann)); }
    if (entry.rev && entry.rev.length) {
      var steps = entry.rev.map(function (a) { return (a[0] || "日期不详") + " " + a[1]; });
      item.appendChild(el("p", "revision", "调整：" + steps.join(" → ")));
    }
    if (entry.flags.length) {
      var flags = el("ul", "flags");
      entry.flags.forEach(function (fp) { flags.appendChild(renderFlag(fp)); });
      item.appendChild(flags);
    }
    var sources = el("div", "sources");
    entry.src.forEach(function (src) { sources.appendChild(renderSource(src, entry.sentences || data.sentences)); });
    item.appendChild(sources);
    return item;
  }

  function renderYear(year) {
    if (!year.entries) { loadYear(year); return; }  // a year kept in its own file: render once it has arrived
    var f = filters();
    var shown = 0, hidden = 0;
    var list = el("ol", "entries");
    year.entries.forEach(function (entry) {
      if (!matches(entry, f)) { return; }
      if (shown < year.limit) { list.appendChild(renderEntry(entry)); shown += 1; } else { hidden += 1; }
    });
    year.list.replaceWith(list);
    year.list = list;
    if (year.more) { year.more.remove(); year.more = null; }
    if (hidden) {
      year.more = el("button", "more", "再显示 " + Math.min(hidden, PAGE) + " 条（共余 " + hidden + " 条）");
      year.more.type = "button";
      year.more.addEventListener("click", function () { year.limit += PAGE; renderYear(year); });
      list.after(year.more);
    }
    year.rendered = true;
  }

  function loadYear(year) {
    if (year.loading) { return; }  // its file is on its way
    year.loading = true;
    var script = el("script");
    script.src = year.file;
    script.addEventListener("error", function () {
      var missing = el("p", "missing", "无法读取 " + decodeURI(year.file) + "：请把它与本页放在一起");
      year.loading = false;
      year.list.replaceWith(missing);
      year.list = missing;
    });
    document.body.appendChild(script);
  }

  window.heduiTimelineYear = function (y, part) {
    var year = byYear[y];
    if (!year || year.entries) { return; }  // a year this page does not list, or one already loaded
    part.entries.forEach(function (entry) {
      if (!entry.flags) { entry.flags = []; }
      entry.sentences = part.sentences;
    });
    year.entries = part.entries;
    year.section.setAttribute("data-loaded", "true");
    apply();
  };

  function build() {
    var total = 0;
    data.entries.forEach(function (entry) {
      if (!entry.flags) { entry.flags = []; }
      var y = entry.start.slice(0, 4);
      if (!byYear[y]) { byYear[y] = { year: y, entries: [] }; years.push(byYear[y]); }
      byYear[y].entries.push(entry);
    });
    (data.years || []).forEach(function (listed) {
      byYear[listed.year] = { year: listed.year, entries: null, file: listed.file, total: listed.count };
      years.push(byYear[listed.year]);
    });
    years.forEach(function (year) { total += year.entries ? year.entries.length : year.total; });
    data.total = total;
    var openAll = total <= OPEN_ALL;
    years.forEach(function (year, index) {
      var section = el("section", "year");
      section.id = "y" + year.year;
      var details = el("details");
      var summary = el("summary");
      summary.appendChild(el("h2", null, year.year));
      year.count = el("span", "count");
      summary.appendChild(year.count);
      details.appendChild(summary);
      year.list = el("ol", "entries");
      details.appendChild(year.list);
      section.appendChild(details);
      root.appendChild(section);
      year.section = section;
      year.details = details;
      year.limit = PAGE;
      year.rendered = false;
      details.addEventListener("toggle", function () {
        if (details.open && !year.rendered) { renderYear(year); }
      });
      if (openAll || index < OPEN_FIRST) { details.open = true; }
    });
  }

  function apply() {
    var f = filters();
    var total = 0;
    years.forEach(function (year) {
      var count = 0;
      if (!year.entries) {
        // not loaded yet: its count is the whole year's, and filters apply once it is opened
        total += year.total;
        year.count.textContent = year.total + " 条（展开后载入）";
        if (year.details.open) { loadYear(year); }
        return;
      }
      year.entries.forEach(function (entry) { if (matches(entry, f)) { count += 1; } });
      total += count;
      year.count.textContent = count + " 条";
      year.section.hidden = count === 0;
      if (year.rendered || year.details.open) { year.limit = PAGE; renderYear(year); }
    });
    document.querySelectorAll("figure.chart").forEach(function (figure) {
      var title = (figure.getAttribute("data-title") || "").toLowerCase();
      var words = f.text ? f.text.split(/\s+/) : [];
      figure.hidden = words.some(function (w) { return title.indexOf(w) < 0; });
    });
    document.getElementById("visible-count").textContent = "显示 " + total + " / " + data.total + " 条";
  }

  function printAll() {
    years.forEach(function (year) {
      year.limit = Infinity;
      year.details.open = true;
      renderYear(year);
    });
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  }

  build();
  ["filter-text", "show-figure", "show-target", "show-event", "flagged-only"].forEach(function (id) {
    document.getElementById(id).addEventListener(id === "filter-text" ? "input" : "change", apply);
  });
  window.addEventListener("beforeprint", printAll);
  apply();
  document.body.setAttribute("data-ready", "1");
})();
"""
