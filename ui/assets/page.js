// The page's behaviour that Gradio does not give: links from answers into the plan (Lähde), related
// questions and feedback buttons inside answers, plain-text copying, scrolling to a new answer's start,
// and Finnish names for controls that libraries label in English. Strings come from window.kayttoTexts.
(() => {
  const k = (window.kaytto = window.kaytto || {});
  const T = window.kayttoTexts || {};
  let pending = "";
  document.documentElement.lang = "fi";

  // The bridge: a hidden Gradio button whose event reads `pending` as its first input (ui/events.py).
  k.take = () => {
    const value = pending;
    pending = "";
    return value;
  };
  const send = (buttonId, value) => {
    const button = document.getElementById(buttonId);
    if (!button) return false;
    pending = value;
    button.click();
    return true;
  };

  k.jump = (target) => {
    document.querySelectorAll("#source-text li[tabindex]").forEach((line) => line.removeAttribute("tabindex"));
    k.jumping = true;
    send("bridge-jump", target);
  };

  // After a jump: scroll the first cited line into view and move focus there (or to the section).
  k.showCited = () => {
    let tries = 0;
    const go = () => {
      const line = document.querySelector('#source-text li[tabindex="-1"]');
      if (!line && tries++ < 40) return setTimeout(go, 50);
      const target = line || document.querySelector("#source-text .source-view");
      if (!target) return;
      if (!line) target.setAttribute("tabindex", "-1");
      target.scrollIntoView({ block: line ? "center" : "start" });
      target.focus({ preventScroll: true });
      k.jumping = false;
    };
    setTimeout(go, 30);
  };

  const announce = (text) => {
    let live = document.getElementById("kaytto-live");
    if (!live) {
      live = document.createElement("div");
      live.id = "kaytto-live";
      live.className = "visually-hidden";
      live.setAttribute("role", "status");
      document.body.appendChild(live);
    }
    live.textContent = "";
    setTimeout(() => (live.textContent = text), 50);
  };

  k.copy = async (text, button) => {
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch (error) {
      // Plain http on another host has no clipboard API: the old way still works there.
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try {
        ok = document.execCommand("copy");
      } catch (ignored) {}
      area.remove();
    }
    k.copied = ok ? text : "";
    announce(ok ? T.copied : T.copyFailed);
    if (button && ok) {
      const label = button.textContent;
      button.textContent = T.copied;
      setTimeout(() => (button.textContent = label), 2000);
    }
    return ok;
  };

  k.conversationText = () => {
    const parts = [];
    document.querySelectorAll("#chat .question, #chat .answer").forEach((element) => {
      if (element.classList.contains("question")) {
        parts.push(`${T.question}: ${element.textContent.trim()}`);
      } else {
        const plain = element.querySelector(".answer-plain");
        parts.push(`${T.answer}: ${(plain ? plain.textContent : element.innerText).trim()}`);
      }
    });
    return parts.join("\n\n");
  };
  k.copyConversation = () => k.copy(k.conversationText(), document.getElementById("copy-all"));

  k.focusComment = () => {
    let tries = 0;
    const go = () => {
      const box = document.querySelector("#comment textarea");
      if ((!box || !box.offsetParent) && tries++ < 40) return setTimeout(go, 50);
      box?.focus();
    };
    setTimeout(go, 30);
  };

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const link = target.closest('a[href^="#lahde:"]');
    if (link) {
      event.preventDefault();
      k.jump(decodeURIComponent(link.getAttribute("href").slice("#lahde:".length)));
      return;
    }
    const skip = target.closest("a.skip-link");
    if (skip) {
      event.preventDefault();
      document.querySelector("#question textarea")?.focus();
      return;
    }
    const suggestion = target.closest("button.ask-suggestion");
    if (suggestion) {
      send("bridge-ask", suggestion.textContent.trim());
      return;
    }
    const vote = target.closest("button.feedback-yes, button.feedback-no");
    if (vote) {
      const answer = vote.closest('.answer[id^="vastaus-"]');
      if (answer) send("bridge-vote", `${answer.id.slice("vastaus-".length)}:${vote.classList.contains("feedback-yes") ? "yes" : "no"}`);
      return;
    }
    const copy = target.closest("button.copy-answer");
    if (copy) {
      const plain = copy.closest(".answer")?.querySelector(".answer-plain");
      k.copy(plain ? plain.textContent : "", copy);
    }
  });

  // New answers: scroll to their first line (not to the end of a long answer). Re-rendered ones
  // (after feedback) keep their id and do not move the page.
  const seen = new Set();
  let errors = 0;
  let ready = false;
  const onNewAnswers = () => {
    const answers = document.querySelectorAll('#chat .answer[id^="vastaus-"]');
    let newest = null;
    answers.forEach((answer) => {
      if (!seen.has(answer.id)) {
        seen.add(answer.id);
        newest = answer;
      }
    });
    const failed = document.querySelectorAll("#chat .answer-error");
    if (failed.length > errors) newest = failed[failed.length - 1];
    errors = failed.length;
    if (newest && ready) newest.scrollIntoView({ block: "start" });
  };

  // Finnish names where libraries give English ones (Plotly's toolbar, Gradio's message labels).
  const PLOTLY = T.plotly || {};
  const relabel = () => {
    document.querySelectorAll('[data-testid="bot"][aria-label], [data-testid="user"][aria-label]').forEach((element) =>
      element.removeAttribute("aria-label")
    );
    document.querySelectorAll(".modebar-btn").forEach((button) => {
      const english = button.getAttribute("data-title");
      const finnish = PLOTLY[english];
      if (finnish) {
        button.setAttribute("data-title", finnish);
        button.setAttribute("aria-label", finnish);
      }
      if (!button.getAttribute("role")) button.setAttribute("role", "button");
    });
    document.querySelectorAll("a.plotlyjs_logo, .modebar-btn--logo").forEach((logo) => logo.setAttribute("aria-label", PLOTLY["Produced with Plotly.js"] || "Plotly"));
    Object.entries(T.gradio || {}).forEach(([english, finnish]) => {
      document.querySelectorAll(`[aria-label="${english}"]`).forEach((element) => element.setAttribute("aria-label", finnish));
      document.querySelectorAll(`[title="${english}"]`).forEach((element) => element.setAttribute("title", finnish));
    });
  };

  let scheduled = false;
  new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      relabel();
      onNewAnswers();
    });
  }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-label", "data-title"] });

  // A link such as https://…/#lahde:kuvaus/vaka:12-15 opens that place once the page is ready.
  const start = () => {
    if (!document.getElementById("bridge-jump")) return setTimeout(start, 100);
    onNewAnswers();
    ready = true;
    if (location.hash.startsWith("#lahde:")) {
      k.jump(decodeURIComponent(location.hash.slice("#lahde:".length)));
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
