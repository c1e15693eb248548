"""The review page's desk tools (a fragment of its script): undo, bulk decisions, comments, live reload.

Served mode only. Every change goes through the server, which keeps the undo steps; the page polls
/api/state and fetches the queue again when an article or the decisions file changed on disk. The
fragment shares the scope that page_script opens (state, el, request, refresh, select …).
"""

DESK = r"""
  var POLL_MS = 1500;

  function notice(text) { $("notice").textContent = text || ""; }

  function applyResult(result) {
    state.data.decisions = result.decisions;
    state.data.comments = result.comments || {};
    state.data.stale = result.stale;
    if (result.undo !== undefined) { state.undo = result.undo; }
  }

  function undo() {
    request("/api/undo", null, {}).then(function (result) {
      applyResult(result);
      showError("");
      var first = state.data.findings.filter(function (f) { return result.undone.indexOf(f.fingerprint) >= 0; })[0];
      refresh(undefined);
      if (first) { reveal(first.id); }
      notice("已撤销：" + result.undone.length + " 条");
    }).catch(function (error) { showError("撤销失败：" + error.message); });
  }

  function bulkTargets() {
    return state.visible.map(function (id) { return state.data.findings[id]; }).filter(function (f) {
      return !isDecided(f);
    });
  }

  function updateBulk() {
    var scoped = Boolean($("f-rule").value || $("f-doc").value), count = bulkTargets().length;
    $("bulk").hidden = !scoped;  // one rule or one article at a time: never the whole queue by accident
    $("bulk-count").textContent = "本规则/文章未处理的 " + count + " 条：";
    $("bulk-accept").disabled = count === 0;
    $("bulk-dismiss").disabled = count === 0;
  }

  function bulk(verdict) {
    var targets = bulkTargets(), reason = $("bulk-reason").value.trim();
    if (!targets.length) { return; }  // nothing undecided is shown: nothing to do
    if (verdict === "dismissed" && !reason) { showError("批量驳回须填写理由"); $("bulk-reason").focus(); return; }
    var fingerprints = targets.map(function (f) { return f.fingerprint; });
    var body = {fingerprints: fingerprints, decision: verdict, reason: reason};
    request("/api/decisions", null, body).then(function (result) {
      applyResult(result);
      $("bulk-reason").value = "";
      showError("");
      refresh(nextUndecided(0));
      notice((verdict === "accepted" ? "已接受 " : "已驳回 ") + fingerprints.length + " 条（z 撤销）");
    }).catch(function (error) { showError("批量保存失败：" + error.message); });
  }

  function askComment(f) {
    var node = state.nodes[f.id];
    node.cform.hidden = false;
    node.cinput.value = (state.data.comments || {})[f.fingerprint] || "";
    node.cinput.focus();
  }

  function closeComment(f) {
    state.nodes[f.id].cform.hidden = true;
    state.nodes[f.id].cinput.blur();
  }

  function saveComment(f, text) {
    request("/api/comment", null, {fingerprint: f.fingerprint, comment: text}).then(function (result) {
      applyResult(result);
      closeComment(f);
      showError("");
      refresh(undefined);
    }).catch(function (error) { showError("备注保存失败：" + error.message); });
  }

  function renderCommentForm(f) {
    var input = el("textarea"), hint = "备注：给同事或作者的话（Enter 保存，Shift+Enter 换行，Esc 取消）";
    var form = inputForm("comment-form", input, "备注", hint, 2000, "save-comment", "保存备注");
    var cancel = form.querySelector("button.cancel");
    input.rows = 2;
    form.addEventListener("submit", function (event) { event.preventDefault(); saveComment(f, input.value.trim()); });
    cancel.addEventListener("click", function (event) { event.stopPropagation(); closeComment(f); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); closeComment(f); }
      if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); saveComment(f, input.value.trim()); }
    });
    state.nodes[f.id].cform = form;
    state.nodes[f.id].cinput = input;
    return form;
  }

  function reloadQueue(rebuild) {
    return request("/api/findings").then(function (data) {
      if (rebuild) {
        var keep = current();
        state.data = data;
        fillFilters();
        renderQueue(keep ? keep.fingerprint : null);
        notice("文章已在磁盘上修改，已重新检查");
      } else {
        applyResult(data);
        refresh(undefined);
      }
    });
  }

  function poll() {
    request("/api/state").then(function (now) {
      state.undo = now.undo;
      if (now.version !== state.data.version) { state.stamp = now.decisions; return reloadQueue(true); }
      if (now.decisions !== state.stamp) { state.stamp = now.decisions; return reloadQueue(false); }
    }).then(function () {
      if ($("error").textContent.indexOf("重新载入失败") === 0) { showError(""); }
    }, function (error) {
      showError("重新载入失败：" + error.message);
    }).then(function () { setTimeout(poll, POLL_MS); });
  }

  function setupDesk() {
    $("bulk-accept").addEventListener("click", function () { bulk("accepted"); });
    $("bulk-dismiss").addEventListener("click", function () { bulk("dismissed"); });
    $("bulk-reason").addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); bulk("dismissed"); }
    });
    updateBulk();
    setTimeout(poll, POLL_MS);
  }
"""
