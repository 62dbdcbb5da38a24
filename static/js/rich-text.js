// The best-practice form's body editor: Trix (static/vendor/trix/) in place of the
// plain textarea rendered by submissions/widgets/rich_text.html. The textarea stays
// the fallback without JavaScript; here its HTML (data-html) goes into the editor's
// hidden input, and the format input says "html" so the server reads it as HTML.
// The server cleans whatever is posted with the body's rich-text rules.
(function () {
  "use strict";
  if (!window.Trix) {
    return;
  }
  // Return starts a new paragraph (a block), as in a word processor; Shift+Return
  // breaks the line.
  Trix.config.blockAttributes["default"].breakOnReturn = true;
  // The page body has headings from <h2>; Trix's one heading is an <h1>.
  Trix.config.blockAttributes.heading1.tagName = "h2";
  Trix.config.blockAttributes.subheading = {
    tagName: "h3",
    terminal: true,
    breakOnReturn: true,
    group: false,
  };

  var BUTTONS = [
    ["Heading", "data-trix-attribute", "heading1"],
    ["Subheading", "data-trix-attribute", "subheading"],
    ["Bold", "data-trix-attribute", "bold", "b"],
    ["Italic", "data-trix-attribute", "italic", "i"],
    ["Bulleted list", "data-trix-attribute", "bullet"],
    ["Numbered list", "data-trix-attribute", "number"],
    ["Link", "data-trix-attribute", "href", "k", "link"],
    ["Undo", "data-trix-action", "undo", "z"],
    ["Redo", "data-trix-action", "redo", "shift+z"],
  ];

  function toolbar(id) {
    var bar = document.createElement("trix-toolbar");
    bar.id = id;
    var row = document.createElement("div");
    row.className = "rich-text__buttons";
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", "Text formatting");
    BUTTONS.forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "rich-text__button";
      button.textContent = spec[0];
      button.setAttribute(spec[1], spec[2]);
      if (spec[3]) {
        button.setAttribute("data-trix-key", spec[3]);
      }
      if (spec[4]) {
        button.setAttribute("data-trix-action", spec[4]);
      }
      if (spec[1] === "data-trix-attribute") {
        button.setAttribute("aria-pressed", "false");
      }
      row.appendChild(button);
    });
    bar.appendChild(row);

    var dialogs = document.createElement("div");
    dialogs.setAttribute("data-trix-dialogs", "");
    var dialog = document.createElement("div");
    dialog.className = "rich-text__dialog";
    dialog.setAttribute("data-trix-dialog", "href");
    dialog.setAttribute("data-trix-dialog-attribute", "href");
    var label = document.createElement("label");
    label.htmlFor = id + "-href";
    label.textContent = "Link address";
    var input = document.createElement("input");
    input.type = "url";
    input.name = "href";
    input.id = id + "-href";
    input.className = "rich-text__href";
    input.placeholder = "https://";
    input.required = true;
    input.setAttribute("data-trix-input", "");
    // Not part of the form: only the editor reads it.
    input.setAttribute("form", id + "-none");
    dialog.append(label, input);
    [["Add link", "setAttribute"], ["Remove link", "removeAttribute"]].forEach(function (spec) {
      var action = document.createElement("input");
      action.type = "button";
      action.className = "rich-text__button";
      action.value = spec[0];
      action.setAttribute("data-trix-method", spec[1]);
      dialog.appendChild(action);
    });
    dialogs.appendChild(dialog);
    bar.appendChild(dialogs);
    return bar;
  }

  function enhance(textarea) {
    var form = textarea.form;
    var format = form.querySelector("[data-rich-text-format]");
    var label = form.querySelector('label[for="' + textarea.id + '"]');

    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = textarea.name;
    hidden.id = textarea.id + "_html";
    hidden.value = textarea.getAttribute("data-html") || "";

    var bar = toolbar(textarea.id + "_toolbar");
    var editor = document.createElement("trix-editor");
    editor.id = textarea.id;
    editor.className = "rich-text__editor";
    editor.setAttribute("input", hidden.id);
    editor.setAttribute("toolbar", bar.id);
    ["aria-describedby", "aria-invalid"].forEach(function (name) {
      if (textarea.hasAttribute(name)) {
        editor.setAttribute(name, textarea.getAttribute(name));
      }
    });
    if (label) {
      label.id = label.id || textarea.id + "_label";
      editor.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function () {
        editor.focus();
      });
    }

    var wrapper = document.createElement("div");
    wrapper.className = "rich-text";
    wrapper.append(hidden, bar, editor);
    textarea.replaceWith(wrapper);
    if (format) {
      format.value = "html";
    }

    // No files in the body: attachments go in the form's own attachment field.
    editor.addEventListener("trix-file-accept", function (event) {
      event.preventDefault();
    });
    // Trix's toolbar acts on mousedown (so a mouse keeps the editor's selection);
    // a button pressed with Enter or Space only clicks. Hand those clicks to Trix,
    // then return to the text unless a dialog (the link's address) opened.
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-trix-attribute], button[data-trix-action]");
      if (!button || event.detail !== 0 || button.disabled) {
        return;
      }
      button.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, cancelable: true }));
      window.requestAnimationFrame(function () {
        if (!bar.querySelector("[data-trix-dialog][data-trix-active]")) {
          editor.focus();
        }
      });
    });
    // Say which formats apply where the cursor is, for screen readers.
    editor.addEventListener("trix-selection-change", function () {
      window.requestAnimationFrame(function () {
        bar.querySelectorAll("button[aria-pressed]").forEach(function (button) {
          button.setAttribute("aria-pressed", String(button.classList.contains("trix-active")));
        });
      });
    });
  }

  document.querySelectorAll("textarea[data-rich-text]").forEach(enhance);
})();
