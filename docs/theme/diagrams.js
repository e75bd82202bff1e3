// Draws the ```mermaid blocks of a docs page as state diagrams. Loaded (with mermaid itself) only on
// pages that have such a block; see scripts/typedoc-plugin.mjs.
//
// A diagram is shown at its natural size inside a frame that scrolls (and can be dragged) both
// ways, so its labels stay readable however wide the machine is; "Fit to width" shrinks it to the
// column for an overview, "Actual size" brings it back.
(() => {
  const mermaid = window.mermaid;
  // mermaid would draw every .mermaid element itself on load, while typedoc still hides the page.
  if (mermaid) mermaid.initialize({ startOnLoad: false });

  /** Drag with the mouse (or a pen) to pan a frame; touch screens scroll it natively. */
  const pannable = (frame) => {
    let from;
    frame.addEventListener('pointerdown', (event) => {
      if (event.pointerType === 'touch' || event.button !== 0) return;
      from = { x: event.clientX, y: event.clientY, left: frame.scrollLeft, top: frame.scrollTop };
      frame.setPointerCapture(event.pointerId);
      frame.classList.add('sc-panning');
    });
    frame.addEventListener('pointermove', (event) => {
      if (!from) return;
      frame.scrollLeft = from.left - (event.clientX - from.x);
      frame.scrollTop = from.top - (event.clientY - from.y);
    });
    const stop = () => {
      from = undefined;
      frame.classList.remove('sc-panning');
    };
    frame.addEventListener('pointerup', stop);
    frame.addEventListener('pointercancel', stop);
  };

  const figureFor = (svgText, index) => {
    const figure = document.createElement('figure');
    figure.className = 'sc-diagram';
    const bar = document.createElement('div');
    bar.className = 'sc-diagram-bar';
    const note = document.createElement('span');
    const toggle = document.createElement('button');
    toggle.type = 'button';
    bar.append(toggle, note);
    const frame = document.createElement('div');
    frame.className = 'sc-diagram-frame';
    frame.tabIndex = 0;
    frame.setAttribute('role', 'region');
    frame.setAttribute('aria-label', `State diagram ${index + 1} (scrollable)`);
    frame.innerHTML = svgText;
    figure.append(bar, frame);

    const svg = frame.querySelector('svg');
    const box = svg?.viewBox?.baseVal;
    if (svg && box && box.width > 0) {
      // mermaid sets width="100%" and max-width: <natural>px, which shrinks a wide machine to the
      // column; draw it at its natural size instead and let the frame scroll.
      svg.style.removeProperty('max-width');
      svg.setAttribute('width', String(Math.ceil(box.width)));
      svg.setAttribute('height', String(Math.ceil(box.height)));
      figure.dataset.naturalWidth = String(Math.ceil(box.width));
    }
    const show = (fit) => {
      figure.classList.toggle('sc-fit', fit);
      toggle.textContent = fit ? 'Actual size' : 'Fit to width';
      toggle.setAttribute('aria-pressed', String(fit));
      const wide = svg && frame.scrollWidth > frame.clientWidth + 1;
      note.textContent = fit
        ? 'Shrunk to the column: labels may be small.'
        : wide
          ? 'Scroll or drag sideways to see the whole diagram.'
          : '';
    };
    toggle.addEventListener('click', () => show(!figure.classList.contains('sc-fit')));
    pannable(frame);
    return { figure, show };
  };

  document.addEventListener('DOMContentLoaded', async () => {
    const blocks = [...document.querySelectorAll('pre > code.mermaid')];
    if (blocks.length === 0 || !mermaid) return;
    // typedoc keeps the body hidden until its own script shows the page; mermaid measures text,
    // which needs a rendered page, so wait for it (at most ~3 s).
    for (let i = 0; i < 60 && getComputedStyle(document.body).display === 'none'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const theme = document.documentElement.dataset.theme;
    const dark =
      theme === 'dark' || (theme !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
    mermaid.initialize({
      startOnLoad: false,
      theme: dark ? 'dark' : 'default',
      securityLevel: 'strict',
    });
    let n = 0;
    for (const code of blocks) {
      try {
        const { svg } = await mermaid.render(`sc-diagram-${n}`, code.textContent || '');
        const { figure, show } = figureFor(svg, n);
        code.parentElement.replaceWith(figure);
        show(false);
        n++;
      } catch (error) {
        console.error('diagram failed', error);
      }
    }
    document.body.dataset.diagrams = String(n);
  });
})();
