import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatRupiah, type Lang } from '../i18n';
import { compactRupiah } from './salesReport';

// Loaded with React.lazy by the sales report only: uPlot stays out of the admin chunk.

export type ChartPoint = {
  /** Under the bar on the axis: '3' (a day) or 'Nov' (a month). */
  axis: string;
  /** Under the chart while a finger or the pointer is on the bar: 'Sel, 3 Nov', 'Nov 2026'. */
  label: string;
  value: number;
};

const HEIGHT = 240;
const PRIMARY = '#0f766e';
const MUTED = '#475569';
const GRID = '#e2e8f0';

/** Bars of goods sold, one per day or month; sized to its box, redrawn when the box changes width. */
export default function SalesChart(props: { points: ChartPoint[]; lang: Lang; hint: string }) {
  const { points, lang, hint } = props;
  const box = useRef<HTMLDivElement>(null);
  const readout = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    // The last bar under the finger or the pointer, in words: it stays when the finger lifts (a phone
    // reports the touch as leaving the chart). Written to the DOM, not through React state on every move.
    const show = (index: number | null | undefined) => {
      const point = index == null ? undefined : points[index];
      if (point && readout.current) readout.current.textContent = `${point.label}: ${formatRupiah(point.value)}`;
    };
    if (readout.current) readout.current.textContent = hint;
    const xs = points.map((_, index) => index);
    const ys = points.map((point) => point.value);
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 200),
      height: HEIGHT,
      // A tap or a hover reads a bar out under the chart; dragging must not zoom on a phone.
      cursor: { drag: { x: false, y: false, setScale: false }, points: { show: false } },
      legend: { show: false },
      hooks: { setCursor: [(u) => show(u.cursor.idx)] },
      scales: {
        // Half a bar of room either side of the first and last bar.
        x: { time: false, range: () => [-0.5, points.length - 0.5] },
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
      },
      axes: [
        {
          stroke: MUTED,
          grid: { show: false },
          ticks: { show: false },
          size: 32,
          // Whole bars only, far enough apart to read at 360 px.
          incrs: [1, 2, 3, 4, 5, 6, 7, 10, 12, 14],
          space: 28,
          values: (_u, splits) => splits.map((split) => (Number.isInteger(split) ? (points[split]?.axis ?? '') : '')),
        },
        {
          stroke: MUTED,
          grid: { stroke: GRID, width: 1 },
          ticks: { show: false },
          size: 72,
          space: 40,
          values: (_u, splits) => splits.map((split) => compactRupiah(split, lang)),
        },
      ],
      series: [
        {},
        {
          fill: PRIMARY,
          stroke: PRIMARY,
          width: 0,
          points: { show: false },
          paths: uPlot.paths.bars?.({ size: [0.7, 48], radius: 0.15 }),
        },
      ],
    };
    const chart = new uPlot(options, [xs, ys], element);
    // uPlot follows a mouse; a finger's touch moves its cursor too, so a tap on a bar reads it out.
    const touch = (event: PointerEvent) => {
      if (event.pointerType !== 'mouse') chart.setCursor({ left: event.offsetX, top: event.offsetY });
    };
    chart.over.addEventListener('pointerdown', touch);
    const resize = new ResizeObserver(() => {
      const width = Math.max(element.clientWidth, 200);
      if (width !== chart.width) chart.setSize({ width, height: HEIGHT });
    });
    resize.observe(element);
    return () => {
      chart.over.removeEventListener('pointerdown', touch);
      resize.disconnect();
      chart.destroy();
    };
  }, [points, lang, hint]);

  // The table beside the chart carries the same figures for screen readers.
  return (
    <div aria-hidden="true">
      <div ref={box} className="sales-chart" />
      <p ref={readout} className="hint sales-chart-readout" />
    </div>
  );
}
