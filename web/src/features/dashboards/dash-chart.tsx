import { useEffect, useRef, type RefObject } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

// Only the charts and components the dashboards use are registered (echarts/core), and this module
// is reached only from the lazily loaded dashboard routes, so ECharts stays out of the main bundle.
// Not echarts-for-react: its esm/core imports `tslib` without declaring it.
echarts.use([
  BarChart,
  LineChart,
  FunnelChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartInstance = echarts.ECharts;
/** What a click in a category chart reports: the index of the category (x axis) clicked. */
export type ChartClick = { dataIndex: number };

/**
 * A chart drawn on a canvas, resized with its box. The canvas is an image with a name for screen
 * readers; its figures are in the data table under it, which is what they read.
 */
export function DashChart({
  option,
  label,
  instanceRef,
  onClick,
  height = 320,
}: {
  option: EChartsCoreOption;
  label: string;
  /** Receives the ECharts instance (for the PNG export). */
  instanceRef?: RefObject<ChartInstance | null>;
  onClick?: (click: ChartClick) => void;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartInstance | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    if (instanceRef) instanceRef.current = instance;
    // A click anywhere in a category's column counts, not only on its bars: a district with no
    // vacancies has no bar to hit.
    instance.getZr().on('click', (e) => {
      if (!clickRef.current) return;
      const point = [e.offsetX, e.offsetY];
      if (!instance.containPixel({ gridIndex: 0 }, point)) return;
      const value = instance.convertFromPixel({ gridIndex: 0 }, point) as number[] | number;
      const index = Math.round(Array.isArray(value) ? (value[0] ?? -1) : value);
      if (index >= 0) clickRef.current({ dataIndex: index });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
      if (instanceRef) instanceRef.current = null;
    };
  }, [instanceRef]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      className="dash-chart"
      style={{ height, cursor: onClick ? 'pointer' : undefined }}
    />
  );
}
