/* The readout page's "Cite" section, and each changed statement's "Cite this version" blocks:
   a "Copy" button for each form of a citation, and a status line in each block that says what
   was copied.
   Progressive enhancement: without this script the citations are plain, selectable text and no
   button is shown. Copies with the Clipboard API (Chicago and APA also as HTML, keeping APA's
   italics); where that is missing or refused, selects the text so the reader can copy it. */
(function () {
  "use strict";

  // A block's status line: say(message) shows it for a while.
  function statusLine(status) {
    var timer;
    return function say(message) {
      // Emptied first, so that saying the same thing twice is announced twice.
      status.textContent = "";
      window.clearTimeout(timer);
      window.setTimeout(function () { status.textContent = message; }, 50);
      timer = window.setTimeout(function () { status.textContent = ""; }, 6000);
    };
  }

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function writeToClipboard(element) {
    var text = element.textContent;
    if (element.tagName !== "PRE" && window.ClipboardItem && navigator.clipboard.write) {
      var item = new window.ClipboardItem({
        "text/plain": new Blob([text], { type: "text/plain" }),
        "text/html": new Blob([element.innerHTML], { type: "text/html" })
      });
      return navigator.clipboard.write([item]).catch(function () {
        return navigator.clipboard.writeText(text);
      });
    }
    return navigator.clipboard.writeText(text);
  }

  function copy(element, label, say) {
    if (navigator.clipboard && window.isSecureContext) {
      writeToClipboard(element).then(
        function () { say("Copied the " + label + "."); },
        function () {
          select(element);
          say("Selected the " + label + ": press Ctrl+C (or ⌘C) to copy it.");
        }
      );
      return;
    }
    // Without the Clipboard API (an address that is not https), the older command, then selection.
    select(element);
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    say(copied ? "Copied the " + label + "." : "Selected the " + label + ": press Ctrl+C (or ⌘C) to copy it.");
  }

  Array.prototype.forEach.call(document.querySelectorAll("#cite, .cite-version"), function (block) {
    var say = statusLine(block.querySelector(".cite__status"));
    Array.prototype.forEach.call(block.querySelectorAll("[data-copy]"), function (element) {
      var label = element.getAttribute("data-copy");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cite__copy";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy the " + label);
      button.addEventListener("click", function () { copy(element, label, say); });
      element.parentNode.appendChild(button);
    });
  });
})();
