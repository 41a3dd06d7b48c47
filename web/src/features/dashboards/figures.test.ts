import { describe, expect, it } from 'vitest';
import { changeText, exportName, formatFigure } from './figures';
import type { Dt } from './i18n';

// Echoes the key and its values, so the choice of message is what is tested.
const dt: Dt = (key, options) => (options ? `${key} ${JSON.stringify(options)}` : key);

describe('headline figures', () => {
  it('says the direction in words beside the arrow', () => {
    expect(changeText(dt, 2.5, 70, 20)).toEqual({
      arrow: '↑',
      text: 'change.up {"pct":"250%"}',
      direction: 'up',
    });
    expect(changeText(dt, -0.125, 7, 8)).toMatchObject({ arrow: '↓', text: 'change.down {"pct":"12.5%"}' });
    expect(changeText(dt, 0, 5, 5)).toMatchObject({ direction: 'flat', text: 'change.flat' });
  });

  it('tells "no change to compute" apart from "no change"', () => {
    expect(changeText(dt, null, 0, 0)).toMatchObject({ direction: 'flat' });
    expect(changeText(dt, null, 12, 0)).toEqual({ arrow: '', text: 'change.none', direction: 'none' });
  });

  it('formats ratios, counts and money', () => {
    expect(formatFigure('supplyDemandRatio', 6.5, 'zh-CN')).toBe('6.50');
    expect(formatFigure('supplyDemandRatio', null, 'zh-CN')).toBe('—');
    expect(formatFigure('vacancies', 12345, 'zh-CN')).toBe('12,345');
  });

  it('names exported files area-chart-month, safe on every system', () => {
    expect(exportName('湛江', '求人倍率', '2020-04')).toBe('湛江-求人倍率-2020-04');
    expect(exportName('a/b', 'c d', '2020-04')).toBe('a_b-c_d-2020-04');
  });
});
