/// Renders each formula the prose marked (`.math`) with KaTeX, to MathML, which Chromium, Firefox
/// and Safari draw natively: no fonts to embed, nothing fetched. A formula KaTeX cannot read
/// shows its TeX and KaTeX's message in its place; the rest of the page is unaffected.
/// `nbRenderMath(root)` renders under `root`: at load, and again for content the live preview swaps in.
enum MathScript {
    /// The JavaScript, run after KaTeX's own script.
    static let javaScript = """
        "use strict";
        window.nbRenderMath = (root) => {
          for (const element of root.querySelectorAll(".math")) {
            const tex = element.textContent;
            const displayMode = element.classList.contains("math-display");
            try {
              katex.render(tex, element, {displayMode, output: "mathml", throwOnError: true, strict: "ignore"});
            } catch (error) {
              const source = document.createElement("code");
              source.textContent = tex;
              const message = document.createElement("span");
              message.className = "math-error-message";
              message.textContent = error instanceof katex.ParseError ? error.message : "KaTeX: " + String(error);
              element.classList.add("math-error");
              element.setAttribute("role", "note");
              element.replaceChildren(source, message);
            }
          }
        };
        window.nbRenderMath(document);
        """
}
