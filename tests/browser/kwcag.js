// The KWCAG 2.2 items axe-core does not check, measured in the page as the browser laid it out.
// Evaluated once per page (tests/browser/test_accessibility.py); defines window.kwcag. Each check returns
// findings as strings that start with the KWCAG item number. handbook/accessibility-checks.md says what each
// item asks and how it is measured here.
(() => {
  // KWCAG 6.1.3 asks 6.0 mm on the diagonal; CSS has 96 px to the inch, so 6 mm is 22.68 CSS px.
  const CONTROL_DIAGONAL_PX = (6 / 25.4) * 96;
  const CONTROLS = [
    "a[href]", "area[href]", "button", "input:not([type=hidden])", "select", "textarea", "summary", "label[for]",
    "[role=button]", "[role=link]", "[role=tab]", "[role=checkbox]", "[role=switch]", "[role=menuitem]",
    "[tabindex]:not([tabindex='-1'])",
  ].join(",");
  const BLOCK_DISPLAYS = /^(block|flex|grid|list-item|table|flow-root)$/;
  // Content blocks are flow elements of HTML; phrasing elements (span, strong, a…) are parts of one text even
  // where CSS lays them out as boxes (flex items), so they are not compared with each other.
  const BLOCK_TAGS = new Set([
    "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "DETAILS", "DIV", "DL", "FIELDSET", "FIGURE", "FOOTER", "FORM",
    "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI", "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "TABLE", "UL",
  ]);
  const SKIPPED_TAGS = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TITLE"]);

  const canvas = document.createElement("canvas").getContext("2d", { willReadFrequently: true });

  /** Any CSS colour as sRGB [r, g, b, alpha 0-1]; computed styles give rgb()/rgba(), others go through a canvas. */
  function rgba(text) {
    const match = /^rgba?\(([^)]*)\)$/.exec(text);
    if (match) {
      const parts = match[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
    }
    canvas.clearRect(0, 0, 1, 1);
    canvas.fillStyle = "#000";
    canvas.fillStyle = text;
    canvas.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  }

  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const hex = (color) => "#" + color.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");

  function luminance(color) {
    const channel = (value) => {
      const v = value / 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(color[0]) + 0.7152 * channel(color[1]) + 0.0722 * channel(color[2]);
  }

  function contrast(a, b) {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  }

  /** The opaque colour behind an element: its own and its ancestors' backgrounds over the white canvas. */
  function backgroundOf(element) {
    const layers = [];
    for (let node = element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage !== "none") return { image: node };
      const color = rgba(style.backgroundColor);
      if (color[3] > 0) {
        layers.push(color);
        if (color[3] >= 1) break;
      }
    }
    return { color: layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]) };
  }

  function opacityOf(element) {
    let opacity = 1;
    for (let node = element; node; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity);
    return opacity;
  }

  /** Hidden from sight but kept for screen readers (clip, clip-path, a 1 px box with overflow hidden). */
  function clippedAway(element) {
    for (const [node, style] of clippingChain(element)) {
      const box = node.getBoundingClientRect();
      if (style.clip !== "auto" && /absolute|fixed/.test(style.position) && (box.width <= 1 || box.height <= 1)) {
        return true;
      }
      if (/^inset\(50%/.test(style.clipPath)) return true;
      if ((box.width <= 1 || box.height <= 1) && style.overflow.includes("hidden")) return true;
    }
    return false;
  }

  /**
   * The element and the ancestors whose overflow can clip it: a positioned element escapes the overflow of
   * ancestors between it and its containing block (a drawer panel is not cut by the list it sits in).
   */
  function* clippingChain(element) {
    let escaping = null;
    for (let node = element; node && node !== document.documentElement; node = node.parentElement) {
      const style = getComputedStyle(node);
      const contains = style.transform !== "none" || style.filter !== "none" || /paint|layout|strict|content/.test(style.contain);
      if (escaping === "absolute" && (style.position !== "static" || contains)) escaping = null;
      if (escaping === "fixed" && contains) escaping = null;
      if (!escaping || node === element) yield [node, style];
      if (style.position === "absolute" || style.position === "fixed") escaping = style.position;
    }
  }

  /** The part of a rectangle its ancestors' overflow leaves visible (an ellipsis cuts text short), or null. */
  function clipped(rect, element) {
    let { left, top, right, bottom } = rect;
    for (const [node, style] of clippingChain(element)) {
      if (style.overflowX === "visible" && style.overflowY === "visible") continue;
      const box = node.getBoundingClientRect();
      if (style.overflowX !== "visible") [left, right] = [Math.max(left, box.left), Math.min(right, box.right)];
      if (style.overflowY !== "visible") [top, bottom] = [Math.max(top, box.top), Math.min(bottom, box.bottom)];
    }
    return right - left > 0 && bottom - top > 0 ? { left, top, right, bottom, width: right - left, height: bottom - top } : null;
  }

  function label(element) {
    let name = element.tagName.toLowerCase();
    if (element.id) name += "#" + element.id;
    const classes = [...element.classList].slice(0, 2);
    return classes.length ? `${name}.${classes.join(".")}` : name;
  }

  function describe(element) {
    const parent = element.parentElement;
    const where = parent && parent !== document.body ? `${label(parent)} > ` : "";
    const text = (element.innerText || element.textContent || element.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ");
    return `${where}${label(element)}${text ? ` "${text.slice(0, 40)}"` : ""}`;
  }

  /** Elements holding visible text, each with the rectangles of that text. */
  function textElements(root = document.body) {
    const found = new Map();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!node.data.trim() || !element || SKIPPED_TAGS.has(element.tagName) || element.closest("svg")) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].map((r) => clipped(r, element)).filter(Boolean);
      if (!rects.length) continue;
      if (!found.has(element)) {
        if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
        if (clippedAway(element)) continue;
        found.set(element, []);
      }
      found.get(element).push(...rects);
    }
    return found;
  }

  function isLarge(style) {
    const size = parseFloat(style.fontSize);
    return size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
  }

  /** 5.4.3: text (and placeholder text) against the background it is drawn on. */
  function contrastFindings(elements) {
    const findings = new Map();
    const measure = (element, style, foreground, what) => {
      const alpha = foreground[3] * opacityOf(element);
      if (alpha === 0) return; // not drawn at all (Material hides the placeholder while search is open)
      const background = backgroundOf(element);
      if (background.image) {
        findings.set(`image:${describe(background.image)}`,
          `5.4.3 contrast: ${what} ${describe(element)} is drawn on a background image at ` +
          `${describe(background.image)}; give it a background colour that can be measured`);
        return;
      }
      const text = over([...foreground.slice(0, 3), alpha], background.color);
      const ratio = contrast(text, background.color);
      const needed = isLarge(style) ? 3 : 4.5;
      if (ratio < needed) {
        const key = `${hex(text)}/${hex(background.color)}/${needed}/${element.className}`;
        findings.set(key,
          `5.4.3 contrast: ${what} ${hex(text)} on ${hex(background.color)} is ${ratio.toFixed(2)}:1, ` +
          `needs ${needed}:1 (${style.fontSize}, weight ${style.fontWeight}) at ${describe(element)}`);
      }
    };
    for (const element of elements.keys()) {
      const style = getComputedStyle(element);
      measure(element, style, rgba(style.color), "text");
    }
    for (const field of document.querySelectorAll("input[placeholder], textarea[placeholder]")) {
      // A placeholder shows only while the field is empty.
      if (field.value || !field.getAttribute("placeholder").trim()) continue;
      if (!field.checkVisibility({ visibilityProperty: true })) continue;
      if (clippedAway(field) || !field.getClientRects().length) continue;
      const placeholder = getComputedStyle(field, "::placeholder");
      measure(field, placeholder, rgba(placeholder.color), "placeholder");
    }
    return [...findings.values()];
  }

  /** 6.1.3: every control at least 6 mm on the diagonal; inline links included. */
  function controlSizeFindings() {
    const findings = [];
    for (const control of document.querySelectorAll(CONTROLS)) {
      if (!control.checkVisibility({ visibilityProperty: true }) || clippedAway(control)) continue;
      const boxes = [control, ...control.querySelectorAll("*")].flatMap((node) =>
        node === control && getComputedStyle(node).display === "inline"
          ? [...node.getClientRects()]
          : [node.getBoundingClientRect()],
      );
      const sized = boxes.filter((box) => box.width > 0 && box.height > 0);
      if (!sized.length) continue;
      const diagonal = Math.max(...sized.map((box) => Math.hypot(box.width, box.height)));
      if (diagonal < CONTROL_DIAGONAL_PX) {
        const box = sized.find((b) => Math.hypot(b.width, b.height) === diagonal);
        findings.push(
          `6.1.3 control size: ${describe(control)} is ${box.width.toFixed(1)} x ${box.height.toFixed(1)} px ` +
            `(${diagonal.toFixed(1)} px diagonal), needs ${CONTROL_DIAGONAL_PX.toFixed(1)} px (6 mm)`,
        );
      }
    }
    return findings;
  }

  /** 7.2.1: a link or form that opens a new window says so in its name, title or text. */
  function newWindowFindings(newWindowWords) {
    const findings = [];
    for (const element of document.querySelectorAll("a[target], area[target], form[target]")) {
      const target = element.getAttribute("target").toLowerCase();
      if (["_self", "_parent", "_top", ""].includes(target)) continue;
      const said = [element.getAttribute("aria-label") || "", element.getAttribute("title") || "", element.textContent]
        .join(" ")
        .toLowerCase();
      if (!newWindowWords.some((word) => said.includes(word))) {
        const where = element.getAttribute("href") || element.getAttribute("action");
        findings.push(`7.2.1 new window: link to ${where} opens a new window without saying so`);
      }
    }
    return findings;
  }

  /** 6.4.2: "page | site" titles that name the page first. */
  function titleFindings(siteName) {
    const title = document.title;
    const parts = title.split(" | ");
    if (parts.length < 2 || parts[parts.length - 1] !== siteName || !parts[0].trim()) {
      return [`6.4.2 title: "${title}" is not "page | ${siteName}"`];
    }
    if (parts[0].trim() === siteName) return [`6.4.2 title: "${title}" repeats the site name instead of naming the page`];
    return [];
  }

  /** 8.1.1: ids used once (the Nu checker checks the built files; this checks the page after its scripts ran). */
  function duplicateIdFindings() {
    const seen = new Map();
    for (const element of document.querySelectorAll("[id]")) seen.set(element.id, (seen.get(element.id) || 0) + 1);
    return [...seen].filter(([, count]) => count > 1).map(([id, count]) => `8.1.1 ids: id "${id}" is used ${count} times`);
  }

  /** 5.3.1: data tables have header cells, and each header cell is in the head, starts its row, or has a scope. */
  function tableFindings() {
    const findings = [];
    for (const table of document.querySelectorAll("table")) {
      if (["presentation", "none"].includes(table.getAttribute("role"))) continue;
      const headers = [...table.querySelectorAll("th")];
      if (!headers.length) {
        findings.push(`5.3.1 tables: ${describe(table)} has no header cells (th)`);
        continue;
      }
      for (const cell of headers) {
        const mapped = cell.closest("thead") || cell.hasAttribute("scope") || cell.hasAttribute("id") ||
          cell.parentElement.firstElementChild === cell || cell.parentElement === table.rows[0];
        if (!mapped) findings.push(`5.3.1 tables: header cell ${describe(cell)} is neither in the first row nor column and has no scope`);
      }
    }
    return findings;
  }

  function union(rects) {
    const box = { top: Infinity, left: Infinity, bottom: -Infinity, right: -Infinity };
    for (const r of rects) {
      box.top = Math.min(box.top, r.top);
      box.left = Math.min(box.left, r.left);
      box.bottom = Math.max(box.bottom, r.bottom);
      box.right = Math.max(box.right, r.right);
    }
    return box;
  }

  /** Space between the lines inside a block: line height less the height of the text itself. */
  function leading(element, textRects) {
    const style = getComputedStyle(element);
    const lineHeight = style.lineHeight === "normal" ? 1.2 * parseFloat(style.fontSize) : parseFloat(style.lineHeight);
    const glyphs = Math.min(...textRects.map((r) => r.height));
    return Math.max(0, lineHeight - glyphs);
  }

  const outOfFlow = (element) => /^(absolute|fixed)$/.test(getComputedStyle(element).position);

  function hasEdge(element, side) {
    const style = getComputedStyle(element);
    const width = parseFloat(style[`border${side}Width`]);
    return width >= 1 && style[`border${side}Style`] !== "none" && rgba(style[`border${side}Color`])[3] > 0;
  }

  function ownBackground(element) {
    const color = rgba(getComputedStyle(element).backgroundColor);
    return color[3] > 0 || getComputedStyle(element).backgroundImage !== "none";
  }

  /**
   * 5.4.4: adjacent content blocks are told apart. Two sibling blocks that both show text are separated
   * when one has a border on the side facing the other, one has a background of its own that differs from
   * the other's, or the empty space between their text is larger than the space between the lines inside them.
   * Blocks taken out of the flow (position absolute or fixed) are layers with their own edges, not neighbours;
   * a heading and the block it introduces are one piece of content.
   */
  function separationFindings(elements) {
    const ink = new Map();
    for (const [element, rects] of elements) {
      for (let node = element; node && node !== document.documentElement; node = node.parentElement) {
        if (!ink.has(node)) ink.set(node, { rects: [], leading: 0 });
        const entry = ink.get(node);
        entry.rects.push(...rects);
        entry.leading = Math.max(entry.leading, leading(element, rects));
        if (outOfFlow(node)) break; // a layer over the page (a drawer panel, a menu) is not its parent's text
      }
    }
    const isBlock = (node) => BLOCK_TAGS.has(node.tagName) && BLOCK_DISPLAYS.test(getComputedStyle(node).display);
    const findings = [];
    for (const parent of ink.keys()) {
      const children = [...parent.children].filter((child) => ink.has(child) && isBlock(child) && !outOfFlow(child));
      for (let i = 1; i < children.length; i++) {
        const [first, second] = [children[i - 1], children[i]];
        if (/^H[1-6]$/.test(first.tagName)) continue; // a heading belongs to the block it introduces
        const a = union(ink.get(first).rects);
        const b = union(ink.get(second).rects);
        const vertical = b.top >= a.bottom - 1 || a.top >= b.bottom - 1;
        const gap = vertical ? Math.max(b.top - a.bottom, a.top - b.bottom) : Math.max(b.left - a.right, a.left - b.right);
        const needed = Math.max(ink.get(first).leading, ink.get(second).leading);
        if (gap > needed) continue;
        const [before, after] = vertical ? ["Bottom", "Top"] : ["Right", "Left"];
        if (hasEdge(first, before) || hasEdge(second, after)) continue;
        const bgFirst = backgroundOf(first).color;
        const bgSecond = backgroundOf(second).color;
        if ((ownBackground(first) || ownBackground(second)) && bgFirst && bgSecond && hex(bgFirst) !== hex(bgSecond)) continue;
        findings.push(
          `5.4.4 separation: ${describe(first)} and ${describe(second)} are ${gap.toFixed(1)} px apart ` +
            `(${vertical ? "stacked" : "side by side"}), no border or background between them; ` +
            `needs more than the ${needed.toFixed(1)} px between their lines`,
        );
      }
    }
    return findings;
  }

  window.kwcag = {
    contrast, rgba, backgroundOf, describe, textElements, contrastFindings, controlSizeFindings,
    all(siteName, newWindowWords) {
      const elements = textElements();
      return [
        ...titleFindings(siteName),
        ...duplicateIdFindings(),
        ...newWindowFindings(newWindowWords),
        ...tableFindings(),
        ...contrastFindings(elements),
        ...controlSizeFindings(),
        ...separationFindings(elements),
      ];
    },
  };
})();
