// Measures one element of the page as drawn: what `check --render` judges.
//
// Evaluated in the page as `(MEASURE)(target, mark)`: `target` is
// {tag, attr, value, nth} naming an element by its attribute's value and
// rank; `mark` draws a dashed outline over the element's full box (for the
// picture of a problem) or removes it when false. Returns plain data.
(function (target, mark) {
  'use strict';
  const OUTLINE_ID = 'ceop-onboard-outline';
  const old = document.getElementById(OUTLINE_ID);
  if (old) old.remove();

  const all = Array.from(document.getElementsByTagName(target.tag))
    .filter((e) => e.getAttribute(target.attr) === target.value);
  const el = all[target.nth];
  if (!el) return { found: false };

  const name = (e) => {
    let s = '<' + e.tagName.toLowerCase();
    if (e.id) s += ' id="' + e.id + '"';
    const cls = typeof e.className === 'string' ? e.className.trim() : '';
    if (cls) s += ' class="' + cls.split(/\s+/).slice(0, 3).join(' ') + '"';
    return s + '>';
  };
  const ancestors = [];
  for (let p = el.parentElement; p; p = p.parentElement) ancestors.push(p);

  // Hidden: display, visibility, opacity, zero size.
  let hidden = null;
  for (const e of [el].concat(ancestors)) {
    const cs = getComputedStyle(e);
    if (cs.display === 'none') {
      hidden = 'display: none' + (e === el ? '' : ' on ' + name(e));
      break;
    }
    if (parseFloat(cs.opacity) < 0.05) {
      hidden = 'opacity: ' + cs.opacity + (e === el ? '' : ' on ' + name(e));
      break;
    }
  }
  const own = getComputedStyle(el);
  if (!hidden && (own.visibility === 'hidden' || own.visibility === 'collapse')) {
    hidden = 'visibility: ' + own.visibility;
  }

  // Bring it into the window when it is outside, to test what covers it.
  let r = el.getBoundingClientRect();
  if (!hidden && (r.bottom > innerHeight || r.top < 0)) {
    el.scrollIntoView({ block: 'center', inline: 'nearest' });
    r = el.getBoundingClientRect();
  }
  if (!hidden && (r.width < 1 || r.height < 1)) {
    hidden = 'drawn at zero size';
  }

  // Cropped by an ancestor that hides its overflow.
  let cropped = null;
  if (!hidden) {
    for (const p of ancestors) {
      const cs = getComputedStyle(p);
      const clips = (v) => v === 'hidden' || v === 'clip';
      if (!clips(cs.overflowX) && !clips(cs.overflowY)) continue;
      const b = p.getBoundingClientRect();
      const left = b.left + p.clientLeft;
      const top = b.top + p.clientTop;
      const box = { left, top, right: left + p.clientWidth, bottom: top + p.clientHeight };
      const outX = clips(cs.overflowX) && (r.left < box.left - 0.5 || r.right > box.right + 0.5);
      const outY = clips(cs.overflowY) && (r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5);
      if (outX || outY) {
        const w = Math.max(0, Math.min(r.right, box.right) - Math.max(r.left, box.left));
        const h = Math.max(0, Math.min(r.bottom, box.bottom) - Math.max(r.top, box.top));
        cropped = 'cropped to ' + Math.round(w) + '×' + Math.round(h) + ' by ' + name(p) +
          ' (overflow: ' + (cs.overflowX === cs.overflowY ? cs.overflowX : cs.overflowX + ' ' + cs.overflowY) + ')';
        break;
      }
    }
  }

  // Off the page: left of or above the document, or past the window's right edge.
  let offPage = null;
  const docLeft = r.left + scrollX;
  const docTop = r.top + scrollY;
  const width = document.documentElement.clientWidth;
  if (!hidden) {
    if (docLeft < -0.5) offPage = Math.round(-docLeft) + ' px past the left edge';
    else if (docTop < -0.5) offPage = Math.round(-docTop) + ' px above the top edge';
    else if (r.right > width + 0.5) offPage = Math.round(r.right - width) + ' px past the right edge of the window';
  }

  // Covered at its centre by another element.
  let covered = null;
  if (!hidden && !cropped) {
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    if (cx >= 0 && cy >= 0 && cx < width && cy < innerHeight) {
      const hit = document.elementFromPoint(cx, cy);
      if (hit && hit !== el && !el.contains(hit) && !hit.contains(el)) covered = name(hit);
    }
  }

  // The signposting: the text of the block around it (its link's) and of
  // the block around that, as drawn (text hidden at this width is not in it).
  const link = el.closest('a');
  const blockAround = (e) => {
    let b = e.parentElement;
    while (b && b.parentElement) {
      const d = getComputedStyle(b).display;
      if (!d.startsWith('inline') && d !== 'contents') break;
      b = b.parentElement;
    }
    return b;
  };
  let block = blockAround(link || el);
  if (block && block.parentElement && block !== document.body) block = blockAround(block) || block;

  if (mark) {
    const o = document.createElement('div');
    o.id = OUTLINE_ID;
    o.style.cssText = 'position:absolute;pointer-events:none;z-index:2147483647;box-sizing:border-box;' +
      'border:2px dashed #d00;left:' + (docLeft - 2) + 'px;top:' + (docTop - 2) + 'px;width:' +
      (r.width + 4) + 'px;height:' + (r.height + 4) + 'px';
    document.body.appendChild(o);
  }

  return {
    found: true,
    w: r.width,
    h: r.height,
    x: docLeft,
    y: docTop,
    nw: el.naturalWidth || 0,
    nh: el.naturalHeight || 0,
    src: el.currentSrc || '',
    href: link ? link.href : '',
    hidden,
    cropped,
    offPage,
    covered,
    text: block ? (block.innerText || '').slice(0, 20000) : '',
    pageWidth: width,
  };
})
