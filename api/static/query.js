// The query page's enhancements: SPARQL syntax highlighting behind the textarea, Ctrl+Enter to run, and a
// button that copies the shareable link. Without this script the page still works: the editor is a plain
// textarea in a GET form, so the page URL (?query=…) is the link to share.
(function () {
  "use strict";

  var KEYWORDS = ("SELECT|CONSTRUCT|DESCRIBE|ASK|WHERE|FROM|NAMED|PREFIX|BASE|OPTIONAL|FILTER|UNION|MINUS|GRAPH|" +
    "SERVICE|BIND|VALUES|AS|DISTINCT|REDUCED|ORDER|BY|GROUP|HAVING|LIMIT|OFFSET|ASC|DESC|NOT|EXISTS|IN|" +
    "COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT|SEPARATOR|STR|LANG|LANGMATCHES|DATATYPE|BOUND|IRI|URI|BNODE|" +
    "COALESCE|IF|REGEX|CONTAINS|STRSTARTS|STRENDS|LCASE|UCASE|CONCAT|YEAR|MONTH|DAY|NOW|ISIRI|ISURI|ISBLANK|" +
    "ISLITERAL|SAMETERM|a|true|false").split("|");
  var KEYWORD_SET = {};
  KEYWORDS.forEach(function (word) { KEYWORD_SET[word.toUpperCase()] = true; });

  // One pass over the text; the order of the alternatives matters: strings and IRIs before comments,
  // so a «#» inside <…#term> or "…#…" is not read as the start of a comment.
  var TOKEN = new RegExp([
    '("""[\\s\\S]*?"""|\'\'\'[\\s\\S]*?\'\'\'|"(?:[^"\\\\\\n]|\\\\.)*"|\'(?:[^\'\\\\\\n]|\\\\.)*\')', // 1 string
    "(<[^<>\"{}|^`\\\\\\s]*>)",                                   // 2 IRI
    "(#[^\\n]*)",                                                 // 3 comment
    "([?$][A-Za-z0-9_\\u00C0-\\u024F]+)",                         // 4 variable
    "([A-Za-z][\\w.-]*)?:([\\w\\u00C0-\\u024F§.-]*)",             // 5, 6 prefixed name
    "\\b(\\d+(?:\\.\\d+)?)\\b",                                   // 7 number
    "\\b([A-Za-z_]+)\\b"                                          // 8 word (a keyword or not)
  ].join("|"), "g");

  function escape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function span(kind, text) {
    return '<span class="tok-' + kind + '">' + escape(text) + "</span>";
  }

  function highlight(source) {
    var out = "";
    var last = 0;
    source.replace(TOKEN, function (match, str, iri, com, variable, prefix, local, num, word, offset) {
      out += escape(source.slice(last, offset));
      last = offset + match.length;
      if (str) { out += span("str", match); }
      else if (iri) { out += span("iri", match); }
      else if (com) { out += span("com", match); }
      else if (variable) { out += span("var", match); }
      else if (num) { out += span("num", match); }
      else if (word) { out += KEYWORD_SET[word.toUpperCase()] ? span("kw", match) : escape(match); }
      else { out += span("pn", match); }
      return match;
    });
    // A trailing newline needs a character after it, or the <pre> is one line shorter than the textarea.
    return out + escape(source.slice(last)) + "\n";
  }

  function setUpEditor() {
    var editor = document.getElementById("editor");
    var textarea = document.getElementById("query");
    var code = document.getElementById("highlight");
    if (!editor || !textarea || !code) { return; }
    var pre = code.parentNode;
    function update() {
      code.innerHTML = highlight(textarea.value);
      pre.scrollTop = textarea.scrollTop;
      pre.scrollLeft = textarea.scrollLeft;
    }
    textarea.addEventListener("input", update);
    textarea.addEventListener("scroll", function () {
      pre.scrollTop = textarea.scrollTop;
      pre.scrollLeft = textarea.scrollLeft;
    });
    textarea.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        textarea.form.requestSubmit ? textarea.form.requestSubmit() : textarea.form.submit();
      }
    });
    editor.classList.add("enhanced");
    update();
  }

  function setUpCopy() {
    var button = document.getElementById("copy");
    var field = document.getElementById("share");
    var status = document.getElementById("copy-status");
    if (!button || !field || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        status.textContent = button.getAttribute("data-done");
      }, function () {
        field.select();
      });
    });
  }

  setUpEditor();
  setUpCopy();
}());
