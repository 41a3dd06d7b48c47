import type { ThemeConfig } from 'antd';

/*
 * antd's default palette fails WCAG AA on white: primary #1677ff is 4.1:1, error #ff4d4f 3.3:1,
 * success #52c41a 2.0:1 and secondary text rgba(0,0,0,.45) 3.4:1. These darker shades from the
 * same palettes keep the look and reach ≥ 5.5:1 (normal) and ≥ 7:1, WCAG AAA (elderly mode).
 */
const normal: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9', // blue-7: 6.2:1 on white, 5.5:1 on the selected-menu blue
    // antd lightens on hover (#2e7ae6: 4.2:1 under white text); darken instead, so the button
    // under the pointer (or finger, after a tap) stays readable.
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    colorInfo: '#0958d9',
    colorError: '#cf1322', // red-7: 5.6:1
    colorErrorHover: '#a8071a',
    colorErrorActive: '#820014',
    colorSuccess: '#237804', // green-8: 5.6:1
    colorWarning: '#ad4e00', // orange-8: 5.4:1
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)', // #595959: 7:1
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    // Placeholders (e.g. an empty Select's "省份") are text too: rgba(0,0,0,.25) is 1.8:1.
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)', // #707070: 4.9:1
    fontSize: 16, // phones first: 14px is hard to read on a 360px screen in sunlight
    fontSizeHeading1: 28,
    fontSizeHeading2: 22,
    fontSizeHeading3: 18,
    controlHeight: 40,
  },
};

const elderly: ThemeConfig = {
  token: {
    colorPrimary: '#003eb3', // blue-8: 9:1 on white
    colorPrimaryHover: '#002c8c',
    colorPrimaryActive: '#061178',
    colorLink: '#003eb3',
    colorLinkHover: '#002c8c',
    colorLinkActive: '#061178',
    colorInfo: '#003eb3',
    colorError: '#a8071a', // red-9: 7.8:1
    colorErrorHover: '#820014',
    colorErrorActive: '#5c0011',
    colorSuccess: '#135200', // green-10: 9.4:1
    colorWarning: '#874d00', // gold-9: 6.8:1 (warnings also carry an icon and text)
    colorText: '#000000',
    colorTextHeading: '#000000',
    colorTextSecondary: '#262626',
    colorTextTertiary: '#262626',
    colorTextDescription: '#262626',
    colorTextLabel: '#000000',
    colorTextPlaceholder: '#595959', // 7:1
    colorBorder: '#595959', // 7:1: input outlines must stay visible to weak eyes
    colorBorderSecondary: '#8c8c8c',
    colorBgLayout: '#ffffff',
    fontSize: 20,
    fontSizeSM: 18,
    fontSizeLG: 22,
    fontSizeHeading1: 34,
    fontSizeHeading2: 28,
    fontSizeHeading3: 24,
    controlHeight: 52,
    controlHeightSM: 40,
    controlHeightLG: 60,
    lineHeight: 1.6,
  },
};

/*
 * Motion off: antd's button loading icon waits for a transitionend that never fires when the
 * answer comes back mid-animation, leaving "loading" in the button's accessible name; fades also
 * slow the app on cheap phones and trouble users with vestibular disorders (WCAG 2.3.3).
 */
const calm: ThemeConfig['token'] = { motion: false };

export function themeFor(elderlyMode: boolean): ThemeConfig {
  const base = elderlyMode ? elderly : normal;
  return { ...base, token: { ...base.token, ...calm } };
}
