import { createRequire } from 'node:module';
import path from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import type { TWeekFigures } from '../../domain/surveys/weekly-figures';

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

/** `2026-W47` → `W47`: the year only adds width. */
const shortWeek = (label: string) => label.replace(/^\d{4}-/, '');

function trendSpec(trend: TWeekFigures[], title: string): TopLevelSpec {
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
    width: 560,
    height: 150,
    title: { text: series, anchor: 'start' as const, fontSize: 13 },
    transform: [{ filter: { field: 'series', equal: series } }, { filter: 'datum.score !== null' }],
    layer: [
      {
        mark: { type: 'rule' as const, color: '#bbbbbb', strokeDash: [4, 4] },
        encoding: { y: { datum: series === 'NPS' ? 0 : 50 } },
      },
      {
        mark: { type: 'line' as const, point: { filled: true, size: 50, color }, color, strokeWidth: 2.5 },
        encoding: {
          x: {
            field: 'week',
            type: 'ordinal' as const,
            scale: { domain: order },
            title: null,
            axis: { labelAngle: 0 },
          },
          y: { field: 'score', type: 'quantitative' as const, scale: { domain }, title: null },
        },
      },
      {
        mark: { type: 'text' as const, dy: -11, fontSize: 11, color: '#333333' },
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
    title: { text: title, anchor: 'start', fontSize: 15 },
    data: { values: points },
    vconcat: [panel('NPS', [-100, 100], '#2e6fd8'), panel('CSAT %', [0, 100], '#1f9d55')],
    resolve: { scale: { x: 'shared' } },
    background: 'white',
    padding: 16,
    config: { font: FONT_FAMILY, view: { stroke: null }, axis: { grid: true, gridColor: '#eeeeee' } },
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
