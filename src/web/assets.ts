/**
 * The web app's only stylesheet and script, served from our own origin so the CSP needs no
 * inline code. The script only improves pages that work without it: it keeps the session
 * open, shows times in local time, starts the download, opens result dialogs modally and
 * carries what the person typed across a UI language switch.
 * The icon is a small SVG, so the pages' `img-src 'self'` covers it.
 */

export const STYLESHEET = `
:root { color-scheme: light; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; background: #f5f6f8; color: #1b1f24; }
header, main, footer { max-width: 44rem; margin: 0 auto; padding: 1rem; }
header { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: baseline; font-size: .9375rem; }
/* The sign-in line takes the room the language links leave and wraps inside itself, so a long
   translation or name breaks before the sign-out button instead of pushing it onto a row of
   its own; only when even 14rem is not left (phones) does it move below the languages. */
header form { flex: 1 1 14rem; display: flex; flex-wrap: wrap; justify-content: flex-end;
  align-items: baseline; gap: 0 .5rem; text-align: right; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
main { background: #fff; border-radius: .5rem; box-shadow: 0 1px 3px #0002; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.15rem; line-height: 1.3; margin: 1.5rem 0 .5rem; }
label, legend { display: block; font-weight: 600; margin-top: 1rem; }
fieldset { border: 0; padding: 0; margin: 1rem 0 0; min-width: 0; }
fieldset legend { margin: 0 0 .25rem; padding: 0; }
.options { display: flex; flex-wrap: wrap; gap: .25rem 2rem; }
.option { display: inline-flex; align-items: center; gap: .5rem; min-height: 2.25rem; }
.option input { width: 1.25rem; height: 1.25rem; margin: 0; }
.option label { margin: 0; font-weight: normal; }
input[type=text], input[type=password], input[type=date], textarea, select {
  display: block; width: 100%; box-sizing: border-box; padding: .5rem; font: inherit;
  border: 1px solid #6b7280; border-radius: .25rem; }
textarea { min-height: 6rem; }
button, .button { display: inline-block; margin-top: 1.25rem; margin-right: .5rem; padding: .6rem 1.2rem;
  font: inherit; border-radius: .25rem; border: 1px solid #1d4ed8; background: #1d4ed8; color: #fff;
  cursor: pointer; text-decoration: none; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; margin-top: 1.5rem; }
.actions button { margin: 0; }
button.secondary { background: #fff; color: #1d4ed8; }
.link-button { background: none; border: 0; color: #1d4ed8; text-decoration: underline; padding: 0; margin: 0; }
:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.error { color: #b91c1c; font-weight: 600; }
/* The doubled attribute outranks input[type=…] above, so invalid date inputs turn red too. */
[aria-invalid=true][aria-invalid] { border-color: #b91c1c; border-width: 2px; }
.error-summary { border: 2px solid #b91c1c; border-radius: .25rem; padding: .25rem 1rem; margin: 1rem 0; }
.error-summary ul { margin: 0 0 .75rem; padding-left: 1.25rem; }
.error-summary a { color: #b91c1c; }
.hint { color: #4b5563; font-size: .9rem; }
dl.data { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.data dt { font-weight: 600; }
dl.data dd { margin: 0; white-space: pre-wrap; }
ul.templates { list-style: none; padding: 0; }
ul.templates li { border: 1px solid #d1d5db; border-radius: .25rem; padding: .75rem; margin-bottom: .75rem; }
ul.templates h2 { font-size: 1.05rem; margin: 0; }
ul.templates p { margin: .25rem 0 0; }
ul.templates .button { margin-top: .75rem; }
nav.languages { display: flex; flex-wrap: wrap; gap: .25rem .75rem; }
nav.languages a[aria-current] { font-weight: 700; }
dialog { max-width: 30rem; border: 1px solid #6b7280; border-radius: .5rem; }
dialog h2 { margin-top: 0; }
dialog::backdrop { background: #0006; }
.done { color: #166534; }
.failed { color: #b91c1c; }
`;

export const SCRIPT = `"use strict";
(function () {
  var lang = document.documentElement.lang || undefined;
  function showTimes() {
    document.querySelectorAll("time[data-local]").forEach(function (el) {
      var when = new Date(el.getAttribute("datetime"));
      if (!isNaN(when)) el.textContent = when.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
    });
  }
  showTimes();

  var keep = document.querySelector("[data-keep-alive]");
  if (keep) {
    setInterval(function () {
      fetch(keep.getAttribute("data-keep-alive"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "x-csrf-token": keep.getAttribute("data-token") }
      }).then(function (res) { return res.ok ? res.json() : null; }).then(function (body) {
        if (!body || !body.expiresAt) return;
        document.querySelectorAll("time[data-local]").forEach(function (el) {
          el.setAttribute("datetime", body.expiresAt);
        });
        showTimes();
      }).catch(function () {});
    }, 4 * 60 * 1000);
  }

  document.querySelectorAll("dialog[data-modal]").forEach(function (dialog) {
    if (typeof dialog.showModal !== "function") return;
    dialog.close();
    dialog.showModal();
  });

  // On the form, a language link posts the form's current values to the switch route (which
  // generates nothing) instead of reloading the session's values. The action is put back at
  // once: the submission has already captured it, and Create must still generate.
  var form = document.querySelector("form[data-language-switch]");
  if (form) {
    document.querySelectorAll("nav.languages a[hreflang]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        // A link opened in a new tab or window stays a plain link.
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        var action = form.getAttribute("action");
        form.setAttribute("action", form.getAttribute("data-language-switch") + "?lang=" + link.hreflang);
        form.submit();
        form.setAttribute("action", action);
      });
    });
  }

  var download = document.querySelector("a[data-auto-download]");
  if (download) setTimeout(function () { download.click(); }, 300);
})();
`;

/** A document with a folded corner, in the buttons' blue. */
export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<path d="M7 2h13l7 7v21H7z" fill="#1d4ed8"/><path d="M20 2v7h7" fill="#93c5fd"/>
<path d="M11 16h12M11 20h12M11 24h8" stroke="#fff" stroke-width="2"/></svg>
`;
