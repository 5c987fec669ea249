import { createRequire } from 'node:module';
import path from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { sparklineScale } from '../../core/surveys/survey-maths';
import type { TWeekFigures } from '../../core/surveys/weekly-figures';

/**
 * The font ships inside an npm package, so the chart's text renders the same on a bare server or CI as on a
 * laptop: resvg is told to load no system fonts at all.
 */
const FONT_FAMILY = 'DejaVu Sans';
const fontFile = path.join(
  path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
  'DejaVuSans.ttf',
);

interface TPoint {
  week: string;
  series: 'NPS' | 'CSAT %';
  score: number | null;
  responses: number;
}

/**
 * Sizes for Slack's inline preview, which shows the image scaled to about 360 px wide: a chart about 600 px wide
 * (before the 2× render) with labels of 16–20 px reads there at 10–12 px, where the old 11 px labels were ~6 px.
 */
const CHART = { width: 520, panelHeight: 170, title: 22, panelTitle: 19, label: 16, value: 17 } as const;

/** Each panel on its data's range (like the sparkline), with room above the highest point for its label. */
function paddedScale(kind: 'nps' | 'csat', trend: TWeekFigures[]): [number, number] {
  const [low, high] = sparklineScale(
    kind,
    trend.map((figures) => figures[kind].score),
  );
  const [floor, ceiling] = kind === 'nps' ? [-100, 100] : [0, 100];
  const pad = (high - low) * 0.15;
  return [Math.max(floor, Math.floor(low - pad)), Math.min(ceiling, Math.ceil(high + pad))];
}

/** `2026-W47` → `W47`: the year only adds width. */
const shortWeek = (label: string) => label.replace(/^\d{4}-/, '');

export function trendSpec(trend: TWeekFigures[], title: string): TopLevelSpec {
  const points: TPoint[] = trend.flatMap((figures) => [
    { week: shortWeek(figures.week.label), series: 'NPS', score: figures.nps.score, responses: figures.nps.responses },
    {
      week: shortWeek(figures.week.label),
      series: 'CSAT %',
      score: figures.csat.score,
      responses: figures.csat.responses,
    },
  ]);
  const order = trend.map((figures) => shortWeek(figures.week.label));
  const panel = (series: TPoint['series'], domain: [number, number], color: string) => ({
    width: CHART.width,
    height: CHART.panelHeight,
    title: { text: series, anchor: 'start' as const, fontSize: CHART.panelTitle },
    transform: [{ filter: { field: 'series', equal: series } }, { filter: 'datum.score !== null' }],
    layer: [
      {
        mark: { type: 'rule' as const, color: '#bbbbbb', strokeDash: [4, 4], clip: true },
        encoding: { y: { datum: series === 'NPS' ? 0 : 50, scale: { domain, nice: true } } },
      },
      {
        mark: { type: 'line' as const, point: { filled: true, size: 90, color }, color, strokeWidth: 3.5 },
        encoding: {
          x: {
            field: 'week',
            type: 'ordinal' as const,
            scale: { domain: order },
            title: null,
            axis: { labelAngle: 0, labelFontSize: CHART.label },
          },
          y: {
            field: 'score',
            type: 'quantitative' as const,
            scale: { domain, nice: true },
            title: null,
            axis: { labelFontSize: CHART.label, tickCount: 4 },
          },
        },
      },
      {
        mark: { type: 'text' as const, dy: -16, fontSize: CHART.value, fontWeight: 'bold' as const, color: '#222222' },
        encoding: {
          x: { field: 'week', type: 'ordinal' as const, scale: { domain: order } },
          y: { field: 'score', type: 'quantitative' as const },
          text: { field: 'score', type: 'quantitative' as const },
        },
      },
    ],
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, anchor: 'start', fontSize: CHART.title },
    data: { values: points },
    vconcat: [
      panel('NPS', paddedScale('nps', trend), '#2e6fd8'),
      panel('CSAT %', paddedScale('csat', trend), '#1f9d55'),
    ],
    resolve: { scale: { x: 'shared' } },
    background: 'white',
    padding: 16,
    config: {
      font: FONT_FAMILY,
      view: { stroke: null },
      axis: { grid: true, gridColor: '#e6e6e6', labelColor: '#333333', domainColor: '#999999' },
    },
  } as TopLevelSpec;
}

/** The 8-week NPS and CSAT trend as a PNG: Vega-Lite to SVG in-process (no browser), then resvg to pixels. */
export async function renderSurveyTrendPng(trend: TWeekFigures[], title: string): Promise<Buffer> {
  // Loaded on the first chart, not at start: the charting stack is about 45 MB of a weekly job's memory.
  const [vega, { compile }, { Resvg }] = await Promise.all([
    import('vega'),
    import('vega-lite'),
    import('@resvg/resvg-js'),
  ]);
  const { spec } = compile(trendSpec(trend, title));
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const png = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: 2 },
      font: { loadSystemFonts: false, fontFiles: [fontFile], defaultFontFamily: FONT_FAMILY },
    }).render();
    return png.asPng();
  } finally {
    view.finalize();
  }
}
