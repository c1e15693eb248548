"""The review page's script: renders the evidence from JSON with textContent, never as markup.

Served mode (no embedded data) fetches /api/findings and posts decisions with the session token in
the X-Hedui-Token header; static mode (data embedded by the HTML report) is read-only. The script is
PRELUDE + page_cards.CARDS + page_desk.DESK + QUEUE, one scope, joined by page.assemble_script().
"""

PRELUDE = r"""
(function () {
  "use strict";
  var dataNode = document.getElementById("hedui-data");
  var isStatic = dataNode !== null;
  var token = new URLSearchParams(location.search).get("token") || "";
  var state = {data: null, visible: [], cursor: -1, skipped: {}, nodes: {}, undo: 0, stamp: null};
  var LABEL = {accepted: "已接受（确为错误）", dismissed: "已驳回（误报）", suppressed: "已在文中抑制", baseline: "基线中已有"};
  var SEVERITY = {error: "错误", warning: "警告", info: "提示"};
  var ROLE = {from: "基期值", to: "报告期值", change: "变化", span: "时长", total: "总数", part: "部分", items: "列举项"};

  function $(id) { return document.getElementById(id); }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function request(path, params, body) {
    var query = new URLSearchParams(params || {});
    query.set("token", token);
    var options = {headers: {"X-Hedui-Token": token}, cache: "no-store"};
    if (body) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(path + "?" + query.toString(), options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok) { throw new Error(json.error || ("HTTP " + response.status)); }
        return json;
      });
    });
  }

  function showError(message) {
    $("error").textContent = message || "";
    $("error").hidden = !message;
  }

  function fillSelect(select, pairs) {
    pairs.forEach(function (pair) {
      var option = el("option", "", pair[1]);
      option.value = pair[0];
      select.appendChild(option);
    });
  }

  function fillFilters() {
    var rules = {}, docs = {};
    state.data.findings.forEach(function (f) { rules[f.rule] = true; docs[f.doc] = true; });
    [["f-rule", Object.keys(rules).sort().map(function (r) { return [r, r]; })],
     ["f-doc", state.data.documents.filter(function (d) { return docs[d.path]; }).map(function (d) {
       return [d.path, d.title ? d.path + " — " + d.title : d.path];
     })]].forEach(function (pair) {
      var select = $(pair[0]), chosen = select.value;
      while (select.options.length > 1) { select.remove(1); }  // keep the first option, 全部
      fillSelect(select, pair[1]);
      select.value = pair[1].some(function (p) { return p[0] === chosen; }) ? chosen : "";
    });
  }

  function setupFilters() {
    fillFilters();
    ["f-rule", "f-severity", "f-doc", "f-hide"].forEach(function (id) {
      $(id).addEventListener("change", function () { applyFilters(); $(id).blur(); });
    });
  }

  function isDecided(f) { return Object.prototype.hasOwnProperty.call(state.data.decisions, f.fingerprint); }

  function applyFilters() {
    var rule = $("f-rule").value, severity = $("f-severity").value, doc = $("f-doc").value, hide = $("f-hide").checked;
    var keep = state.data.findings[state.visible[state.cursor]];
    state.visible = [];
    state.data.findings.forEach(function (f) {
      var shown = (!rule || f.rule === rule) && (!severity || f.severity === severity) && (!doc || f.doc === doc) &&
        !(hide && isDecided(f));
      state.nodes[f.id].card.hidden = !shown;
      if (shown) { state.visible.push(f.id); }
    });
    state.cursor = keep ? state.visible.indexOf(keep.id) : -1;
    if (state.cursor < 0 && state.visible.length) { select(state.visible[0]); } else { updateCounter(); }
  }

  function updateCounter() {
    var all = state.data.findings, decided = all.filter(isDecided).length;
    var text = isStatic ? "已处理 " + decided + " / 共 " + all.length : "剩余 " + (all.length - decided) + " / 共 " + all.length;
    if (state.visible.length !== all.length) { text += "（显示 " + state.visible.length + " 条）"; }
    if (state.data.stale) { text += " · " + state.data.stale + " 条决定已不对应任何问题"; }
    $("counter").textContent = text;
    if (!isStatic) { updateBulk(); }
  }

"""

QUEUE = r"""
  function select(id) {
    document.querySelectorAll(".finding.current").forEach(function (card) { card.classList.remove("current"); });
    state.cursor = state.visible.indexOf(id);
    if (state.cursor >= 0) {
      state.nodes[id].card.classList.add("current");
      state.nodes[id].card.scrollIntoView({block: "nearest"});
    }
    updateCounter();
  }

  function reveal(id) {
    if (state.visible.indexOf(id) < 0) {
      ["f-rule", "f-severity", "f-doc"].forEach(function (name) { $(name).value = ""; });
      $("f-hide").checked = false;
      applyFilters();
    }
    select(id);
  }

  function current() { return state.data.findings[state.visible[state.cursor]]; }

  function move(step) {
    if (!state.visible.length) { return; }  // the filters hide everything: nowhere to go
    select(state.visible[Math.max(0, Math.min(state.visible.length - 1, state.cursor + step))]);
  }

  function nextUndecided(from) {
    var order = state.visible.slice(from).concat(state.visible.slice(0, from));
    return order.filter(function (id) {
      var f = state.data.findings[id];
      return !isDecided(f) && !state.skipped[f.fingerprint];
    })[0];
  }

  function refresh(next) {
    state.data.findings.forEach(renderStatus);
    applyFilters();
    if (next !== undefined) { select(next); }
  }

  function decide(f, verdict, reason) {
    request("/api/decision", null, {fingerprint: f.fingerprint, decision: verdict, reason: reason}).then(function (result) {
      applyResult(result);
      delete state.skipped[f.fingerprint];
      closeReason(f);
      showError("");
      refresh(nextUndecided(state.cursor + 1));
    }).catch(function (error) { showError("保存失败：" + error.message); });
  }

  function askReason(f) {
    var node = state.nodes[f.id], decision = state.data.decisions[f.fingerprint];
    node.form.hidden = false;
    if (decision && decision.decision === "dismissed" && !node.input.value) { node.input.value = decision.reason || ""; }
    node.input.focus();
  }

  function closeReason(f) {
    state.nodes[f.id].form.hidden = true;
    state.nodes[f.id].input.blur();
  }

  function skip(f) {
    state.skipped[f.fingerprint] = true;
    refresh(nextUndecided(state.cursor + 1));
  }

  function onKey(event) {
    var tag = (event.target.tagName || "").toLowerCase(), f = current();
    if (event.ctrlKey || event.metaKey || event.altKey || tag === "input" || tag === "select" || tag === "textarea") {
      return;  // a browser shortcut or typing in a field: not ours
    }
    var actions = {j: function () { move(1); }, k: function () { move(-1); }};
    if (!isStatic) { actions.z = undo; }
    if (!isStatic && f) {
      actions.a = function () { decide(f, "accepted", ""); };
      actions.d = function () { askReason(f); };
      actions.s = function () { skip(f); };
      actions.c = function () { askComment(f); };
    }
    if (!actions[event.key]) { return; }  // not a review key: leave it to the browser
    event.preventDefault();
    actions[event.key]();
  }

  function renderQueue(keep) {
    var queue = $("queue");
    queue.textContent = "";
    state.nodes = {};
    state.visible = [];
    state.cursor = -1;
    state.data.findings.forEach(function (f) { queue.appendChild(renderCard(f)); });
    $("empty").hidden = state.data.findings.length > 0;
    refresh(undefined);
    var again = state.data.findings.filter(function (f) { return f.fingerprint === keep; })[0];
    var first = again ? again.id : nextUndecided(0);
    if (first !== undefined) { select(first); }
    document.body.dataset.version = String(state.data.version || "");
  }

  function start(data) {
    state.data = data;
    state.undo = data.undo || 0;
    setupFilters();
    $("reviewer").textContent = data.reviewer ? "审阅人：" + data.reviewer : "";
    document.body.classList.toggle("static", isStatic);
    renderQueue(null);
    document.addEventListener("keydown", onKey);
    if (!isStatic) { setupDesk(); }
    document.body.dataset.ready = "true";
  }

  if (isStatic) {
    start(JSON.parse(dataNode.textContent));
  } else {
    request("/api/findings").then(start).catch(function (error) { showError("无法载入问题列表：" + error.message); });
  }
})();
"""
