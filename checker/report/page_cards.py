"""The review page's card renderer (a fragment of its script): one finding's evidence as DOM nodes.

Every piece of article text goes in through textContent or a text node, never as markup. The
fragment shares the scope that page_script opens (state, el, request, decide, select …).
"""

CARDS = r"""
  var SAFE_LINK = /^(?!(?:javascript|data|vbscript|blob):)[a-z][a-z0-9+.-]*:/i;  // an editor's scheme, never script

  function renderStatus(f) {
    var node = state.nodes[f.id], decision = state.data.decisions[f.fingerprint];
    var text = "";
    if (decision) {
      text = (LABEL[decision.decision] || decision.decision) + (decision.reason ? "：" + decision.reason : "");
      if (decision.reviewer) { text += " — " + decision.reviewer + (decision.at ? " " + decision.at : ""); }
    } else if (state.skipped[f.fingerprint]) {
      text = "已跳过";
    }
    node.status.textContent = text;
    var note = (state.data.comments || {})[f.fingerprint] || (decision && decision.comment) || "";
    node.comment.textContent = note ? "备注：" + note : "";
    node.comment.hidden = !note;
    node.card.classList.toggle("decided", Boolean(decision));
    node.card.dataset.decision = decision ? decision.decision : "";
  }

  function renderQuote(q) {
    var box = el("blockquote", "quote"), loc = el("div", "loc", q.doc + ":" + q.line + ":" + q.col);
    box.appendChild(loc);
    var sentence = el("p", "sentence");
    q.segments.forEach(function (s) {
      var node = el(s.mark ? "mark" : "span", s.context ? "context" : "", s.text);
      if (s.role) { node.title = ROLE[s.role] || s.role; }
      sentence.appendChild(node);
    });
    box.appendChild(sentence);
    if (q.open && SAFE_LINK.test(q.open)) {
      var open = el("a", "open", "在编辑器中打开");
      open.href = q.open;
      open.title = q.doc + " 第 " + q.line + " 行";
      open.addEventListener("click", function (event) { event.stopPropagation(); });
      loc.appendChild(open);
    }
    if (!isStatic) {
      var full = el("button", "full", "全文");
      full.type = "button";
      full.addEventListener("click", function (event) { event.stopPropagation(); toggleFullText(box, q); });
      loc.appendChild(full);
    }
    return box;
  }

  function toggleFullText(box, q) {
    var shown = box.querySelector(".fulltext");
    if (shown) { shown.remove(); return; }  // a second click folds the full text away
    request("/api/doc", {index: q.doc_index}).then(function (doc) {
      var pre = el("pre", "fulltext"), pos = 0;
      q.marks.forEach(function (m) {
        if (m[0] < pos) { return; }  // inside the figure just marked
        pre.appendChild(document.createTextNode(doc.text.slice(pos, m[0])));
        pre.appendChild(el("mark", "", doc.text.slice(m[0], m[1])));
        pos = m[1];
      });
      pre.appendChild(document.createTextNode(doc.text.slice(pos)));
      box.appendChild(pre);
      var first = pre.querySelector("mark");
      if (first) { first.scrollIntoView({block: "center"}); }
    }).catch(function (error) { showError("无法读取全文：" + error.message); });
  }

  function labelled(label, text, cls) {
    var p = el("p", cls);
    p.appendChild(el("b", "", label + "："));
    p.appendChild(document.createTextNode(text));
    return p;
  }

  function renderRelated(f) {
    var box = el("div", "related");
    box.appendChild(el("b", "", "同一事实的其他问题："));
    f.same_fact.forEach(function (n) {
      var other = state.data.findings[n];
      var link = el("a", "", other.rule + " — " + other.message);
      link.href = "#f" + n;
      link.addEventListener("click", function (event) { event.preventDefault(); event.stopPropagation(); reveal(n); });
      box.appendChild(link);
    });
    return box;
  }

  function button(cls, text, f, action) {
    var node = el("button", cls, text);
    node.type = "button";
    node.addEventListener("click", function (event) { event.stopPropagation(); select(f.id); action(); });
    return node;
  }

  function inputForm(cls, input, label, placeholder, limit, okClass, okText) {
    var form = el("form", cls), ok = el("button", okClass, okText), cancel = el("button", "cancel", "取消");
    form.hidden = true;
    input.maxLength = limit;
    input.placeholder = placeholder;
    input.setAttribute("aria-label", label);
    ok.type = "submit";
    cancel.type = "button";
    form.append(input, ok, cancel);
    return form;
  }

  function renderActions(f) {
    var box = el("div", "actions");
    box.appendChild(button("accept", "接受 (a)", f, function () { decide(f, "accepted", ""); }));
    box.appendChild(button("dismiss", "驳回 (d)", f, function () { askReason(f); }));
    box.appendChild(button("skip", "跳过 (s)", f, function () { skip(f); }));
    box.appendChild(button("add-comment", "备注 (c)", f, function () { askComment(f); }));
    var input = el("input");
    var form = inputForm("reason", input, "驳回理由", "驳回理由：为什么这是误报", 500, "confirm", "确定驳回");
    var cancel = form.querySelector("button.cancel");
    input.type = "text";
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!input.value.trim()) { showError("请填写驳回理由"); input.focus(); return; }  // a dismissal needs a why
      decide(f, "dismissed", input.value.trim());
    });
    cancel.addEventListener("click", function (event) { event.stopPropagation(); closeReason(f); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); closeReason(f); }
    });
    box.appendChild(form);
    box.appendChild(renderCommentForm(f));
    state.nodes[f.id].form = form;
    state.nodes[f.id].input = input;
    return box;
  }

  function renderCard(f) {
    var card = el("article", "finding sev-" + f.severity), head = el("header");
    var home = f.quotes.filter(function (q) { return q.doc === f.doc; })[0] || f.quotes[0];
    card.id = "f" + f.id;
    card.dataset.id = f.id;
    state.nodes[f.id] = {card: card, status: el("span", "status"), comment: el("p", "comment")};
    head.appendChild(el("span", "sev", SEVERITY[f.severity] || f.severity));
    head.appendChild(el("code", "rule", f.rule));
    head.appendChild(el("span", "where", f.doc + (home ? ":" + home.line + ":" + home.col : "")));
    head.appendChild(state.nodes[f.id].status);
    card.appendChild(head);
    card.appendChild(el("p", "message", f.message));
    f.quotes.forEach(function (q) { card.appendChild(renderQuote(q)); });
    if (f.arithmetic) { card.appendChild(labelled("计算", f.arithmetic, "arith")); }
    if (f.suggestion) { card.appendChild(labelled("建议", f.suggestion, "suggest")); }
    if (f.inferred_date) { card.appendChild(el("p", "note", "注意：此结论依赖推断的发布日期")); }
    if (f.same_fact.length) { card.appendChild(renderRelated(f)); }
    state.nodes[f.id].comment.hidden = true;
    card.appendChild(state.nodes[f.id].comment);
    if (!isStatic) { card.appendChild(renderActions(f)); }
    card.appendChild(el("p", "fp", "fingerprint " + f.fingerprint));
    card.addEventListener("click", function () { select(f.id); });
    return card;
  }
"""
