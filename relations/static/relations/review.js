/* The meeting page's review keys: v verifies, r rejects (both save the page first and open the
   next meeting to review), n skips to the next one. Keys typed into a field are left alone. */
"use strict";
document.addEventListener("keydown", function (event) {
  if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
  var target = event.target;
  if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName))) return;
  if (document.querySelector(".select2-container--open")) return;
  var ids = { v: "verify-next", r: "reject-next", n: "review-skip" };
  var element = ids[event.key] && document.getElementById(ids[event.key]);
  if (!element) return;
  event.preventDefault();
  element.click();
});
