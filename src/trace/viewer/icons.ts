/**
 * Small inline SVG icons drawn with strokes in the current text colour. They depend on no
 * installed font, so no reader sees a missing-glyph box where a symbol like ⏵ is not available.
 */
const SVG = 'http://www.w3.org/2000/svg';

/** Path data in a 16 × 16 box. */
const PATHS = {
  info: ['M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z', 'M8 7v4.5', 'M8 4.5v.5'],
  warning: ['M8 1.8L15 14H1z', 'M8 6.2v3.8', 'M8 11.8v.4'],
  skew: ['M2 5.5h11', 'M10 2.5l3 3l-3 3', 'M14 10.5H3', 'M6 7.5l-3 3l3 3'],
  unfinished: ['M2 8h8', 'M7 4.5L10.5 8L7 11.5', 'M13 3v10'],
} as const;

export type IconName = keyof typeof PATHS;

/** A decorative icon (hidden from assistive technology: the text beside it says the same). */
export function icon(name: IconName, className = 'tv-icon'): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', className);
  for (const d of PATHS[name]) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}
